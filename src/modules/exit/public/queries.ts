import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

/** A region with its township and county names (the public page's heading). */
export function regionOf(tx: Tx, code: string) {
  return sql<{ code: string; name: string; level: number; township_name: string | null; county_name: string | null }>`
    SELECT r.code, r.name, r.level, t.name AS township_name, c.name AS county_name
    FROM region r LEFT JOIN region t ON t.code = left(r.code, 9) LEFT JOIN region c ON c.code = left(r.code, 6)
    WHERE r.code = ${code}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export interface NoticeRow {
  id: number;
  head_name: string | null;
  member_count: number;
  year: number;
  notice_from: string;
  notice_until: string;
}

/** The village's households in public notice now (公示中): only what a paper notice shows. */
export function inNotice(tx: Tx, village: string) {
  return sql<NoticeRow>`
    SELECT e.id, p.name AS head_name, h.member_count, e.year,
           to_char(e.notice_from, 'YYYY-MM-DD') AS notice_from, to_char(e.notice_until, 'YYYY-MM-DD') AS notice_until
    FROM exit_household e
    JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'household_exit' AND c.subject_id = e.id
    JOIN household h ON h.county_code = e.county_code AND h.id = e.household_id
    LEFT JOIN person p ON p.county_code = h.county_code AND p.id = h.head_person_id
    WHERE e.county_code = ${village.slice(0, 6)} AND e.village_code = ${village} AND c.state = 'notice'
    ORDER BY e.notice_from, e.id
    LIMIT 200`
    .execute(tx)
    .then((r) => r.rows);
}

/** Households of the village whose exit was announced or closed in the year (a count for the board). */
export function announcedCount(tx: Tx, village: string, year: number) {
  return sql<{ n: number }>`
    SELECT count(*)::int AS n FROM exit_household e
    JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'household_exit' AND c.subject_id = e.id
    WHERE e.county_code = ${village.slice(0, 6)} AND e.village_code = ${village} AND e.year = ${year}
      AND c.state IN ('announced', 'closed')`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.n ?? 0));
}

/** Villages with households in exit notice now (the load test's villages). */
export function noticeVillages(tx: Tx, limit: number) {
  return sql<{ village_code: string }>`
    SELECT DISTINCT e.village_code FROM exit_household e
    JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'household_exit' AND c.subject_id = e.id
    WHERE c.state = 'notice' ORDER BY 1 LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows.map((x) => x.village_code));
}
