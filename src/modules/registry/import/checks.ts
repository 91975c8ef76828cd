import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';
import { appendProblem as append, problemItem as item } from './problem-sql.ts';
import { officeAbove } from './problems.ts';

/**
 * Checks across rows, done in SQL on the staged batch so that a household's rows need not be adjacent in the
 * file and memory does not grow with it. Each check appends {row, column, code, params} to the rows' problems.
 */
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

/** Runs the checks; returns how many conflicts with persons and household numbers outside the scope it found. */
export async function runHouseholdChecks(tx: Tx, batchId: number, scopeCode: string): Promise<number> {
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

  const scope = `${scopeCode}%`;
  const office = officeAbove(scopeCode);
  // A person already in another registered household, or registered in another county, is an error, never a silent
  // move. Inside the user's scope (the other household's village, or for a person in no household the county, lies
  // in it) the problem names the household; outside it one generic problem says nothing of where. A person of an
  // out-of-scope household named by its own number is refused the same way: otherwise the problems would tell
  // whether that person belongs to that household.
  //
  // In steps that a distributed database can run as they are (docs/scale-out.md): the identities of the staged rows
  // (person_identity lives by ID hash), then the households of those persons (by county), then the rows' verdicts.
  const persons = await sql<{ n: number }>`
    WITH hits AS MATERIALIZED (
      SELECT r.row_number, r.county_code, r.household_no, pi.county_code AS person_county, pi.person_id
      FROM import_row r JOIN person_identity pi ON pi.id_hash = r.id_hash
      WHERE ${keyed}),
    homes AS MATERIALIZED (
      SELECT m.county_code, m.person_id, h.id, h.household_no, h.village_code
      FROM household_member m JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id
      WHERE (m.county_code, m.person_id) IN (SELECT person_county, person_id FROM hits)),
    o AS (
      SELECT r.row_number, h.household_no,
             h.id IS NOT NULL AND NOT (h.county_code = r.county_code AND h.household_no = r.household_no) AS other_household,
             r.person_county <> r.county_code AS other_county,
             coalesce(h.village_code, r.person_county) LIKE ${scope} AS in_scope, h.id IS NOT NULL AS in_household
      FROM hits r LEFT JOIN homes h ON h.county_code = r.person_county AND h.person_id = r.person_id),
    conflict AS (
      SELECT r.in_scope, CASE
        WHEN NOT r.in_scope THEN ${item('id_number', 'PERSON_NOT_ALLOWED', sql`jsonb_build_object('office', ${office}::text)`)}
        ELSE CASE WHEN r.other_household THEN ${item('id_number', 'PERSON_IN_OTHER_HOUSEHOLD', sql`jsonb_build_object('value', r.household_no)`)}
                  ELSE '[]'::jsonb END
          || CASE WHEN r.other_county THEN ${item('id_number', 'PERSON_IN_OTHER_COUNTY', sql`'{}'::jsonb`)} ELSE '[]'::jsonb END
        END AS items, r.row_number
      FROM o r WHERE other_household OR other_county OR (in_household AND NOT in_scope)),
    u AS (
      -- The items are made above: a distributed database refuses functions that are not immutable in an UPDATE's CASE.
      UPDATE import_row r SET problems = coalesce(r.problems, '[]'::jsonb) || c.items
      FROM conflict c WHERE r.batch_id = ${batchId} AND r.row_number = c.row_number)
    SELECT count(*) FILTER (WHERE NOT in_scope) AS n FROM conflict`.execute(tx);

  // A household number that exists in a village outside the scope may not be pulled into it. A new number that
  // begins with the code of a village outside the scope (the usual numbering) is refused with the same words, so the
  // refusal does not tell whether that household exists.
  const households = await sql<{ n: number }>`
    WITH staged AS MATERIALIZED (
      SELECT DISTINCT r.county_code, r.household_no FROM import_row r WHERE ${keyed}),
    known AS MATERIALIZED (
      SELECT h.county_code, h.household_no, h.village_code FROM household h
      WHERE (h.county_code, h.household_no) IN (SELECT county_code, household_no FROM staged)),
    o AS (
      SELECT s.county_code, s.household_no FROM staged s
      LEFT JOIN known h ON h.county_code = s.county_code AND h.household_no = s.household_no
      WHERE h.village_code NOT LIKE ${scope} OR (
        h.household_no IS NULL AND s.household_no ~ '^[0-9]{12}' AND left(s.household_no, 12) NOT LIKE ${scope}
        AND EXISTS (SELECT 1 FROM region v WHERE v.code = left(s.household_no, 12) AND v.level = 5))),
    flagged AS (
      SELECT r.row_number, ${item('household_no', 'HOUSEHOLD_NOT_ALLOWED', sql`jsonb_build_object('office', ${office}::text)`)} AS items
      FROM import_row r JOIN o ON r.county_code = o.county_code AND r.household_no = o.household_no WHERE ${keyed}),
    u AS (
      UPDATE import_row r SET problems = coalesce(r.problems, '[]'::jsonb) || f.items
      FROM flagged f WHERE r.batch_id = ${batchId} AND r.row_number = f.row_number)
    SELECT count(*) AS n FROM o`.execute(tx);

  // One bad row rejects its whole household: say so on the household's other rows.
  await sql`
    WITH bad AS (
      SELECT DISTINCT county_code, household_no FROM import_row r WHERE ${keyed} AND r.problems IS NOT NULL)
    UPDATE import_row r SET ${append(null, 'HOUSEHOLD_REJECTED', sql`'{}'::jsonb`)}
    FROM bad WHERE ${keyed} AND r.problems IS NULL AND r.county_code = bad.county_code AND r.household_no = bad.household_no`.execute(tx);
  return Number(persons.rows[0]?.n ?? 0) + Number(households.rows[0]?.n ?? 0);
}
