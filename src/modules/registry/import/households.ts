import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

/**
 * Household-level columns as hand-made county sheets write them: filled on the head's row only, or in vertically
 * merged cells. An empty household-level cell takes the household's value (the one non-empty value its rows give);
 * two different non-empty values stay for the consistency check to report. Then what the household as a whole lacks
 * is reported once, on its first row: a required column empty on every row, an exited household without its exit
 * year, years out of order. (validateRow leaves these to this step for rows that belong to a household.)
 */
const FILLED = ['category', 'cause', 'year_identified', 'planned_exit_year', 'exit_year', 'status', 'income', 'helper_name'] as const;

/** Required household columns: staging column → the column id problems name. */
const REQUIRED: [string, string][] = [
  ['category', 'category'],
  ['cause', 'poverty_cause'],
  ['status', 'household_status'],
  ['year_identified', 'year_identified'],
];

export async function fillHouseholds(tx: Tx, batchId: number) {
  const keyed = sql`r.batch_id = ${batchId} AND r.county_code IS NOT NULL AND r.household_no IS NOT NULL`;
  // One value on the household's rows ⟺ min = max (both non-null); min/max aggregate by hashing, count(DISTINCT) sorts.
  const one = (c: string) => sql`h.${sql.ref(c)} = h.${sql.ref(`max_${c}`)}`;
  await sql`
    WITH h AS (
      SELECT county_code, household_no,
             ${sql.join(FILLED.map((c) => sql`min(${sql.ref(c)}) AS ${sql.ref(c)}, max(${sql.ref(c)}) AS ${sql.ref(`max_${c}`)}`))}
      FROM import_row r WHERE ${keyed} GROUP BY county_code, household_no)
    UPDATE import_row r SET
      ${sql.join(
        FILLED.map(
          (c) => sql`${sql.ref(c)} = CASE WHEN r.${sql.ref(c)} IS NULL AND ${one(c)} THEN h.${sql.ref(c)} ELSE r.${sql.ref(c)} END`,
        ),
      )}
    FROM h
    WHERE ${keyed} AND r.county_code = h.county_code AND r.household_no = h.household_no
      AND (${sql.join(
        FILLED.map((c) => sql`(r.${sql.ref(c)} IS NULL AND ${one(c)})`),
        sql` OR `,
      )})`.execute(tx);

  // A column already reported as wrong on some row (an unknown code, a bad year) is not reported again as empty.
  const flagged = (column: string) => sql`bool_or(coalesce(r.problems @> ${JSON.stringify([{ column }])}::jsonb, false))`;
  const checks: [string, string, ReturnType<typeof sql>][] = [
    ...REQUIRED.map(([c, column]): [string, string, ReturnType<typeof sql>] => [
      column,
      'REQUIRED',
      sql`count(${sql.ref(`r.${c}`)}) = 0 AND NOT ${flagged(column)}`,
    ]),
    [
      'exit_year',
      'EXIT_YEAR_REQUIRED',
      sql`min(r.status) = 'exited' AND max(r.status) = 'exited' AND count(r.exit_year) = 0 AND NOT ${flagged('exit_year')}`,
    ],
    ...['planned_exit_year', 'exit_year'].map((c): [string, string, ReturnType<typeof sql>] => [
      c,
      'YEAR_ORDER',
      sql`min(r.year_identified) = max(r.year_identified) AND min(${sql.ref(`r.${c}`)}) = max(${sql.ref(`r.${c}`)})
          AND min(${sql.ref(`r.${c}`)}) < min(r.year_identified)`,
    ]),
  ];
  await sql`
    WITH h AS (
      SELECT min(r.row_number) AS first_row, ${sql.join(checks.map(([, , hit], i) => sql`coalesce(${hit}, false) AS ${sql.ref(`c${i}`)}`))}
      FROM import_row r WHERE ${keyed} GROUP BY r.county_code, r.household_no),
    items AS (
      SELECT h.first_row,
             jsonb_agg(jsonb_build_object('row', h.first_row, 'column', v.col, 'code', v.code, 'params', '{}'::jsonb)) AS items
      FROM h CROSS JOIN LATERAL (VALUES ${sql.join(
        checks.map(([col, code], i) => sql`(${col}::text, ${code}::text, h.${sql.ref(`c${i}`)})`),
      )}) AS v(col, code, hit)
      WHERE v.hit GROUP BY h.first_row)
    UPDATE import_row r SET problems = coalesce(r.problems, '[]'::jsonb) || items.items
    FROM items WHERE r.batch_id = ${batchId} AND r.row_number = items.first_row`.execute(tx);
}

/**
 * A row whose village cannot be placed (unknown or ambiguous) belongs to no county yet, so it joins no household by
 * (county, number). Its household is still bad: the other rows of that household number are rejected with it.
 */
export async function rejectUnplaced(tx: Tx, batchId: number) {
  await sql`
    WITH u AS (
      SELECT DISTINCT household_no FROM import_row WHERE batch_id = ${batchId} AND county_code IS NULL AND household_no IS NOT NULL)
    UPDATE import_row r SET problems = jsonb_build_array(jsonb_build_object(
      'row', r.row_number, 'column', NULL, 'code', 'HOUSEHOLD_REJECTED', 'params', '{}'::jsonb))
    FROM u WHERE r.batch_id = ${batchId} AND r.county_code IS NOT NULL AND r.household_no = u.household_no AND r.problems IS NULL`.execute(
    tx,
  );
}
