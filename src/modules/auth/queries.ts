import type { Selectable, Updateable } from 'kysely';
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
