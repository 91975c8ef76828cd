import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { VERSION } from '../config.ts';
import type { Database } from '../db/connection.ts';
import type { PiiKeys } from '../modules/pii/crypto.ts';
import { EntityRegistry } from './access.ts';
import { MODULES } from './modules.ts';
import { accessPlugin, type RouteInfo } from './plugins/access.ts';
import { errorPlugin } from './plugins/errors.ts';
import { sessionPlugin } from './plugins/session.ts';

export interface AppDeps {
  database: Database;
  keys: PiiKeys;
  secureCookies?: boolean;
  logger?: boolean | { level: string };
  /** Where uploads are kept (DATA_DIR). */
  dataDir?: string;
  /** The built web app; served when it exists. */
  webDir?: string;
}

export type App = FastifyInstance & { withTypeProvider: FastifyInstance['withTypeProvider'] };

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    entities: EntityRegistry;
    routeTable: RouteInfo[];
  }
}

const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Trusting X-Forwarded-For only matters behind a proxy; the audit trail records whatever address we see.
    trustProxy: true,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.decorate('entities', new EntityRegistry());
  app.decorate('routeTable', [] as RouteInfo[]);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1 } });
  await app.register(errorPlugin);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Fupin API', description: '扶贫 · 抓党建促脱贫攻坚 — HTTP API', version: VERSION },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fupin_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(sessionPlugin);
  await app.register(accessPlugin);

  for (const mod of MODULES) {
    mod.entities?.(app.entities);
    await app.register(mod.routes, { prefix: '/api' });
  }

  const webDir = deps.webDir ?? DEFAULT_WEB_DIR;
  if (existsSync(path.join(webDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: 'index.html' });
    app.decorate('webIndex', true);
  }
  return app;
}
