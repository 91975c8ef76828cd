import type { FastifyRequest } from 'fastify';
import { AppError } from '../../server/errors.ts';
import { type FupinModule, typed } from '../../server/module.ts';
import { CSRF_COOKIE, DEVICE_COOKIE, rotateCsrf, SESSION_COOKIE, setDeviceCookie, setSessionCookie } from '../../server/plugins/session.ts';
import { getRegion } from '../regions/service.ts';
import { roleById } from './roles.ts';
import { ChangePasswordInput, CsrfToken, LanguageInput, LoginInput, MeResponse, Ok } from './schema.ts';
import * as auth from './service.ts';

async function meView(req: FastifyRequest, user: auth.SessionUser) {
  const db = req.server.deps.database.db;
  const role = roleById(user.role);
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    roleLabel: role?.label[req.lang] ?? user.role,
    permissions: [...(role?.permissions ?? [])],
    scope: await getRegion(db, user.scope_code, user.scope_code, req.lang),
    isDemo: user.is_demo,
    mustChangePassword: auth.mustChangePassword(user),
    language: user.language as 'zh-CN' | 'en',
  };
}

const signedIn = (req: FastifyRequest) => {
  if (!req.user || !req.tokenHash) throw new AppError('UNAUTHENTICATED', 401);
  return { user: req.user, tokenHash: req.tokenHash };
};

export const authModule: FupinModule = {
  name: 'auth',
  async routes(app) {
    const r = typed(app);
    const db = app.deps.database.db;
    const tags = ['auth'];

    r.get(
      '/auth/csrf',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: 'The CSRF token',
          description: 'The value of the cookie `fupin_csrf`, which every write sends back in the header `x-csrf-token`.',
          response: { 200: CsrfToken },
        },
      },
      async (req) => ({
        csrfToken: req.cookies[CSRF_COOKIE] ?? '',
      }),
    );

    r.post(
      '/auth/login',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags,
          summary: 'Sign in',
          description:
            'Sets the session cookie and a new CSRF token. `INVALID_CREDENTIALS` (401) for an unknown name, a wrong password and a disabled account alike; `ACCOUNT_LOCKED` (423, details `{ until }`) after too many failures from this browser (decision 0006).',
          body: LoginInput,
          response: { 200: MeResponse },
        },
      },
      async (req, reply) => {
        const { token, user, device } = await auth.login(db, app.deps.keys, {
          username: req.body.username,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          device: req.cookies[DEVICE_COOKIE],
        });
        const secure = app.deps.secureCookies ?? false;
        setSessionCookie(reply, token, secure);
        if (device) setDeviceCookie(reply, device, secure);
        // A token that was readable before login (a shared computer, a planted cookie) is not the session's.
        rotateCsrf(reply, secure);
        return { user: await meView(req, user) };
      },
    );

    r.get(
      '/auth/me',
      { config: { access: { kind: 'self' } }, schema: { tags, summary: 'The signed-in user', response: { 200: MeResponse } } },
      async (req) => ({
        user: await meView(req, signedIn(req).user),
      }),
    );

    r.post(
      '/auth/logout',
      { config: { access: { kind: 'self' } }, schema: { tags, summary: 'Sign out', response: { 200: Ok } } },
      async (req, reply) => {
        const { user, tokenHash } = signedIn(req);
        await auth.logout(db, user, tokenHash, req.ip);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        rotateCsrf(reply, app.deps.secureCookies ?? false);
        return { ok: true as const };
      },
    );

    r.post(
      '/auth/change-password',
      {
        config: { access: { kind: 'self' } },
        schema: {
          tags,
          summary: 'Change the own password',
          description:
            'Errors: `WRONG_PASSWORD` (counted like a failed login), `PASSWORD_REUSED`, and one code per policy rule with details `[{ path: "newPassword", code }]`: `PASSWORD_TOO_SHORT`, `PASSWORD_TOO_FEW_CLASSES`, `PASSWORD_HAS_USERNAME`, `PASSWORD_COMMON`, `PASSWORD_DEMO_ONLY`, `PASSWORD_TOO_LONG` (settings `auth.password_*`).',
          body: ChangePasswordInput,
          response: { 200: Ok },
        },
      },
      async (req) => {
        const { user, tokenHash } = signedIn(req);
        await auth.changePassword(db, app.deps.keys, user, req.body, tokenHash, { ip: req.ip, device: req.cookies[DEVICE_COOKIE] });
        return { ok: true as const };
      },
    );

    r.put(
      '/auth/language',
      {
        config: { access: { kind: 'self' } },
        schema: { tags, summary: 'Set the own language (zh-CN or en)', body: LanguageInput, response: { 200: Ok } },
      },
      async (req, reply) => {
        const { user } = signedIn(req);
        await auth.setLanguage(db, user, req.body.language, req.ip);
        reply.setCookie('fupin_lang', req.body.language, { path: '/', sameSite: 'lax', secure: app.deps.secureCookies ?? false });
        return { ok: true as const };
      },
    );
  },
};
