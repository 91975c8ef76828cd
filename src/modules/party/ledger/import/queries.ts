import { sql } from 'kysely';
import { type CountyRowKey, lockCountyRows } from '../../../../db/row-locks.ts';
import type { Tx } from '../../../../db/types.ts';
import { RECTIFICATION } from '../procedures.ts';

/**
 * The ledger import's SQL over a staged batch: repeats in the file, the cases on file for the rows' village and year
 * (compared in service.ts), the outcomes, the preview per row (the commit's writes are in commit.queries.ts). A case is one per village and year
 * (party_rectification_year_uq), so that pair is the row's key: loading the same file again writes nothing.
 */

export async function analyzeStaged(tx: Tx) {
  await sql`ANALYZE import_party_ledger_row`.execute(tx);
}

export async function resetChecks(tx: Tx, batchId: number) {
  await sql`UPDATE import_party_ledger_row SET problems = row_problems, outcome = NULL, changes = NULL WHERE batch_id = ${batchId}`.execute(
    tx,
  );
}

/**
 * Serializes commits that touch the same cases: a transaction-scoped advisory lock per (village, year) of the batch,
 * taken in one order (so two commits cannot wait on each other) before the checks run again. A second commit of a file
 * with the same villages and years waits for the first and then finds its cases on file. The case page's 排查认定
 * takes the same lock (../queries.ts lockCaseKey).
 */
export async function lockCaseKeys(tx: Tx, batchId: number) {
  await sql`
    SELECT count(pg_advisory_xact_lock(hashtext('party_rectification'), hashtext(k.village_code || '/' || k.year::text)))
    FROM (SELECT DISTINCT village_code, year FROM import_party_ledger_row
          WHERE batch_id = ${batchId} AND village_code IS NOT NULL AND year IS NOT NULL
          ORDER BY village_code, year) k`.execute(tx);
  // The cases on file themselves, as the case page locks one (its plan, steps): an edit there waits for the commit.
  const cases = await sql<CountyRowKey>`
    SELECT r.county_code, r.id FROM party_rectification r
    WHERE (r.county_code, r.village_code, r.year) IN (
      SELECT s.county_code, s.village_code, s.year FROM import_party_ledger_row s WHERE s.batch_id = ${batchId})`.execute(tx);
  await lockCountyRows(tx, 'party_rectification', cases.rows);
}

export async function markDuplicates(tx: Tx, batchId: number) {
  await sql`
    WITH d AS (
      SELECT row_number, min(row_number) OVER (PARTITION BY village_code, year) AS first
      FROM import_party_ledger_row WHERE batch_id = ${batchId} AND row_problems IS NULL
    )
    UPDATE import_party_ledger_row r
    SET problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
      'row', r.row_number, 'column', 'year', 'code', 'DUPLICATE_ROW', 'params', jsonb_build_object('other', d.first)))
    FROM d WHERE r.batch_id = ${batchId} AND r.row_number = d.row_number AND d.first < d.row_number`.execute(tx);
}

/** What a staged row says of its case (import_party_ledger_row, days as YYYY-MM-DD). */
export interface StagedCase {
  row_number: number;
  village_code: string;
  year: number;
  causes: string | null;
  problems_text: string | null;
  plan: string | null;
  county_leader: string | null;
  township_member: string | null;
  first_secretary: string | null;
  deadline: string | null;
  progress: { date: string; content: string }[] | null;
  closed_on: string | null;
  consolidated_on: string | null;
  note: string | null;
}

export interface OnFileRow extends StagedCase {
  state: string | null;
  identified_on: string | null;
  /** The case on file for the row's village and year, or null (a new case). */
  case: null | {
    /** party_rectification.id and procedure_case.id. */
    id: number;
    case_id: number;
    county_code: string;
    /** The effective day of the case's last step (no step the import takes may be earlier). */
    last_step_on: string;
    causes: string[];
    problems: string | null;
    plan: string | null;
    county_leader: string | null;
    township_member: string | null;
    first_secretary_name: string | null;
    deadline: string | null;
    closed_on: string | null;
    consolidated_on: string | null;
    note: string | null;
    state: string;
    identified_on: string | null;
    progress: { date: string; content: string }[];
  };
}

/**
 * The rows without problems, each with the case of its village and year on file as it stands (or null). In two reads,
 * the staged rows and then the cases of their keys, joined here: the staging table stays on the coordinator, and Citus
 * cannot outer-join it to the county tables in one statement.
 */
export async function rowsOnFile(tx: Tx, batchId: number): Promise<OnFileRow[]> {
  const staged = await sql<Omit<OnFileRow, 'case'> & { county_code: string }>`
    SELECT s.county_code, s.row_number, s.year, s.causes, s.problems_text, s.plan, s.county_leader, s.township_member, s.first_secretary,
           to_char(s.deadline, 'YYYY-MM-DD') AS deadline, s.progress, s.state, to_char(s.identified_on, 'YYYY-MM-DD') AS identified_on,
           to_char(s.closed_on, 'YYYY-MM-DD') AS closed_on, to_char(s.consolidated_on, 'YYYY-MM-DD') AS consolidated_on, s.note,
           s.village_code
    FROM import_party_ledger_row s
    WHERE s.batch_id = ${batchId} AND s.problems IS NULL
    ORDER BY s.row_number`
    .execute(tx)
    .then((r) => r.rows);
  if (staged.length === 0) return [];
  const cases = await sql<{ county_code: string; village_code: string; year: number; case: NonNullable<OnFileRow['case']> }>`
    SELECT r.county_code, r.village_code, r.year, jsonb_build_object(
             'id', r.id, 'case_id', c.id, 'county_code', r.county_code,
             'last_step_on', (SELECT to_char(max(st.effective_date), 'YYYY-MM-DD') FROM procedure_step st
                              WHERE st.county_code = c.county_code AND st.case_id = c.id),
             'causes', to_jsonb(r.causes), 'problems', r.problems, 'plan', r.plan, 'county_leader', r.county_leader,
             'township_member', r.township_member, 'first_secretary_name', r.first_secretary_name,
             'deadline', to_char(r.deadline, 'YYYY-MM-DD'), 'closed_on', to_char(r.closed_on, 'YYYY-MM-DD'),
             'consolidated_on', to_char(r.consolidated_on, 'YYYY-MM-DD'), 'note', r.note, 'state', c.state,
             'identified_on', (SELECT to_char(st.effective_date, 'YYYY-MM-DD') FROM procedure_step st
                               WHERE st.county_code = c.county_code AND st.case_id = c.id AND st.seq = 1),
             'progress', coalesce((SELECT jsonb_agg(jsonb_build_object('date', to_char(p.entry_date, 'YYYY-MM-DD'), 'content', p.content)
                                                    ORDER BY p.entry_date, p.id)
                                   FROM party_rectification_progress p WHERE p.county_code = r.county_code AND p.case_id = r.id), '[]'::jsonb)
           ) AS "case"
    FROM party_rectification r
    LEFT JOIN procedure_case c ON c.county_code = r.county_code AND c.procedure = ${RECTIFICATION.id} AND c.subject_id = r.id
    WHERE (r.county_code, r.village_code, r.year) IN (
      SELECT * FROM unnest(${staged.map((x) => x.county_code)}::text[], ${staged.map((x) => x.village_code)}::text[],
                           ${staged.map((x) => x.year)}::int[]))`
    .execute(tx)
    .then((r) => r.rows);
  const onFile = new Map(cases.map((c) => [`${c.county_code}:${c.village_code}:${c.year}`, c.case]));
  return staged.map(({ county_code, ...row }) => ({ ...row, case: onFile.get(`${county_code}:${row.village_code}:${row.year}`) ?? null }));
}

/** Adds problems (JSON arrays) to rows. */
export async function addProblems(tx: Tx, batchId: number, items: readonly { row: number; problems: string }[]) {
  if (!items.length) return;
  await sql`
    UPDATE import_party_ledger_row r SET problems = coalesce(r.problems, '[]'::jsonb) || x.problems::jsonb
    FROM unnest(${items.map((i) => i.row)}::int[], ${items.map((i) => i.problems)}::text[]) AS x(row_number, problems)
    WHERE r.batch_id = ${batchId} AND r.row_number = x.row_number`.execute(tx);
}

/** Each row's outcome: rejected (problems), update (`changes` given for its row: what the commit would change), unchanged (on file), new. */
export async function classify(tx: Tx, batchId: number, changes: readonly { row: number; changes: string }[] = []) {
  // The rows whose case is on file read first (a county table), then the outcomes from them on the staging table.
  await sql`
    WITH on_file AS MATERIALIZED (
      SELECT s.row_number FROM import_party_ledger_row s
      JOIN party_rectification r ON r.county_code = s.county_code AND r.village_code = s.village_code AND r.year = s.year
      WHERE s.batch_id = ${batchId})
    UPDATE import_party_ledger_row s SET outcome = CASE
      WHEN s.problems IS NOT NULL THEN 'rejected'
      WHEN x.changes IS NOT NULL THEN 'update'
      WHEN s.row_number IN (SELECT row_number FROM on_file) THEN 'unchanged'
      ELSE 'new' END,
      changes = CASE WHEN s.problems IS NULL THEN x.changes::jsonb END
    FROM import_party_ledger_row s0
    LEFT JOIN unnest(${changes.map((c) => c.row)}::int[], ${changes.map((c) => c.changes)}::text[]) AS x(row_number, changes)
      ON x.row_number = s0.row_number
    WHERE s.batch_id = ${batchId} AND s0.batch_id = s.batch_id AND s0.row_number = s.row_number`.execute(tx);
}

export async function countOutcomes(tx: Tx, batchId: number) {
  const r = await sql<{
    rows: number;
    bad: number;
    new: number;
    update: number;
    unchanged: number;
    rejected: number;
    progress: number;
  }>`
    SELECT count(*)::int AS rows, count(*) FILTER (WHERE problems IS NOT NULL)::int AS bad,
           count(*) FILTER (WHERE outcome = 'new')::int AS new, count(*) FILTER (WHERE outcome = 'update')::int AS update,
           count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
           count(*) FILTER (WHERE outcome = 'rejected')::int AS rejected,
           (coalesce(sum(jsonb_array_length(progress)) FILTER (WHERE outcome = 'new'), 0)
            + coalesce(sum(jsonb_array_length(changes->'progress')) FILTER (WHERE outcome = 'update'), 0))::int AS progress
    FROM import_party_ledger_row WHERE batch_id = ${batchId}`.execute(tx);
  return r.rows[0];
}

/** The uploader's role and scope (the preview judges each row's state by the procedure's level rules). */
export function uploader(tx: Tx, userId: number) {
  return sql<{ role: string; scope_code: string }>`SELECT role, scope_code FROM app_user WHERE id = ${userId}`
    .execute(tx)
    .then((r) => r.rows[0] ?? null);
}

/** The preview per row, by file row: outcome, village, year and, for an update, what the commit would change. */
export function outcomeRows(tx: Tx, batchId: number, afterRow: number, limit: number) {
  return sql<{
    row_number: number;
    outcome: string | null;
    village_code: string | null;
    village_name: string | null;
    year: number | null;
    state: string | null;
    changes: LedgerChanges | null;
  }>`
    SELECT s.row_number, s.outcome, s.village_code, v.name AS village_name, s.year, s.state, s.changes
    FROM import_party_ledger_row s LEFT JOIN region v ON v.code = s.village_code
    WHERE s.batch_id = ${batchId} AND s.row_number > ${afterRow}
    ORDER BY s.row_number LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

/** What a row changes on its case (import_party_ledger_row.changes). */
export interface LedgerChanges {
  from: string;
  to: string;
  steps: string[];
  /** The new progress lines, with the day each step is dated by. */
  progress: { date: string; content: string }[];
  /** Columns the steps fill in (the measures for 制定整顿方案, 销号日期, 巩固日期). */
  fields: string[];
  stepDays: Record<string, string>;
}
