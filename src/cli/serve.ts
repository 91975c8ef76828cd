import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.ts';
import { cancelOwnStatements } from '../db/cancel.ts';
import { startStatisticsKeeper } from '../db/statistics.ts';
import { startAttendanceWorker } from '../modules/cadres/attendance/dirty.ts';
import { startRollupWorker } from '../modules/command/worker.ts';
import { activeDemoLogins } from '../modules/users/queries.ts';
import { DEMO_PASSWORD } from '../modules/users/service.ts';
import { buildApp } from '../server/app.ts';
import { prepare } from '../server/bootstrap.ts';
import { shutdownServer } from '../server/plugins/lifecycle.ts';

/** Requests in flight get this long to finish after SIGTERM/SIGINT; the whole shutdown is bounded by the limit. */
const SHUTDOWN_GRACE_MS = 4_000;
const SHUTDOWN_LIMIT_MS = 9_500;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Builds the web app when it is missing (a fresh clone), in a child process: the build then runs on the second core
 * while this process migrates the database and loads the demo, instead of after it.
 */
function buildWebIfMissing(): Promise<void> {
  if (existsSync(path.join(ROOT, 'web/dist/index.html'))) return Promise.resolve();
  if (!existsSync(path.join(ROOT, 'web/vite.config.ts'))) return Promise.resolve();
  console.log('building the web app (first start) …');
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the web app failed (exit ${code})`))));
  });
}

export async function serveCommand(opts: { demo?: boolean; build: boolean; demoScale: string }) {
  const started = Date.now();
  const config = loadConfig();
  const building = opts.build ? buildWebIfMissing() : Promise.resolve();
  // Awaited below, after the database is ready; a failure is not left unhandled meanwhile.
  building.catch(() => {});
  const demoScale = Number(opts.demoScale);
  if (!Number.isFinite(demoScale) || demoScale < 0 || demoScale > 2)
    throw new Error(`--demo-scale takes a number from 0 to 2, got "${opts.demoScale}"`);
  const prepared = await prepare(config, { demo: opts.demo, demoScale, log: (m) => console.log(m) });
  await building;
  const app = await buildApp({
    database: prepared.database,
    keys: prepared.keys,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    publicApiDocs: config.publicApiDocs,
    dataDir: config.dataDir,
    logger: { level: config.logLevel },
  });

  let stopWorker: (() => Promise<void>) | null = null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      console.log(`${signal} again: exiting now`);
      process.exit(1);
    }
    closing = true;
    console.log(`\n${signal}: shutting down …`);
    // Whatever happens below, the process is gone within 10 s of the signal.
    setTimeout(() => {
      console.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    const clean = await shutdownServer(app, {
      graceMs: SHUTDOWN_GRACE_MS,
      stopWorkers: stopWorker ? [stopWorker] : [],
      cancelRunning: () => cancelOwnStatements(prepared.database.db),
      closeDatabase: () => prepared.database.close(),
      log: (m) => console.log(m),
    });
    console.log(clean ? 'database closed, bye' : 'stopped without closing everything');
    process.exit(clean ? 0 : 1);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const attendance = startAttendanceWorker(prepared.database.db, { log: (m) => app.log.info(m) });
  const stopFigures = startRollupWorker(prepared.database.db, { backdating: attendance.backdating, log: (m) => app.log.info(m) });
  const statistics = startStatisticsKeeper(prepared.database.db, prepared.database.kind, { log: (m) => app.log.info(m) });
  // All at once: each stops taking work at the call, so that statements cancelled afterwards are not followed by more.
  stopWorker = async () => {
    await Promise.all([attendance.stop(), stopFigures(), statistics.stop()]);
  };
  const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
  console.log(
    `\n扶贫 Fupin is running on ${url}  (${prepared.database.kind}: ${prepared.database.location}, ready in ${Date.now() - started} ms)`,
  );
  if (prepared.demo) {
    // The demo accounts, and the resident cadre's once the demo cadres are in.
    const logins = await activeDemoLogins(prepared.database.db);
    console.log(`demo logins (password ${DEMO_PASSWORD}): ${logins.map((u) => `${u.username} (${u.scope_code})`).join(', ')}`);
  }
  if (prepared.initialAdmin) {
    console.log('\n*** first start: the province administrator account was created ***');
    console.log(`    username: ${prepared.initialAdmin.username}    password: ${prepared.initialAdmin.password}`);
    console.log('    this password is shown only once and must be changed at first login.\n');
  }
}
