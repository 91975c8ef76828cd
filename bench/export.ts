/**
 * Register export benchmark: a server is started here on a PostgreSQL database that holds a register (e.g. scale 1:
 * `fupin demo --scale 1`, 810,000 persons), and the province user downloads the whole register as CSV and as xlsx
 * over HTTP, a few times each. Reports per format the time to the last byte, the size, the rows (CSV, counted against
 * SQL) and the server's peak resident memory (RSS from /proc, sampled every 100 ms) next to its RSS before the run.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_bench_export npx tsx bench/export.ts [--runs 3] [--region 21] [--user sheng]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { arg, login, waitForServer } from './support.ts';

const runs = Number(arg('runs', '3'));
const region = arg('region', '21');
const user = arg('user', 'sheng');
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const port = 3950 + Math.floor(Math.random() * 40);
const base = `http://127.0.0.1:${port}`;

const server = spawn(process.execPath, ['bin/fupin.mjs', 'serve', '--demo', '--no-build', '--demo-scale', '0'], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'fupin-export-')),
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

/** The server's resident set in MB (Linux). */
const rss = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};

await waitForServer(base, 300);
const db = new pg.Client({ connectionString: url });
await db.connect();
const persons = Number(
  (
    await db.query(
      `SELECT count(*) AS n FROM household_member m JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id
       WHERE h.village_code LIKE $1`,
      [`${region}%`],
    )
  ).rows[0].n,
);
await db.end();
const cookie = await login(base, user);

interface Run {
  seconds: number;
  mb: number;
  rows: number | null;
  before: number;
  peak: number;
}

async function download(format: 'csv' | 'xlsx'): Promise<Run> {
  const before = rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 100);
  const started = performance.now();
  const res = await fetch(`${base}/api/registry/households/export?format=${format}&region=${region}`, { headers: { cookie } });
  if (!res.ok || !res.body) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    if (format === 'csv') for (const b of chunk) if (b === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rss());
  return { seconds, mb: bytes / 1e6, rows: format === 'csv' ? lines - 1 : null, before, peak };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
console.log(`export of ${region} as ${user}: ${persons.toLocaleString('en')} persons by SQL; ${runs} runs per format`);
for (const format of ['csv', 'xlsx'] as const) {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await download(format);
    results.push(r);
    console.log(
      `  ${format} run ${i + 1}: ${r.seconds.toFixed(1)} s, ${r.mb.toFixed(1)} MB${r.rows === null ? '' : `, ${r.rows.toLocaleString('en')} rows`}, ` +
        `server RSS ${r.before.toFixed(0)} MB before, peak ${r.peak.toFixed(0)} MB`,
    );
    if (r.rows !== null && r.rows !== persons) throw new Error(`CSV has ${r.rows} rows, SQL counts ${persons}`);
  }
  console.log(
    `${format}: median ${median(results.map((r) => r.seconds)).toFixed(1)} s (${(persons / median(results.map((r) => r.seconds))).toFixed(0)} rows/s), ` +
      `${median(results.map((r) => r.mb)).toFixed(1)} MB, peak server RSS median ${median(results.map((r) => r.peak)).toFixed(0)} MB ` +
      `(before: ${median(results.map((r) => r.before)).toFixed(0)} MB)`,
  );
}
stop();
process.exit(0);
