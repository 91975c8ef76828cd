import type { Insertable } from 'kysely';
import type { AppUserTable, Tx } from '../../db/types.ts';

export function insertUser(tx: Tx, row: Insertable<AppUserTable>) {
  return tx.insertInto('app_user').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findUserByUsername(tx: Tx, username: string) {
  return tx.selectFrom('app_user').select(['id', 'role']).where('username', '=', username).executeTakeFirst();
}

/** Whether any account of that kind exists: demo accounts mark a demo install; a real one ends first-start setup. */
export async function anyUser(tx: Tx, kind: 'demo' | 'real'): Promise<boolean> {
  const r = await tx
    .selectFrom('app_user')
    .select('id')
    .where('is_demo', '=', kind === 'demo')
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export function listUsers(tx: Tx, f: { scopeCode: string; q?: string; cursor?: number; limit: number }) {
  let query = tx
    .selectFrom('app_user as u')
    .leftJoin('region as r', 'r.code', 'u.scope_code')
    .selectAll('u')
    .select('r.name as scope_name')
    .where('u.scope_code', 'like', `${f.scopeCode}%`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  if (f.cursor) query = query.where('u.id', '>', f.cursor);
  return query.orderBy('u.id').limit(f.limit).execute();
}

export function findUserWithScopeName(tx: Tx, id: number) {
  return tx
    .selectFrom('app_user as u')
    .leftJoin('region as r', 'r.code', 'u.scope_code')
    .selectAll('u')
    .select('r.name as scope_name')
    .where('u.id', '=', id)
    .executeTakeFirst();
}

export async function locateUser(tx: Tx, id: string): Promise<string | null> {
  if (!/^\d{1,15}$/.test(id)) return null;
  const r = await tx.selectFrom('app_user').select('scope_code').where('id', '=', Number(id)).executeTakeFirst();
  return r?.scope_code ?? null;
}

/** The demo accounts that can sign in, oldest first (printed at start so a new user knows whom to try). */
export function activeDemoLogins(tx: Tx) {
  return tx
    .selectFrom('app_user')
    .select(['username', 'scope_code'])
    .where('is_demo', '=', true)
    .where('disabled', '=', false)
    .orderBy('id')
    .execute();
}
