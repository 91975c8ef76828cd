import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.ts';
import { startRollupWorker } from '../modules/command/worker.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../modules/users/service.ts';
import { buildApp } from '../server/app.ts';
import { prepare } from '../server/bootstrap.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function buildWebIfMissing() {
  if (existsSync(path.join(ROOT, 'web/dist/index.html'))) return;
  if (!existsSync(path.join(ROOT, 'web/vite.config.ts'))) return;
  console.log('building the web app (first start) …');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
}

export async function serveCommand(opts: { demo?: boolean; build: boolean; demoScale: string }) {
  const started = Date.now();
  const config = loadConfig();
  if (opts.build) await buildWebIfMissing();
  const demoScale = Number(opts.demoScale);
  if (!Number.isFinite(demoScale) || demoScale < 0 || demoScale > 2)
    throw new Error(`--demo-scale takes a number from 0 to 2, got "${opts.demoScale}"`);
  const prepared = await prepare(config, { demo: opts.demo, demoScale, log: (m) => console.log(m) });
  const app = await buildApp({
    database: prepared.database,
    keys: prepared.keys,
    secureCookies: config.secureCookies,
    dataDir: config.dataDir,
    logger: { level: config.logLevel },
  });

  let stopWorker: (() => Promise<void>) | null = null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: shutting down …`);
    await app.close();
    await stopWorker?.();
    await prepared.database.close();
    console.log('database closed, bye');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  stopWorker = startRollupWorker(prepared.database.db, { log: (m) => app.log.info(m) });
  const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
  console.log(
    `\n扶贫 Fupin is running on ${url}  (${prepared.database.kind}: ${prepared.database.location}, ready in ${Date.now() - started} ms)`,
  );
  if (prepared.demo) {
    console.log(`demo logins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => `${u.username} (${u.scopeCode})`).join(', ')}`);
  }
  if (prepared.initialAdmin) {
    console.log('\n*** first start: the province administrator account was created ***');
    console.log(`    username: ${prepared.initialAdmin.username}    password: ${prepared.initialAdmin.password}`);
    console.log('    this password is shown only once and must be changed at first login.\n');
  }
}
