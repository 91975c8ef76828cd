import { sql } from 'kysely';
import type { Tx } from '../../../../db/types.ts';
import { RECTIFICATION } from '../procedures.ts';

/**
 * The ledger import's SQL over a staged batch: repeats in the file, the cases on file for the rows' village and year
 * (compared in service.ts), the outcomes, and the commit's writes. A case is one per village and year
 * (party_rectification_year_uq), so that pair is the row's key: loading the same file again writes nothing.
 */

export async function analyzeStaged(tx: Tx) {
  await sql`ANALYZE import_party_ledger_row`.execute(tx);
}

export async function resetChecks(tx: Tx, batchId: number) {
  await sql`UPDATE import_party_ledger_row SET problems = row_problems, outcome = NULL WHERE batch_id = ${batchId}`.execute(tx);
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

export interface OnFileRow {
  row_number: number;
  year: number;
  causes: string | null;
  problems_text: string | null;
  plan: string | null;
  county_leader: string | null;
  township_member: string | null;
  first_secretary: string | null;
  deadline: string | null;
  progress: { date: string; content: string }[] | null;
  state: string | null;
  identified_on: string | null;
  closed_on: string | null;
  consolidated_on: string | null;
  note: string | null;
  village_code: string;
  case: {
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

/** The rows without problems whose village has a case of that year on file, with the case as it stands. */
export function rowsOnFile(tx: Tx, batchId: number) {
  return sql<OnFileRow>`
    SELECT s.row_number, s.year, s.causes, s.problems_text, s.plan, s.county_leader, s.township_member, s.first_secretary,
           to_char(s.deadline, 'YYYY-MM-DD') AS deadline, s.progress, s.state, to_char(s.identified_on, 'YYYY-MM-DD') AS identified_on,
           to_char(s.closed_on, 'YYYY-MM-DD') AS closed_on, to_char(s.consolidated_on, 'YYYY-MM-DD') AS consolidated_on, s.note,
           s.village_code,
           jsonb_build_object(
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
    FROM import_party_ledger_row s
    JOIN party_rectification r ON r.county_code = s.county_code AND r.village_code = s.village_code AND r.year = s.year
    JOIN procedure_case c ON c.county_code = r.county_code AND c.procedure = ${RECTIFICATION.id} AND c.subject_id = r.id
    WHERE s.batch_id = ${batchId} AND s.problems IS NULL
    ORDER BY s.row_number`
    .execute(tx)
    .then((r) => r.rows);
}

/** Adds problems (JSON arrays) to rows. */
export async function addProblems(tx: Tx, batchId: number, items: readonly { row: number; problems: string }[]) {
  if (!items.length) return;
  await sql`
    UPDATE import_party_ledger_row r SET problems = coalesce(r.problems, '[]'::jsonb) || x.problems::jsonb
    FROM unnest(${items.map((i) => i.row)}::int[], ${items.map((i) => i.problems)}::text[]) AS x(row_number, problems)
    WHERE r.batch_id = ${batchId} AND r.row_number = x.row_number`.execute(tx);
}

export async function classify(tx: Tx, batchId: number) {
  await sql`
    UPDATE import_party_ledger_row s SET outcome = CASE
      WHEN s.problems IS NOT NULL THEN 'rejected'
      WHEN EXISTS (SELECT 1 FROM party_rectification r WHERE r.county_code = s.county_code AND r.village_code = s.village_code
                   AND r.year = s.year) THEN 'unchanged'
      ELSE 'new' END
    WHERE s.batch_id = ${batchId}`.execute(tx);
}

export async function countOutcomes(tx: Tx, batchId: number) {
  const r = await sql<{ rows: number; bad: number; new: number; unchanged: number; rejected: number; progress: number }>`
    SELECT count(*)::int AS rows, count(*) FILTER (WHERE problems IS NOT NULL)::int AS bad,
           count(*) FILTER (WHERE outcome = 'new')::int AS new, count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
           count(*) FILTER (WHERE outcome = 'rejected')::int AS rejected,
           coalesce(sum(jsonb_array_length(progress)) FILTER (WHERE outcome = 'new'), 0)::int AS progress
    FROM import_party_ledger_row WHERE batch_id = ${batchId}`.execute(tx);
  return r.rows[0];
}

export interface WrittenCase {
  county_code: string;
  id: number;
  village_code: string;
  year: number;
  row_number: number;
  state: string;
  causes: string[];
  opened_on: string;
  planned_on: string | null;
  closed_on: string | null;
  consolidated_on: string | null;
  first_secretary_name: string | null;
}

/**
 * Writes the batch's new cases (the organisation of the village now; the first secretary linked to the village's
 * posting in post when the names agree) and their progress entries; what it wrote, with each row's step days.
 */
export async function insertNew(tx: Tx, batchId: number, actorName: string) {
  const r = await sql<WrittenCase>`
    WITH ins AS (
      INSERT INTO party_rectification (county_code, village_code, org_id, year, causes, problems, plan, county_leader, township_member,
                                       first_secretary_posting_id, first_secretary_name, deadline, closed_on, consolidated_on, note)
      SELECT s.county_code, s.village_code,
             (SELECT o.id FROM party_org o WHERE o.county_code = s.county_code AND o.region_code = s.village_code AND o.dissolved_on IS NULL),
             s.year, string_to_array(s.causes, ','), s.problems_text, s.plan, s.county_leader, s.township_member,
             (SELECT p.id FROM cadre_posting p JOIN cadre cd ON cd.county_code = p.county_code AND cd.id = p.cadre_id
                JOIN person pe ON pe.county_code = cd.county_code AND pe.id = cd.person_id
              WHERE p.county_code = s.county_code AND p.village_code = s.village_code AND p.role = 'first_secretary'
                AND p.confirmed_on IS NOT NULL AND p.end_date IS NULL AND pe.name = s.first_secretary
              ORDER BY p.start_date DESC, p.id DESC LIMIT 1),
             s.first_secretary, s.deadline, s.closed_on, s.consolidated_on, s.note
      FROM import_party_ledger_row s WHERE s.batch_id = ${batchId} AND s.outcome = 'new' ORDER BY s.row_number
      RETURNING county_code, id, village_code, year, causes, first_secretary_name
    ), progress AS (
      INSERT INTO party_rectification_progress (county_code, case_id, entry_date, content, actor_name)
      SELECT ins.county_code, ins.id, (e->>'date')::date, e->>'content', ${actorName}
      FROM ins JOIN import_party_ledger_row s ON s.batch_id = ${batchId} AND s.village_code = ins.village_code AND s.year = ins.year
      CROSS JOIN LATERAL jsonb_array_elements(coalesce(s.progress, '[]'::jsonb)) e
    )
    SELECT ins.county_code, ins.id, ins.village_code, ins.year, ins.causes, ins.first_secretary_name, s.row_number, s.state,
           to_char(s.opened_on, 'YYYY-MM-DD') AS opened_on, to_char(s.planned_on, 'YYYY-MM-DD') AS planned_on,
           to_char(s.closed_on, 'YYYY-MM-DD') AS closed_on, to_char(s.consolidated_on, 'YYYY-MM-DD') AS consolidated_on
    FROM ins JOIN import_party_ledger_row s ON s.batch_id = ${batchId} AND s.village_code = ins.village_code AND s.year = ins.year
      AND s.outcome = 'new'
    ORDER BY s.row_number`.execute(tx);
  return r.rows;
}

/** The uploader's role and scope (the preview judges each row's state by the procedure's level rules). */
export function uploader(tx: Tx, userId: number) {
  return sql<{ role: string; scope_code: string }>`SELECT role, scope_code FROM app_user WHERE id = ${userId}`
    .execute(tx)
    .then((r) => r.rows[0] ?? null);
}
