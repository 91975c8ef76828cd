import { sql } from 'kysely';
import { executePrepared, pageLimit } from '../../../db/prepared.ts';
import type { Tx } from '../../../db/types.ts';
import { regionWhere } from './attendance.queries.ts';

// The attendance list, a flag's record and its decision (docs/decisions/0016-attendance.md).

const isId = (id: string) => /^\d{1,15}$/.test(id);

/** A flag belongs to its posting's village (scope checks). */
export function locateFlag(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM cadre_flag WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

/**
 * The month in a prepared list statement's text (a few shapes: the months people look at): as a parameter, the
 * generic plan cannot tell the current month's few rows from a past month's, and PostgreSQL plans each call again.
 */
const monthLiteral = (month: string) => {
  if (!/^\d{4}-\d{2}-01$/.test(month)) throw new Error(`not a month's first day: ${month}`);
  return sql`${sql.lit(month)}::date`;
};

export interface AttendanceListRow {
  county_code: string;
  posting_id: string;
  name: string;
  id_masked: string;
  role: string;
  village_code: string;
  village_name: string;
  days_in_post: number;
  days_in_village: number;
  nights: number;
  official_days: number;
  leave_days: number;
  required_days: number;
  compliant: boolean;
  checkins: number;
  flags: string[];
  open_absences: number;
}

export interface AttendanceFilter {
  region: string;
  month: string;
  compliant?: boolean;
  flagged?: boolean;
}

/**
 * A region's month, by county and posting (keyset on the (month, county_code, posting_id) indexes; the flagged and
 * below-standard filters have partial ones), with each posting's open flags as the computation and the decisions
 * keep them on the month row.
 */
export function listAttendance(tx: Tx, f: AttendanceFilter, after: { county: string; id: number } | null, limit: number) {
  const parts = [sql`a.month = ${monthLiteral(f.month)}`, regionWhere('a', f.region)];
  if (f.compliant === true) parts.push(sql`a.compliant`);
  if (f.compliant === false) parts.push(sql`NOT a.compliant`);
  if (f.flagged) parts.push(sql`a.open_flags <> '{}'`);
  if (after) parts.push(sql`(a.county_code, a.posting_id) > (${after.county}, ${after.id})`);
  // The page of month rows first (an index range in the keyset order, LIMIT inside), then each row's names by primary
  // keys: a page of at most `limit` rows, so the planner looks them up by index (nested loop). A plain join, not a
  // LIMIT 1 lateral: Citus cannot push a correlated LIMIT down to the shards of a multi-county page. Prepared: planning
  // the joins cost more than running them.
  return executePrepared(
    tx,
    sql<AttendanceListRow>`
    SELECT a.county_code, a.posting_id::text AS posting_id, pe.name, pe.id_masked, p.role, a.village_code, v.name AS village_name,
           a.days_in_post, a.days_in_village, a.nights, a.official_days, a.leave_days, a.required_days, a.compliant, a.checkins,
           a.open_flags AS flags, a.open_absences
    FROM (
      SELECT * FROM cadre_attendance_month a
      WHERE ${sql.join(parts, sql` AND `)}
      ORDER BY a.month, a.county_code, a.posting_id LIMIT ${pageLimit(limit)}
    ) a
    JOIN cadre_posting p ON p.county_code = a.county_code AND p.id = a.posting_id
    JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
    JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
    JOIN region v ON v.code = a.village_code
    ORDER BY a.county_code, a.posting_id`,
  ).then((r) => r.rows);
}

/**
 * When the region's month was last computed (the oldest row: a partial recompute shows the older time). For a
 * province the oldest row of the month is the first entry of the (month, computed_at) index; below it, the region's
 * rows are few in the (month, county_code, …) index and the OFFSET 0 keeps the planner from walking the other one in
 * computed order until it meets them (a county computed last lies at its end).
 */
export function computedAt(tx: Tx, region: string, month: string) {
  const rows = sql`SELECT a.computed_at FROM cadre_attendance_month a WHERE ${regionWhere('a', region)} AND a.month = ${monthLiteral(month)}`;
  return executePrepared(
    tx,
    region.length <= 2
      ? sql<{ at: Date | null }>`SELECT min(s.computed_at) AS at FROM (${rows}) s`
      : sql<{ at: Date | null }>`SELECT min(s.computed_at) AS at FROM (${rows} OFFSET 0) s`,
  ).then((r) => r.rows[0]?.at ?? null);
}

/** One posting's month row. */
export function attendanceOf(tx: Tx, county: string, postingId: number, month: string) {
  return sql<Omit<AttendanceListRow, 'name' | 'id_masked' | 'role' | 'village_name' | 'flags' | 'open_absences'> & { computed_at: Date }>`
    SELECT county_code, posting_id::text AS posting_id, village_code, days_in_post, days_in_village, nights, official_days, leave_days,
           required_days, compliant, checkins, computed_at
    FROM cadre_attendance_month WHERE county_code = ${county} AND posting_id = ${postingId} AND month = ${month}::date`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export interface FlagRecord {
  county_code: string;
  id: string;
  posting_id: string;
  month: string;
  village_code: string;
  code: string;
  subject: string;
  reason_zh: string;
  reason_en: string;
  evidence: Record<string, unknown>;
  state: 'open' | 'confirmed' | 'dismissed';
  version: number;
  opened_at: Date;
  decided_by_name: string | null;
  decided_at: Date | null;
  note: string | null;
  absence_id: string | null;
  outcome: 'absence' | 'replacement' | null;
}

const flagSelect = sql`
  SELECT county_code, id::text AS id, posting_id::text AS posting_id, to_char(month, 'YYYY-MM') AS month, village_code, code, subject,
         reason_zh, reason_en, evidence, state, version, opened_at, decided_by_name, decided_at, note, absence_id::text AS absence_id,
         outcome
  FROM cadre_flag`;

/** A posting's flags of a month, month flags first, then absence candidates by day. */
export function flagsOfPosting(tx: Tx, county: string, postingId: number, month: string) {
  return sql<FlagRecord>`${flagSelect} WHERE county_code = ${county} AND posting_id = ${postingId} AND month = ${month}::date
    ORDER BY code = 'absence_candidate', subject, code`
    .execute(tx)
    .then((r) => r.rows);
}

/** A region's flags of a month (the CLI's listing), by county, posting, code. */
export function flagsOfRegion(tx: Tx, region: string, month: string) {
  return sql<FlagRecord>`${flagSelect} f WHERE ${regionWhere('f', region)} AND f.month = ${month}::date
    ORDER BY f.county_code, f.posting_id, f.code = 'absence_candidate', f.subject, f.code`
    .execute(tx)
    .then((r) => r.rows);
}

/** A posting's flags confirmed as grounds for replacing the cadre (撤换), newest month first. */
export function replacementGrounds(tx: Tx, county: string, postingId: number) {
  return sql<FlagRecord>`${flagSelect} WHERE county_code = ${county} AND posting_id = ${postingId} AND outcome = 'replacement'
    ORDER BY month DESC, code`
    .execute(tx)
    .then((r) => r.rows);
}

export function flagById(tx: Tx, id: number) {
  return sql<FlagRecord>`${flagSelect} WHERE id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** Decides an open flag at the version the clerk saw; nothing when it moved meanwhile. */
export function decideFlag(
  tx: Tx,
  d: {
    county: string;
    id: number;
    version: number;
    state: 'confirmed' | 'dismissed';
    outcome: 'absence' | 'replacement' | null;
    by: number | null;
    byName: string;
    note: string | null;
  },
) {
  return sql<{ id: string }>`
    UPDATE cadre_flag SET state = ${d.state}, version = version + 1, decided_by = ${d.by}, decided_by_name = ${d.byName},
                          decided_at = now(), note = ${d.note}, outcome = ${d.outcome}
    WHERE county_code = ${d.county} AND id = ${d.id} AND version = ${d.version} AND state = 'open'
    RETURNING id::text AS id`
    .execute(tx)
    .then((r) => r.rows.length > 0);
}

/** Rewrites a posting's month row's open flags from its flags (after a decision). */
export function refreshOpenFlags(tx: Tx, county: string, postingId: number, month: string) {
  return sql`
    UPDATE cadre_attendance_month a SET
      open_flags = coalesce((SELECT array_agg(DISTINCT x.code COLLATE "C" ORDER BY x.code COLLATE "C") FROM cadre_flag x
        WHERE x.county_code = a.county_code AND x.posting_id = a.posting_id AND x.month = a.month AND x.state = 'open'
          AND x.code <> 'absence_candidate'), '{}'),
      open_absences = (SELECT count(*) FROM cadre_flag x
        WHERE x.county_code = a.county_code AND x.posting_id = a.posting_id AND x.month = a.month AND x.state = 'open'
          AND x.code = 'absence_candidate')
    WHERE a.county_code = ${county} AND a.posting_id = ${postingId} AND a.month = ${month}::date`
    .execute(tx)
    .then(() => undefined);
}

export function setFlagAbsence(tx: Tx, county: string, id: number, absenceId: number) {
  return sql`UPDATE cadre_flag SET absence_id = ${absenceId} WHERE county_code = ${county} AND id = ${id}`
    .execute(tx)
    .then(() => undefined);
}

/**
 * The day a confirmed month flag is recorded on as an unexcused absence: a day of the month in post (up to today)
 * without an absence yet, the flag's own dates first (forged records), then days not present, working days, the earliest.
 */
export function absenceDayFor(
  tx: Tx,
  f: { county: string; postingId: number; first: string; last: string; prefer: string[]; avoid: string[] },
) {
  return sql<{ day: string }>`
    SELECT to_char(d, 'YYYY-MM-DD') AS day
    FROM cadre_posting p, generate_series(greatest(p.start_date, ${f.first}::date), least(coalesce(p.end_date, ${f.last}::date), ${f.last}::date), interval '1 day') d
    WHERE p.county_code = ${f.county} AND p.id = ${f.postingId}
      AND NOT EXISTS (SELECT 1 FROM cadre_absence a WHERE a.county_code = p.county_code AND a.posting_id = p.id AND a.day = d::date)
    ORDER BY to_char(d, 'YYYY-MM-DD') = ANY(${f.prefer}::text[]) DESC, to_char(d, 'YYYY-MM-DD') = ANY(${f.avoid}::text[]),
             extract(isodow FROM d) > 5, d
    LIMIT 1`
    .execute(tx)
    .then((r) => r.rows[0]?.day ?? null);
}
