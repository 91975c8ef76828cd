/**
 * Attendance benchmark on a PostgreSQL database that holds the demo (regions, register, cadres and their check-ins):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_att npx tsx bench/attendance.ts [--month YYYY-MM] [--runs 3]
 *       [--seconds 10] [--connections 10] [--http-runs 1]
 *
 * 1. The province's month computed (computeMonth, the same call as the API and the CLI), `runs` times: the first run
 *    writes, the later ones are the idempotent recompute. 2. The attendance list page (出勤统计) with autocannon on a
 *    server started here: the province's first page, a page deep in the list, the below-standard and flagged filters
 *    (the flagged one for the province and for the county 北票市).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connection.ts';
import { computeMonth, monthRange } from '../src/modules/cadres/attendance/compute.ts';
import { arg, LoadRuns, load, login, startServer, waitForQuietDatabase } from './support.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const last = new Date();
last.setUTCDate(1);
last.setUTCMonth(last.getUTCMonth() - 1);
const month = arg('month', last.toISOString().slice(0, 7));
const runs = Number(arg('runs', '3'));
const seconds = Number(arg('seconds', '10'));
const connections = Number(arg('connections', '10'));

const range = monthRange(month);
const database = await openDatabase({ url, dataDir: mkdtempSync(path.join(os.tmpdir(), 'fupin-att-bench-')) });
const db = database.db;
const [size] = (
  await sql<{ postings: number; checkins: number }>`
    SELECT (SELECT count(*)::int FROM cadre_posting WHERE confirmed_on IS NOT NULL AND end_date IS NULL) AS postings,
           (SELECT count(*)::int FROM cadre_checkin WHERE device_time >= ${range.from}::timestamptz AND device_time < ${range.to}::timestamptz) AS checkins`.execute(
    db,
  )
).rows;
console.log(`month ${month}: ${size?.postings} postings in post, about ${size?.checkins} check-ins`);
for (let i = 0; i < runs; i++) {
  const r = await computeMonth(db, '21', month);
  console.log(
    `compute province ${month} run ${i + 1}: ${r.ms} ms (${r.postings} postings, ${r.checkins} check-ins, ${r.flags} flags, ${r.flagsChanged} changed, ${r.flagsRemoved} removed)`,
  );
}
const deep = (
  await sql<{ c: string }>`SELECT county_code || '-' || posting_id AS c FROM cadre_attendance_month WHERE month = ${`${month}-01`}::date
    ORDER BY county_code, posting_id OFFSET (SELECT count(*) * 9 / 10 FROM cadre_attendance_month WHERE month = ${`${month}-01`}::date) LIMIT 1`.execute(
    db,
  )
).rows[0]?.c;
await database.close();

const { base, server } = await startServer({ prefix: 'fupin-att-http' });
// The computations above re-marked the month's figures: the server folds them in first (not the list's cost).
console.log(`waited ${await waitForQuietDatabase(url)} s for a quiet database`);
const province = await login(base, 'sheng');
const county = await login(base, 'beipiao');
const targets: [string, string, string][] = [
  ['province, first page', `/api/cadres/attendance?month=${month}&limit=50`, province],
  ['province, page at 90%', `/api/cadres/attendance?month=${month}&limit=50&cursor=${deep}`, province],
  ['province, below standard', `/api/cadres/attendance?month=${month}&compliant=0&limit=50`, province],
  ['province, flagged', `/api/cadres/attendance?month=${month}&flagged=1&limit=50`, province],
  ['county 北票市, flagged', `/api/cadres/attendance?month=${month}&flagged=1&limit=50`, county],
];
// Warm-up, not counted: the first target measured took the JIT's and the pool's first seconds (p95 67 ms, then 43–48
// for the others in the same run).
for (const [, p, cookie] of targets) await load({ url: base + p, connections, duration: 3, headers: { cookie } });
const httpRuns = Number(arg('http-runs', '1'));
const table = new LoadRuns(32);
table.header();
for (let run = 1; run <= httpRuns; run++) {
  for (const [name, p, cookie] of targets)
    table.add(name, run, await load({ url: base + p, connections, duration: seconds, headers: { cookie } }));
}
table.printMedians(`medians of ${httpRuns} run(s) (target: p95 ≤ 50 ms)`);
server.kill('SIGTERM');
process.exit(0);
