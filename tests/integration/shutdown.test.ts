import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { MONTH_LOCK } from '../../src/modules/command/rollups.ts';
import { engines, seededServerDatabase } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * `fupin serve` as a child process, stopped by a signal while it works: an import preview running in the
 * background and a request whose body never finishes arriving (a client sending a byte at a time). It must exit by itself,
 * with code 0, within 10 s of the signal; the preview it interrupted must be marked failed, not left running.
 */
const BIN = path.resolve('bin/fupin.mjs');
const PASSWORD = 'Fupin@2017';

/** A register file big enough that its preview is still reading rows seconds after the upload. */
function registerCsv(households: number): string {
  const lines = ['市,县(市、区),乡(镇),行政村,户编号,姓名,证件号码,与户主关系,性别,贫困户属性,主要致贫原因,识别年度,户状态,人均纯收入(元)'];
  for (let i = 0; i < households; i++) {
    const id = makeId('211381', `19${50 + (i % 49)}-0${1 + (i % 9)}-1${i % 10}`, i % 999, i % 2 === 0);
    lines.push(`朝阳市,北票市,东官营镇,海丰村,SD${String(i).padStart(7, '0')},张${i},${id},户主,男,一般贫困户,因病,2016,未脱贫,2600`);
  }
  return lines.join('\r\n');
}

class Session {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}
  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = (pair ?? '').split('=');
      if (k) this.cookies.set(k.trim(), v ?? '');
    }
  }
  get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async fetch(url: string, init: RequestInit = {}) {
    if (!this.cookies.has('fupin_csrf')) this.keep(await fetch(`${this.base}/api/auth/csrf`));
    const headers = new Headers(init.headers);
    headers.set('cookie', this.cookie);
    headers.set('x-csrf-token', this.cookies.get('fupin_csrf') ?? '');
    const res = await fetch(`${this.base}${url}`, { ...init, headers });
    this.keep(res);
    return res;
  }
}

interface Server {
  child: ChildProcess;
  base: string;
  out: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

async function startServer(env: Record<string, string>, args: string[]): Promise<Server> {
  const child = spawn('node', [BIN, 'serve', '--no-build', '--demo-scale', '0', ...args], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const started = Date.now();
  while (!/running on (http:\/\/\S+)/.test(out)) {
    if (child.exitCode !== null) throw new Error(`server exited at start: ${out}`);
    if (Date.now() - started > 90_000) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const base = (/running on (http:\/\/\S+)/.exec(out)?.[1] ?? '').replace('localhost', '127.0.0.1');
  return { child, base, out: () => out, exited };
}

/** A request whose body arrives a few bytes at a time and never completes: it stays in flight until cut off. */
function stalledRequest(s: Session) {
  const url = new URL(`${s.base}/api/auth/change-password`);
  const req = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.cookies.get('fupin_csrf') ?? '',
      'content-type': 'application/json',
      'content-length': String(512 * 1024),
    },
  });
  const outcome = new Promise<string>((resolve) => {
    req.on('response', (res) => resolve(`answered ${res.statusCode}`));
    req.on('error', (e) => resolve(`failed: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
  });
  req.write('{"currentPassword": "');
  const timer = setInterval(() => req.write('x'), 200);
  return {
    outcome: outcome.finally(() => clearInterval(timer)),
    stop: () => {
      clearInterval(timer);
      req.destroy();
    },
  };
}

describe.each(engines())('fupin serve stops on a signal on %s', (engine) => {
  const csv = registerCsv(150_000);
  let databaseUrl = '';
  let dropDb: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    if (engine === 'pglite') return;
    const c = await seededServerDatabase(engine);
    databaseUrl = c.url;
    dropDb = c.drop;
  });
  afterAll(async () => dropDb?.());

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} during an import preview and a stalled request: exits 0 within 10 s, the preview marked failed`, async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fupin-shutdown-'));
      if (engine === 'pglite') {
        // Start from the seeded test database: a first start (regions, users) would take most of a minute here.
        const lite = await PGlite.create(path.join(dataDir, 'db'), { loadDataDir: new Blob([readFileSync(inject('pgliteSeed'))]) });
        await lite.close();
      }
      const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl }, []);
      let slow: ReturnType<typeof stalledRequest> | null = null;
      try {
        const s = new Session(server.base);
        const login = await s.fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'beipiao', password: PASSWORD }),
        });
        expect(login.status).toBe(200);

        const form = new FormData();
        form.append('file', new Blob([csv], { type: 'text/csv' }), 'big.csv');
        const upload = await s.fetch('/api/registry/imports', { method: 'POST', body: form });
        expect(upload.status, await upload.clone().text()).toBe(200);
        const batchId = ((await upload.json()) as { id: number }).id;
        // Wait until the preview is reading rows.
        for (let i = 0; ; i++) {
          const b = (await (await s.fetch(`/api/registry/imports/${batchId}`)).json()) as { status: string; progress?: { rows: number } };
          if ((b.progress?.rows ?? 0) > 0) break;
          expect(b.status, JSON.stringify(b)).toBe('staging');
          if (i > 200) throw new Error('the preview never started');
          await new Promise((r) => setTimeout(r, 50));
        }
        slow = stalledRequest(s);
        // Once a later request is answered, the server has taken the stalled one in (it is in flight).
        await new Promise((r) => setTimeout(r, 300));
        expect((await s.fetch('/api/health')).status).toBe(200);

        const sent = Date.now();
        server.child.kill(signal);
        const exit = await Promise.race([server.exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
        expect(exit, `no exit within 15 s:\n${server.out()}`).not.toBeNull();
        const seconds = ((exit?.at ?? 0) - sent) / 1000;
        console.log(`${engine} ${signal}: exited with ${exit?.code} after ${seconds.toFixed(2)} s`);
        expect(exit?.code, server.out()).toBe(0);
        expect(seconds).toBeLessThan(10);
        expect(server.out()).toContain('database closed, bye');
        const stalled = await slow.outcome;
        console.log(`${engine} ${signal}: the stalled request ${stalled}`);
        expect(stalled).toMatch(/^failed/);

        // The interrupted preview is not left "staging" for ever.
        const database = await openDatabase({ url: databaseUrl || undefined, dataDir });
        try {
          const batch = await database.db
            .selectFrom('import_batch')
            .select(['status', 'summary'])
            .where('id', '=', batchId)
            .executeTakeFirst();
          expect(batch?.status).toBe('failed');
          expect(JSON.stringify(batch?.summary)).toContain('The server stopped while this file was being read');
        } finally {
          await database.close();
        }
      } finally {
        slow?.stop();
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
      }
    }, 180_000);
  }
});

/**
 * A background statement that would outlast the shutdown (at scale 1 a month's snapshot or the start-up fold-in runs
 * for seconds): here the start-up snapshot of a month waits behind the month lock, held by the test. The server
 * cancels it once requests are done, exits 0 within 10 s, and the snapshot's transaction leaves nothing behind.
 * PostgreSQL and Citus: on PGlite nothing runs beside the caller's own session.
 */
describe.each(engines().filter((e) => e !== 'pglite'))('fupin serve stops a background statement on a signal on %s', (engine) => {
  let databaseUrl = '';
  let dropDb: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const c = await seededServerDatabase(engine as Exclude<typeof engine, 'pglite'>);
    databaseUrl = c.url;
    dropDb = c.drop;
  });
  afterAll(async () => dropDb?.());

  it('SIGTERM while the month snapshot waits: the statement is cancelled, exit 0 within 10 s, no snapshot stored', async () => {
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [MONTH_LOCK]);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fupin-shutdown-'));
    const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl }, []);
    try {
      // The server's own session waiting for the lock: the snapshot's statement is running (active, on a lock).
      const waiting = async () =>
        (
          await holder.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE application_name LIKE $1 AND state = 'active' AND wait_event_type = 'Lock'`,
            [`fupin ${server.child.pid}@%`],
          )
        ).rows[0]?.n as number;
      for (const until = Date.now() + 60_000; (await waiting()) === 0; ) {
        if (Date.now() > until) throw new Error(`no statement waited for the month lock:\n${server.out()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const sent = Date.now();
      server.child.kill('SIGTERM');
      const exit = await Promise.race([server.exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
      expect(exit, `no exit within 15 s:\n${server.out()}`).not.toBeNull();
      const seconds = ((exit?.at ?? 0) - sent) / 1000;
      console.log(`${engine}: a waiting snapshot cancelled, exited with ${exit?.code} after ${seconds.toFixed(2)} s`);
      expect(exit?.code, server.out()).toBe(0);
      expect(seconds).toBeLessThan(10);
      expect(server.out()).toMatch(/[1-9]\d* running statement\(s\) of background work cancelled/);
      expect(server.out()).toContain('database closed, bye');
      expect(await waiting()).toBe(0);
      // Rolled back: no month was recorded as computed, no figure of one stored.
      const stored = await holder.query(
        'SELECT (SELECT count(*) FROM indicator_month)::int AS months, (SELECT count(*) FROM indicator_monthly)::int AS figures',
      );
      expect(stored.rows[0]).toEqual({ months: 0, figures: 0 });
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await holder.end();
    }
  }, 180_000);
});
