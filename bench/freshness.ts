/**
 * Freshness benchmark: how long after a commit the county dashboard shows it, on the server that wrote and on another.
 * Two Fupin servers (A and B) on one PostgreSQL database that already holds a register, each with its figures worker:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_s1 DATA_DIR=/tmp/fupin-s1 \
 *     flock /tmp/fupin-bench.lock npx tsx bench/freshness.ts [--trials 5] [--county 211381]
 *
 * (a register from `fupin regions import --province 21 && fupin demo --scale 1` with the same DATA_DIR, whose key the
 * CLI import below uses). Three kinds of trial, each adding one household to the county:
 *   same process   — saved through A's API (POST /api/registry/households), A's dashboard polled;
 *   second server  — saved through A's API, B's dashboard polled;
 *   second process — a one-household file imported by `fupin import` (its own process), B's dashboard polled.
 * The commit is timed by a direct SQL poll for the new row every few ms; the figure by polling the dashboard every
 * 10 ms until hh_identified shows the new count. Prints per trial and the medians, and the slowest dashboard answer
 * seen while polling (a reader that waited for figure work would show here).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { writeRegisterCsv } from '../src/modules/registry/interchange/write.ts';
import { makeId } from '../tests/support/ids.ts';
import { arg, login, waitForServer } from './support.ts';

const trials = Number(arg('trials', '5'));
const county = arg('county', '211381');
const url = process.env.DATABASE_URL;
const dataDir = process.env.DATA_DIR;
if (!url || !dataDir) throw new Error('set DATABASE_URL (a database holding a register) and DATA_DIR (the key it was loaded with)');
const env = { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2 : Number.NaN;
};

function start(name: string): { base: string; proc: ChildProcess } {
  const port = 4100 + Math.floor(Math.random() * 800);
  const proc = spawn(process.execPath, ['bin/fupin.mjs', 'serve', '--demo', '--no-build', '--demo-scale', '0'], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  proc.on('exit', (code) => code && console.error(`server ${name} exited with ${code}`));
  return { base: `http://127.0.0.1:${port}`, proc };
}

// One after the other: the first creates the demo accounts if they are missing.
const a = start('A');
let b: ReturnType<typeof start> | null = null;
const stopAll = () => {
  a.proc.kill('SIGTERM');
  b?.proc.kill('SIGTERM');
};
process.on('exit', stopAll);
await waitForServer(a.base);
b = start('B');
await waitForServer(b.base);

const db = new pg.Client({ connectionString: url });
await db.connect();
const village = (await db.query(`SELECT code FROM region WHERE level = 5 AND code LIKE $1 || '%' ORDER BY code LIMIT 1`, [county])).rows[0]
  ?.code as string;
const villageNames = (
  await db.query(
    `SELECT v.name AS village, t.name AS township, c.name AS county, ci.name AS city FROM region v
     JOIN region t ON t.code = v.parent_code JOIN region c ON c.code = t.parent_code JOIN region ci ON ci.code = c.parent_code
     WHERE v.code = $1`,
    [village],
  )
).rows[0];
const households = Number((await db.query('SELECT count(*) AS n FROM household')).rows[0].n);
const user = (await db.query(`SELECT username FROM app_user WHERE is_demo AND scope_code = $1 LIMIT 1`, [county])).rows[0]?.username;
if (!user) throw new Error(`no demo user for ${county}`);
const cookieA = await login(a.base, user);
const cookieB = await login(b.base, user);
const B = b;

type Dash = { figures: { id: string; value: number | null }[]; freshness?: { current: boolean } };
let slowest = 0;
async function shown(base: string, cookie: string): Promise<number | null> {
  const t0 = performance.now();
  const r = await fetch(`${base}/api/command/dashboard?region=${county}`, { headers: { cookie } });
  slowest = Math.max(slowest, performance.now() - t0);
  const body = (await r.json()) as Dash;
  return body.figures.find((f) => f.id === 'hh_identified')?.value ?? null;
}
const countNow = async () => Number((await db.query('SELECT count(*) AS n FROM household WHERE county_code = $1', [county])).rows[0].n);

/** Polls until `check` holds; returns the time it first held. */
async function when(check: () => Promise<boolean>, everyMs: number, limitMs = 180_000): Promise<number> {
  const end = performance.now() + limitMs;
  for (;;) {
    if (await check()) return performance.now();
    if (performance.now() > end) throw new Error('timed out');
    await sleep(everyMs);
  }
}

let seq = 0;
const stamp = Date.now() % 100_000;
const nextNo = () => `FRESH${stamp}${String(++seq).padStart(3, '0')}`;
const idFor = (i: number, male: boolean) => makeId(county, `1931-0${1 + (i % 9)}-1${i % 10}`, (stamp + i * 2) % 1000, male);

async function saveThroughA(no: string) {
  const csrf = /fupin_csrf=([^;]+)/.exec(cookieA)?.[1] ?? '';
  const r = await fetch(`${a.base}/api/registry/households`, {
    method: 'POST',
    headers: { cookie: cookieA, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify({
      villageCode: village,
      householdNo: no,
      category: 'ordinary',
      cause: 'illness',
      yearIdentified: 2016,
      plannedExitYear: 2019,
      status: 'poor',
      members: [{ name: `鲜${seq}`, idNumber: idFor(seq, true), relation: 'head', gender: 'M' }],
    }),
  });
  if (!r.ok) throw new Error(`save: ${r.status} ${await r.text()}`);
}

async function importByCli(no: string) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'fupin-fresh-')), `${no}.csv`);
  await writeRegisterCsv(
    file,
    [
      {
        ...villageNames,
        village_code: village,
        household_no: no,
        name: `鲜${seq}`,
        id_number: idFor(seq, true),
        relation: '户主',
        gender: '男',
        category: '一般贫困户',
        poverty_cause: '因病',
        year_identified: 2016,
        planned_exit_year: 2019,
        household_status: '未脱贫',
      },
    ],
    { lang: 'zh-CN' },
  );
  return new Promise<void>((done, fail) => {
    const p = spawn(process.execPath, ['bin/fupin.mjs', 'import', file, '--scope', county, '--json'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.on('exit', (code) =>
      code === 0 && /"households":\{"imported":1,/.test(out) ? done() : fail(new Error(`import exited ${code}: ${out}`)),
    );
  });
}

async function trial(kind: string, write: (no: string) => Promise<void>, reader: { base: string; cookie: string }) {
  const before = await countNow();
  await when(async () => (await shown(reader.base, reader.cookie)) === before, 20);
  const no = nextNo();
  const writing = write(no);
  const committed = await when(
    async () => (await db.query('SELECT 1 FROM household WHERE county_code = $1 AND household_no = $2', [county, no])).rows.length > 0,
    3,
  );
  slowest = 0;
  const moved = await when(async () => (await shown(reader.base, reader.cookie)) === before + 1, 10);
  await writing;
  const ms = moved - committed;
  const months = await db.query('SELECT count(*) AS n FROM indicator_month');
  console.log(
    `${kind.padEnd(16)} commit → figure moved ${ms.toFixed(0).padStart(6)} ms   slowest dashboard answer meanwhile ${slowest.toFixed(0)} ms   (${months.rows[0].n} monthly snapshots stored)`,
  );
  return { ms, slowest };
}

// A register loaded without a server (or after an upgrade) starts with every village to fold in: wait for it once.
const warm0 = performance.now();
let ready = { figures: { backlogVillages: 1 } as { backlogVillages: number } | null };
const firstBacklog = Number((await db.query('SELECT count(*) AS n FROM rollup_dirty')).rows[0].n);
while ((ready.figures?.backlogVillages ?? 1) > 0) {
  await sleep(500);
  ready = (await (await fetch(`${a.base}/api/ready`)).json()) as typeof ready;
}
console.log(`initial catch-up: ${firstBacklog} villages folded in by the workers in ${((performance.now() - warm0) / 1000).toFixed(1)} s`);

console.log(
  `${households} households; county ${county}, village ${village}; two servers (${a.base}, ${B.base}) on ${url.replace(/\/\/[^@/]*@/, '//')}; ${trials} trials each`,
);
const results: Record<string, { ms: number; slowest: number }[]> = { 'same process': [], 'second server': [], 'second process': [] };
for (let i = 0; i < trials; i++) {
  results['same process']?.push(await trial('same process', saveThroughA, { base: a.base, cookie: cookieA }));
  results['second server']?.push(await trial('second server', saveThroughA, { base: B.base, cookie: cookieB }));
  results['second process']?.push(await trial('second process', importByCli, { base: B.base, cookie: cookieB }));
}
console.log('\nmedians (commit → dashboard figure moved):');
for (const [kind, rs] of Object.entries(results)) {
  console.log(
    `  ${kind.padEnd(16)} ${median(rs.map((r) => r.ms))
      .toFixed(0)
      .padStart(
        6,
      )} ms  (max ${Math.max(...rs.map((r) => r.ms)).toFixed(0)} ms; slowest dashboard answer ${Math.max(...rs.map((r) => r.slowest)).toFixed(0)} ms)`,
  );
}
const end = (await (await fetch(`${B.base}/api/ready`)).json()) as { figures: unknown };
console.log('B readiness figures:', JSON.stringify(end.figures));
const pending = (await (await fetch(`${B.base}/api/command/dashboard?region=${county}`, { headers: { cookie: cookieB } })).json()) as {
  freshness: unknown;
};
console.log('B dashboard freshness at the end:', JSON.stringify(pending.freshness));
// The bench's households stay in the register; remove them with SQL if the database is to be reused as it was.
await db.end();
stopAll();
spawnSync('sleep', ['1']);
process.exit(0);
