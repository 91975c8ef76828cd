import { randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { resolveSession, type SessionUser } from '../../modules/auth/service.ts';
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

  app.addHook('onRequest', async (req, reply) => {
    let csrf = req.cookies[CSRF_COOKIE];
    if (!csrf) {
      csrf = randomBytes(24).toString('base64url');
      reply.setCookie(CSRF_COOKIE, csrf, { path: '/', sameSite: 'strict', secure, httpOnly: false });
      req.cookies[CSRF_COOKIE] = csrf;
    }
    if (UNSAFE.has(req.method) && req.url.startsWith('/api')) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !req.cookies[CSRF_COOKIE] || !sameToken(header, csrf)) {
        throw new AppError('CSRF_FAILED', 403);
      }
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await resolveSession(app.deps.database.db, token);
    if (found && 'user' in found) {
      req.user = found.user;
      req.tokenHash = found.tokenHash;
    } else {
      req.sessionExpired = found !== null;
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });
});

export function setSessionCookie(reply: import('fastify').FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
