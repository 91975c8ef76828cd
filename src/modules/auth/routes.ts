import type { FastifyRequest } from 'fastify';
import { AppError } from '../../server/errors.ts';
import { type FupinModule, typed } from '../../server/module.ts';
import { CSRF_COOKIE, SESSION_COOKIE, setSessionCookie } from '../../server/plugins/session.ts';
import { getRegion } from '../regions/service.ts';
import { roleById } from './roles.ts';
import { ChangePasswordInput, LanguageInput, LoginInput, MeResponse, Ok } from './schema.ts';
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

    r.get('/auth/csrf', { config: { access: { kind: 'public' } }, schema: { tags } }, async (req) => ({
      csrfToken: req.cookies[CSRF_COOKIE],
    }));

    r.post(
      '/auth/login',
      { config: { access: { kind: 'public' } }, schema: { tags, body: LoginInput, response: { 200: MeResponse } } },
      async (req, reply) => {
        const { token, user } = await auth.login(db, {
          username: req.body.username,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
        });
        setSessionCookie(reply, token, app.deps.secureCookies ?? false);
        return { user: await meView(req, user) };
      },
    );

    r.get('/auth/me', { config: { access: { kind: 'self' } }, schema: { tags, response: { 200: MeResponse } } }, async (req) => ({
      user: await meView(req, signedIn(req).user),
    }));

    r.post('/auth/logout', { config: { access: { kind: 'self' } }, schema: { tags, response: { 200: Ok } } }, async (req, reply) => {
      const { user, tokenHash } = signedIn(req);
      await auth.logout(db, user, tokenHash, req.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });

    r.post(
      '/auth/change-password',
      { config: { access: { kind: 'self' } }, schema: { tags, body: ChangePasswordInput, response: { 200: Ok } } },
      async (req) => {
        const { user, tokenHash } = signedIn(req);
        await auth.changePassword(db, user, req.body, tokenHash, req.ip);
        return { ok: true as const };
      },
    );

    r.put(
      '/auth/language',
      { config: { access: { kind: 'self' } }, schema: { tags, body: LanguageInput, response: { 200: Ok } } },
      async (req, reply) => {
        const { user } = signedIn(req);
        await auth.setLanguage(db, user, req.body.language, req.ip);
        reply.setCookie('fupin_lang', req.body.language, { path: '/', sameSite: 'lax', secure: app.deps.secureCookies ?? false });
        return { ok: true as const };
      },
    );
  },
};
