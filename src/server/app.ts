import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/connection.ts';
import { registerAuditFields } from '../modules/audit/fields.ts';
import type { PiiKeys } from '../modules/pii/crypto.ts';
import { EntityRegistry } from './access.ts';
import { type LogConfig, loggerOptions } from './logging.ts';
import { MODULES } from './modules.ts';
import { accessPlugin, type RouteInfo } from './plugins/access.ts';
import { docsPlugin } from './plugins/docs.ts';
import { errorPlugin } from './plugins/errors.ts';
import { headersPlugin } from './plugins/headers.ts';
import { inputPlugin } from './plugins/input.ts';
import { lifecyclePlugin } from './plugins/lifecycle.ts';
import { sessionPlugin } from './plugins/session.ts';

export interface AppDeps {
  database: Database;
  keys: PiiKeys;
  secureCookies?: boolean;
  /** Whose X-Forwarded-For to believe (FUPIN_TRUST_PROXY): nobody's by default, so clients cannot set their address. */
  trustProxy?: false | number | string;
  /** Serve /api/docs without login (FUPIN_PUBLIC_API_DOCS); the setting security.public_api_docs does the same. */
  publicApiDocs?: boolean;
  /** Pino's level (and a destination for tests); lines are masked, see logging.ts. */
  logger?: boolean | LogConfig;
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

const trustHops = (n: number) => (_address: string, hop: number) => hop < n;

const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    logger: deps.logger ? loggerOptions(deps.logger === true ? { level: 'info' } : deps.logger) : false,
    bodyLimit: 1024 * 1024,
    // A hop count as a function: Fastify's types take only booleans, lists and functions.
    trustProxy: typeof deps.trustProxy === 'number' ? trustHops(deps.trustProxy) : (deps.trustProxy ?? false),
    ajv: undefined,
    // Building the OpenAPI document walks every route's schemas; on a busy two-core machine that passed Fastify's
    // default 10 s for one plugin and the server refused to start.
    pluginTimeout: 120_000,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.decorate('entities', new EntityRegistry());
  app.decorate('routeTable', [] as RouteInfo[]);

  await app.register(lifecyclePlugin);
  await app.register(headersPlugin);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1 } });
  await app.register(errorPlugin);
  // Before anything reads the request (session, scope checks, handlers): no control characters in any input.
  await app.register(inputPlugin);
  await app.register(sessionPlugin);
  await app.register(docsPlugin, { publicDocs: deps.publicApiDocs ?? false });
  await app.register(accessPlugin);

  for (const mod of MODULES) {
    mod.entities?.(app.entities);
    for (const [entity, table] of Object.entries(mod.auditFields ?? {})) registerAuditFields(entity, table);
    await app.register(mod.routes, { prefix: '/api' });
    if (mod.pages) await app.register(mod.pages);
  }

  const webDir = deps.webDir ?? DEFAULT_WEB_DIR;
  if (existsSync(path.join(webDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart. preCompressed: the
    // build's .br/.gz copies (precompress.ts) go to browsers that accept them.
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: 'index.html', preCompressed: true });
    app.decorate('webIndex', true);
  }
  return app;
}
