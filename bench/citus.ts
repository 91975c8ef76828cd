/**
 * Scale-out benchmark: the same scale-S demo register imported into one PostgreSQL and into the Citus cluster
 * (distributed by county, `fupin scale distribute`), in one run, then each served by a Fupin server and loaded by
 * autocannon: a county user's and the province's dashboard and household list.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test CITUS_URL=postgres://postgres@127.0.0.1:5433/postgres \
 *     npx tsx bench/citus.ts [--scale 0.1] [--seconds 10] [--connections 20] [--runs 3] [--keep]
 *
 * The Citus database is made by shared/scripts/citus-cluster.sh (CITUS_SCRIPT), which starts the cluster when it is
 * down and creates the database on every node with the workers added. Prints, per engine: import seconds (read, check,
 * stage = preview; commit), the rollup fold-in, then p50/p95/p99 per URL (medians of --runs runs); and on Citus the
 * Task Count of the household list's statements, a county user's page and the province's second (1: one shard group).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { distribute } from '../src/db/distribute.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { refresh } from '../src/modules/command/rollups.ts';
import { loadOrCreateKeys } from '../src/modules/pii/crypto.ts';
import { importProvince } from '../src/modules/regions/service.ts';
import { stageFile } from '../src/modules/registry/import/file.ts';
import { commit } from '../src/modules/registry/import/service.ts';
import { listHouseholds } from '../src/modules/registry/service.ts';
import { plansOf } from '../tests/support/plans.ts';
import { registerCsv } from './register-csv.ts';
import { arg, type LoadFigures, load, loadHeader, loadLine, login, medianFigures, startServer } from './support.ts';

const scale = Number(arg('scale', '0.1'));
const seconds = Number(arg('seconds', '10'));
const connections = Number(arg('connections', '20'));
const runs = Number(arg('runs', '3'));
const keep = process.argv.includes('--keep');
const pgBase = process.env.DATABASE_URL;
const citusBase = process.env.CITUS_URL ?? 'postgres://postgres@127.0.0.1:5433/postgres';
if (!pgBase) throw new Error('set DATABASE_URL to a PostgreSQL server');
const script = [process.env.CITUS_SCRIPT, '../shared/scripts/citus-cluster.sh', '/work/shared/scripts/citus-cluster.sh'].find(
  (s) => s && existsSync(s),
);
if (!script) throw new Error('set CITUS_SCRIPT to shared/scripts/citus-cluster.sh');

const withDb = (base: string, name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};
const tag = randomBytes(3).toString('hex');
const keys = loadOrCreateKeys({ keyFile: path.join(os.tmpdir(), 'fupin-bench.key') });
const actor = { id: null, username: 'bench' };

interface Prepared {
  engine: 'postgresql' | 'citus';
  url: string;
  database: Database;
  drop(): Promise<void>;
}

async function preparePostgres(): Promise<Prepared> {
  const name = `fupin_cb_pg_${tag}`;
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDb(pgBase as string, name);
  const database = await openDatabase({ url, dataDir: os.tmpdir() });
  await migrateToLatest(database.db);
  await database.db.transaction().execute((tx) => importProvince(tx, '21'));
  return {
    engine: 'postgresql',
    url,
    database,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function prepareCitus(): Promise<Prepared> {
  const name = `fupin_cb_citus_${tag}`;
  execFileSync('bash', [script as string, name], { stdio: 'inherit' });
  const url = withDb(citusBase, name);
  const database = await openDatabase({ url, dataDir: os.tmpdir() });
  const t0 = performance.now();
  await migrateToLatest(database.db);
  const steps = await distribute(database.db);
  const refused = steps.filter((s) => s.outcome === 'refused' || s.outcome === 'blocked');
  if (refused.length) throw new Error(`distribute: ${refused.map((s) => `${s.table} ${s.outcome}`).join(', ')}`);
  console.log(`citus: migrated and distributed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await database.db.transaction().execute((tx) => importProvince(tx, '21'));
  return {
    engine: 'citus',
    url,
    database,
    async drop() {
      const nodes = [citusBase, ...['5434', '5435'].map((p) => Object.assign(new URL(citusBase), { port: p }).toString())];
      for (const n of nodes) {
        const c = new pg.Client({ connectionString: n });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        await c.end();
      }
    },
  };
}

/** The register imported through the real path (read, check, stage, commit), then folded into the figures. */
async function importRegister(p: Prepared, file: string) {
  const t0 = performance.now();
  const staged = await stageFile(p.database.db, keys, { path: file, filename: path.basename(file), scopeCode: '21', actor });
  const t1 = performance.now();
  const counts = await commit(p.database.db, staged.batchId, actor);
  const t2 = performance.now();
  await refresh(p.database.db, { wait: true });
  const t3 = performance.now();
  const s = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
  console.log(
    `${p.engine}: ${counts.rows} rows (${counts.households.new} households, ${counts.rowsWithProblems} with problems): preview ${s(t0, t1)} s, commit ${s(t1, t2)} s, import ${s(t0, t2)} s (${Math.round(counts.rows / ((t2 - t0) / 1000))} rows/s); figures folded in ${s(t2, t3)} s`,
  );
  return { preview: (t1 - t0) / 1000, commit: (t2 - t1) / 1000 };
}

async function serveAndLoad(p: Prepared) {
  const { base, stop } = await startServer({ prefix: `fupin-cb-${p.engine}`, env: { DATABASE_URL: p.url }, stdio: 'ignore' });
  try {
    const county = await login(base, 'beipiao');
    const province = await login(base, 'sheng');
    const targets: [string, string, string][] = [
      ['county dashboard', '/api/command/dashboard?region=211381', county],
      ['county household list', '/api/registry/households?limit=50', county],
      ['province dashboard', '/api/command/dashboard?region=21', province],
      ['province household list', '/api/registry/households?limit=50', province],
    ];
    // A page after the first: no total is counted for it, so it shows the page's own reads (the walk from one county).
    const first = (await (await fetch(`${base}/api/registry/households?limit=50`, { headers: { cookie: province } })).json()) as {
      nextCursor: string | null;
    };
    targets.push(['province household list, page 2', `/api/registry/households?limit=50&cursor=${first.nextCursor}`, province]);
    // Warm: the first answers compute the months' snapshots and fill the caches.
    for (const [, url, cookie] of targets) {
      for (let i = 0; i < 30; i++) {
        const r = await fetch(`${base}${url}`, { headers: { cookie } });
        const body = (await r.json()) as { freshness?: { current: boolean } };
        if (!body.freshness || body.freshness.current) break;
        await new Promise((d) => setTimeout(d, 1000));
      }
    }
    const out = new Map<string, LoadFigures>();
    for (const [name, url, cookie] of targets) {
      const all: LoadFigures[] = [];
      for (let i = 0; i < runs; i++) all.push(await load({ url: `${base}${url}`, connections, duration: seconds, headers: { cookie } }));
      out.set(name, medianFigures(all));
    }
    return out;
  } finally {
    stop();
  }
}

/**
 * The Task Count of each distributed step of the statements the household list sends (the app's own, recorded and
 * explained on the coordinator): a county user's first page and the province's second (no total is counted for it).
 */
async function routerCheck(p: Prepared) {
  const database = await openDatabase({ url: p.url, dataDir: os.tmpdir() });
  try {
    const show = async (what: string, work: () => Promise<unknown>) => {
      for (const plan of await plansOf(database.db, work)) {
        if (plan.tasks.length)
          console.log(`citus: ${what}: tasks ${plan.tasks.join(',')} ${plan.statement.replace(/\s+/g, ' ').slice(0, 90)}`);
      }
    };
    await show('a county page of households', () => listHouseholds(database.db, keys, { region: '211381', limit: 50 }, 'zh-CN'));
    const first = await listHouseholds(database.db, keys, { region: '21', limit: 50 }, 'zh-CN');
    await show('the province, page 2', () =>
      listHouseholds(database.db, keys, { region: '21', limit: 50, cursor: first.nextCursor ?? undefined }, 'zh-CN'),
    );
  } finally {
    await database.close();
  }
}

const engines = [await preparePostgres(), await prepareCitus()];
const file = await registerCsv(engines[0]?.database.db as Database['db'], scale);
const figures = new Map<string, Map<string, LoadFigures>>();
try {
  for (const p of engines) await importRegister(p, file);
  for (const p of engines) await p.database.close();
  await routerCheck(engines[1] as Prepared);
  for (const p of engines) figures.set(p.engine, await serveAndLoad(p));
  console.log(`\nscale ${scale}, ${connections} connections, ${seconds} s × ${runs} runs (medians), ms:`);
  loadHeader(40);
  for (const [engine, f] of figures) for (const [name, l] of f) loadLine(`${engine}: ${name}`, l, 40);
} finally {
  if (keep) console.log(`kept ${engines.map((p) => p.url).join(' and ')}`);
  else for (const p of engines) await p.drop();
}
process.exit(0);
