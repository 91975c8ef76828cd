import { sql } from 'kysely';
import type { Tx } from '../../db/types.ts';

// The field app's work logs, their photos and household visits (migration 0028, decision 0014).

export function logByClientId(tx: Tx, county: string, clientId: string) {
  return sql<{ id: number; signature: string; posting_id: number }>`
    SELECT id, signature, posting_id FROM cadre_work_log WHERE county_code = ${county} AND client_id = ${clientId}::uuid`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function logOfDay(tx: Tx, county: string, postingId: number, day: string) {
  return sql<{ id: number; client_id: string }>`
    SELECT id, client_id::text AS client_id FROM cadre_work_log
    WHERE county_code = ${county} AND posting_id = ${postingId} AND log_date = ${day}::date`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export interface NewLog {
  county_code: string;
  posting_id: number;
  client_id: string;
  device_id: number;
  log_date: string;
  body: string;
  signature: string;
}

/** Inserts a log; null when its client id or its day was stored meanwhile. */
export function insertLog(tx: Tx, l: NewLog) {
  return sql<{ id: number }>`
    INSERT INTO cadre_work_log (county_code, posting_id, client_id, device_id, log_date, body, signature)
    VALUES (${l.county_code}, ${l.posting_id}, ${l.client_id}::uuid, ${l.device_id}, ${l.log_date}::date, ${l.body}, ${l.signature})
    ON CONFLICT DO NOTHING RETURNING id`
    .execute(tx)
    .then((r) => (r.rows[0] ? Number(r.rows[0].id) : null));
}

export interface NewPhoto {
  county_code: string;
  log_id: number;
  seq: number;
  sha256: string;
  mime: string;
  bytes: number;
  exif_time: string | null;
  exif_lat: number | null;
  exif_lon: number | null;
}

export function insertPhotos(tx: Tx, rows: NewPhoto[]) {
  if (rows.length === 0) return Promise.resolve();
  const values = rows.map(
    (p) =>
      sql`(${p.county_code}, ${p.log_id}, ${p.seq}, ${p.sha256}, ${p.mime}, ${p.bytes}, ${p.exif_time}::timestamp, ${p.exif_lat}::float8, ${p.exif_lon}::float8)`,
  );
  return sql`
    INSERT INTO cadre_log_photo (county_code, log_id, seq, sha256, mime, bytes, exif_time, exif_lat, exif_lon)
    VALUES ${sql.join(values)}`
    .execute(tx)
    .then(() => undefined);
}

/** Whether any photo row names this file (before a failed upload removes a file it wrote). */
export function photoHashUsed(tx: Tx, sha256: string) {
  return sql<{ used: boolean }>`SELECT EXISTS (SELECT 1 FROM cadre_log_photo WHERE sha256 = ${sha256}) AS used`
    .execute(tx)
    .then((r) => r.rows[0]?.used === true);
}

/** Every photo file the work logs name, once per content (for the backup, the restore and `fupin photos verify`). */
export function photoFiles(tx: Tx) {
  return sql<{ sha256: string; mime: string }>`SELECT DISTINCT sha256, mime FROM cadre_log_photo ORDER BY sha256`
    .execute(tx)
    .then((r) => r.rows);
}

export interface LogRow {
  id: number;
  client_id: string;
  log_date: string;
  body: string;
  received_at: Date;
}

/** A posting's logs with their day in [from, to], newest first. */
export function logsOfPosting(tx: Tx, county: string, postingId: number, from: string, to: string) {
  return sql<LogRow>`
    SELECT id, client_id::text AS client_id, to_char(log_date, 'YYYY-MM-DD') AS log_date, body, received_at
    FROM cadre_work_log
    WHERE county_code = ${county} AND posting_id = ${postingId} AND log_date BETWEEN ${from}::date AND ${to}::date
    ORDER BY log_date DESC
    LIMIT 400`
    .execute(tx)
    .then((r) => r.rows.map((x) => ({ ...x, id: Number(x.id) })));
}

export interface PhotoRow {
  log_id: number;
  seq: number;
  sha256: string;
  mime: string;
  bytes: number;
  exif_time: string | null;
  exif_lat: number | null;
  exif_lon: number | null;
}

export function photosOfLogs(tx: Tx, county: string, logIds: number[]) {
  if (logIds.length === 0) return Promise.resolve([] as PhotoRow[]);
  return sql<PhotoRow>`
    SELECT log_id, seq, sha256, mime, bytes, to_char(exif_time, 'YYYY-MM-DD"T"HH24:MI:SS') AS exif_time, exif_lat, exif_lon
    FROM cadre_log_photo
    WHERE county_code = ${county} AND log_id IN (${sql.join(logIds)})
    ORDER BY log_id, seq`
    .execute(tx)
    .then((r) => r.rows.map((x) => ({ ...x, log_id: Number(x.log_id), seq: Number(x.seq) })));
}

/** One photo of a posting's log (the route's scope is the posting's). */
export function photoOfPosting(tx: Tx, county: string, postingId: number, logId: number, seq: number) {
  return sql<{ sha256: string; mime: string }>`
    SELECT ph.sha256, ph.mime FROM cadre_log_photo ph
    JOIN cadre_work_log l ON l.county_code = ph.county_code AND l.id = ph.log_id
    WHERE ph.county_code = ${county} AND l.posting_id = ${postingId} AND ph.log_id = ${logId} AND ph.seq = ${seq}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

/**
 * A village's households for the phone's picker: number, the householder's name and its search keys (full pinyin and
 * initials, as the register's search finds names) — no ID numbers.
 */
export function villageHouseholds(tx: Tx, county: string, village: string) {
  return sql<{ id: number; household_no: string; head_name: string | null; head_pinyin: string | null; head_initials: string | null }>`
    SELECT h.id, h.household_no, pe.name AS head_name, pe.name_pinyin AS head_pinyin, pe.name_initials AS head_initials
    FROM household h
    LEFT JOIN person pe ON pe.county_code = h.county_code AND pe.id = h.head_person_id
    WHERE h.county_code = ${county} AND h.village_code = ${village}
    ORDER BY h.household_no
    LIMIT 5000`
    .execute(tx)
    .then((r) => r.rows.map((x) => ({ ...x, id: Number(x.id) })));
}

export function householdPlace(tx: Tx, county: string, householdId: number) {
  return sql<{ village_code: string; household_no: string }>`
    SELECT village_code, household_no FROM household WHERE county_code = ${county} AND id = ${householdId}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function visitByClientId(tx: Tx, county: string, clientId: string) {
  return sql<{ id: number; posting_id: number; household_id: number; visit_date: string; note: string }>`
    SELECT id, posting_id, household_id, to_char(visit_date, 'YYYY-MM-DD') AS visit_date, note
    FROM cadre_visit WHERE county_code = ${county} AND client_id = ${clientId}::uuid`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export interface NewVisit {
  county_code: string;
  posting_id: number;
  client_id: string;
  household_id: number;
  visit_date: string;
  note: string;
  log_id: number | null;
  created_by: number;
}

export function insertVisit(tx: Tx, v: NewVisit) {
  return sql<{ id: number }>`
    INSERT INTO cadre_visit (county_code, posting_id, client_id, household_id, visit_date, note, log_id, created_by)
    VALUES (${v.county_code}, ${v.posting_id}, ${v.client_id}::uuid, ${v.household_id}, ${v.visit_date}::date, ${v.note}, ${v.log_id}, ${v.created_by})
    ON CONFLICT (county_code, client_id) DO NOTHING RETURNING id`
    .execute(tx)
    .then((r) => (r.rows[0] ? Number(r.rows[0].id) : null));
}

export interface VisitRow {
  id: number;
  client_id: string;
  household_id: number;
  household_no: string;
  head_name: string | null;
  visit_date: string;
  note: string;
  log_id: number | null;
}

/** A posting's visits with their day in [from, to], newest first. */
export function visitsOfPosting(tx: Tx, county: string, postingId: number, from: string, to: string) {
  return sql<VisitRow>`
    SELECT v.id, v.client_id::text AS client_id, v.household_id, h.household_no, pe.name AS head_name,
           to_char(v.visit_date, 'YYYY-MM-DD') AS visit_date, v.note, v.log_id
    FROM cadre_visit v
    JOIN household h ON h.county_code = v.county_code AND h.id = v.household_id
    LEFT JOIN person pe ON pe.county_code = h.county_code AND pe.id = h.head_person_id
    WHERE v.county_code = ${county} AND v.posting_id = ${postingId} AND v.visit_date BETWEEN ${from}::date AND ${to}::date
    ORDER BY v.visit_date DESC, v.id DESC
    LIMIT 1000`
    .execute(tx)
    .then((r) =>
      r.rows.map((x) => ({
        ...x,
        id: Number(x.id),
        household_id: Number(x.household_id),
        log_id: x.log_id === null ? null : Number(x.log_id),
      })),
    );
}
