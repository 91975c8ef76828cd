/**
 * Where the village page's (一村一档) PostgreSQL time goes, statement by statement: every section of the page loaded
 * for many villages with auto_explain (ANALYZE, BUFFERS) on the pool's sessions; prints, per statement, its calls,
 * mean execution ms and mean shared buffers (hit + read: the load-independent figure), heaviest first.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_s1 npx tsx bench/village-explain.ts [--villages 100] [--plans]
 *
 * --plans prints the plan of each statement's slowest call. Needs a superuser (LOAD 'auto_explain').
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { openDatabase, rawDriver } from '../src/db/connection.ts';
import * as vq from '../src/modules/villages/queries.ts';
import { SECTIONS } from '../src/modules/villages/sections.ts';
import { arg, villagesWithOrg } from './support.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const n = Number(arg('villages', '100'));
const database = await openDatabase({ url, dataDir: mkdtempSync(path.join(os.tmpdir(), 'fupin-explain-')) });
const db = database.db;
const driver = rawDriver(db);
if (driver?.kind !== 'postgresql') throw new Error('PostgreSQL only');
// Every connection the pool opens (none is open yet).
// Declared before the pool connects: a notice can arrive during the first query.
let on = false;
driver.pool.on('connect', (c) => {
  void watch(c);
});
const villages = await villagesWithOrg(db);
const stats = new Map<string, { calls: number; ms: number; buffers: number; worst: number; plan: string }>();
async function watch(client: pg.PoolClient) {
  await client.query(`LOAD 'auto_explain'`);
  await client.query(
    `SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on;
     SET auto_explain.log_timing = off; SET auto_explain.log_level = notice; SET auto_explain.log_nested_statements = on`,
  );
  client.on('notice', (m) => {
    if (!on) return;
    const text = m.message ?? '';
    const duration = Number(/duration: ([\d.]+) ms/.exec(text)?.[1] ?? 0);
    const query = /Query Text: ([\s\S]*?)\n(?=\S)/.exec(`${text}\n`)?.[1]?.replace(/\s+/g, ' ').trim().slice(0, 110) ?? text.slice(0, 110);
    const buffers = [...text.matchAll(/Buffers: shared( hit=(\d+))?( read=(\d+))?/g)][0];
    const b = Number(buffers?.[2] ?? 0) + Number(buffers?.[4] ?? 0);
    const s = stats.get(query) ?? { calls: 0, ms: 0, buffers: 0, worst: 0, plan: '' };
    s.calls++;
    s.ms += duration;
    s.buffers += b;
    if (duration >= s.worst) {
      s.worst = duration;
      s.plan = text;
    }
    stats.set(query, s);
  });
}
// Warm: every pool connection set up, statements prepared.
for (const code of villages.slice(0, 3)) {
  const v = { code, countyCode: code.slice(0, 6) };
  await Promise.all(SECTIONS.map((s) => s.load(db, v, 'zh-CN')));
}
on = true;
for (let i = 0; i < n; i++) {
  const code = villages[(i * 7919) % villages.length] as string;
  const v = { code, countyCode: code.slice(0, 6) };
  await vq.villageOf(db, code);
  for (const s of SECTIONS) await s.load(db, v, 'zh-CN');
}
on = false;
const all = [...stats].sort((a, b) => b[1].buffers - a[1].buffers);
console.log(
  `${n} villages; per page: ${(all.reduce((x, [, s]) => x + s.ms, 0) / n).toFixed(2)} ms executing, ${(all.reduce((x, [, s]) => x + s.buffers, 0) / n).toFixed(0)} buffers`,
);
console.log('calls'.padStart(6), 'mean ms'.padStart(8), 'buffers'.padStart(8), ' statement');
for (const [q, s] of all)
  console.log(String(s.calls).padStart(6), (s.ms / s.calls).toFixed(3).padStart(8), (s.buffers / s.calls).toFixed(0).padStart(8), ` ${q}`);
if (process.argv.includes('--plans')) for (const [q, s] of all.slice(0, 8)) console.log(`\n== ${q}\n${s.plan}`);
await database.close();
process.exit(0);
