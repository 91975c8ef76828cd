/**
 * SQL shared by every import's set-based checks over a staged batch (the register, postings, party organisations and
 * members, funds): the staged row is `r`, each check appends {row, column, code, params} items to `r.problems`, and
 * the outcome of a row follows from its problems and whether its record is on file.
 */
import { type RawBuilder, sql } from 'kysely';

/** One problem of the staged row `r`, as a one-item jsonb array (the shape problems.ts reads back). */
export const problemItem = (column: string | null, code: string, params: RawBuilder<unknown> = sql`'{}'::jsonb`) => sql`
  jsonb_build_array(jsonb_build_object('row', r.row_number, 'column', ${column}::text, 'code', ${code}::text, 'params', ${params}))`;

/** A SET clause appending one problem to `r` (for statements that read staging tables only). */
export const appendProblem = (column: string | null, code: string, params?: RawBuilder<unknown>) => sql`
  problems = coalesce(r.problems, '[]'::jsonb) || ${problemItem(column, code, params)}`;

/**
 * Appends to the batch's rows that `found` lists (row_number, items) the items it made. For checks that read county
 * tables: the items are made in a materialised CTE, not in the UPDATE, because a Citus coordinator refuses an UPDATE
 * that calls a stable function (jsonb_build_object) on columns, or puts one in a CASE, when it reads a distributed table.
 */
export const appendFound = (table: RawBuilder<unknown>, batchId: number, found: RawBuilder<unknown>) => sql`
  WITH found AS MATERIALIZED (${found})
  UPDATE ${table} r SET problems = coalesce(r.problems, '[]'::jsonb) || found.items
  FROM found WHERE r.batch_id = ${batchId} AND r.row_number = found.row_number`;

/**
 * Each row's outcome: rejected (it has problems), unchanged (`onFile`, a query of row numbers, lists it: its record
 * is on file) or new. The rows on file are read first into a materialised list: Citus cannot correlate the staging
 * table (on the coordinator) with a county table inside the UPDATE. `where` narrows the rows decided.
 */
export const outcomeFromFile = (table: RawBuilder<unknown>, batchId: number, onFile: RawBuilder<unknown>, where = sql``) => sql`
  WITH on_file AS MATERIALIZED (${onFile})
  UPDATE ${table} r SET outcome = CASE WHEN r.problems IS NOT NULL THEN 'rejected'
    WHEN r.row_number IN (SELECT row_number FROM on_file) THEN 'unchanged' ELSE 'new' END
  WHERE r.batch_id = ${batchId} ${where}`;
