import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';
import { RECTIFICATION } from './procedures.ts';

export interface ExportRow {
  county_code: string;
  id: number;
  city_name: string | null;
  county_name: string;
  township_name: string;
  village_name: string;
  village_code: string;
  org_name: string | null;
  year: number;
  identified_on: string | null;
  causes: string[];
  problems: string | null;
  plan: string | null;
  county_leader: string | null;
  township_member: string | null;
  first_secretary_name: string | null;
  deadline: string | null;
  progress: string | null;
  closed_on: string | null;
  consolidated_on: string | null;
  note: string | null;
  state: string;
}

/**
 * A page of a region's ledger for the spreadsheet, keyset on (county, id): progress entries joined by date, the day the
 * case was identified (its opening step's effective date), the organisation of the case (or the village's now).
 */
export function exportPage(tx: Tx, region: string, year: number | null, after: { county: string; id: number }, limit: number) {
  return sql<ExportRow>`
    SELECT r.county_code, r.id, ci.name AS city_name, c.name AS county_name, t.name AS township_name, v.name AS village_name, r.village_code,
           coalesce(o.name, (SELECT o2.name FROM party_org o2 WHERE o2.county_code = r.county_code AND o2.region_code = r.village_code
                             AND o2.dissolved_on IS NULL)) AS org_name,
           r.year, (SELECT to_char(s.effective_date, 'YYYY-MM-DD') FROM procedure_step s
                    WHERE s.county_code = pc.county_code AND s.case_id = pc.id AND s.seq = 1) AS identified_on,
           r.causes, r.problems, r.plan, r.county_leader, r.township_member, r.first_secretary_name,
           to_char(r.deadline, 'YYYY-MM-DD') AS deadline, to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on,
           to_char(r.consolidated_on, 'YYYY-MM-DD') AS consolidated_on, r.note, pc.state,
           (SELECT string_agg(to_char(p.entry_date, 'YYYY-MM-DD') || ' ' || p.content, E'\n' ORDER BY p.entry_date, p.id)
            FROM party_rectification_progress p WHERE p.county_code = r.county_code AND p.case_id = r.id) AS progress
    FROM party_rectification r
    JOIN region v ON v.code = r.village_code
    JOIN region t ON t.code = left(r.village_code, 9)
    JOIN region c ON c.code = r.county_code
    LEFT JOIN region ci ON ci.code = c.parent_code AND ci.level = 2
    LEFT JOIN party_org o ON o.county_code = r.county_code AND o.id = r.org_id
    JOIN procedure_case pc ON pc.county_code = r.county_code AND pc.procedure = ${RECTIFICATION.id} AND pc.subject_id = r.id
    WHERE r.village_code LIKE ${`${region}%`} ${year ? sql`AND r.year = ${year}` : sql``}
      AND (r.county_code, r.id) > (${after.county}, ${after.id})
    ORDER BY r.county_code, r.id
    LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}
