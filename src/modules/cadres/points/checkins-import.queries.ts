import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

// Check-ins from another attendance app (0025_foreign_checkins.sql): the cadre by the keyed hash of the ID number,
// the posting in post on the day, and the records already stored.

/** Counties of a scope as a condition on `alias.county_code` (a township or village scope: its county). */
function countiesOf(alias: string, scope: string) {
  const col = sql.ref(`${alias}.county_code`);
  return scope.length >= 6 ? sql`${col} = ${scope.slice(0, 6)}` : sql`${col} LIKE ${`${scope}%`}`;
}

export interface CadreByHash {
  county_code: string;
  id_hash: string;
  name: string;
  id_masked: string;
  cadre_id: number;
}

/** The cadres (persons with a cadre profile) of the scope's counties whose ID numbers have these hashes. */
export function cadresByIdHash(tx: Tx, scope: string, hashes: readonly string[]) {
  if (hashes.length === 0) return Promise.resolve([] as CadreByHash[]);
  return sql<CadreByHash>`
    SELECT pe.county_code, pe.id_hash, pe.name, pe.id_masked, c.id AS cadre_id
    FROM person pe JOIN cadre c ON c.county_code = pe.county_code AND c.person_id = pe.id
    WHERE ${countiesOf('pe', scope)} AND pe.id_hash = ANY(${[...hashes]}::text[])`
    .execute(tx)
    .then((r) => r.rows.map((x) => ({ ...x, cadre_id: Number(x.cadre_id) })));
}

export interface PostingSpan {
  county_code: string;
  id: number;
  cadre_id: number;
  village_code: string;
  start_date: string;
  end_date: string | null;
}

/**
 * The confirmed postings (in post from their start, until their last day when ended) of these cadres in villages of
 * the scope; a proposed or withdrawn posting was never in post.
 */
export function confirmedPostings(tx: Tx, scope: string, cadres: readonly { county_code: string; cadre_id: number }[]) {
  if (cadres.length === 0) return Promise.resolve([] as PostingSpan[]);
  return sql<PostingSpan>`
    SELECT p.county_code, p.id, p.cadre_id, p.village_code, p.start_date::text AS start_date, p.end_date::text AS end_date
    FROM cadre_posting p
    JOIN unnest(${cadres.map((c) => c.county_code)}::text[], ${cadres.map((c) => c.cadre_id)}::bigint[]) AS k(county_code, cadre_id)
      ON p.county_code = k.county_code AND p.cadre_id = k.cadre_id
    WHERE p.confirmed_on IS NOT NULL AND p.village_code LIKE ${`${scope}%`}
    ORDER BY p.county_code, p.start_date`
    .execute(tx)
    .then((r) => r.rows.map((x) => ({ ...x, id: Number(x.id), cadre_id: Number(x.cadre_id) })));
}

/** Which of these client ids are stored already (in their county). */
export function storedClientIds(tx: Tx, keys: readonly { county_code: string; client_id: string }[]) {
  if (keys.length === 0) return Promise.resolve([] as { client_id: string }[]);
  return sql<{ client_id: string }>`
    SELECT c.client_id::text AS client_id FROM cadre_checkin c
    JOIN unnest(${keys.map((k) => k.county_code)}::text[], ${keys.map((k) => k.client_id)}::uuid[]) AS k(county_code, client_id)
      ON c.county_code = k.county_code AND c.client_id = k.client_id`
    .execute(tx)
    .then((r) => r.rows);
}

export interface ImportedCheckin {
  county_code: string;
  posting_id: number;
  client_id: string;
  device_time: string;
  lat: number;
  lon: number;
  accuracy_m: number;
  foreign_device: string | null;
}

/** Stores imported records (no device, no signature); a record already stored is left as it is. */
export function insertImportedCheckins(tx: Tx, rows: readonly ImportedCheckin[]) {
  if (rows.length === 0) return Promise.resolve(0);
  // Counted from RETURNING: a Citus coordinator reports an INSERT … SELECT's rows processed, not those written.
  return sql<{ n: number }>`
    WITH w AS (
    INSERT INTO cadre_checkin (county_code, posting_id, client_id, device_time, lat, lon, accuracy_m, source, foreign_device)
    SELECT county_code, posting_id, client_id, device_time, lat, lon, accuracy_m, 'imported', foreign_device
    FROM unnest(${rows.map((r) => r.county_code)}::text[], ${rows.map((r) => r.posting_id)}::bigint[],
                ${rows.map((r) => r.client_id)}::uuid[], ${rows.map((r) => r.device_time)}::timestamptz[],
                ${rows.map((r) => r.lat)}::float8[], ${rows.map((r) => r.lon)}::float8[],
                ${rows.map((r) => r.accuracy_m)}::float8[], ${rows.map((r) => r.foreign_device)}::text[])
      AS t(county_code, posting_id, client_id, device_time, lat, lon, accuracy_m, foreign_device)
    ON CONFLICT (county_code, client_id) DO NOTHING
    RETURNING 1)
    SELECT count(*)::int AS n FROM w`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.n ?? 0));
}
