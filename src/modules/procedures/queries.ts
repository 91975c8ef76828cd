import { type Selectable, sql } from 'kysely';
import type { ProcedureCaseTable, ProcedureStepTable, Tx } from '../../db/types.ts';

export type CaseRow = Selectable<ProcedureCaseTable>;
export type StepRow = Selectable<ProcedureStepTable>;

export function insertCase(
  tx: Tx,
  row: { county_code: string; procedure: string; subject_id: number; region_code: string; state: string; due_date: string | null },
) {
  return tx.insertInto('procedure_case').values(row).returningAll().executeTakeFirstOrThrow();
}

export function caseById(tx: Tx, county: string, id: number) {
  return tx.selectFrom('procedure_case').selectAll().where('county_code', '=', county).where('id', '=', id).executeTakeFirst();
}

export function caseOfSubject(tx: Tx, county: string, procedure: string, subjectId: number) {
  return tx
    .selectFrom('procedure_case')
    .selectAll()
    .where('county_code', '=', county)
    .where('procedure', '=', procedure)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
}

/**
 * Moves a case from the state and version the caller read; no row when someone else moved it first (the caller
 * answers "changed meanwhile" and writes nothing).
 */
export function moveCase(
  tx: Tx,
  c: { county_code: string; id: number; state: string; version: number },
  to: { state: string; due_date: string | null; closed: boolean },
) {
  return tx
    .updateTable('procedure_case')
    .set({
      state: to.state,
      state_since: sql`now()`,
      due_date: to.due_date,
      closed_at: to.closed ? sql`now()` : null,
      version: sql`version + 1`,
    })
    .where('county_code', '=', c.county_code)
    .where('id', '=', c.id)
    .where('state', '=', c.state)
    .where('version', '=', c.version)
    .returningAll()
    .executeTakeFirst();
}

export function insertStep(
  tx: Tx,
  row: {
    county_code: string;
    case_id: number;
    seq: number;
    action: string;
    from_state: string | null;
    to_state: string;
    effective_date: string;
    actor_id: number | null;
    actor_name: string;
    actor_scope: string;
    reason: string | null;
    note: string | null;
  },
) {
  return tx.insertInto('procedure_step').values(row).returningAll().executeTakeFirstOrThrow();
}

export function steps(tx: Tx, county: string, caseId: number) {
  return tx
    .selectFrom('procedure_step')
    .selectAll()
    .where('county_code', '=', county)
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
}

/** Open cases of a procedure past their deadline on `day`, inside a region prefix (for counts). */
export async function countOverdue(tx: Tx, procedure: string, region: string, day: string) {
  const r = await sql<{ n: number }>`
    SELECT count(*) AS n FROM procedure_case
    WHERE procedure = ${procedure} AND closed_at IS NULL AND due_date < ${day}::date AND region_code LIKE ${`${region}%`}`.execute(tx);
  return Number(r.rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------- many cases at once (an import's postings)

export interface NewCase {
  county_code: string;
  subject_id: number;
  region_code: string;
  due_date: string | null;
}

/** Cases of one procedure, all in its initial state, in one statement; their keys come back with their subjects. */
export function insertCases(tx: Tx, procedure: string, state: string, rows: readonly NewCase[]) {
  return sql<{ county_code: string; id: number; subject_id: number; region_code: string }>`
    INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state, due_date)
    SELECT c.county_code, ${procedure}, c.subject_id, c.region_code, ${state}, c.due_date
    FROM unnest(${rows.map((r) => r.county_code)}::text[], ${rows.map((r) => r.subject_id)}::bigint[],
                ${rows.map((r) => r.region_code)}::text[], ${rows.map((r) => r.due_date)}::date[])
         AS c(county_code, subject_id, region_code, due_date)
    RETURNING county_code, id, subject_id, region_code`
    .execute(tx)
    .then((r) => r.rows);
}

export interface CaseKey {
  county_code: string;
  id: number;
}

/** Cases by their keys, with their last step: its number, the state it entered and the day it took effect. */
export function casesByKeys(tx: Tx, keys: readonly CaseKey[]) {
  return sql<CaseRow & { last_seq: number; last_to_state: string | null; last_effective_date: Date | string | null }>`
    SELECT c.*, l.seq AS last_seq, l.to_state AS last_to_state, l.effective_date AS last_effective_date
    FROM procedure_case c
    JOIN unnest(${keys.map((k) => k.county_code)}::text[], ${keys.map((k) => k.id)}::bigint[]) AS k(county_code, id)
      ON c.county_code = k.county_code AND c.id = k.id
    LEFT JOIN LATERAL (SELECT s.seq, s.to_state, s.effective_date FROM procedure_step s
                       WHERE s.county_code = c.county_code AND s.case_id = c.id ORDER BY s.seq DESC LIMIT 1) l ON true`
    .execute(tx)
    .then((r) => r.rows);
}

/**
 * Moves many cases, each only from the state and version its caller read (as moveCase); a case moved by someone else
 * meanwhile is not among the rows returned.
 */
export function moveCases(
  tx: Tx,
  moves: readonly {
    county_code: string;
    id: number;
    from: string;
    version: number;
    to: string;
    due_date: string | null;
    closed: boolean;
  }[],
) {
  // closed_at is now() plus nothing or NULL: Citus refuses now() inside an UPDATE's CASE (non-immutable).
  return sql<{ county_code: string; id: number }>`
    UPDATE procedure_case c SET state = m.to_state, state_since = now(), due_date = m.due_date,
           closed_at = now() + CASE WHEN m.closed THEN interval '0' END, version = c.version + 1
    FROM unnest(${moves.map((m) => m.county_code)}::text[], ${moves.map((m) => m.id)}::bigint[], ${moves.map((m) => m.from)}::text[],
                ${moves.map((m) => m.version)}::int[], ${moves.map((m) => m.to)}::text[], ${moves.map((m) => m.due_date)}::date[],
                ${moves.map((m) => m.closed)}::boolean[]) AS m(county_code, id, from_state, version, to_state, due_date, closed)
    WHERE c.county_code = m.county_code AND c.id = m.id AND c.state = m.from_state AND c.version = m.version
    RETURNING c.county_code, c.id`
    .execute(tx)
    .then((r) => r.rows);
}

export type NewStep = Parameters<typeof insertStep>[1];

/** Steps of many cases in one statement. */
export function insertSteps(tx: Tx, steps: readonly NewStep[]) {
  const col = <K extends keyof NewStep>(k: K) => steps.map((s) => s[k]);
  return sql`
    INSERT INTO procedure_step (county_code, case_id, seq, action, from_state, to_state, effective_date, actor_id, actor_name,
                                actor_scope, reason, note)
    SELECT * FROM unnest(${col('county_code')}::text[], ${col('case_id')}::bigint[], ${col('seq')}::int[], ${col('action')}::text[],
                         ${col('from_state')}::text[], ${col('to_state')}::text[], ${col('effective_date')}::date[],
                         ${col('actor_id')}::bigint[], ${col('actor_name')}::text[], ${col('actor_scope')}::text[],
                         ${col('reason')}::text[], ${col('note')}::text[])`.execute(tx);
}
