import { sql } from 'kysely';
import type { Db, Tx } from '../../../db/types.ts';

// Marks of months whose attendance new records made stale (migration 0030, docs/decisions/0016-attendance.md).

export interface MonthMark {
  county_code: string;
  month: string;
}

/** Marks (county, month) pairs; a pair already marked keeps its mark (no row lock taken, so batches never queue). */
export function markMonths(tx: Tx | Db, marks: readonly MonthMark[]) {
  if (marks.length === 0) return Promise.resolve();
  return sql`
    INSERT INTO cadre_attendance_dirty (county_code, month)
    SELECT * FROM unnest(${marks.map((m) => m.county_code)}::text[], ${marks.map((m) => m.month)}::text[])
    ON CONFLICT DO NOTHING`
    .execute(tx)
    .then(() => undefined);
}

/**
 * Takes (deletes and returns) up to `limit` marks older than `quietSeconds`, oldest first. Two servers taking at once
 * each get a mark at most once: the second's delete waits for the first's, then finds the row gone. (No `FOR UPDATE
 * SKIP LOCKED`: Citus refuses a locking read over several shards.)
 */
export function takeDueMarks(db: Db, quietSeconds: number, limit: number) {
  return sql<MonthMark>`
    WITH due AS MATERIALIZED (
      SELECT county_code, month FROM cadre_attendance_dirty
      WHERE marked_at < now() - make_interval(secs => ${quietSeconds})
      ORDER BY marked_at LIMIT ${limit})
    DELETE FROM cadre_attendance_dirty d
    WHERE (d.county_code, d.month) IN (SELECT county_code, month FROM due)
    RETURNING d.county_code, d.month`
    .execute(db)
    .then((r) => r.rows);
}

/** How many marks wait (for readiness and the attendance page); with `before`, only those of months before it. */
export function countMarks(db: Db, before?: string) {
  const earlier = before === undefined ? sql`` : sql`WHERE month < ${before}`;
  return sql<{ n: number }>`SELECT count(*)::int AS n FROM cadre_attendance_dirty ${earlier}`.execute(db).then((r) => r.rows[0]?.n ?? 0);
}
