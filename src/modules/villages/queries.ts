import { sql } from 'kysely';
import { executePrepared } from '../../db/prepared.ts';
import type { Tx } from '../../db/types.ts';

/** The village and its township, county (a code of another level is no village: the page answers 404). */
export function villageOf(tx: Tx, code: string) {
  return executePrepared(
    tx,
    sql<{ code: string; name: string; township_code: string; township_name: string; county_name: string }>`
    SELECT v.code, v.name, t.code AS township_code, t.name AS township_name, c.name AS county_name
    FROM region v JOIN region t ON t.code = v.parent_code JOIN region c ON c.code = t.parent_code
    WHERE v.code = ${code} AND v.level = 5`,
  ).then((r) => r.rows[0]);
}

/**
 * The register's figures of one village (households by status, persons) and its poor-village listing (null columns
 * when it is not listed), in one statement: the village page's register and poorVillage sections share it. The county
 * is named through the village code (household_check): `county_code = …` let the planner AND the village's index with
 * the county's whole status index (household_status_idx), which grows with the county (measured 4,354 entries read
 * for a village of 254 households at scale 0.1).
 */
export function villageFigures(tx: Tx, county: string, village: string) {
  return executePrepared(
    tx,
    sql<{
      households: number;
      persons: number;
      poor: number;
      exited: number;
      returned: number;
      monitored: number;
      listed: boolean;
      year_listed: number | null;
      rural_population: number | null;
      exit_year: number | null;
      planned_exit_year: number | null;
    }>`
    SELECT h.households, h.persons, h.poor, h.exited, h.returned, h.monitored, pv.village_code IS NOT NULL AS listed,
           pv.year_listed, pv.rural_population, pv.exit_year, pv.planned_exit_year
    FROM (SELECT count(*)::int AS households, coalesce(sum(member_count), 0)::int AS persons,
                 count(*) FILTER (WHERE status = 'poor')::int AS poor, count(*) FILTER (WHERE status = 'exited')::int AS exited,
                 count(*) FILTER (WHERE status = 'returned')::int AS returned, count(*) FILTER (WHERE status = 'monitored')::int AS monitored
          FROM household WHERE village_code = ${village} AND left(village_code, 6) = ${county}) h
    LEFT JOIN poor_village pv ON pv.county_code = ${county} AND pv.village_code = ${village}`,
  ).then((r) => r.rows[0]);
}

/** The resident team in post today and each one's attendance of the month (when computed). */
export function residentTeam(tx: Tx, county: string, village: string, day: string) {
  return executePrepared(
    tx,
    sql<{
      posting_id: number;
      name: string;
      role: string;
      unit: string;
      start_date: string;
      days_in_village: number | null;
      required_days: number | null;
      compliant: boolean | null;
    }>`
    SELECT p.id AS posting_id, pe.name, p.role, u.name AS unit, p.start_date::text AS start_date,
           am.days_in_village, am.required_days, am.compliant
    FROM cadre_posting p
    JOIN cadre c ON c.county_code = p.county_code AND c.id = p.cadre_id
    JOIN person pe ON pe.county_code = c.county_code AND pe.id = c.person_id
    JOIN dispatch_unit u ON u.id = p.unit_id
    LEFT JOIN cadre_attendance_month am ON am.county_code = p.county_code AND am.posting_id = p.id
      AND am.month = date_trunc('month', ${day}::date)::date
    WHERE p.county_code = ${county} AND p.village_code = ${village} AND p.confirmed_on IS NOT NULL
      AND p.start_date <= ${day}::date AND (p.end_date IS NULL OR p.end_date >= ${day}::date)
    ORDER BY p.role = 'first_secretary' DESC, p.role = 'team_leader' DESC, p.start_date, p.id`,
  ).then((r) => r.rows);
}

/**
 * Members of the village's current organisation: how many are probationary, have a post, how many pairings they hold,
 * and the first `limit` wealth-leading members with how many households each helps now (one statement; the counts of
 * members and wealth leaders are the organisation row's, orgs/queries.ts currentOrgOf).
 */
export function memberFigures(tx: Tx, county: string, orgId: number, limit: number) {
  return executePrepared(
    tx,
    sql<{
      probationary: number;
      with_post: number;
      pairings: number;
      leaders: { id: number; name: string; industry: string | null; households: number }[] | null;
    }>`
    SELECT count(*) FILTER (WHERE m.standing = 'probationary')::int AS probationary,
           count(*) FILTER (WHERE m.post IS NOT NULL)::int AS with_post,
           (SELECT count(*) FROM party_member pm JOIN party_pairing pp ON pp.county_code = pm.county_code AND pp.member_id = pm.id
            WHERE pm.county_code = ${county} AND pm.org_id = ${orgId} AND pp.end_date IS NULL)::int AS pairings,
           (SELECT json_agg(l ORDER BY l.id) FROM (
              SELECT lm.id, p.name, lm.wealth_industry AS industry,
                     (SELECT count(*) FROM party_pairing pp WHERE pp.county_code = lm.county_code AND pp.member_id = lm.id
                      AND pp.end_date IS NULL)::int AS households
              FROM party_member lm JOIN person p ON p.county_code = lm.county_code AND p.id = lm.person_id
              WHERE lm.county_code = ${county} AND lm.org_id = ${orgId} AND lm.left_on IS NULL AND lm.wealth_leader
              ORDER BY lm.id LIMIT ${limit}) l) AS leaders
    FROM party_member m WHERE m.county_code = ${county} AND m.org_id = ${orgId} AND m.left_on IS NULL`,
  ).then((r) => r.rows[0]);
}
