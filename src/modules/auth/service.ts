import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/types.ts';
import { AppError } from '../../server/errors.ts';
import * as audit from '../audit/service.ts';
import type { PiiKeys } from '../pii/crypto.ts';
import { getSetting } from '../settings.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { checkNewPassword, passwordExpired, passwordRules } from './policy.ts';
import * as q from './queries.ts';
import * as throttle from './throttle.ts';

export type SessionUser = q.UserRow;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

// A constant hash to verify against when the username is unknown, so timing does not reveal which names exist.
let dummyHash: Promise<string> | undefined;

async function timings(tx: Tx) {
  return {
    idleMs: (await getSetting(tx, 'auth.session_idle_minutes', 30)) * 60_000,
    absoluteMs: (await getSetting(tx, 'auth.session_absolute_hours', 12)) * 3_600_000,
  };
}

/** The user as the session sees it: an expired password (setting) forces the change like an admin-set one. */
async function withExpiry<U extends SessionUser>(tx: Tx, user: U, now: Date): Promise<U> {
  const { maxAgeDays } = await passwordRules(tx);
  return passwordExpired(user, maxAgeDays, now) ? { ...user, must_change_password: true } : user;
}

/**
 * Checks a name and password. Unknown names, wrong passwords and disabled accounts get one answer, after the
 * same work (an argon2 verification) and the same throttling (see throttle.ts): nothing tells them apart.
 * `device` is a new device cookie to set, when the browser had none valid for this name.
 */
export async function login(
  db: Db,
  keys: PiiKeys,
  input: { username: string; password: string; ip: string | null; userAgent: string | null; device?: string | undefined },
  now = new Date(),
): Promise<{ token: string; user: SessionUser; device: string | null }> {
  const t = await timings(db);
  const username = input.username.trim().toLowerCase();
  const user = await q.findUserByName(db, username);
  const attempt = await throttle.beginAttempt(
    db,
    keys,
    { username, userId: user?.id ?? null, client: { ip: input.ip, device: input.device } },
    now,
  );
  dummyHash ??= hashPassword('not-a-real-password-Aa1!');
  const verified = await verifyPassword(user ? user.password_hash : await dummyHash, input.password);
  // A disabled account is not told that its password was right.
  if (!user || !verified || user.disabled) {
    const locked = await throttle.failAttempt(db, attempt, 'login_failed', { user: user ?? null, ip: input.ip });
    if (locked) throw throttle.lockedError(locked);
    throw new AppError('INVALID_CREDENTIALS', 401);
  }
  await throttle.passAttempt(db, attempt);
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
    return q.updateUser(tx, user.id, { failed_logins: 0, last_login_at: now });
  });
  forgetSessions();
  return {
    token,
    user: await withExpiry(db, updated, now),
    device: attempt.knownDevice ? null : throttle.newDeviceToken(keys, attempt.nameHash),
  };
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
  return { user: await withExpiry(db, user as SessionUser, now), tokenHash };
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
  keys: PiiKeys,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  tokenHash: string,
  client: throttle.ClientId,
) {
  // Guessing the current password through a session is throttled like a login, on the same counters.
  const attempt = await throttle.beginAttempt(db, keys, { username: user.username, userId: user.id, client });
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    const locked = await throttle.failAttempt(db, attempt, 'password_change_failed', { user, ip: client.ip });
    if (locked) throw throttle.lockedError(locked);
    throw new AppError('WRONG_PASSWORD', 400, {}, [{ path: 'currentPassword', code: 'WRONG_PASSWORD' }]);
  }
  await throttle.passAttempt(db, attempt);
  const ip = client.ip;
  if (input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_REUSED', 400, {}, [{ path: 'newPassword', code: 'PASSWORD_REUSED' }]);
  }
  await checkNewPassword(db, input.newPassword, { username: user.username, isDemo: user.is_demo }, 'newPassword');
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
