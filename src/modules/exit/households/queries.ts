import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);
const rows = <T>(q: { execute(tx: Tx): Promise<{ rows: T[] }> }, tx: Tx) => q.execute(tx).then((r) => r.rows);

/** A household's exit belongs to its village. */
export function locateExitHousehold(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM exit_household WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

/** A batch belongs to its village. */
export function locateExitBatch(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM exit_batch WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

export interface CandidateRow {
  id: number;
  household_no: string;
  head_name: string | null;
  member_count: number;
  status: string;
  guarantee_food: boolean;
  guarantee_clothing: boolean;
  guarantee_education: boolean;
  guarantee_medical: boolean;
  guarantee_housing: boolean;
  per_capita: string | null;
  exit_id: number | null;
  exit_state: string | null;
}

/**
 * The poor (and returned) households of a village with what eligibility needs: the five guarantees, the income of
 * the year, and their exit of the year if proposed. `ids` narrows to those households (a proposal).
 */
export function candidates(tx: Tx, county: string, village: string, year: number, ids?: readonly number[]) {
  return rows(
    sql<CandidateRow>`
    SELECT h.id, h.household_no, p.name AS head_name, h.member_count, h.status, h.guarantee_food, h.guarantee_clothing,
           h.guarantee_education, h.guarantee_medical, h.guarantee_housing, i.per_capita, e.id AS exit_id, c.state AS exit_state
    FROM household h
    LEFT JOIN person p ON p.county_code = h.county_code AND p.id = h.head_person_id
    LEFT JOIN household_income i ON i.county_code = h.county_code AND i.household_id = h.id AND i.year = ${year}
    LEFT JOIN exit_household e ON e.county_code = h.county_code AND e.household_id = h.id AND e.year = ${year}
    LEFT JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'household_exit' AND c.subject_id = e.id
    WHERE h.county_code = ${county} AND h.village_code = ${village}
      ${ids ? sql`AND h.id = ANY(${ids}::bigint[])` : sql`AND h.status IN ('poor', 'returned')`}
    ORDER BY h.household_no`,
    tx,
  );
}

export function batchOf(tx: Tx, county: string, village: string, year: number) {
  return tx
    .selectFrom('exit_batch')
    .selectAll()
    .where('county_code', '=', county)
    .where('village_code', '=', village)
    .where('year', '=', year)
    .executeTakeFirst();
}

export function insertBatch(
  tx: Tx,
  row: { county_code: string; village_code: string; year: number; proposed_on: string; note: string | null },
) {
  return tx.insertInto('exit_batch').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export interface NewExitHousehold {
  county_code: string;
  batch_id: number;
  household_id: number;
  village_code: string;
  year: number;
  income_per_capita: number;
  poverty_line: number;
}

export function insertExitHouseholds(tx: Tx, values: readonly NewExitHousehold[]) {
  return tx.insertInto('exit_household').values(values).returning(['id', 'household_id']).execute();
}

export interface BatchRow {
  id: number;
  county_code: string;
  village_code: string;
  village_name: string;
  township_name: string;
  year: number;
  proposed_on: string;
  households: number;
  states: Record<string, number> | null;
}

const BATCH_SELECT = sql`
  SELECT b.id, b.county_code, b.village_code, v.name AS village_name, t.name AS township_name, b.year,
         to_char(b.proposed_on, 'YYYY-MM-DD') AS proposed_on,
         (SELECT count(*)::int FROM exit_household e WHERE e.county_code = b.county_code AND e.batch_id = b.id) AS households,
         (SELECT jsonb_object_agg(s.state, s.n) FROM (
            SELECT c.state, count(*)::int AS n FROM exit_household e
            JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'household_exit' AND c.subject_id = e.id
            WHERE e.county_code = b.county_code AND e.batch_id = b.id GROUP BY c.state) s) AS states
  FROM exit_batch b
  JOIN region v ON v.code = b.village_code
  LEFT JOIN region t ON t.code = left(b.village_code, 9)`;

/** The batches of a region (newest year first, then village), with their households counted by state. */
export function batches(tx: Tx, region: string, year?: number) {
  return rows(
    sql<BatchRow>`${BATCH_SELECT}
    WHERE b.village_code LIKE ${`${region}%`} ${year ? sql`AND b.year = ${year}` : sql``}
    ORDER BY b.year DESC, b.village_code LIMIT 500`,
    tx,
  );
}

export function batchById(tx: Tx, id: number) {
  return rows(sql<BatchRow>`${BATCH_SELECT} WHERE b.id = ${id}`, tx).then((r) => r[0]);
}

export interface ExitHouseholdRow {
  id: number;
  county_code: string;
  batch_id: number;
  household_id: number;
  household_no: string;
  head_name: string | null;
  member_count: number;
  household_status: string;
  village_code: string;
  year: number;
  income_per_capita: string;
  poverty_line: string;
  notice_from: string | null;
  notice_until: string | null;
  announced_on: string | null;
  closed_on: string | null;
  case_id: number;
  state: string;
  version: number;
  due_date: string | null;
  objections_open: number;
}

const EXIT_SELECT = sql`
  SELECT e.id, e.county_code, e.batch_id, e.household_id, h.household_no, p.name AS head_name, h.member_count,
         h.status AS household_status, e.village_code, e.year, e.income_per_capita, e.poverty_line,
         to_char(e.notice_from, 'YYYY-MM-DD') AS notice_from, to_char(e.notice_until, 'YYYY-MM-DD') AS notice_until,
         to_char(e.announced_on, 'YYYY-MM-DD') AS announced_on, to_char(e.closed_on, 'YYYY-MM-DD') AS closed_on,
         c.id AS case_id, c.state, c.version, to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
         (SELECT count(*)::int FROM exit_objection o
          WHERE o.county_code = e.county_code AND o.exit_household_id = e.id AND o.outcome IS NULL) AS objections_open
  FROM exit_household e
  JOIN household h ON h.county_code = e.county_code AND h.id = e.household_id
  LEFT JOIN person p ON p.county_code = h.county_code AND p.id = h.head_person_id
  JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'household_exit' AND c.subject_id = e.id`;

export function batchHouseholds(tx: Tx, county: string, batchId: number) {
  return rows(
    sql<ExitHouseholdRow>`${EXIT_SELECT} WHERE e.county_code = ${county} AND e.batch_id = ${batchId} ORDER BY h.household_no`,
    tx,
  );
}

export function exitHouseholdById(tx: Tx, id: number) {
  return rows(sql<ExitHouseholdRow>`${EXIT_SELECT} WHERE e.id = ${id}`, tx).then((r) => r[0]);
}

/** Locks one exit row for the step (two objections or steps on one household wait for each other). */
export function lockExitHousehold(tx: Tx, county: string, id: number) {
  return sql`SELECT 1 FROM exit_household WHERE county_code = ${county} AND id = ${id} FOR UPDATE`.execute(tx);
}

export function setDates(
  tx: Tx,
  county: string,
  ids: readonly number[],
  dates: { notice_from?: string | null; notice_until?: string | null; announced_on?: string | null; closed_on?: string | null },
) {
  return tx.updateTable('exit_household').set(dates).where('county_code', '=', county).where('id', 'in', ids).execute();
}

// ---------------------------------------------------------------- objections (异议)

export interface ObjectionRow {
  id: number;
  county_code: string;
  exit_household_id: number;
  source: string;
  content: string;
  received_on: string;
  complaint_id: number | null;
  outcome: string | null;
  outcome_reason: string | null;
  decided_on: string | null;
  decided_by: string | null;
  recorded_by: string;
}

const OBJ_SELECT = sql`
  SELECT id, county_code, exit_household_id, source, content, to_char(received_on, 'YYYY-MM-DD') AS received_on, complaint_id,
         outcome, outcome_reason, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, decided_by, recorded_by
  FROM exit_objection`;

export function objectionsOf(tx: Tx, county: string, exitId: number) {
  return rows(sql<ObjectionRow>`${OBJ_SELECT} WHERE county_code = ${county} AND exit_household_id = ${exitId} ORDER BY id`, tx);
}

export function objectionById(tx: Tx, county: string, id: number) {
  return rows(sql<ObjectionRow>`${OBJ_SELECT} WHERE county_code = ${county} AND id = ${id}`, tx).then((r) => r[0]);
}

export function insertObjection(
  tx: Tx,
  row: {
    county_code: string;
    exit_household_id: number;
    source: string;
    content: string;
    received_on: string;
    complaint_id: number | null;
    recorded_by: string;
  },
) {
  return tx.insertInto('exit_objection').values(row).returning(['id']).executeTakeFirstOrThrow();
}

/** Decides an objection still open; no row when someone decided it first. */
export function decideObjection(
  tx: Tx,
  county: string,
  id: number,
  d: { outcome: string; outcome_reason: string; decided_on: string; decided_by: string },
) {
  return tx
    .updateTable('exit_objection')
    .set(d)
    .where('county_code', '=', county)
    .where('id', '=', id)
    .where('outcome', 'is', null)
    .returning(['id'])
    .executeTakeFirst();
}
