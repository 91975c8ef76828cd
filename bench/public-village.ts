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
const load = async (k: string, duration: number) => {
  let i = 0;
  return autocannon({
    url: base,
    connections,
    duration,
    timeout: 60,
    requests: [{ setupRequest: (req) => ({ ...req, path: pathOf(k, villages[(i++ * 7919) % villages.length] as string) }) }],
  });
};
// Warm up (JIT, the pool's connections, the boards): not counted.
for (const k of kinds) await load(k, 3);
const p95s = new Map<string, number[]>();
const cpus = new Map<string, number[]>();
console.log(
  'run'.padStart(4),
  'kind'.padStart(7),
  'req/s'.padStart(7),
  'p50'.padStart(6),
  'p95'.padStart(6),
  'p99'.padStart(6),
  'non-2xx'.padStart(8),
  'cpu µs/req'.padStart(11),
  '  load average',
);
for (let run = 1; run <= runs; run++) {
  for (const k of ['health', ...kinds]) {
    const cpu0 = serverCpuMs();
    const r = await load(k, seconds);
    const cpuPerRequest = ((serverCpuMs() - cpu0) * 1000) / Math.max(1, r.requests.total);
    cpus.set(k, [...(cpus.get(k) ?? []), cpuPerRequest]);
    const p95 = (r.latency as unknown as Record<string, number>).p95 ?? r.latency.p97_5;
    p95s.set(k, [...(p95s.get(k) ?? []), p95]);
    console.log(
      String(run).padStart(4),
      k.padStart(7),
      String(Math.round(r.requests.average)).padStart(7),
      `${r.latency.p50}`.padStart(6),
      `${p95}`.padStart(6),
      `${r.latency.p99}`.padStart(6),
      String(r.non2xx).padStart(8),
      String(Math.round(cpuPerRequest)).padStart(11),
      ` ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [k, xs] of p95s)
  console.log(
    `median p95 of ${runs} runs, ${k}: ${median(xs)} ms${k === 'health' ? ' (the floor)' : ' (target ≤ 50 ms)'}; server CPU ${Math.round(median(cpus.get(k) ?? []) ?? 0)} µs a request`,
  );
server.kill('SIGTERM');
process.exit(0);
