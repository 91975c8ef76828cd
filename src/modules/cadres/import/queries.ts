/**
 * The checks of a staged postings batch against the database, set-based over import_posting_row (a row's own problems
 * were found when it was read). Run at preview and again inside the commit's transaction; each step appends
 * {row, column, code, params} to the rows' problems, and `classify` decides each row's outcome.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';
import { appendProblem as append, appendFound, problemItem as item } from '../../registry/import/problem-sql.ts';

/** A unit's region code length by its level, over `level` (an expression). */
const levelLength = (level: RawBuilder<unknown>) =>
  sql`CASE ${level} WHEN 'province' THEN 2 WHEN 'city' THEN 4 WHEN 'county' THEN 6 ELSE 9 END`;
/** The region a row's unit belongs to: its village's province, city, county or township by the unit's level. */
const unitRegion = sql`left(r.village_code, ${levelLength(sql.ref('r.unit_level'))})`;

/** Back to what the rows said on their own (a commit decides again on what the database holds then). */
export function resetChecks(tx: Tx, batchId: number) {
  return sql`
    UPDATE import_posting_row SET problems = row_problems, person_id = NULL, posting_id = NULL, unit_id = NULL,
           id_hash = CASE WHEN id_cipher IS NULL THEN NULL ELSE id_hash END
    WHERE batch_id = ${batchId}`.execute(tx);
}

/**
 * Rows with a masked ID number (a masked export) and the persons they may name: postings of the row's village from its
 * start date held by a person of the row's name. The caller compares the visible characters with each number.
 */
export function maskedCandidates(tx: Tx, batchId: number) {
  return sql<{
    row_number: number;
    pattern: string;
    name: string;
    village_name: string;
    start_date: string;
    id_hash: string | null;
    id_cipher: string | null;
  }>`
    SELECT r.row_number, r.id_masked AS pattern, r.name, v.name AS village_name, to_char(r.start_date, 'YYYY-MM-DD') AS start_date,
           pe.id_hash, pe.id_cipher
    FROM import_posting_row r
    JOIN region v ON v.code = r.village_code
    LEFT JOIN cadre_posting p ON p.county_code = r.county_code AND p.village_code = r.village_code AND p.start_date = r.start_date
    LEFT JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
    LEFT JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id AND pe.name = r.name
    WHERE r.batch_id = ${batchId} AND r.id_cipher IS NULL AND r.id_masked IS NOT NULL AND r.name IS NOT NULL
      AND r.start_date IS NOT NULL
    ORDER BY r.row_number`
    .execute(tx)
    .then((x) => x.rows);
}

/** The person a masked row names (its ID number's hash), and the problems of those it names none or several of. */
export async function settleMasked(
  tx: Tx,
  batchId: number,
  found: readonly { row: number; hash: string }[],
  problems: readonly { row: number; column: string; code: string; params: Record<string, string | number> }[],
) {
  if (found.length) {
    await sql`
      UPDATE import_posting_row r SET id_hash = f.hash
      FROM unnest(${found.map((f) => f.row)}::int[], ${found.map((f) => f.hash)}::text[]) AS f(row_number, hash)
      WHERE r.batch_id = ${batchId} AND r.row_number = f.row_number`.execute(tx);
  }
  if (problems.length) {
    await sql`
      UPDATE import_posting_row r SET problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(p.item)
      FROM jsonb_array_elements(${JSON.stringify(problems)}::jsonb) AS p(item)
      WHERE r.batch_id = ${batchId} AND r.row_number = (p.item->>'row')::int`.execute(tx);
  }
}

/**
 * The person of each row by the ID number's keyed hash (one human, one row). A person of another county is refused
 * without saying which (as the register's import and the posting form do); one of this county under another name too.
 */
export async function checkPersons(tx: Tx, batchId: number) {
  await sql`
    UPDATE import_posting_row r SET person_id = pi.person_id
    FROM person_identity pi WHERE r.batch_id = ${batchId} AND pi.id_hash = r.id_hash AND pi.county_code = r.county_code`.execute(tx);
  await appendFound(
    sql.table('import_posting_row'),
    batchId,
    sql`
    SELECT r.row_number, ${item('id_number', 'PERSON_IN_OTHER_COUNTY', sql`'{}'::jsonb`)} AS items
    FROM import_posting_row r JOIN person_identity pi ON pi.id_hash = r.id_hash
    WHERE r.batch_id = ${batchId} AND pi.county_code <> r.county_code`,
  ).execute(tx);
  await appendFound(
    sql.table('import_posting_row'),
    batchId,
    sql`
    SELECT r.row_number, ${item('name', 'NAME_MISMATCH', sql`jsonb_build_object('value', pe.name)`)} AS items
    FROM import_posting_row r JOIN person pe ON pe.county_code = r.county_code AND pe.id = r.person_id
    WHERE r.batch_id = ${batchId} AND pe.name <> r.name`,
  ).execute(tx);
}

/**
 * A row is a posting on file when that person has a posting in that village from that start date: the same file
 * imported again is the same postings. Such a row must say what the posting says; each column that differs is a
 * problem naming the value on file (an import adds postings, it does not edit them).
 */
export async function matchPostings(tx: Tx, batchId: number, words: { roles: Record<string, string>; levels: Record<string, string> }) {
  await sql`
    UPDATE import_posting_row r SET posting_id = m.id
    FROM (
      SELECT DISTINCT ON (r.row_number) r.row_number, p.id
      FROM import_posting_row r
      JOIN cadre k ON k.county_code = r.county_code AND k.person_id = r.person_id
      JOIN cadre_posting p ON p.county_code = k.county_code AND p.cadre_id = k.id AND p.village_code = r.village_code
        AND p.start_date = r.start_date
      WHERE r.batch_id = ${batchId}
      ORDER BY r.row_number, p.id) m
    WHERE r.batch_id = ${batchId} AND r.row_number = m.row_number`.execute(tx);
  const word = (table: Record<string, string>, value: RawBuilder<unknown>) =>
    sql`CASE ${value} ${sql.join(
      Object.entries(table).map(([code, w]) => sql`WHEN ${code} THEN ${w}::text`),
      sql` `,
    )} ELSE ${value}::text END`;
  const differs = (column: string, when: RawBuilder<unknown>, value: RawBuilder<unknown>) =>
    sql`(CASE WHEN ${when} THEN jsonb_build_object('row', r.row_number, 'column', ${column}::text, 'code', 'POSTING_DIFFERS',
                                                   'params', jsonb_build_object('value', coalesce(${value}, '—'))) END)`;
  await sql`
    WITH d AS MATERIALIZED (
      SELECT row_number, to_jsonb(found) AS items FROM (
        -- An array, not a VALUES list: Citus allows only immutable functions in VALUES.
        SELECT r.row_number, array_remove(ARRAY[
          ${differs('role', sql`p.role <> r.role`, word(words.roles, sql.ref('p.role')))},
          ${differs('unit', sql`u.name <> r.unit_name`, sql`u.name`)},
          ${differs('unit_level', sql`u.level <> r.unit_level`, word(words.levels, sql.ref('u.level')))},
          ${differs('post', sql`k.post <> r.post`, sql`k.post`)},
          ${differs('party_member', sql`k.party_member <> r.party_member`, sql`CASE WHEN k.party_member THEN '是' ELSE '否' END`)},
          ${differs('end_date', sql`r.end_date IS NOT NULL AND p.planned_end_date <> r.end_date`, sql`to_char(p.planned_end_date, 'YYYY-MM-DD')`)},
          ${differs('phone', sql`r.phone_hash IS NOT NULL AND pe.phone_hash IS DISTINCT FROM r.phone_hash`, sql`pe.phone_masked`)}
        ]::jsonb[], NULL) AS found
        FROM import_posting_row r
        JOIN cadre_posting p ON p.county_code = r.county_code AND p.id = r.posting_id
        JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
        JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
        JOIN dispatch_unit u ON u.id = p.unit_id
        WHERE r.batch_id = ${batchId}) x
      WHERE cardinality(found) > 0)
    UPDATE import_posting_row r SET problems = coalesce(r.problems, '[]'::jsonb) || d.items
    FROM d WHERE r.batch_id = ${batchId} AND r.row_number = d.row_number`.execute(tx);
}

/**
 * Rules over the rows that would be new postings: a person on more than one of them (the file proposes two postings
 * at once), and a person who already has a posting proposed or in post (one village at a time).
 */
export async function checkNewPostings(tx: Tx, batchId: number, states: Record<string, { zh: string; en: string }>) {
  await sql`
    WITH d AS (
      SELECT id_hash, string_agg(row_number::text, ',' ORDER BY row_number) AS rows
      FROM import_posting_row WHERE batch_id = ${batchId} AND id_hash IS NOT NULL AND posting_id IS NULL
      GROUP BY id_hash HAVING count(*) > 1)
    UPDATE import_posting_row r SET ${append('id_number', 'DUPLICATE_PERSON', sql`jsonb_build_object('rows', d.rows)`)}
    FROM d WHERE r.batch_id = ${batchId} AND r.id_hash = d.id_hash AND r.posting_id IS NULL`.execute(tx);
  const label = (lang: 'zh' | 'en') =>
    sql`CASE c.state ${sql.join(
      Object.entries(states).map(([code, l]) => sql`WHEN ${code} THEN ${l[lang]}::text`),
      sql` `,
    )} ELSE c.state END`;
  await appendFound(
    sql.table('import_posting_row'),
    batchId,
    sql`
    SELECT DISTINCT ON (r.row_number) r.row_number,
           ${item(null, 'ALREADY_POSTED', sql`jsonb_build_object('village', v.name, 'state', ${label('zh')}, 'stateEn', ${label('en')})`)} AS items
    FROM import_posting_row r
    JOIN cadre k ON k.county_code = r.county_code AND k.person_id = r.person_id
    JOIN cadre_posting p ON p.county_code = k.county_code AND p.cadre_id = k.id
    JOIN procedure_case c ON c.county_code = p.county_code AND c.procedure = 'cadres.posting' AND c.subject_id = p.id
    JOIN region v ON v.code = p.village_code
    WHERE r.batch_id = ${batchId} AND r.posting_id IS NULL AND c.state IN ('proposed', 'in_post')
    ORDER BY r.row_number, p.id`,
  ).execute(tx);
}

/** Each row's unit, when its region (by the level, from the village) has a unit of that name. */
export function findUnits(tx: Tx, batchId: number) {
  return sql`
    UPDATE import_posting_row r SET unit_id = u.id
    FROM dispatch_unit u
    WHERE r.batch_id = ${batchId} AND r.unit_level IS NOT NULL AND r.village_code IS NOT NULL AND u.region_code = ${unitRegion}
      AND u.name = r.unit_name`.execute(tx);
}

/**
 * What a commit does with each row: a new posting, nothing (the posting is on file), or nothing (problems). Only rows
 * whose outcome changes are written (a commit deciding again mostly confirms the preview).
 */
export function classify(tx: Tx, batchId: number) {
  const outcome = sql`CASE WHEN problems IS NOT NULL THEN 'rejected' WHEN posting_id IS NOT NULL THEN 'unchanged' ELSE 'new' END`;
  return sql`
    UPDATE import_posting_row SET outcome = ${outcome}
    WHERE batch_id = ${batchId} AND outcome IS DISTINCT FROM ${outcome}`.execute(tx);
}

/** The preview's figures: rows, problems, postings by outcome, new ones in post or proposed, new persons and units. */
export async function countOutcomes(tx: Tx, batchId: number, today: string) {
  const r = await sql<{
    rows: number;
    bad: number;
    new: number;
    unchanged: number;
    rejected: number;
    in_post: number;
    persons: number;
  }>`
    SELECT count(*)::int AS rows, count(*) FILTER (WHERE problems IS NOT NULL)::int AS bad,
           count(*) FILTER (WHERE outcome = 'new')::int AS new, count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
           count(*) FILTER (WHERE outcome = 'rejected')::int AS rejected,
           count(*) FILTER (WHERE outcome = 'new' AND start_date <= ${today}::date)::int AS in_post,
           count(DISTINCT id_hash) FILTER (WHERE outcome = 'new' AND person_id IS NULL)::int AS persons
    FROM import_posting_row WHERE batch_id = ${batchId}`.execute(tx);
  return r.rows[0];
}

/** The units a commit creates: named by new rows, missing in their region. */
export function unitsToCreate(tx: Tx, batchId: number) {
  return sql<{ name: string; level: string; region_code: string; region_name: string }>`
    SELECT DISTINCT r.unit_name AS name, r.unit_level AS level, ${unitRegion} AS region_code, g.name AS region_name
    FROM import_posting_row r JOIN region g ON g.code = ${unitRegion}
    WHERE r.batch_id = ${batchId} AND r.outcome = 'new' AND r.unit_id IS NULL
    ORDER BY region_code, name`
    .execute(tx)
    .then((x) => x.rows);
}

/** ANALYZE the staging table: fresh rows have no statistics, and the checks join them to the register. */
export function analyzeStaged(tx: Tx) {
  return sql`ANALYZE import_posting_row`.execute(tx);
}
