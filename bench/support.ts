import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Db } from '../src/db/types.ts';
import { importProvince } from '../src/modules/regions/service.ts';

/** What the HTTP benchmarks share: signing in as a demo user and keeping the cookies a browser would send. */
export async function login(base: string, username: string, password = 'Fupin@2017'): Promise<string> {
  const csrf =
    (await fetch(`${base}/api/auth/csrf`)).headers
      .getSetCookie()
      .find((c) => c.startsWith('fupin_csrf='))
      ?.split(';')[0] ?? '';
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrf, 'x-csrf-token': csrf.split('=')[1] ?? '' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const session =
    r.headers
      .getSetCookie()
      .find((c) => c.startsWith('fupin_session='))
      ?.split(';')[0] ?? '';
  return `${csrf}; ${session}`;
}

/** Waits until the server answers its health check. */
export async function waitForServer(base: string, attempts = 600) {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    if (i > attempts) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** `--name value` from the command line, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/**
 * Starts `fupin serve --demo` (demo users, no demo data: the database of DATABASE_URL already holds it) on a random
 * free-ish port in a temporary DATA_DIR, waits for its health check and returns its base URL and a stop function.
 */
export async function startServer(opts: { prefix: string; env?: Record<string, string>; stdio?: 'inherit' | 'ignore' }) {
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['bin/fupin.mjs', 'serve', '--demo', '--no-build', '--demo-scale', '0'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), `${opts.prefix}-`)),
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', opts.stdio ?? 'inherit', opts.stdio ?? 'inherit'],
  });
  const stop = () => server.kill('SIGTERM');
  process.on('exit', stop);
  await waitForServer(base, 300);
  return { base, server, stop };
}

export interface LoadFigures {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** One autocannon run; the p95 where autocannon reports it (older versions only give p97.5). */
export async function load(opts: autocannon.Options): Promise<LoadFigures> {
  const r = await autocannon({ timeout: 60, ...opts });
  const latency = r.latency as unknown as Record<string, number>;
  return {
    requests: r.requests.total,
    perSecond: Math.round(r.requests.average),
    p50: r.latency.p50,
    p95: latency.p95 ?? r.latency.p97_5,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

/** A table of load figures: one header, then one line per target (`name` padded to `width`). */
export const loadHeader = (width = 28) =>
  console.log('what'.padEnd(width), ...['req/s', 'p50', 'p95', 'p99', 'non-2xx'].map((h) => h.padStart(8)));
export const loadLine = (name: string, f: LoadFigures, width = 28, cpuMsPerRequest?: number) =>
  console.log(
    name.padEnd(width),
    ...[f.perSecond, f.p50, f.p95, f.p99, f.non2xx + f.errors].map((n) => String(n).padStart(8)),
    ...(cpuMsPerRequest === undefined ? [] : [cpuMsPerRequest.toFixed(1).padStart(8)]),
  );

/** The median of some numbers (a figure is reported as the median of several runs). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * A fresh PostgreSQL database next to the one of `base` (a URL), migrated and holding the province's regions; dropped
 * by `drop()` (FORCE: a benchmark's own pool may still hold connections).
 */
export async function freshDatabase(base: string, prefix: string, province = '21') {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: os.tmpdir() });
  await migrateToLatest(database.db);
  await database.db.transaction().execute((tx) => importProvince(tx, province));
  return {
    name,
    url: url.toString(),
    database,
    db: database.db,
    admin,
    async drop(keep = false) {
      await database.close();
      if (keep) console.log(`kept database ${name}`);
      else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The median of each figure over several runs. */
export function medianFigures(all: LoadFigures[]): LoadFigures {
  const med = (k: keyof LoadFigures) => median(all.map((f) => f[k]));
  return {
    requests: med('requests'),
    perSecond: med('perSecond'),
    p50: med('p50'),
    p95: med('p95'),
    p99: med('p99'),
    non2xx: med('non2xx'),
    errors: med('errors'),
  };
}

/**
 * Load figures of several targets over several runs: each run's line as it is measured, then one table of medians
 * (the figure a note quotes). `cpu` is the CPU ms a request cost, when the bench measures it.
 */
export class LoadRuns {
  private readonly figures = new Map<string, LoadFigures[]>();
  private readonly cpus = new Map<string, number[]>();
  constructor(private readonly width = 28) {}

  header() {
    loadHeader(this.width);
  }

  add(name: string, run: number, f: LoadFigures, cpu?: number) {
    this.figures.set(name, [...(this.figures.get(name) ?? []), f]);
    if (cpu !== undefined) this.cpus.set(name, [...(this.cpus.get(name) ?? []), cpu]);
    loadLine(`${name} (${run})`, f, this.width, cpu);
  }

  /** The medians, under a title that says what was run (and what the last column is). */
  printMedians(title: string) {
    console.log(`\n${title}`);
    loadHeader(this.width);
    for (const [name, all] of this.figures) {
      const cpu = this.cpus.get(name);
      loadLine(name, medianFigures(all), this.width, cpu ? median(cpu) : undefined);
    }
  }
}

/**
 * CPU milliseconds so far of a server process and of its PostgreSQL sessions (found by the application_name Fupin
 * gives them, connection.ts): on a machine shared with other work, the CPU a request costs says more than its
 * latency. Linux only (/proc); sessions that ended meanwhile are not counted.
 */
export async function cpuMs(serverPid: number, databaseUrl: string): Promise<{ server: number; database: number }> {
  const ticks = (pid: number) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return Number(f[11]) + Number(f[12]);
    } catch {
      return 0;
    }
  };
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const pids = (await c.query(`SELECT pid FROM pg_stat_activity WHERE application_name LIKE $1`, [`fupin ${serverPid}@%`])).rows.map((r) =>
    Number(r.pid),
  );
  await c.end();
  const hz = 100;
  return { server: (ticks(serverPid) * 1000) / hz, database: (pids.reduce((n, p) => n + ticks(p), 0) * 1000) / hz };
}

/**
 * Waits until no other session of the database has run a query for two seconds (at most `maxMs`): a server just
 * started catches up the command centre's figures and snapshots (minutes at scale 1 after a back-dated write, as a
 * month's attendance computed), and a bench measuring meanwhile measures that work. Returns the seconds waited.
 */
export async function waitForQuietDatabase(databaseUrl: string, maxMs = 240_000): Promise<number> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const from = Date.now();
  try {
    for (let quiet = 0; quiet < 4 && Date.now() - from < maxMs; ) {
      await new Promise((r) => setTimeout(r, 500));
      const busy = await c.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`,
      );
      quiet = busy.rowCount ? 0 : quiet + 1;
    }
  } finally {
    await c.end();
  }
  return Math.round((Date.now() - from) / 1000);
}

/** The villages with a party organisation now, in code order: the village page benches walk them. */
export async function villagesWithOrg(db: Db): Promise<string[]> {
  const r = await sql<{
    code: string;
  }>`SELECT region_code AS code FROM party_org WHERE length(region_code) = 12 AND dissolved_on IS NULL ORDER BY region_code`.execute(db);
  return r.rows.map((x) => x.code);
}
