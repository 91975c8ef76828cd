/**
 * Import benchmark: the scale-S demo register written as one CSV file (one row per person), imported into a
 * fresh PostgreSQL database through the real path (`fupin import`: read → check → stage → commit), and, in the
 * same run, PostgreSQL's own COPY of the same file into a bare 26-column table.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/import.ts --scale 1
 *
 * Prints: rows, seconds, rows/s and peak RSS of the import; seconds of the bare COPY; the ratio.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadOrCreateKeys } from '../src/modules/pii/crypto.ts';
import { importProvince } from '../src/modules/regions/service.ts';
import { stageFile } from '../src/modules/registry/import/file.ts';
import { commit } from '../src/modules/registry/import/service.ts';
import { printTimings } from '../src/server/timing.ts';
import { registerCsv } from './register-csv.ts';
import { arg } from './support.ts';

const scale = Number(arg('scale', '0.1'));
const base = process.env.DATABASE_URL;
if (!base) throw new Error('set DATABASE_URL to a PostgreSQL server');

const admin = new pg.Client({ connectionString: base });
await admin.connect();
const dbName = `fupin_bench_${Date.now()}`;
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(base);
url.pathname = `/${dbName}`;
const database = await openDatabase({ url: url.toString(), dataDir: os.tmpdir() });
const db = database.db;
await migrateToLatest(db);
await db.transaction().execute((tx) => importProvince(tx, '21'));

const file = await registerCsv(db, scale);

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
const keys = loadOrCreateKeys({ keyFile: path.join(os.tmpdir(), 'fupin-bench.key') });
const actor = { id: null, username: 'bench' };
const t1 = performance.now();
const staged = await stageFile(db, keys, { path: file, filename: path.basename(file), scopeCode: '21', actor }, (p) =>
  process.stderr.write(`\r${p.phase} ${p.rows} rows ${p.rate} rows/s   `),
);
const tPreview = performance.now();
const counts = await commit(db, staged.batchId, actor);
const t2 = performance.now();
clearInterval(sampler);
process.stderr.write('\n');

// The floor under any import into this schema: the committed rows written again, with no checks at all, into empty
// tables of the register's shape (the same indexes, unique keys, checks and foreign keys) in one transaction.
const floorS = await registerWriteFloor(db);

await admin.query('DROP TABLE IF EXISTS bench_bare');
await admin.query(`CREATE TABLE bench_bare (${Array.from({ length: 26 }, (_, i) => `c${i} text`).join(', ')})`);
const t3 = performance.now();
execFileSync('psql', [base, '-c', `\\copy bench_bare FROM '${file}' WITH (FORMAT csv, HEADER true)`], { stdio: 'pipe' });
const t4 = performance.now();
const copied = (await admin.query('SELECT count(*) AS n FROM bench_bare')).rows[0].n;

const importS = (t2 - t1) / 1000;
const copyS = (t4 - t3) / 1000;
console.log(
  `scale ${scale}: ${counts.rows} rows, ${counts.households.new} households and ${counts.persons.new} persons imported, ${counts.rowsWithProblems} rows with problems`,
);
console.log(
  `import (read+check+stage = preview ${((tPreview - t1) / 1000).toFixed(1)} s, commit ${((t2 - tPreview) / 1000).toFixed(1)} s): ${importS.toFixed(1)} s, ${Math.round(counts.rows / importS)} rows/s, peak RSS ${Math.round(peak / 1e6)} MB`,
);
console.log(`bare COPY of the same file (${copied} rows): ${copyS.toFixed(1)} s, ${Math.round(Number(copied) / copyS)} rows/s`);
console.log(`import / COPY = ${(importS / copyS).toFixed(1)}×`);
console.log(
  `the register's own tables written with no checks (INSERT … SELECT into empty copies with the same indexes and keys): ${floorS.toFixed(1)} s = ${(floorS / copyS).toFixed(1)}× the bare COPY; import / that = ${(importS / floorS).toFixed(1)}×`,
);
printTimings();

await database.close();
await admin.query('DROP TABLE IF EXISTS bench_bare');
if (!process.argv.includes('--keep')) await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
else console.log(`kept database ${dbName}`);
await admin.end();

async function registerWriteFloor(db: typeof database.db): Promise<number> {
  const tables = [
    'person',
    'person_identity',
    'household',
    'household_member',
    'household_income',
    'help_pairing',
    'household_status_history',
    'audit_log',
  ];
  await sql`DROP SCHEMA IF EXISTS floor CASCADE`.execute(db);
  await sql`CREATE SCHEMA floor`.execute(db);
  for (const t of tables) await sql`CREATE TABLE ${sql.raw(`floor.${t} (LIKE public.${t} INCLUDING ALL)`)}`.execute(db);
  await sql`ALTER TABLE floor.household ADD FOREIGN KEY (village_code) REFERENCES region (code),
            ADD FOREIGN KEY (county_code, head_person_id) REFERENCES floor.person (county_code, id) DEFERRABLE INITIALLY DEFERRED`.execute(
    db,
  );
  await sql`ALTER TABLE floor.household_member ADD FOREIGN KEY (county_code, person_id) REFERENCES floor.person (county_code, id),
            ADD FOREIGN KEY (county_code, household_id) REFERENCES floor.household (county_code, id)`.execute(db);
  for (const t of ['household_income', 'help_pairing', 'household_status_history']) {
    await sql`ALTER TABLE ${sql.raw(`floor.${t}`)} ADD FOREIGN KEY (county_code, household_id) REFERENCES floor.household (county_code, id)`.execute(
      db,
    );
  }
  const t0 = performance.now();
  await db.transaction().execute(async (tx) => {
    for (const t of tables) await sql`INSERT INTO ${sql.raw(`floor.${t} OVERRIDING SYSTEM VALUE SELECT * FROM public.${t}`)}`.execute(tx);
  });
  const seconds = (performance.now() - t0) / 1000;
  await sql`DROP SCHEMA floor CASCADE`.execute(db);
  return seconds;
}
