import { sql } from 'kysely';
import { sameCountyAs } from '../../db/region-scope.ts';
import type { Tx } from '../../db/types.ts';
import { type HouseholdFilter, householdWhere } from './queries.ts';

export interface ExportRow {
  county_code: string;
  household_id: number;
  village_code: string;
  household_no: string;
  /** Null for a household without members (the LEFT JOIN keeps it, so the page's last household is the last row). */
  name: string | null;
  id_cipher: string;
  id_masked: string;
  relation: string;
  gender: string;
  ethnicity: string | null;
  education: string | null;
  schooling: string | null;
  health: string | null;
  labour: string | null;
  work: string | null;
  medical_insurance: boolean | null;
  category: string;
  cause: string;
  year_identified: number;
  planned_exit_year: number | null;
  exit_year: number | null;
  status: string;
  income: number | null;
  helper: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
}

/**
 * One page of the export: the members of the next `limit` households after `after` in (county, id) order, heads
 * first, with the household's register-year income and current helper. The page's keys are a subquery, not a list
 * sent back as parameters (see exportRows). Asked of one county (exportRows walks them), every table is held to that
 * county by a constant (sameCountyAs): Citus routes the statement to one shard group only when each table, the
 * subqueries' and the outer joins' included, names the county itself; `= h.county_code` alone made it pull the whole
 * of household_member and person through the coordinator for each page (1.7 s a page at scale 0.1, 90 ms now).
 */
export async function exportPage(tx: Tx, filter: HouseholdFilter, after: { county: string; id: number }, limit: number) {
  const r = await sql<ExportRow>`
    SELECT h.county_code, h.id AS household_id, h.village_code, h.household_no, p.name, p.id_cipher, p.id_masked, m.relation,
           p.gender, p.ethnicity, m.education, m.schooling, m.health, m.labour, m.work, m.medical_insurance, h.category, h.cause,
           h.year_identified, h.planned_exit_year, h.exit_year, h.status, h.income, h.helper, p.phone_cipher, p.phone_masked
    FROM (SELECT h.county_code, h.id, h.village_code, h.household_no, h.category, h.cause, h.year_identified, h.planned_exit_year,
                 h.exit_year, h.status,
                 (SELECT per_capita FROM household_income i
                  WHERE ${sameCountyAs('i', 'h', filter.region)} AND i.household_id = h.id AND i.year = ${filter.registerYear}) AS income,
                 (SELECT helper_name FROM help_pairing hp WHERE ${sameCountyAs('hp', 'h', filter.region)} AND hp.household_id = h.id
                  AND hp.end_date IS NULL ORDER BY hp.start_date DESC, hp.id DESC LIMIT 1) AS helper
          FROM household h
          WHERE ${householdWhere(filter)} AND (h.county_code, h.id) > (${after.county}, ${after.id})
          ORDER BY h.county_code, h.id LIMIT ${limit}) h
    LEFT JOIN household_member m ON ${sameCountyAs('m', 'h', filter.region)} AND m.household_id = h.id
    LEFT JOIN person p ON ${sameCountyAs('p', 'm', filter.region)} AND p.id = m.person_id
    ORDER BY h.county_code, h.id, (m.relation = 'head') DESC, p.birth_date, p.id`.execute(tx);
  return r.rows;
}

/** The regions of a scope and its ancestors, for place names read once per export. */
export async function regionsAround(tx: Tx, scope: string) {
  const r = await sql<{ code: string; name: string; parent_code: string | null }>`
    SELECT code, name, parent_code FROM region WHERE code LIKE ${`${scope}%`} OR ${scope} LIKE code || '%'`.execute(tx);
  return r.rows;
}
