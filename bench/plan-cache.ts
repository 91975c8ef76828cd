/**
 * Whether PostgreSQL keeps one generic plan for the hot prepared statements (the village page's sections, the member,
 * ledger and attendance lists at the province and a county) or plans them again on every call: on this demo,
 * planning one list's joins took 1–1.7 ms against 0.5 ms to run it. Each statement is called 30 times one after the
 * other (so on one pooled session), then that session's pg_prepared_statements is printed: generic_plans counts the
 * calls that reused the plan, custom_plans those planned again (PostgreSQL always plans the first five).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_s1 npx tsx bench/plan-cache.ts
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type pg from 'pg';
import { openDatabase, rawDriver } from '../src/db/connection.ts';
import * as attendance from '../src/modules/cadres/attendance/view.queries.ts';
import * as ledger from '../src/modules/party/ledger/queries.ts';
import * as members from '../src/modules/party/members/queries.ts';
import { SECTIONS } from '../src/modules/villages/sections.ts';
import { villagesWithOrg } from './support.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const database = await openDatabase({ url, dataDir: mkdtempSync(path.join(os.tmpdir(), 'fupin-plans-')) });
const db = database.db;
const villages = await villagesWithOrg(db);
// A county with resident cadres (a county with none is planned on its own: nothing to read makes a custom plan cheaper).
const county =
  (await sql<{ c: string }>`SELECT county_code AS c FROM cadre_posting GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`.execute(db)).rows[0]?.c ??
  '';
const province = county.slice(0, 2);
const month =
  (await sql<{ m: string }>`SELECT to_char(max(month), 'YYYY-MM-DD') AS m FROM cadre_attendance_month`.execute(db)).rows[0]?.m ?? '';

for (let i = 0; i < 30; i++) {
  const code = villages[(i * 7919) % villages.length] as string;
  const v = { code, countyCode: code.slice(0, 6) };
  for (const s of SECTIONS) await s.load(db, v, 'zh-CN');
  for (const region of [province, county]) {
    await members.listMembers(db, { region, left: false, wealth: false }, null, 51);
    await ledger.listRectifications(db, { region }, null, 51);
    await attendance.listAttendance(db, { region, month }, null, 51);
    await attendance.computedAt(db, region, month);
  }
}
const pool = (rawDriver(db) as { pool: pg.Pool }).pool;
const r = await pool.query(
  `SELECT generic_plans AS generic, custom_plans AS custom, regexp_replace(left(statement, 90), '\\s+', ' ', 'g') AS statement
   FROM pg_prepared_statements ORDER BY custom_plans DESC, statement`,
);
console.log(`province ${province}, county ${county}, month ${month}: 30 calls of each\n generic  custom  statement`);
for (const s of r.rows) console.log(`${String(s.generic).padStart(8)} ${String(s.custom).padStart(7)}  ${s.statement}`);
await database.close();
