import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

/**
 * Checks across rows, done in SQL on the staged batch so that a household's rows need not be adjacent in the
 * file and memory does not grow with it. Each check appends {row, column, code, params} to the rows' problems.
 */
const append = (column: string | null, code: string, params: ReturnType<typeof sql>) => sql`
  problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
    'row', r.row_number, 'column', ${column}::text, 'code', ${code}::text, 'params', ${params}))`;

/** Household-level columns: every row of one household must carry the same value. */
const HOUSEHOLD_COLUMNS: [string, string][] = [
  ['village_code', 'village'],
  ['category', 'category'],
  ['cause', 'poverty_cause'],
  ['year_identified', 'year_identified'],
  ['planned_exit_year', 'planned_exit_year'],
  ['exit_year', 'exit_year'],
  ['status', 'household_status'],
  ['income', 'income_per_capita'],
  ['helper_name', 'helper'],
];

export async function runHouseholdChecks(tx: Tx, batchId: number, scopeCode: string) {
  const keyed = sql`r.batch_id = ${batchId} AND r.county_code IS NOT NULL AND r.household_no IS NOT NULL`;

  await sql`
    WITH h AS (
      SELECT county_code, household_no, count(*) FILTER (WHERE relation = 'head') AS heads
      FROM import_row r WHERE ${keyed} GROUP BY county_code, household_no
      HAVING count(*) FILTER (WHERE relation = 'head') <> 1)
    UPDATE import_row r SET ${append('relation', 'HEAD_COUNT', sql`jsonb_build_object('value', r.household_no, 'count', h.heads)`)}
    FROM h WHERE ${keyed} AND r.county_code = h.county_code AND r.household_no = h.household_no`.execute(tx);

  // One pass finds every household whose rows disagree, and on which columns.
  const disagreements = HOUSEHOLD_COLUMNS.map(
    ([col, column]) => sql`
    CASE WHEN count(DISTINCT coalesce(${sql.ref(col)}::text, '')) > 1 THEN ${column}::text END`,
  );
  await sql`
    WITH h AS (
      SELECT county_code, household_no, array_remove(ARRAY[${sql.join(disagreements)}], NULL) AS columns
      FROM import_row r WHERE ${keyed} GROUP BY county_code, household_no),
    bad AS (SELECT county_code, household_no, unnest(columns) AS col FROM h WHERE cardinality(columns) > 0),
    per_row AS (
      SELECT r.row_number, jsonb_agg(jsonb_build_object('row', r.row_number, 'column', bad.col, 'code', 'HOUSEHOLD_INCONSISTENT',
                                                        'params', jsonb_build_object('value', r.household_no))) AS items
      FROM import_row r JOIN bad ON bad.county_code = r.county_code AND bad.household_no = r.household_no
      WHERE ${keyed} GROUP BY r.row_number)
    UPDATE import_row r SET problems = coalesce(r.problems, '[]'::jsonb) || per_row.items
    FROM per_row WHERE r.batch_id = ${batchId} AND r.row_number = per_row.row_number`.execute(tx);

  await sql`
    WITH d AS (
      SELECT id_hash, string_agg(row_number::text, ',' ORDER BY row_number) AS rows
      FROM import_row WHERE batch_id = ${batchId} AND id_hash IS NOT NULL GROUP BY id_hash HAVING count(*) > 1)
    UPDATE import_row r SET ${append('id_number', 'DUPLICATE_PERSON', sql`jsonb_build_object('rows', d.rows)`)}
    FROM d WHERE r.batch_id = ${batchId} AND r.id_hash = d.id_hash`.execute(tx);

  // A person already in another registered household (in this county or another) is an error, never a silent move.
  await sql`
    WITH o AS (
      SELECT r.row_number, h.household_no
      FROM import_row r
      JOIN person_identity pi ON pi.id_hash = r.id_hash
      JOIN household_member m ON m.county_code = pi.county_code AND m.person_id = pi.person_id
      JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id
      WHERE ${keyed} AND NOT (h.county_code = r.county_code AND h.household_no = r.household_no))
    UPDATE import_row r SET ${append('id_number', 'PERSON_IN_OTHER_HOUSEHOLD', sql`jsonb_build_object('value', o.household_no)`)}
    FROM o WHERE r.batch_id = ${batchId} AND r.row_number = o.row_number`.execute(tx);

  await sql`
    WITH o AS (
      SELECT r.row_number FROM import_row r JOIN person_identity pi ON pi.id_hash = r.id_hash
      WHERE ${keyed} AND pi.county_code <> r.county_code)
    UPDATE import_row r SET ${append('id_number', 'PERSON_IN_OTHER_COUNTY', sql`'{}'::jsonb`)}
    FROM o WHERE r.batch_id = ${batchId} AND r.row_number = o.row_number`.execute(tx);

  // An existing household of that number outside the importer's scope may not be pulled into it.
  await sql`
    WITH o AS (
      SELECT DISTINCT r.county_code, r.household_no, h.village_code FROM import_row r
      JOIN household h ON h.county_code = r.county_code AND h.household_no = r.household_no
      WHERE ${keyed} AND h.village_code NOT LIKE ${`${scopeCode}%`})
    UPDATE import_row r SET ${append('household_no', 'HOUSEHOLD_OUT_OF_SCOPE', sql`jsonb_build_object('value', r.household_no)`)}
    FROM o WHERE ${keyed} AND r.county_code = o.county_code AND r.household_no = o.household_no`.execute(tx);

  // One bad row rejects its whole household: say so on the household's other rows.
  await sql`
    WITH bad AS (
      SELECT DISTINCT county_code, household_no FROM import_row r WHERE ${keyed} AND r.problems IS NOT NULL)
    UPDATE import_row r SET ${append(null, 'HOUSEHOLD_REJECTED', sql`'{}'::jsonb`)}
    FROM bad WHERE ${keyed} AND r.problems IS NULL AND r.county_code = bad.county_code AND r.household_no = bad.household_no`.execute(tx);
}
