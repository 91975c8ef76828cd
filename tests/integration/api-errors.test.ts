import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

describe.each(engines())('API edge on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  const userCount = async () => (await sql<{ n: number }>`SELECT count(*) AS n FROM app_user`.execute(t.database.db)).rows[0]?.n;

  beforeAll(async () => {
    t = await openTestApp(engine);
    admin = await loggedIn(t.app, 'chaoyang');
  });
  afterAll(() => t.close());

  const good = { username: 'newuser', displayName: '新用户', role: 'county_operator', scopeCode: '211381', password: 'Good#2024x' };

  it('reports health with version and engine, and the migrations in the readiness check', async () => {
    const r = await admin.get('/api/health');
    expect(r.body).toMatchObject({ status: 'ok', database: engine === 'citus' ? 'postgresql' : engine });
    const ready = await admin.get('/api/ready');
    const files = (await import('node:fs')).readdirSync('src/db/migrations').filter((f) => f.endsWith('.sql'));
    expect(ready.body.checks.migrations).toMatchObject({ ok: true, pending: 0, applied: files.length });
  });

  it('serves OpenAPI generated from the route schemas', async () => {
    const r = await admin.get('/api/docs/json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/users', '/api/regions/{code}', '/api/audit']));
    expect(r.body.paths['/api/users'].post.requestBody).toBeTruthy();
  });

  it.each([
    ['malformed JSON', '{"username": "x",', 'MALFORMED_JSON', 400],
    ['unknown field', { ...good, isAdmin: true }, 'VALIDATION_FAILED', 400],
    ['wrong type', { ...good, displayName: 42 }, 'VALIDATION_FAILED', 400],
    ['over-long string', { ...good, displayName: '长'.repeat(51) }, 'VALIDATION_FAILED', 400],
    ['bad username', { ...good, username: 'Bad Name!' }, 'VALIDATION_FAILED', 400],
    ['malformed region code', { ...good, scopeCode: '2113811' }, 'UNKNOWN_REGION', 400],
    ['unknown region code in scope', { ...good, scopeCode: '211399' }, 'UNKNOWN_REGION', 400],
    ['region out of scope', { ...good, scopeCode: '210727' }, 'NOT_FOUND', 404],
    ['weak password', { ...good, password: 'weakweak' }, 'PASSWORD_TOO_SHORT', 400],
    ['role too powerful', { ...good, role: 'province_admin', scopeCode: '2113' }, 'ROLE_NOT_ASSIGNABLE', 400],
    ['role at the wrong level', { ...good, role: 'county_operator', scopeCode: '211381109' }, 'ROLE_SCOPE_MISMATCH', 400],
    ['empty body', '', 'MALFORMED_JSON', 400],
  ])('%s → a clear 4xx and nothing written', async (_name, body, code, status) => {
    const before = await userCount();
    const r = await admin.request('POST', '/api/users', body);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(typeof r.body.error.message).toBe('string');
    expect(r.body.error.message.length).toBeGreaterThan(3);
    expect(await userCount()).toBe(before);
  });

  it('names the failing field in the user language', async () => {
    admin.lang = 'en';
    const en = await admin.post('/api/users', { ...good, displayName: 42 });
    expect(en.body.error.details[0].path).toBe('displayName');
    expect(en.body.error.message).toMatch(/displayName/);
    expect(en.body.error.message).toMatch(/expected string/i);
    admin.lang = 'zh-CN';
    const zh = await admin.post('/api/users', { ...good, displayName: 42 });
    expect(zh.body.error.message).toMatch(/期望/);
  });

  it('rejects a duplicate username and keeps the first', async () => {
    expect((await admin.post('/api/users', { ...good, username: 'dupname' })).status).toBe(200);
    const again = await admin.post('/api/users', { ...good, username: 'DupName', displayName: '另一个' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('USERNAME_TAKEN');
    const row = await t.database.db
      .selectFrom('app_user')
      .select('display_name')
      .where('username', '=', 'dupname')
      .executeTakeFirstOrThrow();
    expect(row.display_name).toBe('新用户');
  });

  it('rejects an oversized body with 413', async () => {
    const r = await admin.post('/api/users', { ...good, displayName: 'x'.repeat(2 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown API paths with the error shape', async () => {
    const r = await admin.get('/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('asks for login without a session', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/regions/summary' });
    expect(r.statusCode).toBe(401);
    expect(JSON.parse(r.body).error.code).toBe('UNAUTHENTICATED');
  });

  it('lets an operator create, disable, enable and reset users below it, but not act on itself or a stronger user', async () => {
    const created = await admin.post('/api/users', { ...good, username: 'managed1', role: 'village_user', scopeCode: '211381109201' });
    expect(created.body).toMatchObject({ username: 'managed1', scopeName: '海丰村民委员会', mustChangePassword: true });
    const id = created.body.id;
    expect((await admin.post(`/api/users/${id}/disable`)).body.disabled).toBe(true);
    expect((await admin.post(`/api/users/${id}/enable`)).body.disabled).toBe(false);
    const reset = await admin.post(`/api/users/${id}/reset-password`, { password: 'Reset#2024' });
    expect(reset.body.mustChangePassword).toBe(true);
    const me = (await admin.get('/api/auth/me')).body.user.id;
    expect((await admin.post(`/api/users/${me}/disable`)).body.error.code).toBe('CANNOT_CHANGE_SELF');
    const county = await loggedIn(t.app, 'beipiao');
    const cityUserId = (
      await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'dongguanying').executeTakeFirstOrThrow()
    ).id;
    expect((await county.post(`/api/users/${cityUserId}/disable`)).status).toBe(200);
    expect((await county.post(`/api/users/${cityUserId}/enable`)).status).toBe(200);
    const list = await county.get('/api/users?limit=200');
    expect(list.body.items.every((u: { scopeCode: string }) => u.scopeCode.startsWith('211381'))).toBe(true);
    const expected = await sql<{ n: number }>`SELECT count(*) AS n FROM app_user WHERE scope_code LIKE '211381%'`.execute(t.database.db);
    expect(list.body.items).toHaveLength(expected.rows[0]?.n ?? -1);
  });
});
