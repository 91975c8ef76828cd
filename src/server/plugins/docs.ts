import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { VERSION } from '../../config.ts';
import { getSetting } from '../../modules/settings.ts';
import { AppError } from '../errors.ts';
import { API_DESCRIPTION, transformDocument } from '../openapi.ts';

export const PUBLIC_DOCS_SETTING = 'security.public_api_docs';

/**
 * The API description at /api/docs (Swagger UI) and /api/docs/json: for signed-in users only, unless the
 * environment (FUPIN_PUBLIC_API_DOCS=1) or the setting `security.public_api_docs` makes it public. Swagger UI's
 * own scripts and styles under /api/docs/static stay public: they say nothing about this server.
 * Must be registered after the session plugin, which sets `req.user`.
 */
export const docsPlugin = fp(async (app, opts: { publicDocs?: boolean }) => {
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Fupin API', description: API_DESCRIPTION, version: VERSION },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fupin_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: transformDocument,
  });
  const gate = async (req: FastifyRequest) => {
    if (req.user || opts.publicDocs) return;
    if (await getSetting(app.deps.database.db, PUBLIC_DOCS_SETTING, false)) return;
    throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED', 401);
  };
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiHooks: { onRequest: gate } });
});
