/**
 * Each section of the village page (一村一档) timed on its own, one after the other, over many villages: where the
 * page's time goes before any concurrency.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_s1 npx tsx bench/village-sections.ts [--villages 200]
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connection.ts';
import { SECTIONS } from '../src/modules/villages/sections.ts';
import { arg, median } from './support.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const n = Number(arg('villages', '200'));
const database = await openDatabase({ url, dataDir: mkdtempSync(path.join(os.tmpdir(), 'fupin-sections-')) });
const db = database.db;
const villages = (
  await sql<{
    code: string;
  }>`SELECT region_code AS code FROM party_org WHERE length(region_code) = 12 AND dissolved_on IS NULL ORDER BY region_code`.execute(db)
).rows.map((r) => r.code);
const times = new Map<string, number[]>(SECTIONS.map((s) => [s.id, []]));
for (let i = 0; i < n; i++) {
  const code = villages[(i * 7919) % villages.length] as string;
  const v = { code, countyCode: code.slice(0, 6) };
  for (const s of SECTIONS) {
    const t = performance.now();
    await s.load(db, v, 'zh-CN');
    times.get(s.id)?.push(performance.now() - t);
  }
}
console.log('section'.padEnd(18), 'mean ms'.padStart(8), 'p50'.padStart(8), 'max'.padStart(8));
for (const [id, xs] of times) {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(id.padEnd(18), ...[mean, median(xs), Math.max(...xs)].map((x) => x.toFixed(2).padStart(8)));
}
await database.close();
