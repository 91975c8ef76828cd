import { sql } from 'kysely';
import type { Tx } from '../../db/types.ts';

/** Whether approved (or taken) leave of the posting covers the day: a cadre on leave is not absent. */
export function onLeave(tx: Tx, county: string, postingId: number, day: string) {
  return sql<{ id: number }>`
    SELECT l.id FROM cadre_leave l
    JOIN procedure_case c ON c.county_code = l.county_code AND c.procedure = 'cadres.leave' AND c.subject_id = l.id
    WHERE l.county_code = ${county} AND l.posting_id = ${postingId} AND c.state IN ('approved', 'taken')
      AND l.start_date <= ${day}::date AND l.end_date >= ${day}::date LIMIT 1`
    .execute(tx)
    .then((r) => r.rows.length > 0);
}

export function insertSpotCheck(
  tx: Tx,
  s: {
    county_code: string;
    posting_id: number;
    check_date: string;
    found: boolean;
    note: string | null;
    checker_id: number | null;
    checker_name: string;
    checker_scope: string;
  },
) {
  return sql<{ id: number }>`
    INSERT INTO cadre_spot_check (county_code, posting_id, check_date, found, note, checker_id, checker_name, checker_scope)
    VALUES (${s.county_code}, ${s.posting_id}, ${s.check_date}, ${s.found}, ${s.note}, ${s.checker_id}, ${s.checker_name}, ${s.checker_scope})
    RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

/** Records an unexcused absence for the day; nothing when the day already has one (one absence per day). */
export function insertAbsence(
  tx: Tx,
  a: { county_code: string; posting_id: number; day: string; source: string; source_id: number | null; note: string | null },
) {
  return sql<{ id: number }>`
    INSERT INTO cadre_absence (county_code, posting_id, day, source, source_id, note)
    VALUES (${a.county_code}, ${a.posting_id}, ${a.day}, ${a.source}, ${a.source_id}, ${a.note})
    ON CONFLICT (county_code, posting_id, day) DO NOTHING RETURNING id`
    .execute(tx)
    .then((r) => (r.rows[0] ? Number(r.rows[0].id) : null));
}

/** Unexcused absences of the posting in a year (not excused). */
export function absencesInYear(tx: Tx, county: string, postingId: number, year: number) {
  return sql<{ day: string; source: string }>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, source FROM cadre_absence
    WHERE county_code = ${county} AND posting_id = ${postingId} AND NOT excused
      AND day >= make_date(${year}, 1, 1) AND day < make_date(${year} + 1, 1, 1)
    ORDER BY day`
    .execute(tx)
    .then((r) => r.rows);
}

export function spotChecks(tx: Tx, county: string, postingId: number) {
  return sql<{ id: number; check_date: string; found: boolean; note: string | null; checker_name: string }>`
    SELECT id, to_char(check_date, 'YYYY-MM-DD') AS check_date, found, note, checker_name FROM cadre_spot_check
    WHERE county_code = ${county} AND posting_id = ${postingId} ORDER BY check_date DESC, id DESC`
    .execute(tx)
    .then((r) => r.rows);
}

/** Inserts a review; null when the posting has one for that year and period already. */
export function insertReview(
  tx: Tx,
  r: {
    county_code: string;
    posting_id: number;
    year: number;
    period: string;
    rating: string;
    comment: string | null;
    reviewer_id: number | null;
    reviewer_name: string;
    reviewer_scope: string;
  },
) {
  return sql<{ id: number }>`
    INSERT INTO cadre_review (county_code, posting_id, year, period, rating, comment, reviewer_id, reviewer_name, reviewer_scope)
    VALUES (${r.county_code}, ${r.posting_id}, ${r.year}, ${r.period}, ${r.rating}, ${r.comment}, ${r.reviewer_id}, ${r.reviewer_name}, ${r.reviewer_scope})
    ON CONFLICT (county_code, posting_id, year, period) DO NOTHING RETURNING id`
    .execute(tx)
    .then((x) => (x.rows[0] ? Number(x.rows[0].id) : null));
}

export function reviews(tx: Tx, county: string, postingId: number) {
  return sql<{ id: number; year: number; period: string; rating: string; comment: string | null; reviewer_name: string; created_at: Date }>`
    SELECT id, year, period, rating, comment, reviewer_name, created_at FROM cadre_review
    WHERE county_code = ${county} AND posting_id = ${postingId} ORDER BY year DESC, period`
    .execute(tx)
    .then((r) => r.rows);
}

/** The dispatching unit's region of a posting (the level that reviews it). */
export function unitRegionOf(tx: Tx, county: string, postingId: number) {
  return sql<{ region_code: string; level: string; name: string }>`
    SELECT u.region_code, u.level, u.name FROM cadre_posting p JOIN dispatch_unit u ON u.id = p.unit_id
    WHERE p.county_code = ${county} AND p.id = ${postingId}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

/** Links a login to a posting (a resident cadre's account ends with the posting). */
export function linkUserToPosting(tx: Tx, userId: number, county: string, postingId: number) {
  return sql`UPDATE app_user SET posting_county = ${county}, posting_id = ${postingId} WHERE id = ${userId}`.execute(tx);
}
