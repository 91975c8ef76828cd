import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { resolveSession, type SessionUser } from '../../modules/auth/service.ts';
import { recordSecurityEvent } from '../../modules/security/service.ts';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    tokenHash: string | null;
    sessionExpired: boolean;
  }
}

export const SESSION_COOKIE = 'fupin_session';
export const CSRF_COOKIE = 'fupin_csrf';
/** Set at a successful login: the browser's own throttling counter for that name (decision 0006). */
export const DEVICE_COOKIE = 'fupin_device';
// One csrf_failed event per address a minute is enough to see an attack; a flood does not fill the table.
const CSRF_EVENT_EVERY_MS = 60_000;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Session cookie → `req.user`; double-submit CSRF token on every state-changing request.
 * The CSRF cookie is readable by our own scripts only (SameSite=Strict) and must come back as a header,
 * which a page on another site cannot do.
 */
export const sessionPlugin = fp(async (app) => {
  const secure = app.deps.secureCookies ?? false;
  app.decorateRequest('user', null);
  app.decorateRequest('tokenHash', null);
  app.decorateRequest('sessionExpired', false);

  const csrfEvents = new Map<string, number>();
  const recordCsrfFailure = async (req: FastifyRequest) => {
    const ip = req.ip ?? '';
    const now = Date.now();
    if (now - (csrfEvents.get(ip) ?? 0) < CSRF_EVENT_EVERY_MS) return;
    if (csrfEvents.size >= 10_000) csrfEvents.clear();
    csrfEvents.set(ip, now);
    const user = req.user;
    await recordSecurityEvent(app.deps.database.db, {
      kind: 'csrf_failed',
      actorId: user?.id ?? null,
      actorName: user?.username ?? '',
      scopeCode: user?.scope_code ?? '',
      ip: req.ip,
      details: { method: req.method, path: req.url.split('?')[0]?.slice(0, 200) ?? '' },
    });
  };

  app.addHook('onRequest', async (req, reply) => {
    let csrf = req.cookies[CSRF_COOKIE];
    if (!csrf) {
      csrf = randomBytes(24).toString('base64url');
      reply.setCookie(CSRF_COOKIE, csrf, { path: '/', sameSite: 'strict', secure, httpOnly: false });
      req.cookies[CSRF_COOKIE] = csrf;
    }
    // The session first, so that a CSRF failure is recorded with the user it was aimed at.
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await resolveSession(app.deps.database.db, token);
      if (found && 'user' in found) {
        req.user = found.user;
        req.tokenHash = found.tokenHash;
      } else {
        req.sessionExpired = found !== null;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    if (UNSAFE.has(req.method) && req.url.startsWith('/api')) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !req.cookies[CSRF_COOKIE] || !sameToken(header, csrf)) {
        await recordCsrfFailure(req);
        throw new AppError('CSRF_FAILED', 403);
      }
    }
  });
});

/** A new CSRF token (at login and logout): the page reads it from the cookie for its next write. */
export function rotateCsrf(reply: FastifyReply, secure: boolean) {
  reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { path: '/', sameSite: 'strict', secure, httpOnly: false });
}

export function setDeviceCookie(reply: FastifyReply, value: string, secure: boolean) {
  reply.setCookie(DEVICE_COOKIE, value, { path: '/api/auth', httpOnly: true, sameSite: 'strict', secure, maxAge: 400 * 86_400 });
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
