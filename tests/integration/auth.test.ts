import { readFileSync } from 'node:fs';
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

  it('locks this client out of the account for 15 minutes after 5 failures, and the right password does not help meanwhile', async () => {
    await mkUser('locktest');
    const c = new Client(t.app);
    for (let i = 0; i < 4; i++) expect((await c.post('/api/auth/login', { username: 'locktest', password: 'bad' })).status).toBe(401);
    const fifth = await c.post('/api/auth/login', { username: 'locktest', password: 'bad' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    const right = await c.post('/api/auth/login', { username: 'locktest', password: 'Start#2024' });
    expect(right.status).toBe(423);
    const row = await sql<{ minutes: number }>`
      SELECT round(extract(epoch FROM locked_until - now()) / 60) AS minutes FROM login_throttle
      WHERE user_id = (SELECT id FROM app_user WHERE username = 'locktest')`.execute(t.database.db);
    expect(row.rows.map((r) => Number(r.minutes))).toEqual([15]);
    // Time passes: the lock ends and the right password works.
    await sql`UPDATE login_throttle SET locked_until = now() - interval '1 second', last_at = now() - interval '16 minutes'`.execute(
      t.database.db,
    );
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
    expect(weak.body.error.code).toBe('PASSWORD_TOO_SHORT');
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

  it('refuses a disabled account and ends its sessions, without confirming its password', async () => {
    await mkUser('tobedisabled');
    const c = await loggedIn(t.app, 'tobedisabled', 'Start#2024');
    const admin = await loggedIn(t.app, 'sheng');
    const id = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'tobedisabled').executeTakeFirstOrThrow())
      .id;
    expect((await c.get('/api/auth/me')).status).toBe(200); // the session is now cached: the disable must still count at once
    expect((await admin.post(`/api/users/${id}/disable`)).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const right = await new Client(t.app).post('/api/auth/login', { username: 'tobedisabled', password: 'Start#2024' });
    const wrong = await new Client(t.app).post('/api/auth/login', { username: 'tobedisabled', password: 'Wrong#2024' });
    expect(right.status).toBe(401);
    expect(right.body).toEqual(wrong.body);
    expect(right.body.error.code).toBe('INVALID_CREDENTIALS');
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
    // Recorded as a security event, with the user it was aimed at (once a minute per address).
    const events = await sql<{ actor_name: string; ip: string; path: string }>`
      SELECT actor_name, ip, details->>'path' AS path FROM security_event WHERE kind = 'csrf_failed'`.execute(t.database.db);
    expect(events.rows).toEqual([{ actor_name: 'sheng', ip: '127.0.0.1', path: '/api/auth/language' }]);
  });

  it('gives a new CSRF token at login and at logout: the one from before no longer works', async () => {
    const c = new Client(t.app);
    await c.get('/api/auth/csrf');
    const before = c.cookies.get('fupin_csrf');
    await c.login('beipiao');
    const after = c.cookies.get('fupin_csrf');
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    const stale = await c.request('PUT', '/api/auth/language', { language: 'zh-CN' }, { 'x-csrf-token': before ?? '' });
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toBe('CSRF_FAILED');
    expect((await c.put('/api/auth/language', { language: 'zh-CN' })).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect(c.cookies.get('fupin_csrf')).not.toBe(after);
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

  describe('password policy', () => {
    const newUser = (username: string, password: string) => ({
      username,
      displayName: username,
      role: 'county_operator',
      scopeCode: '211381',
      password,
    });
    const listed = readFileSync(new URL('../../data/passwords/common-passwords.txt', import.meta.url), 'utf8').split('\n');

    it.each([
      ['Short#123', 'PASSWORD_TOO_SHORT', '密码至少需要 10 个字符', 'The password needs at least 10 characters'],
      ['longenough1234', 'PASSWORD_TOO_FEW_CLASSES', '至少 3 类', 'at least 3 of'],
      ['Policy1#Policy1', 'PASSWORD_HAS_USERNAME', '不能是或包含用户名', 'must not be or contain the username'],
      ['P@ssw0rd123', 'PASSWORD_COMMON', '过于常见', 'too common'],
      ['Fupin@2017', 'PASSWORD_DEMO_ONLY', '演示密码只能用于演示账号', 'demo accounts only'],
    ])('refuses %s for a new user with %s, naming the rule in both languages, and writes nothing', async (password, code, zh, en) => {
      if (code === 'PASSWORD_COMMON') expect(listed).toContain(password.toLowerCase());
      const admin = await loggedIn(t.app, 'sheng');
      const r = await admin.post('/api/users', newUser('policy1', password));
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message).toContain(zh);
      expect(r.body.error.details).toEqual([{ path: 'password', code }]);
      admin.lang = 'en';
      expect((await admin.post('/api/users', newUser('policy1', password))).body.error.message).toContain(en);
      const n = await sql<{ n: number }>`SELECT count(*) AS n FROM app_user WHERE username = 'policy1'`.execute(t.database.db);
      expect(Number(n.rows[0]?.n)).toBe(0);
    });

    it('applies the same rules to a change and to an administrator reset; the numbers are settings', async () => {
      await mkUser('policy2');
      const c = await loggedIn(t.app, 'policy2', 'Start#2024');
      const hash = async () =>
        (await t.database.db.selectFrom('app_user').select('password_hash').where('username', '=', 'policy2').executeTakeFirstOrThrow())
          .password_hash;
      const before = await hash();
      const common = await c.post('/api/auth/change-password', { currentPassword: 'Start#2024', newPassword: 'Admin@123456' });
      expect(listed).toContain('admin@123456');
      expect(common.body.error).toMatchObject({ code: 'PASSWORD_COMMON', details: [{ path: 'newPassword', code: 'PASSWORD_COMMON' }] });
      const demo = await c.post('/api/auth/change-password', { currentPassword: 'Start#2024', newPassword: 'Fupin@2017' });
      expect(demo.body.error.code).toBe('PASSWORD_DEMO_ONLY');
      await sql`UPDATE setting SET value = '12' WHERE key = 'auth.password_min_length'`.execute(t.database.db);
      clearSettingsCache();
      const short = await c.post('/api/auth/change-password', { currentPassword: 'Start#2024', newPassword: 'Eleven#1234' });
      expect(short.body.error.message).toBe('密码至少需要 12 个字符');
      const id = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'policy2').executeTakeFirstOrThrow()).id;
      const reset = await (await loggedIn(t.app, 'sheng')).post(`/api/users/${id}/reset-password`, { password: 'Eleven#1234' });
      expect(reset.body.error.code).toBe('PASSWORD_TOO_SHORT');
      await sql`UPDATE setting SET value = '10' WHERE key = 'auth.password_min_length'`.execute(t.database.db);
      clearSettingsCache();
      expect(await hash()).toBe(before);
      expect((await c.post('/api/auth/change-password', { currentPassword: 'Start#2024', newPassword: 'Eleven#1234' })).status).toBe(200);
    });

    it('keeps the demo password valid for demo accounts', async () => {
      const c = await loggedIn(t.app, 'haifeng');
      expect((await c.post('/api/auth/change-password', { currentPassword: 'Fupin@2017', newPassword: 'Village#2024x' })).status).toBe(200);
      expect((await c.post('/api/auth/change-password', { currentPassword: 'Village#2024x', newPassword: 'Fupin@2017' })).status).toBe(200);
      await loggedIn(t.app, 'haifeng');
    });

    it('forces the change of a password older than auth.password_max_age_days, except for demo accounts', async () => {
      await mkUser('expiring');
      await sql`UPDATE app_user SET password_changed_at = now() - interval '91 days' WHERE username IN ('expiring', 'yixian')`.execute(
        t.database.db,
      );
      const c = await loggedIn(t.app, 'expiring', 'Start#2024');
      expect((await c.get('/api/regions/summary')).status).toBe(200); // off by default
      await sql`UPDATE setting SET value = '90' WHERE key = 'auth.password_max_age_days'`.execute(t.database.db);
      clearSettingsCache();
      forgetSessions();
      expect((await c.get('/api/auth/me')).body.user.mustChangePassword).toBe(true);
      const blocked = await c.get('/api/regions/summary');
      expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const fresh = await loggedIn(t.app, 'expiring', 'Start#2024');
      expect((await fresh.get('/api/auth/me')).body.user.mustChangePassword).toBe(true);
      expect((await (await loggedIn(t.app, 'yixian')).get('/api/regions/summary')).status).toBe(200);
      expect((await c.post('/api/auth/change-password', { currentPassword: 'Start#2024', newPassword: 'Renewed#2025' })).status).toBe(200);
      expect((await c.get('/api/regions/summary')).status).toBe(200);
      await sql`UPDATE setting SET value = '0' WHERE key = 'auth.password_max_age_days'`.execute(t.database.db);
      clearSettingsCache();
    });
  });
});
