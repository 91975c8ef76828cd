import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { verifyPassword } from '../../src/modules/auth/password.ts';
import { clearSettingsCache } from '../../src/modules/settings.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { Client, loggedIn, openTestApp, type Reply, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

const PASSWORD = 'Start#2024';

// The real verifier, counted: which answers checked a password at all.
vi.mock('../../src/modules/auth/password.ts', async (original) => {
  const real = await original<typeof import('../../src/modules/auth/password.ts')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const verifications = () => vi.mocked(verifyPassword).mock.calls.length;

/** A browser-like client at its own address. */
function clientAt(app: FastifyInstance, ip: string) {
  const atIp = { inject: (o: InjectOptions) => app.inject({ ...o, remoteAddress: ip }) } as unknown as FastifyInstance;
  return new Client(atIp);
}

const login = (c: Client, username: string, password: string) => c.post('/api/auth/login', { username, password });
const statuses = (replies: Reply[]) => replies.map((r) => r.status).sort();
const count = (replies: Reply[], status: number) => replies.filter((r) => r.status === status).length;

describe.each(engines())('login throttling on %s', (engine) => {
  let t: TestApp;
  let ipSeq = 0;
  const freshIp = () => `10.9.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

  const setSetting = async (key: string, value: number) => {
    await sql`UPDATE setting SET value = ${JSON.stringify(value)} WHERE key = ${key} AND scope_code = '' AND year = 0`.execute(
      t.database.db,
    );
    clearSettingsCache();
  };
  const mkUser = (username: string) =>
    t.database.db
      .transaction()
      .execute((tx) =>
        createUser(
          tx,
          SYSTEM_ACTOR,
          null,
          { username, displayName: username, role: 'county_operator', scopeCode: '210727', password: PASSWORD },
          { mustChangePassword: false },
        ),
      );
  const events = async (kind: string, actor: string) =>
    (
      await sql<{ n: number }>`SELECT count(*) AS n FROM security_event WHERE kind = ${kind} AND actor_name = ${actor}`.execute(
        t.database.db,
      )
    ).rows[0]?.n;

  beforeAll(async () => {
    t = await openTestApp(engine);
    // Short delays keep the sequential tests quick; the delay test sets its own.
    await setSetting('auth.throttle_base_ms', 5);
  });
  afterAll(() => t.close());

  it('30 parallel attempts, 29 wrong and 1 right: at most 5 are checked, the rest are refused as locked', async () => {
    await mkUser('burst1');
    await setSetting('auth.throttle_base_ms', 250); // as configured by default
    const clients = Array.from({ length: 30 }, () => new Client(t.app));
    for (const c of clients) await c.get('/api/auth/csrf');
    const verifiedBefore = verifications();
    const replies = await Promise.all(clients.map((c, i) => login(c, 'burst1', i === 15 ? PASSWORD : 'Wrong#2024')));
    expect(verifications() - verifiedBefore).toBeLessThanOrEqual(5);
    await setSetting('auth.throttle_base_ms', 5);
    expect(count(replies, 401) + count(replies, 200)).toBeLessThanOrEqual(5);
    expect(count(replies, 423)).toBeGreaterThanOrEqual(25);
    expect(count(replies, 401) + count(replies, 200) + count(replies, 423)).toBe(30);
    const checked = Number(await events('login_failed', 'burst1')) + count(replies, 200);
    expect(checked).toBeLessThanOrEqual(5);
  });

  it('30 parallel wrong attempts: exactly 4 answered 401, then the client is locked (one lock event)', async () => {
    await mkUser('burst2');
    const clients = Array.from({ length: 30 }, () => new Client(t.app));
    for (const c of clients) await c.get('/api/auth/csrf');
    const replies = await Promise.all(clients.map((c) => login(c, 'burst2', 'Wrong#2024')));
    expect(statuses(replies)).toEqual([...Array(4).fill(401), ...Array(26).fill(423)]);
    expect(Number(await events('login_failed', 'burst2'))).toBe(5);
    expect(Number(await events('login_locked', 'burst2'))).toBe(1);
    const row = await sql<{ locked: boolean }>`
      SELECT locked_until > now() AS locked FROM login_throttle
      WHERE user_id = (SELECT id FROM app_user WHERE username = 'burst2')`.execute(t.database.db);
    expect(row.rows).toEqual([{ locked: true }]);
  });

  it('waits longer before each answer to a client that keeps failing', async () => {
    await mkUser('slowdown');
    await setSetting('auth.throttle_base_ms', 200);
    const c = clientAt(t.app, freshIp());
    const took: number[] = [];
    for (let i = 0; i < 4; i++) {
      const start = performance.now();
      expect((await login(c, 'slowdown', 'Wrong#2024')).status).toBe(401);
      took.push(performance.now() - start);
    }
    await setSetting('auth.throttle_base_ms', 5);
    // Delays before the answers: 0, 200, 400, 800 ms (lower bounds: a loaded machine only adds).
    expect(took[1]).toBeGreaterThanOrEqual(200);
    expect(took[2]).toBeGreaterThanOrEqual(400);
    expect(took[3]).toBeGreaterThanOrEqual(800);
    // Another client is not slowed down by this one's failures.
    const other = clientAt(t.app, freshIp());
    const start = performance.now();
    expect((await login(other, 'slowdown', PASSWORD)).status).toBe(200);
    expect(performance.now() - start).toBeLessThan(took[3] as number);
  });

  it('a lockout cannot lock the owner out: another address, or a browser that logged in before, still gets in', async () => {
    await mkUser('victim');
    const owner = clientAt(t.app, '10.1.1.1');
    expect((await login(owner, 'victim', PASSWORD)).status).toBe(200);
    expect(owner.cookies.get('fupin_device')).toBeTruthy();
    await owner.post('/api/auth/logout');
    // The attacker shares the owner's address (one office behind one NAT) and has no device cookie.
    const attacker = clientAt(t.app, '10.1.1.1');
    const replies: Reply[] = [];
    for (let i = 0; i < 6; i++) replies.push(await login(attacker, 'victim', `Guess#${2000 + i}`));
    expect(statuses(replies)).toEqual([401, 401, 401, 401, 423, 423]);
    expect((await login(attacker, 'victim', PASSWORD)).status).toBe(423);
    expect((await login(owner, 'victim', PASSWORD)).status).toBe(200);
    expect((await login(clientAt(t.app, freshIp()), 'victim', PASSWORD)).status).toBe(200);
    // A forged device cookie is just another address's attempt.
    const forger = clientAt(t.app, '10.1.1.1');
    forger.cookies.set('fupin_device', 'abc.def');
    expect((await login(forger, 'victim', PASSWORD)).status).toBe(423);
  });

  it('many failures from many clients guard the account: only clients without failures may still try', async () => {
    await mkUser('guarded');
    await setSetting('auth.account_guard_attempts', 7);
    const first = clientAt(t.app, freshIp());
    for (let i = 0; i < 5; i++) await login(first, 'guarded', 'Wrong#2024');
    const second = clientAt(t.app, freshIp());
    expect((await login(second, 'guarded', 'Wrong#2024')).status).toBe(401);
    expect((await login(second, 'guarded', 'Wrong#2024')).status).toBe(401); // 7 failures: the guard starts
    const guard = await sql<{ lock: string }>`
      SELECT details->>'lock' AS lock FROM security_event WHERE kind = 'login_locked' AND actor_name = 'guarded' ORDER BY id`.execute(
      t.database.db,
    );
    expect(guard.rows.map((r) => r.lock)).toEqual(['client', 'account']);
    const user = await sql<{ locked: boolean }>`SELECT locked_until > now() AS locked FROM app_user WHERE username = 'guarded'`.execute(
      t.database.db,
    );
    expect(user.rows[0]?.locked).toBe(true); // shown to administrators
    // A client that failed before is refused even with the right password, a fresh one gets in.
    expect((await login(second, 'guarded', PASSWORD)).status).toBe(423);
    expect((await login(clientAt(t.app, freshIp()), 'guarded', PASSWORD)).status).toBe(200);
    // Under the guard a fresh client has one try.
    const third = clientAt(t.app, freshIp());
    expect((await login(third, 'guarded', 'Wrong#2024')).status).toBe(401);
    expect((await login(third, 'guarded', PASSWORD)).status).toBe(423);
    await setSetting('auth.account_guard_attempts', 20);
  });

  it('answers an unknown name exactly like a known one: status, message, lockout; and stores no name in clear', async () => {
    await mkUser('known1');
    const typed = 'My-Secret-Passw0rd';
    const a = clientAt(t.app, freshIp());
    const b = clientAt(t.app, freshIp());
    const known: Reply[] = [];
    const unknown: Reply[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await login(a, 'known1', 'Wrong#2024'));
      unknown.push(await login(b, typed, 'Wrong#2024'));
    }
    expect(statuses(unknown)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(unknown.map((r) => r.status)).toEqual(known.map((r) => r.status));
    expect(unknown.map((r) => r.body.error.code)).toEqual(known.map((r) => r.body.error.code));
    expect(unknown[0]?.body).toEqual(known[0]?.body);
    for (const table of ['login_throttle', 'security_event', 'audit_log']) {
      const hit = await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM ${sql.table(table)} t WHERE lower(t::text) LIKE ${`%${typed.toLowerCase()}%`}`.execute(t.database.db);
      expect(Number(hit.rows[0]?.n), table).toBe(0);
    }
    const ev = await sql<{ n: number }>`
      SELECT count(*) AS n FROM security_event WHERE kind = 'login_failed' AND actor_name = '' AND details->>'unknownName' = 'true'`.execute(
      t.database.db,
    );
    expect(Number(ev.rows[0]?.n)).toBe(5);
  });

  it('checks a password with argon2 for an unknown name, a known one and a disabled one alike; never for a locked client', async () => {
    await mkUser('verified1');
    await mkUser('verified2');
    await sql`UPDATE app_user SET disabled = true WHERE username = 'verified2'`.execute(t.database.db);
    for (const [username, password] of [
      ['verified1', 'Wrong#2024'],
      ['nobody-at-all', 'Wrong#2024'],
      ['verified2', PASSWORD],
    ] as const) {
      const before = verifications();
      expect((await login(clientAt(t.app, freshIp()), username, password)).status).toBe(401);
      expect(verifications() - before, username).toBe(1);
    }
    const c = clientAt(t.app, freshIp());
    for (let i = 0; i < 5; i++) await login(c, 'nobody-at-all', 'Wrong#2024');
    const before = verifications();
    expect((await login(c, 'nobody-at-all', 'Wrong#2024')).status).toBe(423);
    expect(verifications() - before).toBe(0);
  });

  it('takes as long for an unknown name as for a wrong password of a known one', async () => {
    await mkUser('timing1');
    const known: number[] = [];
    const unknown: number[] = [];
    const time = async (username: string) => {
      const c = clientAt(t.app, freshIp()); // a fresh client each time: no throttling delay
      await c.get('/api/auth/csrf');
      const start = performance.now();
      expect((await login(c, username, 'Wrong#2024')).status).toBe(401);
      return performance.now() - start;
    };
    // Pairs measured back to back, in alternating order, so that the machine's load drifts out of each ratio.
    const ratios: number[] = [];
    for (let i = 0; i < 11; i++) {
      if (i % 2) unknown.push(await time(`nobody${i}`));
      known.push(await time('timing1'));
      if (!(i % 2)) unknown.push(await time(`nobody${i}`));
      ratios.push((unknown[i] as number) / (known[i] as number));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
    const ratio = median(ratios);
    expect(ratio, `known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('does not confirm the password of a disabled account, and counts it like a wrong one', async () => {
    await mkUser('gone1');
    await sql`UPDATE app_user SET disabled = true WHERE username = 'gone1'`.execute(t.database.db);
    const c = clientAt(t.app, freshIp());
    const replies: Reply[] = [];
    for (let i = 0; i < 5; i++) replies.push(await login(c, 'gone1', PASSWORD));
    expect(statuses(replies)).toEqual([401, 401, 401, 401, 423]);
    const wrong = await login(clientAt(t.app, freshIp()), 'gone1', 'Wrong#2024');
    expect(replies[0]?.body).toEqual(wrong.body);
  });

  it('throttles guesses of the current password through a session, on the same counters', async () => {
    await mkUser('changer');
    const c = clientAt(t.app, freshIp());
    expect((await login(c, 'changer', PASSWORD)).status).toBe(200);
    const replies: Reply[] = [];
    for (let i = 0; i < 5; i++)
      replies.push(await c.post('/api/auth/change-password', { currentPassword: `Guess#${i}000`, newPassword: 'Better#2025x' }));
    expect(replies.map((r) => r.body.error.code)).toEqual([...Array(4).fill('WRONG_PASSWORD'), 'ACCOUNT_LOCKED']);
    expect(replies[4]?.status).toBe(423);
    const right = await c.post('/api/auth/change-password', { currentPassword: PASSWORD, newPassword: 'Better#2025x' });
    expect(right.status).toBe(423);
    expect(Number(await events('password_change_failed', 'changer'))).toBe(5);
    // The same client cannot log in to that account either; an administrator's reset unlocks.
    expect((await login(c, 'changer', PASSWORD)).status).toBe(423);
    const id = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'changer').executeTakeFirstOrThrow()).id;
    const admin = await loggedIn(t.app, 'sheng');
    expect((await admin.post(`/api/users/${id}/reset-password`, { password: 'Reset#2024x' })).status).toBe(200);
    expect(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM login_throttle WHERE user_id = ${id}`.execute(t.database.db)).rows[0]?.n,
    ).toBe(0);
  });

  it('records each failed login with the user, address and count', async () => {
    await mkUser('evented');
    const c = clientAt(t.app, '10.7.7.7');
    await login(c, 'evented', 'Wrong#2024');
    await login(c, 'evented', 'Wrong#2025');
    const rows = await sql<{ actor_id: number | null; ip: string; failures: string }>`
      SELECT actor_id, ip, details->>'failures' AS failures FROM security_event
      WHERE kind = 'login_failed' AND actor_name = 'evented' ORDER BY id`.execute(t.database.db);
    const id = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'evented').executeTakeFirstOrThrow()).id;
    expect(rows.rows).toEqual([
      { actor_id: id, ip: '10.7.7.7', failures: '1' },
      { actor_id: id, ip: '10.7.7.7', failures: '2' },
    ]);
  });
});
