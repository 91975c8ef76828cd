import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);

export function locateVillageExit(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM exit_village WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

export interface PoorVillageRow {
  county_code: string;
  village_code: string;
  village_name: string;
  township_name: string | null;
  rural_population: number;
  poor_persons: number;
  exit_year: number | null;
  exit_id: number | null;
  exit_state: string | null;
  exit_for: number | null;
}

/**
 * The poor villages of a region with the persons still poor (members of poor and returned households) over the rural
 * population, their exit year and their latest exit procedure.
 */
export function poorVillages(tx: Tx, region: string) {
  return sql<PoorVillageRow>`
    SELECT pv.county_code, pv.village_code, v.name AS village_name, t.name AS township_name, pv.rural_population,
           coalesce((SELECT sum(h.member_count)::int FROM household h
                     WHERE h.county_code = pv.county_code AND h.village_code = pv.village_code AND h.status IN ('poor', 'returned')), 0) AS poor_persons,
           pv.exit_year, x.id AS exit_id, c.state AS exit_state, x.year AS exit_for
    FROM poor_village pv
    JOIN region v ON v.code = pv.village_code
    LEFT JOIN region t ON t.code = left(pv.village_code, 9)
    LEFT JOIN LATERAL (SELECT e.id, e.year FROM exit_village e WHERE e.county_code = pv.county_code AND e.village_code = pv.village_code
                       ORDER BY e.year DESC LIMIT 1) x ON true
    LEFT JOIN procedure_case c ON c.county_code = pv.county_code AND c.procedure = 'village_exit' AND c.subject_id = x.id
    WHERE pv.village_code LIKE ${`${region}%`}
    ORDER BY pv.village_code
    LIMIT 2000`
    .execute(tx)
    .then((r) => r.rows);
}

export function insertVillageExit(
  tx: Tx,
  row: { county_code: string; village_code: string; year: number; poor_persons: number; rural_population: number; checklist: string },
) {
  return sql<{ id: number }>`
    INSERT INTO exit_village (county_code, village_code, year, poor_persons, rural_population, checklist)
    VALUES (${row.county_code}, ${row.village_code}, ${row.year}, ${row.poor_persons}, ${row.rural_population}, ${row.checklist}::jsonb)
    RETURNING id`
    .execute(tx)
    .then((r) => r.rows[0] as { id: number });
}

export interface VillageExitRow {
  id: number;
  county_code: string;
  village_code: string;
  village_name: string;
  year: number;
  poor_persons: number;
  rural_population: number;
  checklist: Record<string, boolean>;
  verified: Record<string, boolean>;
  notice_from: string | null;
  notice_until: string | null;
  announced_on: string | null;
  case_id: number;
}

export function villageExitById(tx: Tx, id: number) {
  return sql<VillageExitRow>`
    SELECT e.id, e.county_code, e.village_code, v.name AS village_name, e.year, e.poor_persons, e.rural_population, e.checklist,
           e.verified, to_char(e.notice_from, 'YYYY-MM-DD') AS notice_from, to_char(e.notice_until, 'YYYY-MM-DD') AS notice_until,
           to_char(e.announced_on, 'YYYY-MM-DD') AS announced_on, c.id AS case_id
    FROM exit_village e JOIN region v ON v.code = e.village_code
    JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'village_exit' AND c.subject_id = e.id
    WHERE e.id = ${id}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function updateVillageExit(
  tx: Tx,
  county: string,
  id: number,
  set: { verified?: string; notice_from?: string | null; notice_until?: string | null; announced_on?: string | null },
) {
  return sql`
    UPDATE exit_village SET
      verified = coalesce(${set.verified ?? null}::jsonb, verified),
      notice_from = ${'notice_from' in set ? (set.notice_from ?? null) : sql`notice_from`},
      notice_until = ${'notice_until' in set ? (set.notice_until ?? null) : sql`notice_until`},
      announced_on = ${'announced_on' in set ? (set.announced_on ?? null) : sql`announced_on`}
    WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

/** The county's announcement: the poor village's exit year (the register's figures follow its triggers). */
export function setVillageExitYear(tx: Tx, county: string, village: string, year: number) {
  return sql`UPDATE poor_village SET exit_year = ${year}, updated_at = now() WHERE county_code = ${county} AND village_code = ${village}`.execute(
    tx,
  );
}

// ---------------------------------------------------------------- counties

export function locateCountyExit(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ county_code: string }>`SELECT county_code FROM exit_county WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.county_code ?? null);
}

export interface CountyRow {
  county_code: string;
  county_name: string;
  rural_population: number;
  poor_persons: number;
  exit_id: number | null;
  exit_state: string | null;
  exit_for: number | null;
  announced_on: string | null;
}

/**
 * The provincial poverty counties of a region (the candidates) with the persons still poor over the rural population
 * of all their villages (a poor village's own figure, else the village's population: the register's incidence), and
 * their latest exit procedure.
 */
export function povertyCounties(tx: Tx, region: string) {
  // Each county table read by county first, then joined with the regions (Citus: no correlated subquery from the
  // reference table into a distributed one).
  return sql<CountyRow>`
    WITH counties AS MATERIALIZED (
      SELECT code, name FROM region WHERE level = 3 AND is_poverty_county AND code LIKE ${`${region.slice(0, 6)}%`}),
    pop AS MATERIALIZED (
      SELECT p.county_code, sum(p.pop)::int AS n FROM (
        SELECT pv.county_code, pv.rural_population AS pop FROM poor_village pv WHERE pv.county_code IN (SELECT code FROM counties)
        UNION ALL SELECT vp.county_code, vp.rural_population FROM village_population vp
        WHERE vp.county_code IN (SELECT code FROM counties)
          AND NOT EXISTS (SELECT 1 FROM poor_village pv WHERE pv.county_code = vp.county_code AND pv.village_code = vp.village_code)
      ) p GROUP BY p.county_code),
    poor AS MATERIALIZED (
      SELECT h.county_code, sum(h.member_count)::int AS n FROM household h
      WHERE h.county_code IN (SELECT code FROM counties) AND h.status IN ('poor', 'returned') GROUP BY h.county_code),
    latest AS MATERIALIZED (
      SELECT DISTINCT ON (e.county_code) e.county_code, e.id, e.year, e.announced_on FROM exit_county e
      WHERE e.county_code IN (SELECT code FROM counties) ORDER BY e.county_code, e.year DESC),
    cases AS MATERIALIZED (
      SELECT c.county_code, c.subject_id, c.state FROM procedure_case c
      WHERE c.procedure = 'county_exit' AND (c.county_code, c.subject_id) IN (SELECT county_code, id FROM latest))
    SELECT r.code AS county_code, r.name AS county_name, coalesce(pop.n, 0) AS rural_population, coalesce(poor.n, 0) AS poor_persons,
           x.id AS exit_id, c.state AS exit_state, x.year AS exit_for, to_char(x.announced_on, 'YYYY-MM-DD') AS announced_on
    FROM counties r
    LEFT JOIN pop ON pop.county_code = r.code
    LEFT JOIN poor ON poor.county_code = r.code
    LEFT JOIN latest x ON x.county_code = r.code
    LEFT JOIN cases c ON c.county_code = r.code AND c.subject_id = x.id
    ORDER BY r.code`
    .execute(tx)
    .then((r) => r.rows);
}

export function insertCountyExit(tx: Tx, row: { county_code: string; year: number; poor_persons: number; rural_population: number }) {
  return tx.insertInto('exit_county').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export interface CountyExitRow {
  id: number;
  county_code: string;
  county_name: string;
  year: number;
  poor_persons: number;
  rural_population: number;
  notice_from: string | null;
  notice_until: string | null;
  announced_on: string | null;
  case_id: number;
}

export function countyExitById(tx: Tx, id: number) {
  return sql<CountyExitRow>`
    SELECT e.id, e.county_code, r.name AS county_name, e.year, e.poor_persons, e.rural_population,
           to_char(e.notice_from, 'YYYY-MM-DD') AS notice_from, to_char(e.notice_until, 'YYYY-MM-DD') AS notice_until,
           to_char(e.announced_on, 'YYYY-MM-DD') AS announced_on, c.id AS case_id
    FROM exit_county e JOIN region r ON r.code = e.county_code
    JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'county_exit' AND c.subject_id = e.id
    WHERE e.id = ${id}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function updateCountyExit(
  tx: Tx,
  county: string,
  id: number,
  set: { notice_from?: string | null; notice_until?: string | null; announced_on?: string | null },
) {
  return tx.updateTable('exit_county').set(set).where('county_code', '=', county).where('id', '=', id).execute();
}
