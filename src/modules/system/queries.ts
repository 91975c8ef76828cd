import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';

/** Whether the demo accounts exist (the login page offers them then). */
export async function hasDemoUsers(db: Db): Promise<boolean> {
  return Boolean(await db.selectFrom('app_user').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst());
}

/** The cheapest round trip that proves the database answers. */
export async function ping(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
