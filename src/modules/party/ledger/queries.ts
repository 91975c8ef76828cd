import { sql } from 'kysely';
import { executePrepared, pageLimit } from '../../../db/prepared.ts';
import type { Tx } from '../../../db/types.ts';
import { RECTIFICATION } from './procedures.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);

/** A rectification case belongs to its village. */
export function locateRectification(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM party_rectification WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

export interface RectificationRow {
  county_code: string;
  id: number;
  village_code: string;
  village_name: string;
  township_name: string;
  org_id: number | null;
  year: number;
  causes: string[];
  problems: string | null;
  plan: string | null;
  county_leader: string | null;
  township_member: string | null;
  first_secretary_posting_id: number | null;
  first_secretary_name: string | null;
  deadline: string | null;
  closed_on: string | null;
  consolidated_on: string | null;
  case_id: number;
  state: string;
  version: number;
  last_progress: string | null;
}

const columns = sql`
  r.county_code, r.id, r.village_code, v.name AS village_name, t.name AS township_name, r.org_id, r.year, r.causes, r.problems,
  r.plan, r.county_leader, r.township_member, r.first_secretary_posting_id, r.first_secretary_name,
  to_char(r.deadline, 'YYYY-MM-DD') AS deadline, to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on,
  to_char(r.consolidated_on, 'YYYY-MM-DD') AS consolidated_on, c.id AS case_id, c.state, c.version,
  (SELECT p.content FROM party_rectification_progress p WHERE p.county_code = r.county_code AND p.case_id = r.id
   ORDER BY p.entry_date DESC, p.id DESC LIMIT 1) AS last_progress`;
const fromJoins = sql`
  JOIN region v ON v.code = r.village_code
  JOIN region t ON t.code = left(r.village_code, 9)
  JOIN procedure_case c ON c.county_code = r.county_code AND c.procedure = ${sql.lit(RECTIFICATION.id)} AND c.subject_id = r.id`;
const from = sql`FROM party_rectification r ${fromJoins}`;

export interface RectificationFilter {
  region: string;
  state?: string;
  year?: number;
  /** Cases past their plan's deadline and not closed. */
  overdue?: { today: string };
}

/**
 * The ledger of a region, keyset on (county, id): the list page. The page's keys come first (in primary-key order, the
 * state filter by the case's key), then their columns: joining every case of the province before sorting read them all.
 */
export function listRectifications(tx: Tx, f: RectificationFilter, after: { county: string; id: number } | null, limit: number) {
  const caseState = f.state || f.overdue;
  // Prepared (its shapes are the filter combinations): planning the page's joins cost more than running them.
  return executePrepared(
    tx,
    sql<RectificationRow>`
    SELECT ${columns} FROM (
      SELECT r.county_code, r.id FROM party_rectification r
      WHERE ${f.region.length >= 6 ? sql`r.county_code = ${f.region.slice(0, 6)} AND r.village_code LIKE ${`${f.region}%`}` : sql`r.village_code LIKE ${sql.lit(`${f.region}%`)}`}
        ${f.year ? sql`AND r.year = ${f.year}` : sql``}
        ${f.overdue ? sql`AND r.deadline < ${f.overdue.today}::date` : sql``}
        ${
          caseState
            ? sql`AND EXISTS (SELECT 1 FROM procedure_case c WHERE c.county_code = r.county_code AND c.procedure = ${sql.lit(RECTIFICATION.id)}
                   AND c.subject_id = r.id
                   ${f.state ? sql`AND c.state = ${f.state}` : sql``}
                   ${f.overdue ? sql`AND c.state IN ('identified', 'planned', 'rectifying')` : sql``})`
            : sql``
        }
        ${after ? sql`AND (r.county_code, r.id) > (${after.county}, ${after.id})` : sql``}
      ORDER BY r.county_code, r.id
      LIMIT ${pageLimit(limit)}) page
    JOIN party_rectification r ON r.county_code = page.county_code AND r.id = page.id
    ${fromJoins}
    ORDER BY r.county_code, r.id`,
  ).then((r) => r.rows);
}

export function rectificationById(tx: Tx, id: number) {
  return sql<RectificationRow>`SELECT ${columns} ${from} WHERE r.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** Locks a case's facts: two people editing one case are judged one after the other. */
export function lockRectification(tx: Tx, county: string, id: number) {
  return sql`SELECT id FROM party_rectification WHERE county_code = ${county} AND id = ${id} FOR UPDATE`.execute(tx);
}

/** The organisation of a village now (null: none on file). */
export function orgOfVillage(tx: Tx, county: string, village: string) {
  return sql<{ id: number; name: string }>`
    SELECT id, name FROM party_org WHERE county_code = ${county} AND region_code = ${village} AND dissolved_on IS NULL`
    .execute(tx)
    .then((r) => r.rows[0] ?? null);
}

/** The village's first secretary in post now (cadres module), the latest confirmed posting. */
export function currentFirstSecretary(tx: Tx, county: string, village: string) {
  return sql<{ posting_id: number; name: string }>`
    SELECT p.id AS posting_id, pe.name
    FROM cadre_posting p JOIN cadre c ON c.county_code = p.county_code AND c.id = p.cadre_id
    JOIN person pe ON pe.county_code = c.county_code AND pe.id = c.person_id
    WHERE p.county_code = ${county} AND p.village_code = ${village} AND p.role = 'first_secretary'
      AND p.confirmed_on IS NOT NULL AND p.end_date IS NULL
    ORDER BY p.start_date DESC, p.id DESC LIMIT 1`
    .execute(tx)
    .then((r) => r.rows[0] ?? null);
}

/** Serializes 排查认定 of one village and year with the ledger import's commits (import/queries.ts lockCaseKeys). */
export async function lockCaseKey(tx: Tx, village: string, year: number) {
  await sql`SELECT pg_advisory_xact_lock(hashtext('party_rectification'), hashtext(${`${village}/${year}`}))`.execute(tx);
}

export function yearCaseOf(tx: Tx, county: string, village: string, year: number) {
  return sql<{ id: number }>`
    SELECT id FROM party_rectification WHERE county_code = ${county} AND village_code = ${village} AND year = ${year}`
    .execute(tx)
    .then((r) => r.rows[0] ?? null);
}

export interface NewRectification {
  county_code: string;
  village_code: string;
  org_id: number | null;
  year: number;
  causes: string[];
  problems: string | null;
}

export function insertRectification(tx: Tx, row: NewRectification) {
  return sql<{ id: number }>`
    INSERT INTO party_rectification (county_code, village_code, org_id, year, causes, problems)
    VALUES (${row.county_code}, ${row.village_code}, ${row.org_id}, ${row.year}, ${row.causes}::text[], ${row.problems})
    RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

export interface PlanValues {
  causes: string[];
  problems: string | null;
  plan: string | null;
  county_leader: string | null;
  township_member: string | null;
  first_secretary_posting_id: number | null;
  first_secretary_name: string | null;
  deadline: string | null;
}

export function updatePlan(tx: Tx, county: string, id: number, v: PlanValues) {
  return sql`
    UPDATE party_rectification SET causes = ${v.causes}::text[], problems = ${v.problems}, plan = ${v.plan},
      county_leader = ${v.county_leader}, township_member = ${v.township_member},
      first_secretary_posting_id = ${v.first_secretary_posting_id}, first_secretary_name = ${v.first_secretary_name},
      deadline = ${v.deadline}::date, updated_at = now()
    WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

/** The dates the ledger shows for 销号 and 巩固 (a reopened case has neither until it is closed again). */
export function setOutcomeDates(tx: Tx, county: string, id: number, closedOn: string | null, consolidatedOn: string | null) {
  return sql`
    UPDATE party_rectification SET closed_on = ${closedOn}::date, consolidated_on = ${consolidatedOn}::date, updated_at = now()
    WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

export function insertProgress(tx: Tx, county: string, caseId: number, date: string, content: string, actor: string) {
  return sql<{ id: number }>`
    INSERT INTO party_rectification_progress (county_code, case_id, entry_date, content, actor_name)
    VALUES (${county}, ${caseId}, ${date}::date, ${content}, ${actor}) RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

export function progressOf(tx: Tx, county: string, caseId: number) {
  return sql<{ id: number; entry_date: string; content: string; actor_name: string }>`
    SELECT id, to_char(entry_date, 'YYYY-MM-DD') AS entry_date, content, actor_name FROM party_rectification_progress
    WHERE county_code = ${county} AND case_id = ${caseId} ORDER BY entry_date, id`
    .execute(tx)
    .then((r) => r.rows);
}

/** A village's cases, newest year first (the village page). */
export function casesOfVillage(tx: Tx, county: string, village: string) {
  return executePrepared(
    tx,
    sql<RectificationRow>`
    SELECT ${columns} ${from} WHERE r.county_code = ${county} AND r.village_code = ${village} ORDER BY r.year DESC, r.id DESC`,
  ).then((r) => r.rows);
}
