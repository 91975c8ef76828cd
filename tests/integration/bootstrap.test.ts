import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { verifyPassword } from '../../src/modules/auth/password.ts';
import { ensureInitialAdmin } from '../../src/modules/users/service.ts';
import { Client, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

describe.each(engines())('first start of a production install on %s', (engine) => {
  let t: TestApp;
  let d: Database;
  beforeAll(async () => {
    t = await openTestApp(engine);
    d = t.database;
  });
  afterAll(() => t.close());

  it('creates one province administrator with a one-time random password that must be changed', async () => {
    const first = await ensureInitialAdmin(d.db, '21');
    expect(first?.username).toBe('admin');
    expect(first?.password).toMatch(/^.{16}$/);
    const row = await sql<{ role: string; scope_code: string; must_change_password: boolean; is_demo: boolean; password_hash: string }>`
      SELECT role, scope_code, must_change_password, is_demo, password_hash FROM app_user WHERE username = 'admin'`.execute(d.db);
    expect(row.rows[0]).toMatchObject({ role: 'province_admin', scope_code: '21', must_change_password: true, is_demo: false });
    expect(await verifyPassword(row.rows[0]?.password_hash ?? '', first?.password ?? '')).toBe(true);
    // A second start prints nothing and creates nothing.
    expect(await ensureInitialAdmin(d.db, '21')).toBeNull();
    const c = new Client(t.app);
    await c.login('admin', first?.password);
    expect((await c.get('/api/regions/summary')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});
