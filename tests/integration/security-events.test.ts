import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

const DAY = 86_400_000;

describe.each(engines())('security events view on %s', (engine) => {
  let t: TestApp;
  let sheng: Client;
  const now = Date.now();

  /** The events the province administrator sees, by SQL: its scope, and events that concern no region. */
  const visible = `(scope_code LIKE '21%' OR scope_code = '')`;
  async function sqlIds(where = 'true'): Promise<number[]> {
    const r = await sql<{
      id: number;
    }>`SELECT id FROM security_event WHERE ${sql.raw(visible)} AND ${sql.raw(where)} ORDER BY id DESC`.execute(t.database.db);
    return r.rows.map((x) => Number(x.id));
  }

  async function insert(kind: string, daysAgo: number, actor: string, scope: string, details: unknown = null) {
    await sql`INSERT INTO security_event (at, kind, actor_name, scope_code, ip, details)
      VALUES (${new Date(now - daysAgo * DAY)}, ${kind}, ${actor}, ${scope}, '10.1.2.3', ${details === null ? null : JSON.stringify(details)}::jsonb)`.execute(
      t.database.db,
    );
  }

  async function download(c: Client, url: string) {
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return t.app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': c.lang } });
  }

  beforeAll(async () => {
    t = await openTestApp(engine);
    // Events as the modules record them, spread over 40 days; one outside the province (another install's data).
    await insert('login_locked', 1, 'beipiao', '211381', { lock: 'client', failures: 5 });
    await insert('login_locked', 12, 'yixian', '210727', { lock: 'account' });
    await insert('scope_conflict', 2, 'haifeng', '211381109201', { what: 'person' });
    await insert('scope_conflict', 20, 'haifeng', '211381109201', { what: 'household' });
    await insert('unmask', 3, 'chaoyang', '2113', { source: 'export', persons: 120 });
    await insert('unmask', 4, 'chaoyang', '2113', { source: 'detail' });
    await insert('unmask', 25, 'chaoyang', '2113', { source: 'export', persons: 40 });
    await insert('csrf_failed', 5, '', '', { method: 'POST', path: '/api/users' });
    await insert('csrf_failed', 40, '', '', { method: 'POST', path: '/api/users' });
    await insert('login_failed', 6, '=HYPERLINK("http://x","y")', '', { note: '+cmd|calc' });
    await insert('login_failed', 2, 'elsewhere', '31', null);
    // And a few real ones: wrong passwords through the login route, one sent with a forged X-Forwarded-For.
    const anon = new Client(t.app);
    for (let i = 0; i < 3; i++) {
      const r = await anon.request(
        'POST',
        '/api/auth/login',
        { username: 'dongguanying', password: `Wrong#${i}x` },
        { 'x-forwarded-for': '203.0.113.7' },
      );
      expect(r.status).toBe(401);
    }
    sheng = await loggedIn(t.app, 'sheng');
  });
  afterAll(() => t.close());

  it('is for the province administrator only', async () => {
    expect((await sheng.get('/api/security/events')).status).toBe(200);
    for (const user of ['leader', 'chaoyang', 'beipiao', 'dongguanying', 'haifeng']) {
      const c = await loggedIn(t.app, user);
      for (const url of ['/api/security/events', '/api/security/summary', '/api/security/kinds', '/api/security/events/export']) {
        const r = await c.get(url);
        expect(r.status, `${user} ${url}`).toBe(403);
        expect(r.body.error.code).toBe('FORBIDDEN');
      }
    }
    const me = await sheng.get('/api/auth/me');
    expect(me.body.user.permissions).toContain('security.read');
  });

  it('shows the failed logins just made, with the real client address (X-Forwarded-For not trusted)', async () => {
    const r = await sheng.get('/api/security/events?kind=login_failed&actor=dongguanying');
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBe(3);
    for (const e of r.body.items) {
      expect(e).toMatchObject({
        kind: 'login_failed',
        kindLabel: '登录失败',
        actorName: 'dongguanying',
        scopeCode: '211381109',
        ip: '127.0.0.1',
      });
    }
  });

  it('lists newest first, page by page, exactly the rows SQL finds, with each filter', async () => {
    for (const [query, where] of [
      ['', 'true'],
      ['kind=unmask', "kind = 'unmask'"],
      ['actor=haifeng', "actor_name = 'haifeng'"],
      [`from=${new Date(now - 10 * DAY).toISOString()}`, `at >= '${new Date(now - 10 * DAY).toISOString()}'`],
      [
        `from=${new Date(now - 30 * DAY).toISOString().slice(0, 10)}&to=${new Date(now - 3 * DAY).toISOString().slice(0, 10)}&kind=unmask`,
        `kind = 'unmask' AND at >= TIMESTAMPTZ '${new Date(now - 30 * DAY).toISOString().slice(0, 10)}T00:00:00Z' AND at < TIMESTAMPTZ '${new Date(now - 3 * DAY).toISOString().slice(0, 10)}T00:00:00Z' + interval '1 day'`,
      ],
    ] as const) {
      const expected = await sqlIds(where);
      const got: number[] = [];
      let cursor: string | null = null;
      do {
        const r = await sheng.get(`/api/security/events?limit=3&${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status, query).toBe(200);
        got.push(...r.body.items.map((e: { id: number }) => e.id));
        cursor = r.body.nextCursor;
      } while (cursor);
      expect(got, query).toEqual(expected);
    }
    // Outside the province: never shown.
    const all = await sheng.get('/api/security/events?limit=200');
    expect(all.body.items.some((e: { actorName: string }) => e.actorName === 'elsewhere')).toBe(false);
  });

  it('refuses a malformed filter with a clear 400', async () => {
    const r = await sheng.get('/api/security/events?kind=DROP%20TABLE');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect((await sheng.get('/api/security/events?from=yesterday')).status).toBe(400);
  });

  it('counts each kind over the last 7 and 30 days as SQL does, and the persons unmasked', async () => {
    const r = await sheng.get('/api/security/summary');
    expect(r.status).toBe(200);
    expect(r.body.kinds.map((k: { kind: string }) => k.kind)).toEqual([
      'login_failed',
      'login_locked',
      'scope_conflict',
      'unmask',
      'csrf_failed',
    ]);
    for (const days of [7, 30]) {
      const w = r.body.windows.find((x: { days: number }) => x.days === days);
      const since = new Date(new Date(w.since).getTime());
      expect(Math.abs(since.getTime() - (Date.now() - days * DAY))).toBeLessThan(60_000);
      const counts = await sql<{ kind: string; n: number }>`SELECT kind, count(*) AS n FROM security_event
        WHERE ${sql.raw(visible)} AND at >= ${since} GROUP BY kind`.execute(t.database.db);
      for (const k of ['login_failed', 'login_locked', 'scope_conflict', 'unmask', 'csrf_failed']) {
        expect(w.counts[k], `${k} in ${days} days`).toBe(Number(counts.rows.find((x) => x.kind === k)?.n ?? 0));
      }
    }
    // By hand: 7 days hold the export of 120 persons and one detail; 30 days also the export of 40.
    expect(r.body.windows.find((x: { days: number }) => x.days === 7).unmaskedPersons).toBe(121);
    expect(r.body.windows.find((x: { days: number }) => x.days === 30).unmaskedPersons).toBe(161);
  });

  it('exports the filtered events as xlsx, formula-like text neutralised', async () => {
    const res = await download(sheng, '/api/security/events/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['时间（北京时间）', '类型', '类型代码', '用户', '区划代码', 'IP 地址', '详情']);
    expect(rows.length - 1).toBe((await sqlIds()).length);
    const forged = rows.find((r) => String(r[3]).includes('HYPERLINK'));
    expect(forged?.[3]).toBe('\'=HYPERLINK("http://x","y")');
    expect(String(forged?.[6])).toContain('+cmd|calc');
    expect(forged?.[1]).toBe('登录失败');
    for (const r of rows.slice(1)) {
      for (const v of r) if (typeof v === 'string') expect(v, JSON.stringify(r)).not.toMatch(/^[=+\-@\t\r]/);
    }
    // Beijing time: the newest row's clock reads eight hours ahead of UTC.
    const newest = await sql<{ at: Date }>`SELECT at FROM security_event WHERE ${sql.raw(visible)} ORDER BY id DESC LIMIT 1`.execute(
      t.database.db,
    );
    expect((rows[1]?.[0] as Date | undefined)?.getTime()).toBe(new Date(newest.rows[0]?.at as Date).getTime() + 8 * 3_600_000);

    const filtered = await download(sheng, '/api/security/events/export?kind=unmask');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(filtered.rawPayload as unknown as ArrayBuffer);
    expect((wb2.worksheets[0]?.rowCount ?? 0) - 1).toBe((await sqlIds("kind = 'unmask'")).length);
  });

  it('labels kinds in the user language', async () => {
    sheng.lang = 'en';
    try {
      const k = await sheng.get('/api/security/kinds');
      expect(k.body.items).toEqual(expect.arrayContaining([{ kind: 'login_locked', label: 'Lockout' }]));
      const e = await sheng.get('/api/security/events?kind=scope_conflict');
      expect(e.body.items[0].kindLabel).toBe('Out-of-scope conflict');
    } finally {
      sheng.lang = 'zh-CN';
    }
  });
});
