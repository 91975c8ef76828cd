import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { forgetSessions } from '../../src/modules/auth/service.ts';
import { clearSettingsCache } from '../../src/modules/settings.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

describe.each(engines())('auth on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine);
  });
  afterAll(() => t.close());

  const mkUser = (username: string, opts: { mustChange?: boolean } = {}) =>
    t.database.db.transaction().execute((tx) =>
      createUser(
        tx,
        SYSTEM_ACTOR,
        null,
        { username, displayName: username, role: 'county_operator', scopeCode: '210727', password: 'Start#2024' },
        {
          mustChangePassword: opts.mustChange ?? false,
        },
      ),
    );

  it('logs in with an HttpOnly session cookie and answers /me', async () => {
    const c = new Client(t.app);
    const r = await c.post('/api/auth/login', { username: 'yixian', password: 'Fupin@2017' });
    expect(r.status).toBe(200);
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/fupin_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await c.get('/api/auth/me');
    expect(me.body.user).toMatchObject({ username: 'yixian', role: 'county_operator', isDemo: true, mustChangePassword: false });
    expect(me.body.user.scope).toMatchObject({ code: '210727', name: '义县' });
  });

  it('says the same for an unknown user and a wrong password, in the chosen language', async () => {
    const c = new Client(t.app);
    const unknown = await c.post('/api/auth/login', { username: 'nobody', password: 'x' });
    const wrong = await c.post('/api/auth/login', { username: 'leader', password: 'wrong' });
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.message).toBe('用户名或密码错误');
    c.lang = 'en';
    expect((await c.post('/api/auth/login', { username: 'nobody', password: 'x' })).body.error.message).toBe('Wrong username or password');
  });

  it('locks the account for 15 minutes after 5 failures, and the right password does not help meanwhile', async () => {
    await mkUser('locktest');
    const c = new Client(t.app);
    for (let i = 0; i < 4; i++) expect((await c.post('/api/auth/login', { username: 'locktest', password: 'bad' })).status).toBe(401);
    const fifth = await c.post('/api/auth/login', { username: 'locktest', password: 'bad' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    const right = await c.post('/api/auth/login', { username: 'locktest', password: 'Start#2024' });
    expect(right.status).toBe(423);
    const row = await sql<{ minutes: number }>`
      SELECT round(extract(epoch FROM locked_until - now()) / 60) AS minutes FROM app_user WHERE username = 'locktest'`.execute(
      t.database.db,
    );
    expect(Number(row.rows[0]?.minutes)).toBe(15);
    // Time passes: the lock ends and the right password works.
    await sql`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE username = 'locktest'`.execute(t.database.db);
    expect((await c.post('/api/auth/login', { username: 'locktest', password: 'Start#2024' })).status).toBe(200);
  });

  it('ends a session idle for 30 minutes and any session older than 12 hours', async () => {
    const c = await loggedIn(t.app, 'haifeng');
    expect((await c.get('/api/auth/me')).status).toBe(200);
    await sql`UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = (SELECT id FROM app_user WHERE username = 'haifeng')`.execute(
      t.database.db,
    );
    forgetSessions(); // sessions are cached for a few seconds; this SQL bypasses the app
    const idle = await c.get('/api/auth/me');
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('SESSION_EXPIRED');

    const d = await loggedIn(t.app, 'haifeng');
    await sql`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM app_user WHERE username = 'haifeng')`.execute(
      t.database.db,
    );
    forgetSessions(); // sessions are cached for a few seconds; this SQL bypasses the app
    expect((await d.get('/api/auth/me')).status).toBe(401);
    // The timeouts are settings, not constants.
    await sql`UPDATE setting SET value = '60' WHERE key = 'auth.session_idle_minutes'`.execute(t.database.db);
    clearSettingsCache();
    const e = await loggedIn(t.app, 'haifeng');
    await sql`UPDATE user_session SET last_seen_at = now() - interval '45 minutes' WHERE user_id = (SELECT id FROM app_user WHERE username = 'haifeng')`.execute(
      t.database.db,
    );
    forgetSessions(); // sessions are cached for a few seconds; this SQL bypasses the app
    expect((await e.get('/api/auth/me')).status).toBe(200);
    await sql`UPDATE setting SET value = '30' WHERE key = 'auth.session_idle_minutes'`.execute(t.database.db);
    clearSettingsCache();
  });

  it('forces a password change when an admin set the password, and only then lets the user work', async () => {
    await mkUser('mustchange', { mustChange: true });
    const c = await loggedIn(t.app, 'mustchange', 'Start#2024');
    expect((await c.get('/api/auth/me')).body.user.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/regions/summary');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.post('/api/auth/change-password', { currentPassword: 'Start#2024', newPassword: 'password' });
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    const wrong = await c.post('/api/auth/change-password', { currentPassword: 'nope', newPassword: 'Better#2025' });
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
    const same = await c.post('/api/auth/change-password', { currentPassword: 'Start#2024', newPassword: 'Start#2024' });
    expect(same.body.error.code).toBe('PASSWORD_REUSED');
    expect((await c.post('/api/auth/change-password', { currentPassword: 'Start#2024', newPassword: 'Better#2025' })).status).toBe(200);
    expect((await c.get('/api/regions/summary')).status).toBe(200);
    await new Client(t.app).login('mustchange', 'Better#2025');
  });

  it('exempts demo users from the forced change', async () => {
    const c = await loggedIn(t.app, 'dongguanying');
    expect((await c.get('/api/regions/summary')).status).toBe(200);
  });

  it('refuses a disabled account and ends its sessions', async () => {
    await mkUser('tobedisabled');
    const c = await loggedIn(t.app, 'tobedisabled', 'Start#2024');
    const admin = await loggedIn(t.app, 'sheng');
    const id = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'tobedisabled').executeTakeFirstOrThrow())
      .id;
    expect((await c.get('/api/auth/me')).status).toBe(200); // the session is now cached: the disable must still count at once
    expect((await admin.post(`/api/users/${id}/disable`)).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const again = await new Client(t.app).post('/api/auth/login', { username: 'tobedisabled', password: 'Start#2024' });
    expect(again.body.error.code).toBe('ACCOUNT_DISABLED');
  });

  it('logs out: the cookie stops working and the session row is gone', async () => {
    const c = await loggedIn(t.app, 'leader');
    const token = c.cookies.get('fupin_session');
    const reuse = new Client(t.app);
    reuse.cookies.set('fupin_session', token ?? '');
    expect((await reuse.get('/api/auth/me')).status).toBe(200); // cached from here on
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await reuse.get('/api/auth/me')).status).toBe(401);
  });

  it('rejects state-changing requests without the CSRF header or with a wrong one', async () => {
    const c = await loggedIn(t.app, 'sheng');
    const before = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(t.database.db);
    const none = await c.request('PUT', '/api/auth/language', { language: 'en' }, { 'x-csrf-token': '' });
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('CSRF_FAILED');
    const bad = await c.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(bad.status).toBe(403);
    const after = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(t.database.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    expect((await c.get('/api/auth/me')).status).toBe(200);
  });

  it('remembers the language a user picks', async () => {
    const c = await loggedIn(t.app, 'chaoyang');
    expect((await c.put('/api/auth/language', { language: 'en' })).status).toBe(200);
    const row = await t.database.db.selectFrom('app_user').select('language').where('username', '=', 'chaoyang').executeTakeFirstOrThrow();
    expect(row.language).toBe('en');
    expect(c.cookies.get('fupin_lang')).toBe('en');
    // The cached session user carries the new language at once.
    expect((await c.get('/api/auth/me')).body.user.language).toBe('en');
  });
});
