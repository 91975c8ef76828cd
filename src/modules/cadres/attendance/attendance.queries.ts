import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';
import type { CheckinFact } from './rules.ts';

// The monthly attendance computation's reads and writes (docs/decisions/0016-attendance.md): set-based, one statement
// per table for a whole region's month.

/** A region filter on `alias.county_code` (the Citus key), narrowed to the villages below a county. */
export function regionWhere(alias: string, region: string): RawBuilder<unknown> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const county =
    region.length >= 6
      ? sql`${col('county_code')} = ${region.slice(0, 6)}`
      : // Above a county (the province, a city: few codes) the range is written into the text, so that a prepared
        // statement's generic plan knows it (as a parameter the planner guesses, and plans every call again).
        sql`${col('county_code')} >= ${sql.lit(region)} AND ${col('county_code')} < ${sql.lit(`${region}\uffff`)}`;
  return region.length > 6 ? sql`${county} AND ${col('village_code')} LIKE ${`${region}%`}` : county;
}

export interface MonthPostingRow {
  county_code: string;
  id: string;
  village_code: string;
  start_date: string;
  end_date: string | null;
  lat: number | null;
  lon: number | null;
}

/** Postings confirmed and in post on some day of [first, last], with their village's point. */
export function monthPostings(tx: Tx, region: string, first: string, last: string) {
  return sql<MonthPostingRow>`
    SELECT p.county_code, p.id::text AS id, p.village_code, to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
           to_char(p.end_date, 'YYYY-MM-DD') AS end_date, vp.lat, vp.lon
    FROM cadre_posting p
    LEFT JOIN village_point vp ON vp.county_code = p.county_code AND vp.village_code = p.village_code
    WHERE ${regionWhere('p', region)} AND p.confirmed_on IS NOT NULL AND p.start_date <= ${last}::date
      AND (p.end_date IS NULL OR p.end_date >= ${first}::date)`
    .execute(tx)
    .then((r) => r.rows);
}

export interface MonthCheckinRow {
  county_code: string;
  posting_id: string;
  id: string;
  at: number;
  received_at: number;
  lat: number;
  lon: number;
  accuracy_m: number;
  device_id: string | null;
  device_posting_id: string | null;
  foreign_device: string | null;
  source: 'app' | 'imported';
}

/** A check-in row as the attendance rules take it. */
export function checkinFact(c: MonthCheckinRow): CheckinFact {
  return {
    id: Number(c.id),
    at: Number(c.at),
    receivedAt: Number(c.received_at),
    lat: Number(c.lat),
    lon: Number(c.lon),
    accuracy: Number(c.accuracy_m),
    deviceId: c.device_id === null ? null : Number(c.device_id),
    foreignDevice: c.foreign_device,
    devicePostingId: c.device_posting_id === null ? null : Number(c.device_posting_id),
    source: c.source,
  };
}

/** The posting each device of the region's counties is registered to (a few thousand rows at the province's scale). */
export function monthDevices(tx: Tx, region: string) {
  return sql<{ county_code: string; id: string; posting_id: string | null }>`
    SELECT d.county_code, d.id::text AS id, d.posting_id::text AS posting_id
    FROM cadre_device d WHERE ${regionWhere('d', region.slice(0, 6))}`
    .execute(tx)
    .then((r) => r.rows);
}

/**
 * The region's check-ins with device time in [from, to), with the posting each device is registered to (joined here
 * from monthDevices: a join in SQL probed the device index once per check-in).
 */
export async function monthCheckins(tx: Tx, region: string, from: string, to: string): Promise<MonthCheckinRow[]> {
  const villages = region.length > 6 ? sql`AND p.village_code LIKE ${`${region}%`}` : sql``;
  const join = region.length > 6 ? sql`JOIN cadre_posting p ON p.county_code = c.county_code AND p.id = c.posting_id` : sql``;
  // Above a county, the counties one by one: each a tight range of the (county_code, device_time) index.
  const counties =
    region.length >= 6
      ? sql`c.county_code = ${region.slice(0, 6)}`
      : sql`c.county_code IN (SELECT r.code FROM region r WHERE r.code LIKE ${`${region}%`} AND length(r.code) = 6)`;
  const [rows, devices] = await Promise.all([
    sql<MonthCheckinRow>`
      SELECT c.county_code, c.posting_id::text AS posting_id, c.id::text AS id,
             (extract(epoch FROM c.device_time) * 1000)::float8 AS at, (extract(epoch FROM c.received_at) * 1000)::float8 AS received_at,
             c.lat, c.lon, c.accuracy_m, c.device_id::text AS device_id,
             NULL::text AS device_posting_id, c.foreign_device, c.source
      FROM cadre_checkin c ${join}
      WHERE ${counties} ${villages}
        AND c.device_time >= ${from}::timestamptz AND c.device_time < ${to}::timestamptz`
      .execute(tx)
      .then((r) => r.rows),
    monthDevices(tx, region),
  ]);
  const owner = new Map(devices.map((d) => [`${d.county_code}:${d.id}`, d.posting_id]));
  for (const c of rows) if (c.device_id !== null) c.device_posting_id = owner.get(`${c.county_code}:${c.device_id}`) ?? null;
  return rows;
}

export interface MonthLeaveRow {
  county_code: string;
  posting_id: string;
  kind: 'personal' | 'sick' | 'official';
  start_date: string;
  end_date: string;
}

/** Approved (or taken) leave of the region's postings overlapping [first, last]. */
export function monthLeave(tx: Tx, region: string, first: string, last: string) {
  return sql<MonthLeaveRow>`
    SELECT l.county_code, l.posting_id::text AS posting_id, l.kind, to_char(l.start_date, 'YYYY-MM-DD') AS start_date,
           to_char(l.end_date, 'YYYY-MM-DD') AS end_date
    FROM cadre_leave l
    JOIN cadre_posting p ON p.county_code = l.county_code AND p.id = l.posting_id
    JOIN procedure_case c ON c.county_code = l.county_code AND c.procedure = 'cadres.leave' AND c.subject_id = l.id
    WHERE ${regionWhere('p', region)} AND c.state IN ('approved', 'taken')
      AND l.start_date <= ${last}::date AND l.end_date >= ${first}::date`
    .execute(tx)
    .then((r) => r.rows);
}

/** Days that already are unexcused absences (or excused ones): no candidate is raised for them again. */
export function monthAbsences(tx: Tx, region: string, first: string, last: string) {
  return sql<{ county_code: string; posting_id: string; day: string }>`
    SELECT a.county_code, a.posting_id::text AS posting_id, to_char(a.day, 'YYYY-MM-DD') AS day
    FROM cadre_absence a JOIN cadre_posting p ON p.county_code = a.county_code AND p.id = a.posting_id
    WHERE ${regionWhere('p', region)} AND a.day BETWEEN ${first}::date AND ${last}::date`
    .execute(tx)
    .then((r) => r.rows);
}

export interface AttendanceRow {
  county_code: string;
  posting_id: number;
  village_code: string;
  days_in_post: number;
  days_in_village: number;
  nights: number;
  official_days: number;
  leave_days: number;
  required_days: number;
  compliant: boolean;
  checkins: number;
  /** The open month flags' codes (sorted) and open absence candidates once the flags are written (the list reads them). */
  open_flags: string[];
  open_absences: number;
}

const col = <T, K extends keyof T>(rows: readonly T[], k: K) => rows.map((r) => r[k]);

/** Replaces the month's figures of these postings (a recompute writes the same rows again). */
export function upsertAttendance(tx: Tx, month: string, rows: readonly AttendanceRow[]) {
  if (rows.length === 0) return Promise.resolve();
  return sql`
    INSERT INTO cadre_attendance_month (county_code, posting_id, month, village_code, days_in_post, days_in_village, nights,
                                        official_days, leave_days, required_days, compliant, checkins, open_flags, open_absences,
                                        computed_at)
    SELECT c, p, ${month}::date, v, dp, dv, n, o, l, r, ok, k, string_to_array(fl, ',')::text[], ab, now()
    FROM unnest(${col(rows, 'county_code')}::text[], ${col(rows, 'posting_id')}::bigint[], ${col(rows, 'village_code')}::text[],
                ${col(rows, 'days_in_post')}::int[], ${col(rows, 'days_in_village')}::int[], ${col(rows, 'nights')}::int[],
                ${col(rows, 'official_days')}::int[], ${col(rows, 'leave_days')}::int[], ${col(rows, 'required_days')}::int[],
                ${col(rows, 'compliant')}::bool[], ${col(rows, 'checkins')}::int[], ${rows.map((r) => r.open_flags.join(','))}::text[],
                ${col(rows, 'open_absences')}::int[]) AS t(c, p, v, dp, dv, n, o, l, r, ok, k, fl, ab)
    ON CONFLICT (county_code, posting_id, month) DO UPDATE SET
      village_code = excluded.village_code, days_in_post = excluded.days_in_post, days_in_village = excluded.days_in_village,
      nights = excluded.nights, official_days = excluded.official_days, leave_days = excluded.leave_days,
      required_days = excluded.required_days, compliant = excluded.compliant, checkins = excluded.checkins,
      open_flags = excluded.open_flags, open_absences = excluded.open_absences, computed_at = excluded.computed_at`
    .execute(tx)
    .then(() => undefined);
}

/** The month's rows of postings no longer in post that month (a posting withdrawn, an end date moved). */
export function deleteStaleAttendance(tx: Tx, region: string, month: string, keep: { county: string; posting: number }[]) {
  return sql`
    DELETE FROM cadre_attendance_month a
    WHERE ${regionWhere('a', region)} AND a.month = ${month}::date
      AND (a.county_code, a.posting_id) NOT IN (SELECT * FROM unnest(${keep.map((k) => k.county)}::text[], ${keep.map((k) => k.posting)}::bigint[]))`
    .execute(tx)
    .then((r) => Number(r.numAffectedRows ?? 0));
}

export interface FlagRow {
  county_code: string;
  posting_id: number;
  village_code: string;
  code: string;
  subject: string;
  reason_zh: string;
  reason_en: string;
  evidence: string;
}

/**
 * Writes the month's flags: new ones open; an open one whose evidence changed takes the new evidence (and a new
 * version, so a clerk deciding on the old evidence is told); decided ones stay as they were. Answers how many changed.
 */
export function upsertFlags(tx: Tx, month: string, rows: readonly FlagRow[]) {
  if (rows.length === 0) return Promise.resolve(0);
  // Counted from RETURNING: a Citus coordinator reports an INSERT … SELECT's rows processed, not those written.
  return sql<{ n: number }>`
    WITH w AS (
    INSERT INTO cadre_flag (county_code, posting_id, month, village_code, code, subject, reason_zh, reason_en, evidence)
    SELECT c, p, ${month}::date, v, k, s, z, e, ev::jsonb
    FROM unnest(${col(rows, 'county_code')}::text[], ${col(rows, 'posting_id')}::bigint[], ${col(rows, 'village_code')}::text[],
                ${col(rows, 'code')}::text[], ${col(rows, 'subject')}::text[], ${col(rows, 'reason_zh')}::text[],
                ${col(rows, 'reason_en')}::text[], ${col(rows, 'evidence')}::text[]) AS t(c, p, v, k, s, z, e, ev)
    ON CONFLICT (county_code, posting_id, month, code, subject) DO UPDATE SET
      reason_zh = excluded.reason_zh, reason_en = excluded.reason_en, evidence = excluded.evidence, version = cadre_flag.version + 1
    WHERE cadre_flag.state = 'open' AND cadre_flag.evidence IS DISTINCT FROM excluded.evidence
    RETURNING 1)
    SELECT count(*)::int AS n FROM w`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.n ?? 0));
}

/** The month's flags already decided (confirmed or dismissed): the computation leaves them as they are. */
export function monthDecidedFlags(tx: Tx, region: string, month: string) {
  return sql<{ county_code: string; posting_id: string; code: string; subject: string }>`
    SELECT f.county_code, f.posting_id::text AS posting_id, f.code, f.subject
    FROM cadre_flag f
    WHERE f.month = ${month}::date AND ${regionWhere('f', region)} AND f.state <> 'open'`
    .execute(tx)
    .then((r) => r.rows);
}

/** Open flags of the month the records no longer support. */
export function deleteStaleFlags(tx: Tx, region: string, month: string, keep: readonly FlagRow[]) {
  return sql`
    DELETE FROM cadre_flag f
    WHERE ${regionWhere('f', region)} AND f.month = ${month}::date AND f.state = 'open'
      AND (f.county_code, f.posting_id, f.code, f.subject) NOT IN (
        SELECT * FROM unnest(${col(keep, 'county_code')}::text[], ${col(keep, 'posting_id')}::bigint[], ${col(keep, 'code')}::text[],
                             ${col(keep, 'subject')}::text[]))`
    .execute(tx)
    .then((r) => Number(r.numAffectedRows ?? 0));
}

/**
 * One computation of a region's month at a time (two clerks pressing "compute" together). A flag's decision takes
 * the lock shared: it waits for a computation under way, so the month rows' open flags it rewrites are not
 * overwritten by a computation that read the flag still open.
 */
export function lockMonth(tx: Tx, month: string, mode: 'compute' | 'decide' = 'compute') {
  const key = `attendance:${month}`;
  return (
    mode === 'compute' ? sql`SELECT pg_advisory_xact_lock(hashtext(${key}))` : sql`SELECT pg_advisory_xact_lock_shared(hashtext(${key}))`
  )
    .execute(tx)
    .then(() => undefined);
}
