import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskForAudit, record, SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

describe('audit masking', () => {
  it('drops secrets and masks ID numbers and phones at any depth', () => {
    expect(
      maskForAudit({
        name: '王芳',
        id_number: '211381199001011234',
        password_hash: 'x',
        members: [{ idNumber: '211381199001011234', phone: '13912345678' }],
      }),
    ).toEqual({ name: '王芳', id_number: '2113**************', members: [{ idNumber: '2113**************', phone: '139****5678' }] });
  });
});

describe.each(engines())('audit trail on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine);
  });
  afterAll(() => t.close());

  it('cannot be updated, deleted or truncated by the application', async () => {
    const db = t.database.db;
    await record(db, SYSTEM_ACTOR, { scopeCode: '21', entity: 'test', entityId: 'x', action: 'create', after: { a: 1 } });
    const count = async () => (await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(db)).rows[0]?.n;
    const before = await count();
    await expect(sql`UPDATE audit_log SET action = 'forged'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('entity', '=', 'test').execute()).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    const forged = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE action = 'forged'`.execute(db);
    expect(forged.rows[0]?.n).toBe(0);
  });

  it('records a user creation with actor, scope, before/after — and never the password', async () => {
    const admin = await loggedIn(t.app, 'beipiao');
    const r = await admin.post('/api/users', {
      username: 'audited1',
      displayName: '审计测试',
      role: 'village_user',
      scopeCode: '211381109201',
      password: 'Secret#2024',
    });
    expect(r.status).toBe(200);
    const rows = await sql<{ actor_name: string; scope_code: string; action: string; after: Record<string, unknown>; before: unknown }>`
      SELECT actor_name, scope_code, action, after, before FROM audit_log WHERE entity = 'user' AND entity_id = ${String(r.body.id)}`.execute(
      t.database.db,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ actor_name: 'beipiao', scope_code: '211381109201', action: 'create', before: null });
    expect(rows.rows[0]?.after).toMatchObject({ username: 'audited1', role: 'village_user' });
    expect(JSON.stringify(rows.rows[0])).not.toMatch(/Secret#2024|argon2/);
  });

  it('lets an administrator filter by user, entity and time, inside the scope only', async () => {
    const sheng = await loggedIn(t.app, 'sheng');
    const beipiao = await loggedIn(t.app, 'beipiao');
    await loggedIn(t.app, 'yixian'); // a login in 义县, outside 北票市

    const byActor = await sheng.get('/api/audit?actor=yixian&entity=session');
    const expected = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM audit_log WHERE actor_name = 'yixian' AND entity = 'session'`.execute(t.database.db);
    expect(byActor.body.items).toHaveLength(expected.rows[0]?.n ?? -1);
    expect(byActor.body.items.every((i: { actorName: string }) => i.actorName === 'yixian')).toBe(true);

    const mine = await beipiao.get('/api/audit?limit=200');
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((i: { scopeCode: string }) => i.scopeCode.startsWith('211381'))).toBe(true);
    expect((await beipiao.get('/api/audit?actor=yixian')).body.items).toEqual([]);

    const future = await sheng.get('/api/audit?from=2999-01-01');
    expect(future.body.items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const todays = await sheng.get(`/api/audit?from=${today}&to=${today}&limit=200`);
    expect(todays.body.items.length).toBeGreaterThan(0);

    // Keyset pages: no overlap, no gap.
    const p1 = await sheng.get('/api/audit?limit=3');
    const p2 = await sheng.get(`/api/audit?limit=3&cursor=${p1.body.nextCursor}`);
    const all = await sheng.get('/api/audit?limit=6');
    expect([...p1.body.items, ...p2.body.items].map((i: { id: number }) => i.id)).toEqual(all.body.items.map((i: { id: number }) => i.id));
  });

  it('is closed to roles without audit permission', async () => {
    const leader = await loggedIn(t.app, 'leader');
    expect((await leader.get('/api/audit')).status).toBe(403);
  });
});
