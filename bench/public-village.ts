/**
 * A village's public board (no login) under load: GET /public/villages/{code} (the server-rendered page) and
 * GET /api/public/villages/{code} (the board's API) with autocannon, 200 clients, over villages that have households
 * in exit notice, against a server on the database of DATABASE_URL. The per-client rate limit is raised for the run
 * (FUPIN_PUBLIC_RATE_FACTOR): every request comes from one address here.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_exit_demo npx tsx bench/public-village.ts --seconds 20 --runs 3
 *
 * Prints requests/s, p50, p95, p99 and non-2xx per run and the median p95 of the runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/connection.ts';
import { noticeVillages } from '../src/modules/exit/public/queries.ts';
import { waitForServer } from './support.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const seconds = Number(arg('seconds', '20'));
const connections = Number(arg('connections', '200'));
const runs = Number(arg('runs', '3'));
const kind = arg('kind', 'page');

const database = await openDatabase({ url, dataDir: mkdtempSync(path.join(os.tmpdir(), 'fupin-pub-bench-')) });
const villages = await noticeVillages(database.db, 500);
await database.close();
if (!villages.length) throw new Error('no village has households in exit notice: load the demo first (fupin demo)');
console.log(`${villages.length} villages with households in exit notice; ${connections} clients, ${seconds} s, ${kind}`);

const port = 4030 + Math.floor(Math.random() * 40);
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['bin/fupin.mjs', 'serve', '--no-build', '--demo-scale', '0'], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'fupin-pub-http-')),
    LOG_LEVEL: 'warn',
    FUPIN_PUBLIC_RATE_FACTOR: '1000000',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
process.on('exit', () => server.kill('SIGTERM'));
await waitForServer(base, 300);
const pathOf = (code: string) => (kind === 'api' ? `/api/public/villages/${code}` : `/public/villages/${code}`);
await fetch(`${base}${pathOf(villages[0] as string)}`);
const p95s: number[] = [];
console.log('run'.padStart(4), 'req/s'.padStart(7), 'p50'.padStart(6), 'p95'.padStart(6), 'p99'.padStart(6), 'non-2xx'.padStart(8));
for (let run = 1; run <= runs; run++) {
  let i = 0;
  const r = await autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 60,
    requests: [{ setupRequest: (req) => ({ ...req, path: pathOf(villages[(i++ * 7919) % villages.length] as string) }) }],
  });
  const p95 = (r.latency as unknown as Record<string, number>).p95 ?? r.latency.p97_5;
  p95s.push(p95);
  console.log(
    String(run).padStart(4),
    String(Math.round(r.requests.average)).padStart(7),
    `${r.latency.p50}`.padStart(6),
    `${p95}`.padStart(6),
    `${r.latency.p99}`.padStart(6),
    String(r.non2xx).padStart(8),
  );
}
p95s.sort((a, b) => a - b);
console.log(`median p95 of ${runs} runs: ${p95s[Math.floor(p95s.length / 2)]} ms (target ≤ 50 ms)`);
server.kill('SIGTERM');
process.exit(0);
