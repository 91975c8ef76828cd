import { sql } from 'kysely';
import { rawDriver } from './connection.ts';
import type { Db } from './types.ts';

/**
 * Cancels the statements this process's other sessions are running (its sessions are named by APPLICATION_NAME, with
 * the process id in it), for a stopping server whose background work would outlast the time it has: a month's
 * snapshot or the start-up fold-in runs for seconds at scale 1. Each cancelled statement fails and its transaction
 * rolls back; what it was computing is marked still to do and is done again after the next start. Returns how many
 * statements were cancelled. On PGlite the one session is the caller's: nothing else can be running, 0.
 */
export async function cancelOwnStatements(db: Db): Promise<number> {
  if (rawDriver(db)?.kind !== 'postgresql') return 0;
  const r = await sql<{ n: number }>`
    SELECT count(*) FILTER (WHERE pg_cancel_backend(pid))::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = current_setting('application_name')
      AND pid <> pg_backend_pid() AND state = 'active'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
