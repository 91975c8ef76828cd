import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/types.ts';
import { AppError } from '../../server/errors.ts';
import * as audit from '../audit/service.ts';
import { getSetting } from '../settings.ts';
import { hashPassword, isStrongPassword, verifyPassword } from './password.ts';
import * as q from './queries.ts';

export type SessionUser = q.UserRow;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

// A constant hash to verify against when the username is unknown, so timing does not reveal which names exist.
let dummyHash: Promise<string> | undefined;

async function timings(tx: Tx) {
  return {
    idleMs: (await getSetting(tx, 'auth.session_idle_minutes', 30)) * 60_000,
    absoluteMs: (await getSetting(tx, 'auth.session_absolute_hours', 12)) * 3_600_000,
    attempts: await getSetting(tx, 'auth.lockout_attempts', 5),
    lockMs: (await getSetting(tx, 'auth.lockout_minutes', 15)) * 60_000,
  };
}

export async function login(
  db: Db,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<{ token: string; user: SessionUser }> {
  const t = await timings(db);
  const user = await q.findUserByName(db, input.username.trim().toLowerCase());
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password-Aa1!');
    await verifyPassword(await dummyHash, input.password);
    throw new AppError('INVALID_CREDENTIALS', 401);
  }
  if (user.locked_until && user.locked_until > now) {
    throw new AppError('ACCOUNT_LOCKED', 423, { until: fmt(user.locked_until) }, { until: user.locked_until.toISOString() });
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok) {
    const failures = user.failed_logins + 1;
    const lock = failures >= t.attempts;
    const lockedUntil = new Date(now.getTime() + t.lockMs);
    await db.transaction().execute(async (tx) => {
      await q.updateUser(tx, user.id, { failed_logins: lock ? 0 : failures, locked_until: lock ? lockedUntil : null });
      if (lock) {
        await audit.record(
          tx,
          { id: null, username: user.username, ip: input.ip },
          {
            scopeCode: user.scope_code,
            entity: 'user',
            entityId: user.id,
            action: 'lock',
            after: { lockedUntil: lockedUntil.toISOString(), failedLogins: failures },
          },
        );
      }
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', 423, { until: fmt(lockedUntil) }, { until: lockedUntil.toISOString() });
    throw new AppError('INVALID_CREDENTIALS', 401);
  }
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 403);
  const token = randomBytes(32).toString('base64url');
  const updated = await db.transaction().execute(async (tx) => {
    await q.insertSession(tx, {
      token_hash: hashToken(token),
      user_id: user.id,
      expires_at: new Date(now.getTime() + t.absoluteMs),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    await audit.record(
      tx,
      { id: user.id, username: user.username, ip: input.ip },
      {
        scopeCode: user.scope_code,
        entity: 'session',
        entityId: user.id,
        action: 'login',
      },
    );
    return q.updateUser(tx, user.id, { failed_logins: 0, locked_until: null, last_login_at: now });
  });
  forgetSessions();
  return { token, user: updated };
}

function fmt(d: Date): string {
  return `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof q.findSession>>>;

/**
 * Sessions looked up in the last few seconds, per database handle, so that a burst of requests costs one query.
 * Every change this process makes to a user or a session forgets them all (`forgetSessions`), so logout, disable,
 * password and role changes take effect at once; changes made elsewhere (another process, plain SQL) within
 * SESSION_CACHE_MS. The timeouts are still checked on every request, against the cached times.
 */
const SESSION_CACHE_MS = 3_000;
const SESSION_CACHE_MAX = 10_000;
const sessionCache = new WeakMap<object, Map<string, { at: number; generation: number; row: SessionRow }>>();

/** Forget every cached session (after a change to users or sessions; tests that edit them with SQL call it too). */
export const forgetSessions = q.forgetSessions;

async function findSessionCached(db: Db, tokenHash: string, now: number): Promise<SessionRow | undefined> {
  let byToken = sessionCache.get(db);
  const hit = byToken?.get(tokenHash);
  if (hit && hit.generation === q.sessionWrites.generation && now - hit.at < SESSION_CACHE_MS) return hit.row;
  const generation = q.sessionWrites.generation;
  const row = await q.findSession(db, tokenHash);
  if (!byToken) {
    byToken = new Map();
    sessionCache.set(db, byToken);
  }
  // A change made while the query ran may be missing from what it read: keep nothing then.
  if (row && generation === q.sessionWrites.generation) {
    if (byToken.size >= SESSION_CACHE_MAX) byToken.clear();
    byToken.set(tokenHash, { at: now, generation, row });
  } else byToken.delete(tokenHash);
  return row;
}

/** The user behind a session token, or why there is none. Slides the idle timeout. */
export async function resolveSession(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ user: SessionUser; tokenHash: string } | { expired: true } | null> {
  const tokenHash = hashToken(token);
  const row = await findSessionCached(db, tokenHash, now.getTime());
  if (!row) return null;
  const t = await timings(db);
  const idle = now.getTime() - row.last_seen_at.getTime() > t.idleMs;
  if (idle || row.expires_at <= now || row.disabled) {
    await q.deleteSession(db, tokenHash);
    return { expired: true };
  }
  // Writing on every request would make reads into writes; a minute's precision is enough for a 30-minute timeout.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    // The cached row takes the new time first, so requests arriving meanwhile do not write it again.
    row.last_seen_at = now;
    await q.touchSession(db, tokenHash, now);
  }
  const { token_hash: _t, last_seen_at: _l, expires_at: _e, session_created_at: _c, ...user } = row;
  return { user: user as SessionUser, tokenHash };
}

export async function logout(db: Db, user: SessionUser, tokenHash: string, ip: string | null) {
  await db.transaction().execute(async (tx) => {
    await q.deleteSession(tx, tokenHash);
    await audit.record(
      tx,
      { id: user.id, username: user.username, ip },
      {
        scopeCode: user.scope_code,
        entity: 'session',
        entityId: user.id,
        action: 'logout',
      },
    );
  });
  // Again after commit: a request that read the session before it, cached nothing newer than this.
  forgetSessions();
}

export async function changePassword(
  db: Db,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  tokenHash: string,
  ip: string | null,
) {
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('WRONG_PASSWORD', 400, {}, [{ path: 'currentPassword', code: 'WRONG_PASSWORD' }]);
  }
  if (!isStrongPassword(input.newPassword)) throw new AppError('WEAK_PASSWORD', 400, {}, [{ path: 'newPassword', code: 'WEAK_PASSWORD' }]);
  if (input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_REUSED', 400, {}, [{ path: 'newPassword', code: 'PASSWORD_REUSED' }]);
  }
  const password_hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (tx) => {
    await q.updateUser(tx, user.id, { password_hash, must_change_password: false, password_changed_at: new Date() });
    // Other sessions of this user end: whoever knew the old password is out.
    await q.deleteUserSessions(tx, user.id, tokenHash);
    await audit.record(
      tx,
      { id: user.id, username: user.username, ip },
      {
        scopeCode: user.scope_code,
        entity: 'user',
        entityId: user.id,
        action: 'change_password',
      },
    );
  });
  forgetSessions();
}

export async function setLanguage(db: Db, user: SessionUser, language: 'zh-CN' | 'en', ip: string | null) {
  await db.transaction().execute(async (tx) => {
    await q.updateUser(tx, user.id, { language });
    await audit.record(
      tx,
      { id: user.id, username: user.username, ip },
      {
        scopeCode: user.scope_code,
        entity: 'user',
        entityId: user.id,
        action: 'set_language',
        before: { language: user.language },
        after: { language },
      },
    );
  });
  forgetSessions();
}

/** Demo users may skip the forced change; everyone else with an admin-set password must change it. */
export function mustChangePassword(user: SessionUser): boolean {
  return user.must_change_password && !user.is_demo;
}
