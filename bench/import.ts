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
import { createWriteStream, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadOrCreateKeys } from '../src/modules/pii/crypto.ts';
import { importProvince } from '../src/modules/regions/service.ts';
import { povertyCounties } from '../src/modules/regions/source.ts';
import { label } from '../src/modules/registry/codelists.ts';
import { type DemoHousehold, generateRegister } from '../src/modules/registry/demo/generate.ts';
import { stageFile } from '../src/modules/registry/import/file.ts';
import { commit } from '../src/modules/registry/import/service.ts';
import { writeRegisterCsv } from '../src/modules/registry/interchange/write.ts';
import { printTimings } from '../src/server/timing.ts';
import { arg } from './support.ts';

const scale = Number(arg('scale', '0.1'));
const base = process.env.DATABASE_URL;
if (!base) throw new Error('set DATABASE_URL to a PostgreSQL server');

const zh = (list: Parameters<typeof label>[0], code: string | null) => (code ? label(list, code, 'zh-CN') : null);

function* rows(
  households: Iterable<DemoHousehold>,
  names: Map<string, { village: string; township: string; county: string; city: string }>,
) {
  for (const h of households) {
    const n = names.get(h.village_code);
    for (const m of h.members) {
      yield {
        city: n?.city,
        county: n?.county,
        township: n?.township,
        village: n?.village,
        village_code: h.village_code,
        household_no: h.household_no,
        name: m.name,
        id_number: m.id_number,
        relation: zh('relation', m.relation),
        gender: zh('gender', m.gender),
        ethnicity: zh('ethnicity', m.ethnicity),
        education: zh('education', m.education),
        schooling: zh('schooling', m.schooling),
        health: zh('health', m.health),
        labour_skill: zh('labour', m.labour),
        work_status: zh('work', m.work),
        medical_insurance: m.medical_insurance ? '是' : '否',
        category: zh('household_category', h.category),
        poverty_cause: zh('poverty_cause', h.cause),
        year_identified: h.year_identified,
        planned_exit_year: h.planned_exit_year,
        exit_year: h.exit_year,
        household_status: zh('household_status', h.status),
        income_per_capita: h.incomes.find((i) => i.year === 2017)?.per_capita ?? null,
        helper: h.helper?.name ?? null,
        phone: null,
      };
    }
  }
}

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

const file = path.join(os.tmpdir(), `fupin-register-scale-${scale}.csv`);
if (!existsSync(file)) {
  const villages = (
    await sql<{ code: string; name: string; township_code: string; county_code: string; township: string; county: string; city: string }>`
      SELECT v.code, v.name, v.parent_code AS township_code, left(v.code, 6) AS county_code, t.name AS township, c.name AS county, ci.name AS city
      FROM region v JOIN region t ON t.code = v.parent_code JOIN region c ON c.code = t.parent_code JOIN region ci ON ci.code = c.parent_code
      WHERE v.level = 5 ORDER BY v.code`.execute(db)
  ).rows;
  const names = new Map(
    villages.map((v) => [v.code, { village: v.name.replace(/村民委员会$/, '村'), township: v.township, county: v.county, city: v.city }]),
  );
  const t0 = Date.now();
  const gen = generateRegister({ scale, seed: 20170601, villages, povertyCountyCodes: povertyCounties('21').map((c) => c.code) });
  const r = await writeRegisterCsv(createWriteStream(file), rows(gen, names), { lang: 'zh-CN' });
  console.log(
    `wrote ${r.rows} rows to ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

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
