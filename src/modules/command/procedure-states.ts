import { type RawBuilder, sql } from 'kysely';
import { countyFilter, type Villages, villageFilter } from './villages.ts';

/**
 * The shape the providers of procedure-run modules share (the rectification ledger, monitoring …): the cases of one
 * procedure as they stood on a day — each case's subject row with the columns a provider needs and `state`, the state
 * its last step recorded by then entered — and a measure per state, '<prefix><state>', counted per village. A case
 * opened after the day is left out, so any month reads as it stood.
 */
export interface CasesAsOf {
  /** The module's table of facts, one row per case (`county_code`, `id`, `village_code`), and its alias in the query. */
  table: string;
  alias: string;
  /** The procedure's id (procedure_case.procedure). */
  procedure: string;
  /** Further columns of the subject row the provider's own measures read (deadline, kind …). */
  columns: readonly string[];
  /** Columns of the case itself (procedure_case, alias c) the provider reads (due_date …). */
  caseColumns?: readonly string[];
  /** The villages asked for (null: all). */
  villages: Villages | null;
  /** The day, as a date expression. */
  day: RawBuilder<unknown>;
}

/**
 * The state a case (alias `c`) stood in at the end of `day`: the state its last step recorded by then entered
 * (`effective_date`: the step's own date, for procedures whose steps are dated by the meeting they record). The steps
 * are read in the villages' counties only, so a distributed database reads their shards, not all.
 */
export function caseStateOn(day: RawBuilder<unknown>, villages: Villages | null, by: 'at' | 'effective_date' = 'at') {
  const when = by === 'at' ? sql`s.at < ${day} + 1` : sql`s.effective_date <= ${day}`;
  return sql`(SELECT s.to_state FROM procedure_step s WHERE s.county_code = c.county_code AND s.case_id = c.id AND ${when}
              AND ${countyFilter(villages)('s.county_code')} ORDER BY s.seq DESC LIMIT 1)`;
}

/** The body of a `cases AS MATERIALIZED (…)` CTE: village, the asked columns and the state on the day. */
export function casesAsOf(o: CasesAsOf) {
  const a = sql.raw(o.alias);
  // Column names are the providers' constants, never input: written as they are, the statement is the one each provider
  // sent before it shared this (their recorded SQL in rollups.sql is unchanged).
  const col = (c: string) => sql.raw(`${o.alias}.${c}`);
  return sql`
      SELECT ${sql.join([col('village_code'), ...o.columns.map(col), ...(o.caseColumns ?? []).map((c) => sql.raw(`c.${c}`))])},
             ${caseStateOn(o.day, o.villages)} AS state
      FROM ${sql.raw(o.table)} ${a}
      JOIN procedure_case c ON c.county_code = ${col('county_code')} AND c.procedure = ${o.procedure} AND c.subject_id = ${col('id')}
      WHERE ${villageFilter(o.villages)(`${o.alias}.village_code`)} AND ${countyFilter(o.villages)('c.county_code')} AND c.opened_at < ${o.day} + 1`;
}

/** One measure per state and village over the `cases` CTE: '<prefix><state>' → the number of cases in that state. */
export function countPerState(prefix: string) {
  return sql`SELECT village_code, ${sql.lit(prefix)} || state AS measure, count(*)::numeric AS value FROM cases WHERE state IS NOT NULL GROUP BY 1, 2`;
}
