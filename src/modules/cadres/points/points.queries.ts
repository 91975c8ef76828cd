import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

// Village points (村点位): one WGS-84 reference point per village (0024_village_points.sql).

/** The region a village point belongs to: the village's own code when it is a village, else null (404). */
export function locateVillage(tx: Tx, code: string) {
  return sql<{ code: string }>`SELECT code FROM region WHERE code = ${code} AND level = 5`.execute(tx).then((r) => r.rows[0]?.code ?? null);
}

export interface RegionRow {
  code: string;
  name: string;
  level: number;
}

export function regionsByCodes(tx: Tx, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([] as RegionRow[]);
  return sql<RegionRow>`SELECT code, name, level FROM region WHERE code = ANY(${[...codes]}::text[])`.execute(tx).then((r) => r.rows);
}

export interface PointRow {
  village_code: string;
  lon: number;
  lat: number;
  source: 'imported' | 'edited' | 'approximate';
  given_crs: 'wgs84' | 'gcj02';
}

/** The points of these villages, locked for the caller's transaction (a commit compares, then writes). */
export function pointsOf(tx: Tx, codes: readonly string[], lock = false) {
  if (codes.length === 0) return Promise.resolve([] as PointRow[]);
  const counties = [...new Set(codes.map((c) => c.slice(0, 6)))];
  return sql<PointRow>`
    SELECT village_code, lon, lat, source, given_crs FROM village_point
    WHERE county_code = ANY(${counties}::text[]) AND village_code = ANY(${[...codes]}::text[])
    ${lock ? sql`FOR UPDATE` : sql``}`
    .execute(tx)
    .then((r) => r.rows.map((p) => ({ ...p, lon: Number(p.lon), lat: Number(p.lat) })));
}

export interface NewPoint {
  village_code: string;
  lon: number;
  lat: number;
  source: 'imported' | 'edited';
  given_crs: 'wgs84' | 'gcj02';
}

/** Writes points (new or replacing the village's), set-based; returns how many rows were written. */
export function upsertPoints(tx: Tx, points: readonly NewPoint[], userId: number | null) {
  if (points.length === 0) return Promise.resolve(0);
  return sql`
    INSERT INTO village_point (county_code, village_code, lon, lat, source, given_crs, updated_at, updated_by)
    SELECT left(v, 6), v, x, y, s, c, now(), ${userId}::bigint
    FROM unnest(${points.map((p) => p.village_code)}::text[], ${points.map((p) => p.lon)}::float8[],
                ${points.map((p) => p.lat)}::float8[], ${points.map((p) => p.source)}::text[],
                ${points.map((p) => p.given_crs)}::text[]) AS t(v, x, y, s, c)
    ON CONFLICT (county_code, village_code) DO UPDATE
      SET lon = EXCLUDED.lon, lat = EXCLUDED.lat, source = EXCLUDED.source, given_crs = EXCLUDED.given_crs,
          updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`
    .execute(tx)
    .then((r) => Number(r.numAffectedRows ?? 0));
}

export interface VillagePointListRow {
  code: string;
  name: string;
  township_code: string | null;
  township_name: string | null;
  lon: number | null;
  lat: number | null;
  source: string | null;
  given_crs: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

/**
 * The villages of a region with their point or none, by village code (keyset: the last code). `missing` keeps only
 * villages without a point.
 */
export function listVillagePoints(tx: Tx, f: { region: string; missing?: boolean }, after: string | null, limit: number) {
  return sql<VillagePointListRow>`
    SELECT v.code, v.name, t.code AS township_code, t.name AS township_name, p.lon, p.lat, p.source, p.given_crs,
           p.updated_at, u.username AS updated_by
    FROM region v
    LEFT JOIN region t ON t.code = v.parent_code
    LEFT JOIN village_point p ON p.county_code = left(v.code, 6) AND p.village_code = v.code
    LEFT JOIN app_user u ON u.id = p.updated_by
    WHERE v.level = 5 AND v.code LIKE ${`${f.region}%`}
      ${after ? sql`AND v.code > ${after}` : sql``}
      ${f.missing ? sql`AND p.village_code IS NULL` : sql``}
    ORDER BY v.code
    LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows.map((x) => ({ ...x, lon: x.lon === null ? null : Number(x.lon), lat: x.lat === null ? null : Number(x.lat) })));
}
