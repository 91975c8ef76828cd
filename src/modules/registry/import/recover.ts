import { sql } from 'kysely';
import { rawDriver } from '../../../db/connection.ts';
import type { Db } from '../../../db/types.ts';
import { bilingual } from '../../../server/i18n.ts';
import { dropStaged, failureSummary } from './service.ts';

/**
 * At start-up: a batch still 'staging' was being read by a process that died (kill -9, power cut), since a live
 * preview ends as previewed or failed. It is marked failed, its staged rows removed. (A commit needs nothing: it is
 * one transaction, so a killed commit leaves its batch previewed, ready to commit again.)
 *
 * Only when no other Fupin process uses the database: on PostgreSQL a `fupin import` may be staging right now. On the
 * embedded database the folder lock already guarantees that this process is alone.
 */
export async function failInterruptedImports(db: Db): Promise<number[]> {
  if (rawDriver(db)?.kind === 'postgresql') {
    const others = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name LIKE 'fupin %' AND application_name <> current_setting('application_name')`.execute(
      db,
    );
    if ((others.rows[0]?.n ?? 0) > 0) return [];
  }
  const stale = await db.selectFrom('import_batch').select('id').where('status', '=', 'staging').execute();
  for (const { id } of stale) {
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('import_batch')
        .set({
          status: 'failed',
          finished_at: new Date(),
          summary: JSON.stringify({ ...failureSummary(bilingual('IMPORT_PREVIEW_INTERRUPTED')), interrupted: true }),
        })
        .where('id', '=', id)
        .where('status', '=', 'staging')
        .execute();
      await dropStaged(tx, id);
      await tx.deleteFrom('import_household').where('batch_id', '=', id).execute();
    });
  }
  return stale.map((r) => Number(r.id));
}
