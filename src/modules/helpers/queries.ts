import { sql } from 'kysely';
import { type CountyRowKey, lockCountyRows } from '../../db/row-locks.ts';
import type { Tx } from '../../db/types.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);

/** A helper belongs to their county. */
export function locateHelper(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ county_code: string }>`SELECT county_code FROM helper WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.county_code ?? null);
}

export interface HelperRow {
  county_code: string;
  id: number;
  person_id: number | null;
  name: string;
  work_unit: string | null;
  phone_masked: string | null;
  id_masked: string | null;
  households: number;
  cadre_posting_id: number | null;
}

const helperColumns = sql`
  h.county_code, h.id, h.person_id, h.name, h.work_unit, h.phone_masked, p.id_masked,
  (SELECT count(*) FROM help_pairing hp WHERE hp.county_code = h.county_code AND hp.helper_id = h.id AND hp.end_date IS NULL)::int AS households,
  (SELECT cp.id FROM cadre c JOIN cadre_posting cp ON cp.county_code = c.county_code AND cp.cadre_id = c.id
   WHERE c.county_code = h.county_code AND c.person_id = h.person_id AND cp.end_date IS NULL
   ORDER BY cp.start_date DESC, cp.id DESC LIMIT 1) AS cadre_posting_id`;

/**
 * Helpers of the counties in `counties` (a region's, or the county above a township), by name prefix, keyset on
 * (county, id): the list page.
 */
export function listHelpers(tx: Tx, f: { region: string; name?: string }, after: { county: string; id: number } | null, limit: number) {
  const county = f.region.length > 6 ? f.region.slice(0, 6) : null;
  return sql<HelperRow>`
    SELECT ${helperColumns}
    FROM helper h LEFT JOIN person p ON p.county_code = h.county_code AND p.id = h.person_id
    WHERE ${county ? sql`h.county_code = ${county}` : sql`h.county_code LIKE ${`${f.region}%`}`}
      ${f.name ? sql`AND h.name LIKE ${`${f.name.replace(/[\\%_]/g, '\\$&')}%`}` : sql``}
      ${after ? sql`AND (h.county_code, h.id) > (${after.county}, ${after.id})` : sql``}
    ORDER BY h.county_code, h.id
    LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

export function helperById(tx: Tx, id: number) {
  return sql<HelperRow & { phone_cipher: string | null; phone_hash: string | null }>`
    SELECT ${helperColumns}, h.phone_cipher, h.phone_hash
    FROM helper h LEFT JOIN person p ON p.county_code = h.county_code AND p.id = h.person_id
    WHERE h.id = ${id}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

/** Locks the helper's row: assignments and edits of one helper are judged one after the other. */
export function lockHelper(tx: Tx, county: string, id: number) {
  return sql<{ id: number; name: string }>`SELECT id, name FROM helper WHERE county_code = ${county} AND id = ${id} FOR UPDATE`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export interface HelperPairingRow {
  pairing_id: number;
  household_id: number;
  household_no: string;
  village_code: string;
  village_name: string;
  head_name: string | null;
  status: string;
  start_date: string;
  end_date: string | null;
}

/** A helper's households, current pairings first, then ended ones newest first. */
export function helperPairings(tx: Tx, county: string, helperId: number, limit: number) {
  return sql<HelperPairingRow>`
    SELECT hp.id AS pairing_id, hh.id AS household_id, hh.household_no, hh.village_code, r.name AS village_name,
           p.name AS head_name, hh.status, hp.start_date, hp.end_date
    FROM help_pairing hp
    JOIN household hh ON hh.county_code = hp.county_code AND hh.id = hp.household_id
    JOIN region r ON r.code = hh.village_code
    LEFT JOIN person p ON p.county_code = hh.county_code AND p.id = hh.head_person_id
    WHERE hp.county_code = ${county} AND hp.helper_id = ${helperId}
    ORDER BY hp.end_date IS NOT NULL, hp.end_date DESC, hp.start_date DESC, hp.id DESC
    LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

/** Helpers of the county with the same name and, when both have one, the same phone (the form's duplicate check). */
export function sameHelper(tx: Tx, county: string, name: string, phoneHash: string | null, except: number | null) {
  return sql<{ id: number }>`
    SELECT id FROM helper
    WHERE county_code = ${county} AND name = ${name} AND phone_hash IS NOT DISTINCT FROM ${phoneHash}
      AND (${except}::bigint IS NULL OR id <> ${except}::bigint)
    LIMIT 1`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function helperOfPerson(tx: Tx, county: string, personId: number) {
  return sql<{ id: number }>`SELECT id FROM helper WHERE county_code = ${county} AND person_id = ${personId}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export interface HelperValues {
  person_id: number | null;
  name: string;
  work_unit: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
}

export async function insertHelper(tx: Tx, county: string, v: HelperValues) {
  const r = await sql<{ id: number }>`
    INSERT INTO helper (county_code, person_id, name, work_unit, phone_cipher, phone_masked, phone_hash)
    VALUES (${county}, ${v.person_id}, ${v.name}, ${v.work_unit}, ${v.phone_cipher}, ${v.phone_masked}, ${v.phone_hash})
    RETURNING id`.execute(tx);
  return Number(r.rows[0]?.id);
}

/** A helper's new values; the pairings keep the helper's name beside the id (the list and the export read it). */
export async function updateHelper(tx: Tx, county: string, id: number, v: HelperValues) {
  await sql`
    UPDATE helper SET person_id = ${v.person_id}, name = ${v.name}, work_unit = ${v.work_unit}, phone_cipher = ${v.phone_cipher},
           phone_masked = ${v.phone_masked}, phone_hash = ${v.phone_hash}, updated_at = now()
    WHERE county_code = ${county} AND id = ${id}`.execute(tx);
  await sql`
    UPDATE help_pairing SET helper_name = ${v.name}
    WHERE county_code = ${county} AND helper_id = ${id} AND helper_name IS DISTINCT FROM ${v.name}`.execute(tx);
}

export interface ScopedHousehold {
  county_code: string;
  id: number;
  village_code: string;
  current_helper_id: number | null;
  current_helper_name: string | null;
}

/**
 * The households of `ids` inside the region, locked, each with its current helper: ids outside the region (or of no
 * household) are simply absent, so the caller refuses the lot without telling which exist.
 */
export async function householdsInRegion(tx: Tx, region: string, ids: number[]) {
  const keys = await sql<CountyRowKey>`
    SELECT county_code, id FROM household WHERE id = ANY(${ids}::bigint[]) AND village_code LIKE ${`${region}%`}`.execute(tx);
  await lockCountyRows(tx, 'household', keys.rows);
  return sql<ScopedHousehold>`
    SELECT h.county_code, h.id, h.village_code, cur.helper_id AS current_helper_id, cur.helper_name AS current_helper_name
    FROM household h
    LEFT JOIN LATERAL (
      SELECT hp.helper_id, hp.helper_name FROM help_pairing hp
      WHERE hp.county_code = h.county_code AND hp.household_id = h.id AND hp.end_date IS NULL
      ORDER BY hp.start_date DESC, hp.id DESC LIMIT 1) cur ON true
    WHERE h.id = ANY(${ids}::bigint[]) AND h.village_code LIKE ${`${region}%`}
    ORDER BY h.county_code, h.id`
    .execute(tx)
    .then((r) => r.rows);
}

/** Ends the current pairings of these households (other than with the helper), on `today`. */
export function endPairings(tx: Tx, county: string, householdIds: number[], helperId: number, today: string) {
  return sql`
    UPDATE help_pairing SET end_date = ${today}::date
    WHERE county_code = ${county} AND household_id = ANY(${householdIds}::bigint[]) AND end_date IS NULL AND helper_id <> ${helperId}`.execute(
    tx,
  );
}

export function insertPairings(tx: Tx, county: string, householdIds: number[], helper: { id: number; name: string }, today: string) {
  return sql`
    INSERT INTO help_pairing (county_code, household_id, helper_id, helper_name, start_date)
    SELECT ${county}, u.id, ${helper.id}, ${helper.name}, ${today}::date FROM unnest(${householdIds}::bigint[]) AS u(id)`.execute(tx);
}

/** Helpers whose phone hash the start-up backfill has still to compute (written by migration 0027 from pairings). */
export function helpersWithoutPhoneHash(tx: Tx, limit: number) {
  return sql<{ county_code: string; id: number; phone_cipher: string }>`
    SELECT county_code, id, phone_cipher FROM helper WHERE phone_cipher IS NOT NULL AND phone_hash IS NULL
    ORDER BY county_code, id LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

export function setPhoneHashes(tx: Tx, rows: { county: string; id: number; hash: string }[]) {
  return sql`
    UPDATE helper h SET phone_hash = u.hash
    FROM unnest(${rows.map((r) => r.county)}::text[], ${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.hash)}::text[])
      AS u(county_code, id, hash)
    WHERE h.county_code = u.county_code AND h.id = u.id`.execute(tx);
}
