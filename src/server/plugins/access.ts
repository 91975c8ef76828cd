import fp from 'fastify-plugin';
import { hasPermission } from '../../modules/auth/roles.ts';
import { mustChangePassword } from '../../modules/auth/service.ts';
import { findRegion } from '../../modules/regions/queries.ts';
import type { Access } from '../access.ts';
import { AppError, notFound } from '../errors.ts';
import { isWithin } from '../scope.ts';

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** For collection routes: the region the request works in, already checked to be inside the user's scope. */
    region: string;
    /** For record routes: the region code of the record named in the URL, already checked. */
    recordRegion: string;
  }
}

/**
 * The one place where scope and permissions are enforced. Runs before body validation, so an
 * out-of-scope id answers 404 whatever the body holds, exactly like a missing id.
 */
export const accessPlugin = fp(async (app) => {
  app.decorateRequest('region', '');
  app.decorateRequest('recordRegion', '');

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access (see src/server/access.ts)`);
    if (access.kind === 'record' && !route.url.includes(`:${access.param}`)) {
      throw new Error(`route ${route.url}: record access names param ${access.param}, which the URL lacks`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, access });
  });

  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || access.kind === 'public') return;
    const user = req.user;
    if (!user) throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED', 401);
    if (access.kind === 'self') return;
    if (mustChangePassword(user)) throw new AppError('PASSWORD_CHANGE_REQUIRED', 403);
    if (!hasPermission(user.role, access.permission)) throw new AppError('FORBIDDEN', 403);

    if (access.kind === 'record') {
      const id = (req.params as Record<string, string>)[access.param] ?? '';
      const located = await app.entities.get(access.entity)(app.deps.database.db, id);
      if (!located || !isWithin(located, user.scope_code)) throw notFound();
      req.recordRegion = located;
      return;
    }
    req.region = user.scope_code;
    if (!access.region) return;
    const source = (access.region.in === 'query' ? req.query : req.body) as Record<string, unknown> | undefined;
    const wanted = source?.[access.region.field];
    if (wanted === undefined || wanted === null || wanted === '') return;
    if (typeof wanted !== 'string' || !isWithin(wanted, user.scope_code)) throw notFound();
    if (!(await findRegion(app.deps.database.db, wanted))) {
      throw new AppError('UNKNOWN_REGION', 400, { code: wanted }, [{ path: access.region.field, code: 'UNKNOWN_REGION' }]);
    }
    req.region = wanted;
  });
});
