import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../db/types.ts';
import { AppError } from '../../server/errors.ts';
import type { PiiKeys } from '../pii/crypto.ts';
import { recordSecurityEvent, type SecurityEventKind } from '../security/service.ts';
import { getSetting } from '../settings.ts';
import * as q from './queries.ts';

/**
 * Password attempts are throttled per (name, client), for known and unknown names alike (decision 0006):
 * a progressive delay before each answer, a lock of that client out of that name after `auth.lockout_attempts`
 * failures, and, when one name collects `auth.account_guard_attempts` failures from all clients, a guard under
 * which only clients without failures on it may still try.
 */

/** Who is trying: the address, and the device cookie a browser got at an earlier successful login. */
export interface ClientId {
  ip: string | null;
  device?: string | undefined;
}

export interface Attempt {
  nameHash: string;
  client: string;
  /** The device cookie was valid for this name (else a new one is issued at success). */
  knownDevice: boolean;
  rank: number;
  /** Failures of all clients on the name before this attempt. */
  totalBefore: number;
  userId: number | null;
  now: Date;
  limits: Limits;
}

type Limits = Awaited<ReturnType<typeof limits>>;

async function limits(db: Db) {
  return {
    attempts: await getSetting(db, 'auth.lockout_attempts', 5),
    windowMs: (await getSetting(db, 'auth.lockout_minutes', 15)) * 60_000,
    guard: await getSetting(db, 'auth.account_guard_attempts', 20),
    baseMs: await getSetting(db, 'auth.throttle_base_ms', 250),
    maxMs: await getSetting(db, 'auth.throttle_max_ms', 8000),
  };
}

const mac = (keys: PiiKeys, text: string) => createHmac('sha256', keys.mac).update(text).digest('base64url');

/** The name as stored: an HMAC under the server's key, so a password typed into the name box cannot be read back. */
export const nameKey = (keys: PiiKeys, username: string) => mac(keys, `fupin-login-name\0${username.trim().toLowerCase()}`);

/** A device cookie for one name: `id.signature`. */
export function newDeviceToken(keys: PiiKeys, nameHash: string): string {
  const id = randomBytes(12).toString('base64url');
  return `${id}.${mac(keys, `fupin-device\0${id}\0${nameHash}`).slice(0, 22)}`;
}

function deviceId(keys: PiiKeys, nameHash: string, token: string | undefined): string | null {
  const [id, sig, extra] = (token ?? '').split('.');
  if (!id || !sig || extra !== undefined || id.length > 32) return null;
  const want = Buffer.from(mac(keys, `fupin-device\0${id}\0${nameHash}`).slice(0, 22));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got) ? id : null;
}

/** The delay before the answer to a client that already failed `prior` times on the name. */
export const delayMs = (l: Pick<Limits, 'baseMs' | 'maxMs'>, prior: number) =>
  prior < 1 ? 0 : Math.min(l.maxMs, l.baseMs * 2 ** (prior - 1));

const fmt = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
export const lockedError = (until: Date) => new AppError('ACCOUNT_LOCKED', 423, { until: fmt(until) }, { until: until.toISOString() });

let attemptsSinceSweep = 0;

/**
 * Starts a password attempt: refuses a locked-out client (423, nothing verified), counts the attempt, then waits
 * the progressive delay. The caller verifies the password and ends with `failAttempt` or `passAttempt`.
 */
export async function beginAttempt(
  db: Db,
  keys: PiiKeys,
  input: { username: string; userId: number | null; client: ClientId },
  now = new Date(),
): Promise<Attempt> {
  const l = await limits(db);
  const nameHash = nameKey(keys, input.username);
  const device = deviceId(keys, nameHash, input.client.device);
  const client = device ? `d:${device}` : `ip:${input.client.ip ?? '?'}`;
  const windowStart = new Date(now.getTime() - l.windowMs);
  if (++attemptsSinceSweep >= 100) {
    attemptsSinceSweep = 0;
    await q.deleteStaleThrottle(db, windowStart, now);
  }
  const state = await q.throttleState(db, { nameHash, client, windowStart });
  if (state.lockedUntil && state.lockedUntil > now) throw lockedError(state.lockedUntil);
  // Under the guard a client that failed on this name within the window waits until its failures age out.
  if (state.total >= l.guard && state.mine > 0 && state.myLast) throw lockedError(new Date(state.myLast.getTime() + l.windowMs));
  const rank = await q.reserveAttempt(db, { nameHash, client, userId: input.userId, now, windowStart });
  // Locked meanwhile, or beyond the limit while earlier attempts of a parallel burst are still being checked.
  if (rank === null || rank > l.attempts) {
    const again = await q.throttleState(db, { nameHash, client, windowStart });
    throw lockedError(again.lockedUntil && again.lockedUntil > now ? again.lockedUntil : new Date(now.getTime() + l.windowMs));
  }
  await sleep(delayMs(l, rank - 1));
  return { nameHash, client, knownDevice: device !== null, rank, totalBefore: state.total, userId: input.userId, now, limits: l };
}

/** The actor of a failed attempt, as the security events show it: an unknown name only as a short key. */
export interface AttemptActor {
  user: { id: number; username: string; scope_code: string } | null;
  ip: string | null;
}

/**
 * A wrong password (or one that may not be confirmed): the attempt stays counted; at the limit the client is
 * locked out of the name. Records the security events. Answers the lock's end when this attempt caused one.
 */
export async function failAttempt(db: Db, a: Attempt, kind: SecurityEventKind, actor: AttemptActor): Promise<Date | null> {
  const base = actor.user
    ? { actorId: actor.user.id, actorName: actor.user.username, scopeCode: actor.user.scope_code, ip: actor.ip }
    : { actorName: '', ip: actor.ip };
  const name = actor.user ? {} : { unknownName: true, nameKey: a.nameHash.slice(0, 12) };
  const client = a.knownDevice ? 'device' : 'address';
  await recordSecurityEvent(db, { ...base, kind, details: { ...name, client, failures: a.rank } });
  if (a.totalBefore < a.limits.guard && a.totalBefore + 1 >= a.limits.guard) {
    const until = new Date(a.now.getTime() + a.limits.windowMs);
    await recordSecurityEvent(db, {
      ...base,
      kind: 'login_locked',
      details: { ...name, lock: 'account', until: until.toISOString(), failures: a.totalBefore + 1 },
    });
    if (actor.user) await q.updateUser(db, actor.user.id, { locked_until: until });
  }
  if (a.rank < a.limits.attempts) return null;
  const until = new Date(a.now.getTime() + a.limits.windowMs);
  await q.lockClient(db, { nameHash: a.nameHash, client: a.client, until });
  await recordSecurityEvent(db, {
    ...base,
    kind: 'login_locked',
    details: { ...name, lock: 'client', client, until: until.toISOString(), failures: a.rank },
  });
  return until;
}

/** The right password: this client's failures on the name are forgotten. */
export function passAttempt(db: Db, a: Attempt) {
  return q.clearAttempts(db, { nameHash: a.nameHash, client: a.client });
}
