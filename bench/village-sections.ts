/**
 * Each section of the village page (一村一档) timed on its own, one after the other, over many villages: where the
 * page's time goes before any concurrency. Then the whole page's sections (as the route loads them, at once) over
 * the same villages again, with the CPU they cost this process and its PostgreSQL sessions per page: the figure that
 * holds on a loaded machine (HTTP, session and access checks not included: bench/village-page.ts has those).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_s1 npx tsx bench/village-sections.ts [--villages 200]
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/connection.ts';
import { SECTIONS } from '../src/modules/villages/sections.ts';
import { arg, cpuMs, median, villagesWithOrg } from './support.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const n = Number(arg('villages', '200'));
const database = await openDatabase({ url, dataDir: mkdtempSync(path.join(os.tmpdir(), 'fupin-sections-')) });
const db = database.db;
const villages = await villagesWithOrg(db);
const times = new Map<string, number[]>(SECTIONS.map((s) => [s.id, []]));
const cpu = new Map<string, { node: number; pg: number }>();
for (const s of SECTIONS) {
  const node = process.cpuUsage();
  const pg = await cpuMs(process.pid, url);
  for (let i = 0; i < n; i++) {
    const code = villages[(i * 7919) % villages.length] as string;
    const t = performance.now();
    await s.load(db, { code, countyCode: code.slice(0, 6) }, 'zh-CN');
    times.get(s.id)?.push(performance.now() - t);
  }
  const used = process.cpuUsage(node);
  cpu.set(s.id, { node: (used.user + used.system) / 1000 / n, pg: ((await cpuMs(process.pid, url)).database - pg.database) / n });
}
const before = { node: process.cpuUsage(), pg: await cpuMs(process.pid, url) };
for (let i = 0; i < n; i++) {
  const code = villages[(i * 7919) % villages.length] as string;
  const v = { code, countyCode: code.slice(0, 6) };
  await Promise.all(SECTIONS.map((s) => s.load(db, v, 'zh-CN')));
}
const node = process.cpuUsage(before.node);
const pgAfter = await cpuMs(process.pid, url);
const cpuLine = `CPU per page (all sections at once, ${n} villages): node ${((node.user + node.system) / 1000 / n).toFixed(2)} ms, PostgreSQL ${((pgAfter.database - before.pg.database) / n).toFixed(2)} ms`;
console.log(...['section'.padEnd(18), 'mean ms', 'p50', 'max', 'node cpu', 'pg cpu'].map((h, i) => (i ? h.padStart(9) : h)));
for (const [id, xs] of times) {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const c = cpu.get(id) ?? { node: 0, pg: 0 };
  console.log(id.padEnd(18), ...[mean, median(xs), Math.max(...xs), c.node, c.pg].map((x) => x.toFixed(2).padStart(9)));
}
console.log(cpuLine);
await database.close();
