import { type Selectable, sql, type Updateable } from 'kysely';
import type { AppUserTable, Tx } from '../../db/types.ts';

export type UserRow = Selectable<AppUserTable>;

/**
 * Bumped by every write to a user or a session, here and (after commit) by the services: sessions cached before
 * the last bump are not used (see resolveSession).
 */
export const sessionWrites = { generation: 0 };
export function forgetSessions() {
  sessionWrites.generation++;
}

export function findUserByName(tx: Tx, username: string) {
  return tx.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(tx: Tx, id: number) {
  return tx.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateUser(tx: Tx, id: number, patch: Updateable<AppUserTable>) {
  forgetSessions();
  return tx.updateTable('app_user').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function insertSession(
  tx: Tx,
  row: { token_hash: string; user_id: number; expires_at: Date; ip: string | null; user_agent: string | null },
) {
  return tx.insertInto('user_session').values(row).execute();
}

export function findSession(tx: Tx, tokenHash: string) {
  return tx
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select(['s.token_hash', 's.last_seen_at', 's.expires_at', 's.created_at as session_created_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function touchSession(tx: Tx, tokenHash: string, at: Date) {
  return tx.updateTable('user_session').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export function deleteSession(tx: Tx, tokenHash: string) {
  forgetSessions();
  return tx.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export function deleteUserSessions(tx: Tx, userId: number, exceptTokenHash?: string) {
  forgetSessions();
  let query = tx.deleteFrom('user_session').where('user_id', '=', userId);
  if (exceptTokenHash) query = query.where('token_hash', '!=', exceptTokenHash);
  return query.execute();
}

export function deleteExpiredSessions(tx: Tx, now: Date) {
  return tx.deleteFrom('user_session').where('expires_at', '<', now).execute();
}

/** The throttling state of one name: this client's row, and the failures of all clients within the window. */
export async function throttleState(tx: Tx, f: { nameHash: string; client: string; windowStart: Date }) {
  const { rows } = await sql<{ total: number | null; mine: number | null; locked_until: Date | null; my_last: Date | null }>`
    SELECT sum(failures) FILTER (WHERE last_at >= ${f.windowStart}) AS total,
           max(failures) FILTER (WHERE client = ${f.client} AND last_at >= ${f.windowStart}) AS mine,
           max(locked_until) FILTER (WHERE client = ${f.client}) AS locked_until,
           max(last_at) FILTER (WHERE client = ${f.client}) AS my_last
    FROM login_throttle WHERE name_hash = ${f.nameHash}`.execute(tx);
  const r = rows[0];
  return { total: Number(r?.total ?? 0), mine: Number(r?.mine ?? 0), lockedUntil: r?.locked_until ?? null, myLast: r?.my_last ?? null };
}

/**
 * Counts one attempt of a client on a name, atomically (one statement): the answer is this attempt's rank among
 * the failures of the window, or null when the client is locked out of the name.
 */
export async function reserveAttempt(
  tx: Tx,
  f: { nameHash: string; client: string; userId: number | null; now: Date; windowStart: Date },
): Promise<number | null> {
  const { rows } = await sql<{ failures: number }>`
    INSERT INTO login_throttle AS t (name_hash, client, user_id, failures, last_at)
    VALUES (${f.nameHash}, ${f.client}, ${f.userId}, 1, ${f.now})
    ON CONFLICT (name_hash, client) DO UPDATE SET
      failures = CASE WHEN t.last_at < ${f.windowStart} THEN 1 ELSE t.failures + 1 END,
      last_at = EXCLUDED.last_at,
      user_id = EXCLUDED.user_id,
      locked_until = NULL
    WHERE t.locked_until IS NULL OR t.locked_until <= ${f.now}
    RETURNING failures`.execute(tx);
  return rows[0] ? Number(rows[0].failures) : null;
}

export function lockClient(tx: Tx, f: { nameHash: string; client: string; until: Date }) {
  return tx
    .updateTable('login_throttle')
    .set({ locked_until: f.until })
    .where('name_hash', '=', f.nameHash)
    .where('client', '=', f.client)
    .execute();
}

/** A right password: the client's failures on the name are forgotten. */
export function clearAttempts(tx: Tx, f: { nameHash: string; client: string }) {
  return tx.deleteFrom('login_throttle').where('name_hash', '=', f.nameHash).where('client', '=', f.client).execute();
}

/** An administrator's password reset: every client's failures on the account are forgotten. */
export function clearUserThrottle(tx: Tx, userId: number) {
  return tx.deleteFrom('login_throttle').where('user_id', '=', userId).execute();
}

/** Rows whose window and lock are over carry nothing: delete them. */
export function deleteStaleThrottle(tx: Tx, windowStart: Date, now: Date) {
  return tx
    .deleteFrom('login_throttle')
    .where('last_at', '<', windowStart)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .execute();
}
