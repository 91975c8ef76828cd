/**
 * Check-in ingestion over HTTP, as the field app sends it: signed batches (ECDSA P-256, one key per phone) posted by
 * many resident cadres at once, driven by autocannon against a Fupin server started here on a PostgreSQL database that
 * holds the cadres demo (e.g. the scale-1 database of bench/freshness.ts):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_s1 DATA_DIR=/tmp/fupin-s1 \
 *     flock /tmp/fupin-bench.lock npx tsx bench/checkins.ts [--cadres 60] [--batch 20] [--seconds 20] [--connections 20]
 *     [--cpu-prof DIR]
 *
 * Setup: takes `--cadres` postings in post of one county, gives each a login (through the county's API), changes its
 * password, registers a phone key and pre-signs enough unique batches for the run (every record a new client id, dated
 * today). Then every request is a different batch. Prints check-ins per second (records accepted / run time, checked
 * against a direct SQL count of the rows stored) and the batch request's p50/p95/p99 latency. The logins and check-ins
 * it made are removed at the end, and the county's months are computed again without them.
 */
import { spawn } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { canonical } from '../src/modules/cadres/checkins.ts';
import { arg, login, waitForQuietDatabase, waitForServer } from './support.ts';

const cadres = Number(arg('cadres', '60'));
const batch = Number(arg('batch', '20'));
const seconds = Number(arg('seconds', '20'));
const connections = Number(arg('connections', '20'));
const county = arg('county', '211381');
const url = process.env.DATABASE_URL;
if (!url || !process.env.DATA_DIR) throw new Error('set DATABASE_URL (a database with the cadres demo) and DATA_DIR');
const PASSWORD = 'Bench@2026checkin';
const port = 4900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;

// --cpu-prof DIR: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
const profileDir = arg('cpu-prof', '');
const server = spawn(
  process.execPath,
  [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    'bin/fupin.mjs',
    'serve',
    '--demo',
    '--no-build',
    '--demo-scale',
    '0',
  ],
  {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
process.on('exit', () => server.kill('SIGTERM'));
await waitForServer(base, 600);

const db = new pg.Client({ connectionString: url });
await db.connect();
const csrfOf = (cookie: string) => /fupin_csrf=([^;]+)/.exec(cookie)?.[1] ?? '';
async function call(cookie: string, method: string, path: string, body?: unknown) {
  const r = await fetch(`${base}/api${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfOf(cookie) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

// Postings in post without a login yet, in villages that have a point or not (ingestion does not judge presence).
const postings = (
  await db.query(
    `SELECT p.id::int AS id FROM cadre_posting p
     JOIN procedure_case c ON c.county_code = p.county_code AND c.procedure = 'cadres.posting' AND c.subject_id = p.id
     WHERE p.county_code = $1 AND c.state = 'in_post'
       AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.posting_county = p.county_code AND u.posting_id = p.id)
     ORDER BY p.id LIMIT $2`,
    [county, cadres],
  )
).rows.map((r) => r.id as number);
if (postings.length < cadres) throw new Error(`only ${postings.length} postings in post without a login in ${county}`);

const countyCookie = await login(base, 'beipiao');
const tag = Date.now().toString(36);
const users: string[] = [];
console.log(`setting up ${cadres} cadres with a login and a phone key …`);
const phones: { cookie: string; deviceId: number; key: webcrypto.CryptoKey }[] = [];
for (const [i, id] of postings.entries()) {
  const username = `bench_${tag}_${i}`;
  await call(countyCookie, 'POST', `/cadres/postings/${id}/login`, { username, password: PASSWORD });
  users.push(username);
  const cookie = await login(base, username, PASSWORD);
  await call(cookie, 'POST', '/auth/change-password', { currentPassword: PASSWORD, newPassword: `${PASSWORD}!` });
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  const { deviceId } = await call(cookie, 'POST', '/field/devices', { publicKey: jwk });
  phones.push({ cookie, deviceId, key: pair.privateKey });
}

// Enough unique batches for the run at up to 8,000 check-ins/s (at 4,000 the fastest runs resent some).
const needed = Math.ceil((8000 * seconds) / batch);
console.log(`signing ${needed} batches of ${batch} (${needed * batch} records) …`);
const bodies: { cookie: string; csrf: string; body: string }[] = [];
const pointRow = { lat: 41.8, lon: 120.77 };
for (let i = 0; i < needed; i++) {
  const phone = phones[i % phones.length] as (typeof phones)[number];
  const records = [];
  for (let j = 0; j < batch; j++) {
    const r = {
      clientId: webcrypto.randomUUID(),
      deviceId: phone.deviceId,
      deviceTime: new Date(Date.now() - (1 + ((i * batch + j) % 600)) * 60_000).toISOString(),
      lat: Number(pointRow.lat) + ((i * 7 + j) % 100) / 100_000,
      lon: Number(pointRow.lon) + ((i * 13 + j) % 100) / 100_000,
      accuracy: 8 + ((i + j) % 40),
    };
    const sig = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, phone.key, new TextEncoder().encode(canonical(r)));
    records.push({ ...r, signature: Buffer.from(sig).toString('base64') });
  }
  bodies.push({ cookie: phone.cookie, csrf: csrfOf(phone.cookie), body: JSON.stringify({ records }) });
}

// CPU time, which the load of other processes on the machine changes far less than the wall clock: the server's
// process, this process (autocannon), and the PostgreSQL backends of the server's pool (from /proc, in ms).
const TICK_MS = 10;
const cpuOfPid = (pid: number) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
};
const backends = async () =>
  (
    await db.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    )
  ).rows.map((r) => r.pid as number);
const backendCpu = new Map<number, number>();
for (const pid of await backends()) backendCpu.set(pid, cpuOfPid(pid));
const serverCpu0 = cpuOfPid(server.pid as number);
const benchCpu0 = process.cpuUsage();

// The server's start-up work (the trend months' snapshots, which the last run's clean-up dropped) is not ingestion:
// the run starts once no query of the server has been running for two seconds (at most two minutes' wait).
const waited = await waitForQuietDatabase(url, 120_000);
console.log(`running ${seconds} s with ${connections} connections (waited ${waited} s for a quiet database) …`);
const before = Number((await db.query('SELECT count(*) AS n FROM cadre_checkin WHERE county_code = $1', [county])).rows[0].n);
let next = 0;
let refused = 0;
const started = Date.now();
const times: number[] = [];
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const run = autocannon(
    {
      url: `${base}/api/field/checkins`,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const b = bodies[next++ % bodies.length] as (typeof bodies)[number];
            return { ...req, body: b.body, headers: { 'content-type': 'application/json', cookie: b.cookie, 'x-csrf-token': b.csrf } };
          },
          onResponse: (status, body) => {
            if (status !== 200 || body.includes('"refused"')) refused++;
          },
        },
      ],
    },
    (err, r) => (err ? reject(err) : resolve(r)),
  );
  run.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
});
const serverCpuMs = cpuOfPid(server.pid as number) - serverCpu0;
const benchCpu = process.cpuUsage(benchCpu0);
let pgCpuMs = 0;
for (const pid of await backends()) pgCpuMs += cpuOfPid(pid) - (backendCpu.get(pid) ?? 0);
times.sort((a, b) => a - b);
const pct = (p: number) => Number((times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? Number.NaN).toFixed(1));
const elapsed = (Date.now() - started) / 1000;
const after = Number((await db.query('SELECT count(*) AS n FROM cadre_checkin WHERE county_code = $1', [county])).rows[0].n);
const stored = after - before;

console.log(
  JSON.stringify(
    {
      cadres,
      batch,
      connections,
      seconds: Number(elapsed.toFixed(1)),
      requests: result.requests.total,
      non2xx: result.non2xx,
      responsesWithRefusals: refused,
      reusedBodies: next > bodies.length,
      storedBySql: stored,
      checkinsPerSecond: Math.round(stored / elapsed),
      latencyMs: { p50: pct(50), p95: pct(95), p99: pct(99), max: pct(100) },
      // CPU per check-in stored (µs): what 2,000 check-ins/s on two cores allows is about 1,000 µs in all.
      cpuUsPerCheckin: {
        server: Math.round((serverCpuMs * 1000) / stored),
        postgres: Math.round((pgCpuMs * 1000) / stored),
        loadTool: Math.round((benchCpu.user + benchCpu.system) / stored),
      },
      loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    },
    null,
    2,
  ),
);

// Leave the database as it was: the bench's check-ins, devices and logins go — once the server has stopped, so
// that no request still being answered stores a check-in after the delete.
const stopped = new Promise((resolve) => server.once('exit', resolve));
server.kill('SIGTERM');
await stopped;
await db.query(
  `DELETE FROM cadre_checkin WHERE (county_code, device_id) IN
     (SELECT d.county_code, d.id FROM cadre_device d JOIN app_user u ON u.id = d.user_id WHERE u.username LIKE $1)`,
  [`bench_${tag}_%`],
);
await db.query('DELETE FROM cadre_device WHERE user_id IN (SELECT id FROM app_user WHERE username LIKE $1)', [`bench_${tag}_%`]);
await db.query('UPDATE app_user SET disabled = true, posting_id = NULL, posting_county = NULL WHERE username LIKE $1', [`bench_${tag}_%`]);
await db.end();
// The server's attendance worker may have computed the county's month with the bench's records in it: computed
// again without them, the figures and flags are those of the database as it was (recomputing is idempotent).
const { openDatabase } = await import('../src/db/connection.ts');
const { computeMonth } = await import('../src/modules/cadres/attendance/compute.ts');
const again = await openDatabase({ url, dataDir: process.env.DATA_DIR as string });
const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 7);
for (const m of new Set([beijing(started - 601 * 60_000), beijing(Date.now())])) await computeMonth(again.db, county, m);
await again.close();
process.exit(0);
