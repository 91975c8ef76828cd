/**
 * Command centre latency with autocannon against a Fupin server started here.
 *
 *   PostgreSQL (a database that already holds a register, e.g. the scale-1 demo):
 *     DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_bench npx tsx bench/dashboard.ts [--seconds 10] [--connections 20]
 *   PGlite (a data directory; a fresh one gets the scale-0.1 demo on first start, which takes a minute):
 *     BENCH_DATA_DIR=/tmp/fupin-pglite-0.1 npx tsx bench/dashboard.ts
 *
 * Each target runs twice: with the figure cache (how the server runs) and with FUPIN_FIGURE_CACHE=0 in a second
 * server, so every request reads the rollups and builds the answer. "any county" picks a random county of the
 * province for every request. Prints req/s and p50/p95/p99 in ms.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { arg, load, loadHeader, loadLine, login, waitForServer } from './support.ts';

const seconds = Number(arg('seconds', '10'));
const connections = Number(arg('connections', '20'));
const pgUrl = process.env.DATABASE_URL;
const dataDir = process.env.BENCH_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'fupin-dash-'));
if (!pgUrl && !process.env.BENCH_DATA_DIR) console.log(`no DATABASE_URL or BENCH_DATA_DIR: a fresh PGlite in ${dataDir} with the 0.1 demo`);

async function start(cache: boolean): Promise<{ base: string; proc: ChildProcess }> {
  const port = 3950 + Math.floor(Math.random() * 40);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (!cache) env.FUPIN_FIGURE_CACHE = '0';
  const args = ['bin/fupin.mjs', 'serve', '--no-build', ...(pgUrl ? ['--demo', '--demo-scale', '0'] : ['--demo-scale', '0.1'])];
  const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(base);
  return { base, proc };
}

async function run(label: string, cache: boolean) {
  const { base, proc } = await start(cache);
  try {
    const cookie = await login(base, 'sheng');
    const counties = (
      (await (await fetch(`${base}/api/command/map`, { headers: { cookie } })).json()) as { items: { code: string }[] }
    ).items.map((i) => i.code);
    // Warm: the first view computes the monthly snapshots of the trend window (the worker does it too).
    let t0 = performance.now();
    await fetch(`${base}/api/command/dashboard`, { headers: { cookie } });
    const first = performance.now() - t0;
    for (const c of counties) await fetch(`${base}/api/command/dashboard?region=${c}`, { headers: { cookie } });
    t0 = performance.now();
    await fetch(`${base}/api/command/dashboard?region=211381`, { headers: { cookie } });
    const warm = performance.now() - t0;
    console.log(
      `\n== ${label}: ${counties.length} counties; first province view ${Math.round(first)} ms, a warm county view ${Math.round(warm)} ms`,
    );
    loadHeader(36);
    const targets: [string, autocannon.Options][] = [
      ['dashboard, province', { url: `${base}/api/command/dashboard` }],
      ['dashboard, city 朝阳市', { url: `${base}/api/command/dashboard?region=2113` }],
      ['dashboard, county 北票市', { url: `${base}/api/command/dashboard?region=211381` }],
      [
        'dashboard, any county (random)',
        {
          url: base,
          requests: [
            {
              setupRequest: (req) => ({
                ...req,
                path: `/api/command/dashboard?region=${counties[Math.floor(Math.random() * counties.length)]}`,
              }),
            },
          ],
        },
      ],
      ['map, province (100 counties)', { url: `${base}/api/command/map` }],
      ['alerts, province, first page', { url: `${base}/api/command/alerts?limit=20` }],
    ];
    for (const [name, opts] of targets) loadLine(name, await load({ ...opts, connections, duration: seconds, headers: { cookie } }), 36);
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
}

console.log(`${pgUrl ? 'PostgreSQL' : 'PGlite'}; ${connections} connections, ${seconds} s per target`);
await run('with the figure cache', true);
await run('without the figure cache (FUPIN_FIGURE_CACHE=0)', false);
process.exit(0);
