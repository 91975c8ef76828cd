/**
 * What a postings commit writes, set-based from the rows the checks accepted as new (outcome 'new'): the missing
 * units, the new persons, phones, cadre profiles and the postings. The postings' cases are opened and confirmed
 * through the procedure mechanism by the caller (service.ts), in the same transaction.
 */
import { sql } from 'kysely';
import { type CountyRowKey, lockCountyRows } from '../../../db/row-locks.ts';
import type { Tx } from '../../../db/types.ts';

const unitRegion = sql`left(r.village_code, CASE r.unit_level WHEN 'province' THEN 2 WHEN 'city' THEN 4 WHEN 'county' THEN 6 ELSE 9 END)`;

/**
 * Locks the cadre profiles of the batch's persons to the end of the transaction: a posting proposed on the form for
 * one of them meanwhile waits, then finds the imported posting open (one village at a time).
 */
export async function lockCadres(tx: Tx, batchId: number) {
  // The identities first, then the cadres by county: person_identity is placed by ID hash, cadre by county (Citus).
  const keys = await sql<CountyRowKey>`
    WITH persons AS MATERIALIZED (
      SELECT pi.county_code, pi.person_id FROM person_identity pi
      WHERE pi.id_hash IN (SELECT r.id_hash FROM import_posting_row r WHERE r.batch_id = ${batchId}))
    SELECT k.county_code, k.id FROM cadre k WHERE (k.county_code, k.person_id) IN (SELECT county_code, person_id FROM persons)`.execute(tx);
  await lockCountyRows(tx, 'cadre', keys.rows);
}

/** The units new rows name that their region lacks; returns those created. */
export function insertUnits(tx: Tx, batchId: number) {
  return sql<{ id: number; name: string; level: string; region_code: string }>`
    INSERT INTO dispatch_unit (name, level, region_code)
    SELECT DISTINCT r.unit_name, r.unit_level, ${unitRegion}
    FROM import_posting_row r WHERE r.batch_id = ${batchId} AND r.outcome = 'new' AND r.unit_id IS NULL
    ORDER BY 3, 1
    ON CONFLICT (region_code, name) DO NOTHING
    RETURNING id, name, level, region_code`
    .execute(tx)
    .then((x) => x.rows);
}

/** New persons (with their entry in the province-wide directory of ID numbers), and the rows learn their ids. */
export function insertPersons(tx: Tx, batchId: number) {
  return sql`
    WITH ins AS (
      INSERT INTO person (county_code, id_hash, id_cipher, id_masked, id_tail_hash, name, name_pinyin, name_initials, gender, birth_date,
                          phone_cipher, phone_masked, phone_hash)
      SELECT r.county_code, r.id_hash, r.id_cipher, r.id_masked, r.id_tail_hash, r.name, r.name_pinyin, r.name_initials, r.gender,
             r.birth_date, r.phone_cipher, r.phone_masked, r.phone_hash
      FROM import_posting_row r WHERE r.batch_id = ${batchId} AND r.outcome = 'new' AND r.person_id IS NULL
      RETURNING county_code, id, id_hash),
    dir AS (INSERT INTO person_identity (id_hash, county_code, person_id) SELECT id_hash, county_code, id FROM ins)
    UPDATE import_posting_row r SET person_id = ins.id
    FROM ins WHERE r.batch_id = ${batchId} AND r.outcome = 'new' AND r.id_hash = ins.id_hash AND r.county_code = ins.county_code`.execute(
    tx,
  );
}

/** A person already on file takes the phone a new row gives (as the posting form does). */
export function updatePhones(tx: Tx, batchId: number) {
  return sql`
    UPDATE person pe SET phone_cipher = r.phone_cipher, phone_masked = r.phone_masked, phone_hash = r.phone_hash, updated_at = now()
    FROM import_posting_row r
    WHERE r.batch_id = ${batchId} AND r.outcome = 'new' AND r.phone_hash IS NOT NULL
      AND pe.county_code = r.county_code AND pe.id = r.person_id AND pe.phone_hash IS DISTINCT FROM r.phone_hash`.execute(tx);
}

/** Each new row's unit (created or found) and cadre profile, created or brought up to date (the rank is kept). */
export async function upsertCadres(tx: Tx, batchId: number) {
  await sql`
    UPDATE import_posting_row r SET unit_id = u.id
    FROM dispatch_unit u
    WHERE r.batch_id = ${batchId} AND r.outcome = 'new' AND u.region_code = ${unitRegion} AND u.name = r.unit_name`.execute(tx);
  await sql`
    INSERT INTO cadre (county_code, person_id, unit_id, post, party_member, updated_at)
    SELECT r.county_code, r.person_id, r.unit_id, r.post, r.party_member, now()
    FROM import_posting_row r WHERE r.batch_id = ${batchId} AND r.outcome = 'new'
    ON CONFLICT (county_code, person_id) DO UPDATE SET unit_id = excluded.unit_id, post = excluded.post,
      party_member = excluded.party_member, updated_at = excluded.updated_at
    WHERE (cadre.unit_id, cadre.post, cadre.party_member) IS DISTINCT FROM (excluded.unit_id, excluded.post, excluded.party_member)`.execute(
    tx,
  );
}

export interface NewPosting {
  row_number: number;
  county_code: string;
  id: number;
  village_code: string;
  start_date: string;
  planned_end_date: string;
  name: string;
  id_masked: string;
  phone_masked: string | null;
  role: string;
  unit_name: string;
}

/**
 * The postings of the new rows; without an end date a posting lasts the minimum tenure of its village (`tenure`:
 * village code → days, the setting as it applies there). Each row draws its posting's id from the table's sequence
 * first, so that row and posting are joined by the row's key (joining them back by person made the planner walk the
 * batch once per posting). Returns them with what their audit rows say.
 */
export async function insertPostings(tx: Tx, batchId: number, tenure: ReadonlyMap<string, number>) {
  const villages = [...tenure.keys()];
  // Ids in the file's row order (an UPDATE visits rows in no given order): the export lists postings by id.
  await sql`
    UPDATE import_posting_row r SET posting_id = n.id
    FROM (SELECT o.row_number, nextval(pg_get_serial_sequence('cadre_posting', 'id')) AS id
          FROM (SELECT row_number FROM import_posting_row WHERE batch_id = ${batchId} AND outcome = 'new' ORDER BY row_number) o) n
    WHERE r.batch_id = ${batchId} AND r.row_number = n.row_number`.execute(tx);
  await sql`
    INSERT INTO cadre_posting (county_code, id, cadre_id, village_code, role, unit_id, start_date, planned_end_date)
    SELECT r.county_code, r.posting_id, k.id, r.village_code, r.role, r.unit_id, r.start_date, coalesce(r.end_date, r.start_date + t.days)
    FROM import_posting_row r
    JOIN cadre k ON k.county_code = r.county_code AND k.person_id = r.person_id
    JOIN unnest(${villages}::text[], ${villages.map((v) => tenure.get(v) ?? 730)}::int[]) AS t(village_code, days)
      ON t.village_code = r.village_code
    WHERE r.batch_id = ${batchId} AND r.outcome = 'new'
    ORDER BY r.row_number`.execute(tx);
  const r = await sql<NewPosting>`
    SELECT r.row_number, p.county_code, p.id, p.village_code, to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
           to_char(p.planned_end_date, 'YYYY-MM-DD') AS planned_end_date, r.name, r.id_masked, r.phone_masked, r.role, r.unit_name
    FROM import_posting_row r JOIN cadre_posting p ON p.county_code = r.county_code AND p.id = r.posting_id
    WHERE r.batch_id = ${batchId} AND r.outcome = 'new'
    ORDER BY r.row_number`.execute(tx);
  return r.rows;
}

/** Villages of the new rows (their tenure setting is read per village). */
export function newRowVillages(tx: Tx, batchId: number) {
  return sql<{ village_code: string }>`
    SELECT DISTINCT village_code FROM import_posting_row WHERE batch_id = ${batchId} AND outcome = 'new' ORDER BY village_code`
    .execute(tx)
    .then((x) => x.rows.map((v) => v.village_code));
}

/** Postings confirmed in post from their start (their cases were moved by the procedure in the same transaction). */
export function confirmPostings(tx: Tx, keys: readonly { county_code: string; id: number }[]) {
  return sql`
    UPDATE cadre_posting p SET confirmed_on = p.start_date, updated_at = now()
    FROM unnest(${keys.map((k) => k.county_code)}::text[], ${keys.map((k) => k.id)}::bigint[]) AS k(county_code, id)
    WHERE p.county_code = k.county_code AND p.id = k.id`.execute(tx);
}
