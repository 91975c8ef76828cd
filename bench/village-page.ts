/**
 * The village page (一村一档) under load: GET /api/villages/{code}/profile over many villages, 20 clients, with
 * autocannon against a server on the database of DATABASE_URL (a demo loaded with `fupin demo --scale S`).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_s1 npx tsx bench/village-page.ts [--seconds 20] [--runs 3]
 *
 * Prints requests/s, p50, p95, p99 and non-2xx of each run and the medians, for the province user over the villages
 * of every demo county (a different village each request), and the CPU one request costs the server and PostgreSQL
 * (the figure that holds on a machine shared with other work).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/connection.ts';
import {
  arg,
  cpuMs,
  type LoadFigures,
  load,
  loadHeader,
  loadLine,
  login,
  median,
  medianFigures,
  startServer,
  villagesWithOrg,
  waitForQuietDatabase,
} from './support.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const seconds = Number(arg('seconds', '20'));
const connections = Number(arg('connections', '20'));
const runs = Number(arg('runs', '3'));

const database = await openDatabase({ url, dataDir: mkdtempSync(path.join(os.tmpdir(), 'fupin-vil-bench-')) });
const villages = await villagesWithOrg(database.db);
await database.close();
if (!villages.length) throw new Error('no village organisations: load the demo first (fupin demo)');
console.log(`${villages.length} villages with an organisation`);

const { base, server, stop } = await startServer({ prefix: 'fupin-vil-http' });
const cookie = await login(base, 'sheng');
// The first answer waits for the command centre's figures after a fresh demo (its alerts section reads them).
const warm = Date.now();
const first = await fetch(`${base}/api/villages/${villages[0]}/profile`, { headers: { cookie } });
console.log(`first answer ${first.status} in ${Date.now() - warm} ms`);
console.log(`waited ${await waitForQuietDatabase(url)} s for a quiet database`);
let i = 0;
const all: LoadFigures[] = [];
loadHeader(10);
const cpu: { server: number; database: number }[] = [];
for (let run = 1; run <= runs; run++) {
  const before = await cpuMs(server.pid as number, url);
  const f = await load({
    url: base,
    connections,
    duration: seconds,
    headers: { cookie },
    requests: [{ setupRequest: (req) => ({ ...req, path: `/api/villages/${villages[(i++ * 7919) % villages.length]}/profile` }) }],
  });
  all.push(f);
  const after = await cpuMs(server.pid as number, url);
  cpu.push({ server: (after.server - before.server) / f.requests, database: (after.database - before.database) / f.requests });
  loadLine(`run ${run}`, f, 10);
}
loadLine('median', medianFigures(all), 10);
const perRequest = (k: 'server' | 'database') => median(cpu.map((c) => c[k])).toFixed(1);
console.log(`CPU per request (median): server ${perRequest('server')} ms, its PostgreSQL sessions ${perRequest('database')} ms`);
stop();
process.exit(0);
