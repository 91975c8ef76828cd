/**
 * Department comparison benchmark (数据比对, issue 13): a 1,000,000-row department list (CSV: 姓名, 证件号码, 号牌号码,
 * 车辆类型, 登记日期) read, normalised, hashed and staged, then matched against every person of the scale-1 register
 * (fupin_s1: ~810,000 persons) by keyed hash, through the service functions the routes call (stageList, matchList).
 *
 *   npx tsx bench/comparison.ts [--rows 1000000] [--hits 50000] [--runs 3]
 *
 * DATABASE_URL defaults to fupin_s1; KEY_FILE to /tmp/fupin-s1/secret.key (the keys the register was hashed with).
 * The comparison tables live in a schema of their own (bench_comparison, first on the search path), so the shared
 * database's own tables and migrations are left alone; the register is read from `public`. `--hits` rows carry ID
 * numbers of registered persons (decrypted here from a sample, as only a bench may), the rest valid numbers of no one,
 * and 0.1 % are unreadable. Prints per run: read+stage seconds (and this process's CPU seconds for it), match seconds, total, hits, and the floor of the same
 * moment: psql's \copy of the same file into a bare five-column table (the machine is shared: compare the totals with the
 * floors of the same run); the medians, the load average and peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connection.ts';
import { SYSTEM_ACTOR } from '../src/modules/audit/service.ts';
import { matchList, stageList } from '../src/modules/exit/comparison/service.ts';
import { decrypt, loadOrCreateKeys } from '../src/modules/pii/crypto.ts';
import { checkDigit } from '../src/modules/registry/idcard.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const ROWS = Number(arg('rows', '1000000'));
const HITS = Number(arg('hits', '50000'));
const RUNS = Number(arg('runs', '3'));
const SCHEMA = 'bench_comparison';
const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fupin_s1');
url.searchParams.set('options', `-c search_path=${SCHEMA},public`);
const keys = loadOrCreateKeys({ keyFile: process.env.KEY_FILE ?? '/tmp/fupin-s1/secret.key' });

let peak = 0;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50).unref();

const database = await openDatabase({ url: url.toString(), dataDir: os.tmpdir() });
const db = database.db;
try {
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(SCHEMA)}`.execute(db);
  const has = await sql`SELECT 1 FROM pg_tables WHERE schemaname = ${SCHEMA} AND tablename = 'comparison_hit'`.execute(db);
  if (!has.rows.length) {
    // Without the rollup trigger: the shared database's figures are not this bench's to mark.
    const ddl = readFileSync(new URL('../src/db/migrations/0038_exit_monitoring.sql', import.meta.url), 'utf8').replace(
      /SELECT rollup_create_triggers[^;]*;/g,
      '',
    );
    await sql.raw(ddl).execute(db);
  }
  // Later migrations of the comparison tables, as the server applies them.
  await sql
    .raw(
      readFileSync(new URL('../src/db/migrations/0043_comparison_staging.sql', import.meta.url), 'utf8').replace(
        'DROP CONSTRAINT',
        'DROP CONSTRAINT IF EXISTS',
      ),
    )
    .execute(db);
  const persons = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM public.person`.execute(db)).rows[0]?.n);
  const sample = (
    await sql<{ id_cipher: string }>`SELECT id_cipher FROM public.person TABLESAMPLE SYSTEM (10) LIMIT ${HITS}`.execute(db)
  ).rows.map((r) => decrypt(keys, r.id_cipher));
  const file = path.join(os.tmpdir(), `fupin-bench-comparison-${ROWS}.csv`);
  const out = createWriteStream(file);
  out.write('\ufeff姓名,证件号码,号牌号码,车辆类型,登记日期\n');
  for (let i = 0; i < ROWS; i++) {
    let id: string;
    if (i % 1000 === 999) id = '2.11381E+17';
    else if (i < sample.length) id = sample[i] as string;
    else {
      const body = `6501${String(10 + (i % 80)).padStart(2, '0')}${1950 + (i % 50)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
      id = body + checkDigit(body);
    }
    if (!out.write(`车主${i % 997},${id},辽N${String(i % 100000).padStart(5, '0')},小型轿车,2024-0${1 + (i % 9)}-15\n`))
      await new Promise((r) => out.once('drain', r));
  }
  await new Promise<void>((r) => out.end(r));
  console.log(
    `register: ${persons.toLocaleString('en')} persons; list: ${ROWS.toLocaleString('en')} rows (${sample.length} registered IDs), ${file}`,
  );
  const actor = {
    ...SYSTEM_ACTOR,
    id: null,
    username: 'bench',
    role: 'province_admin',
    scope: '21',
    permissions: ['data.read', 'data.write'] as const,
  };
  const totals: number[] = [];
  const floors: number[] = [];
  const bareUrl = new URL(url);
  bareUrl.searchParams.delete('options');
  await sql`CREATE TABLE IF NOT EXISTS ${sql.id(SCHEMA)}.bare (name text, id_number text, plate text, vehicle text, recorded text)`.execute(
    db,
  );
  for (let run = 1; run <= RUNS; run++) {
    await sql`TRUNCATE ${sql.id(SCHEMA)}.bare`.execute(db);
    const f0 = performance.now();
    execFileSync('psql', [bareUrl.toString(), '-c', `\\copy ${SCHEMA}.bare FROM '${file}' WITH (FORMAT csv, HEADER true)`], {
      stdio: 'pipe',
    });
    const floor = (performance.now() - f0) / 1000;
    floors.push(floor);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { id } = await stageList(db, keys, actor as never, {
      path: file,
      filename: 'bench.csv',
      department: 'vehicle',
      label: null,
      scope: '21',
    });
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    const m = await matchList(db, actor as never, id);
    const t2 = performance.now();
    totals.push((t2 - t0) / 1000);
    console.log(
      `run ${run}: read+stage ${((t1 - t0) / 1000).toFixed(1)} s (Node CPU ${((c1.user + c1.system) / 1e6).toFixed(1)} s), match ${((t2 - t1) / 1000).toFixed(1)} s, total ${((t2 - t0) / 1000).toFixed(1)} s, ${m.hits.toLocaleString('en')} hits in ${m.counties.length} counties; bare COPY ${floor.toFixed(1)} s; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    await sql`DELETE FROM comparison_hit WHERE batch_id = ${id}`.execute(db);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  console.log(
    `median total ${median(totals).toFixed(1)} s over ${RUNS} runs (bare COPY ${median(floors).toFixed(1)} s, ${(median(totals) / median(floors)).toFixed(1)}×); peak RSS ${Math.round(peak / 1024 / 1024)} MB`,
  );
} finally {
  await database.close();
}
