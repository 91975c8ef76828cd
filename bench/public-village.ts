/**
 * A village's public board (no login) under load: GET /public/villages/{code} (the server-rendered page) and
 * GET /api/public/villages/{code} (the board's API) with autocannon, 200 clients, over villages that have households
 * in exit notice, against a server on the database of DATABASE_URL. The per-client rate limit is raised for the run
 * (FUPIN_PUBLIC_RATE_FACTOR): every request comes from one address here.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_exit_demo npx tsx bench/public-village.ts --seconds 20 --runs 3
 *
 * Each run also loads GET /api/health (no database, the same plugins: headers, session cookie, rate-limit-free) with the
 * same clients, as the floor of what this server answers on this machine at that moment (the machine is shared:
 * compare the page with the floor of the same run). `--kind page|api|both`; FUPIN_BOARD_CACHE=0 shows the boards
 * built on every request.
 *
 * Prints requests/s, p50, p95, p99 and non-2xx per run and kind, the server's CPU time per request (from /proc: what
 * a request costs whatever the other processes do), the load average, and the median p95 of each kind.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/connection.ts';
import { noticeVillages } from '../src/modules/exit/public/queries.ts';
import { arg, LoadRuns, load, waitForServer } from './support.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const seconds = Number(arg('seconds', '20'));
const connections = Number(arg('connections', '200'));
const runs = Number(arg('runs', '3'));
const kind = arg('kind', 'page');
const kinds = kind === 'both' ? ['page', 'api'] : [kind];

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
const pathOf = (k: string, code: string) =>
  k === 'health' ? '/api/health' : k === 'api' ? `/api/public/villages/${code}` : `/public/villages/${code}`;
// utime + stime of the server process, in ms (Linux /proc; clock ticks of 10 ms).
const serverCpuMs = () => {
  try {
    const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
};
const loadKind = async (k: string, duration: number) => {
  let i = 0;
  return load({
    url: base,
    connections,
    duration,
    requests: [{ setupRequest: (req) => ({ ...req, path: pathOf(k, villages[(i++ * 7919) % villages.length] as string) }) }],
  });
};
// Warm up (JIT, the pool's connections, the boards): not counted.
for (const k of kinds) await loadKind(k, 3);
const table = new LoadRuns(8);
table.header();
for (let run = 1; run <= runs; run++) {
  for (const k of ['health', ...kinds]) {
    const cpu0 = serverCpuMs();
    const f = await loadKind(k, seconds);
    table.add(k, run, f, (serverCpuMs() - cpu0) / Math.max(1, f.requests));
  }
  console.log(
    `load average after run ${run}: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}
table.printMedians(
  `medians of ${runs} runs (health is the floor; target for the others: p95 ≤ 50 ms); the last column: server CPU ms a request`,
);
server.kill('SIGTERM');
process.exit(0);
