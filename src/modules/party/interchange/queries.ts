/**
 * The checks of a staged party batch against the database and its commit, set-based over import_party_org_row or
 * import_party_member_row (a row's own problems were found when it was read). Checks run at preview and again inside
 * the commit's transaction; each appends {row, column, code, params} to the rows' problems.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';
import { appendProblem as append, appendFound, problemItem as item, outcomeFromFile } from '../../registry/import/problem-sql.ts';

export type PartyKind = 'party_orgs' | 'party_members';
const TABLE = { party_orgs: 'import_party_org_row', party_members: 'import_party_member_row' } as const;
const table = (kind: PartyKind) => sql.table(TABLE[kind]);
const ID_COLUMN = { party_orgs: 'secretary_id', party_members: 'id_number' } as const;
const NAME = { party_orgs: sql.ref('r.secretary_name'), party_members: sql.ref('r.name') } as const;

/** Back to what the rows said on their own (a commit decides again on what the database holds then). */
export function resetChecks(tx: Tx, kind: PartyKind, batchId: number) {
  const extra = kind === 'party_members' ? sql`, org_id = NULL` : sql``;
  return sql`UPDATE ${table(kind)} SET problems = row_problems, person_id = NULL, outcome = NULL ${extra} WHERE batch_id = ${batchId}`.execute(
    tx,
  );
}

/**
 * The person of each row by the keyed hash (one human, one row): another county's is refused without naming it, this
 * county's under another name too; one person on two rows of the file is a problem on the later ones.
 */
export async function checkPersons(tx: Tx, kind: PartyKind, batchId: number) {
  const t = table(kind);
  const col = ID_COLUMN[kind];
  await sql`UPDATE ${t} r SET person_id = pi.person_id
    FROM person_identity pi WHERE r.batch_id = ${batchId} AND pi.id_hash = r.id_hash AND pi.county_code = r.county_code`.execute(tx);
  await appendFound(
    t,
    batchId,
    sql`SELECT r.row_number, ${item(col, 'PERSON_IN_OTHER_COUNTY', sql`'{}'::jsonb`)} AS items
    FROM ${t} r JOIN person_identity pi ON pi.id_hash = r.id_hash WHERE r.batch_id = ${batchId} AND pi.county_code <> r.county_code`,
  ).execute(tx);
  await appendFound(
    t,
    batchId,
    sql`SELECT r.row_number, ${item(col, 'NAME_MISMATCH', sql`jsonb_build_object('value', pe.name)`)} AS items
    FROM ${t} r JOIN person pe ON pe.county_code = r.county_code AND pe.id = r.person_id
    WHERE r.batch_id = ${batchId} AND pe.name <> ${NAME[kind]}`,
  ).execute(tx);
  await sql`UPDATE ${t} r SET ${append(col, 'DUPLICATE_PERSON', sql`jsonb_build_object('first', d.first)`)}
    FROM (SELECT id_hash, min(row_number) AS first FROM ${t} WHERE batch_id = ${batchId} AND id_hash IS NOT NULL GROUP BY id_hash HAVING count(*) > 1) d
    WHERE r.batch_id = ${batchId} AND r.id_hash = d.id_hash AND r.row_number > d.first`.execute(tx);
}

/**
 * Organisations: a village with a current organisation of the row's name is on file (unchanged: an import adds, it
 * does not edit); another name is a problem naming the one on file; a village on two rows is a problem on the later.
 */
export async function checkOrgs(tx: Tx, batchId: number) {
  await sql`UPDATE import_party_org_row r SET ${append('village_code', 'PARTY_VILLAGE_TWICE', sql`jsonb_build_object('first', d.first)`)}
    FROM (SELECT village_code, min(row_number) AS first FROM import_party_org_row WHERE batch_id = ${batchId} AND village_code IS NOT NULL
          GROUP BY village_code HAVING count(*) > 1) d
    WHERE r.batch_id = ${batchId} AND r.village_code = d.village_code AND r.row_number > d.first`.execute(tx);
  await appendFound(
    sql.table('import_party_org_row'),
    batchId,
    sql`SELECT r.row_number, ${item('org_name', 'PARTY_ORG_OTHER_NAME', sql`jsonb_build_object('value', o.name)`)} AS items
    FROM import_party_org_row r JOIN party_org o ON o.county_code = r.county_code AND o.region_code = r.village_code
    WHERE r.batch_id = ${batchId} AND o.dissolved_on IS NULL AND o.name <> r.org_name`,
  ).execute(tx);
  // A masked secretary names the current secretary of the village's organisation (by name and mask), or is refused.
  await sql`UPDATE import_party_org_row r SET person_id = t.person_id
    FROM party_org o JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id AND t.end_date IS NULL
      JOIN person pe ON pe.county_code = t.county_code AND pe.id = t.person_id
    WHERE r.batch_id = ${batchId} AND r.id_hash IS NULL AND r.id_masked IS NOT NULL AND o.county_code = r.county_code
      AND o.region_code = r.village_code AND o.dissolved_on IS NULL AND pe.name = r.secretary_name AND pe.id_masked = r.id_masked`.execute(
    tx,
  );
  await sql`UPDATE import_party_org_row r SET ${append('secretary_id', 'PARTY_MASKED_ID')}
    WHERE r.batch_id = ${batchId} AND r.id_hash IS NULL AND r.id_masked IS NOT NULL AND r.person_id IS NULL`.execute(tx);
  // The villages on file read first (a distributed table), then the outcome from them.
  await outcomeFromFile(
    sql.table('import_party_org_row'),
    batchId,
    sql`SELECT r.row_number FROM import_party_org_row r
      JOIN party_org o ON o.county_code = r.county_code AND o.region_code = r.village_code AND o.dissolved_on IS NULL
      WHERE r.batch_id = ${batchId}`,
  ).execute(tx);
}

/**
 * Members, every check in one pass over the batch (each UPDATE rewrites every staged row, so the separate passes the
 * organisations use cost 200,000 row versions each): the person by the keyed hash (another county's is refused without
 * naming it, this county's under another name too; one person on two rows is a problem on the later ones); the row's
 * village must have an organisation; a member of that organisation now is on file (unchanged), of another organisation
 * of the county a problem (a move is the member page's work). Problems keep the order of the organisations' checks.
 * A row whose outcome is the same as at the preview is not written again (the commit's check, under the lock, mostly
 * finds nothing changed).
 */
export async function checkMembers(tx: Tx, batchId: number) {
  const problem = (column: string, code: string, when: RawBuilder<unknown>, params: RawBuilder<unknown> = sql`'{}'::jsonb`) => sql`
    CASE WHEN ${when} THEN jsonb_build_array(jsonb_build_object('row', c.row_number, 'column', ${column}::text, 'code', ${code}::text,
      'params', ${params})) ELSE '[]'::jsonb END`;
  // The identities first (person_identity lives by ID hash, the rest by county: Citus joins them in two steps).
  await sql`
    WITH hits AS MATERIALIZED (
      SELECT r.row_number, pi.county_code, pi.person_id FROM import_party_member_row r JOIN person_identity pi ON pi.id_hash = r.id_hash
      WHERE r.batch_id = ${batchId}),
    c AS MATERIALIZED (
     SELECT b.*, CASE WHEN b.problems IS NOT NULL THEN 'rejected' WHEN b.member_org = b.org_id THEN 'unchanged' ELSE 'new' END AS outcome
     FROM (
      SELECT a.row_number, a.person_id, a.org_id, a.member_org,
             CASE WHEN a.found = '[]'::jsonb THEN a.row_problems ELSE coalesce(a.row_problems, '[]'::jsonb) || a.found END AS problems
      FROM (
        SELECT c.row_number, c.row_problems, c.person_id, c.org_id, m.org_id AS member_org,
          ${problem('id_number', 'PERSON_IN_OTHER_COUNTY', sql`c.other_county`)}
          || ${problem('id_number', 'NAME_MISMATCH', sql`pe.name <> c.name`, sql`jsonb_build_object('value', pe.name)`)}
          || ${problem('id_number', 'DUPLICATE_PERSON', sql`c.first < c.row_number`, sql`jsonb_build_object('first', c.first)`)}
          || ${problem('village_code', 'PARTY_NO_ORG', sql`c.village_code IS NOT NULL AND c.org_id IS NULL`, sql`jsonb_build_object('value', c.village_code)`)}
          || ${problem('village_code', 'PARTY_MEMBER_ELSEWHERE', sql`c.org_id IS NOT NULL AND m.org_id <> c.org_id`, sql`jsonb_build_object('value', mo.name)`)}
            AS found
        FROM (
          SELECT r.row_number, r.row_problems, r.county_code, r.village_code, r.name,
                 CASE WHEN pi.county_code = r.county_code THEN pi.person_id END AS person_id, pi.county_code <> r.county_code AS other_county,
                 o.id AS org_id,
                 CASE WHEN r.id_hash IS NOT NULL THEN min(r.row_number) OVER (PARTITION BY r.id_hash) END AS first
          FROM import_party_member_row r
          LEFT JOIN hits pi ON pi.row_number = r.row_number
          LEFT JOIN party_org o ON o.county_code = r.county_code AND o.region_code = r.village_code AND o.dissolved_on IS NULL
          WHERE r.batch_id = ${batchId}) c
        LEFT JOIN person pe ON pe.county_code = c.county_code AND pe.id = c.person_id
        LEFT JOIN party_member m ON m.county_code = c.county_code AND m.person_id = c.person_id AND m.left_on IS NULL
        LEFT JOIN party_org mo ON mo.county_code = m.county_code AND mo.id = m.org_id) a) b)
    UPDATE import_party_member_row r SET person_id = c.person_id, org_id = c.org_id, problems = c.problems, outcome = c.outcome
    FROM c WHERE r.batch_id = ${batchId} AND r.row_number = c.row_number
      AND (r.person_id, r.org_id, r.problems, r.outcome) IS DISTINCT FROM (c.person_id, c.org_id, c.problems, c.outcome)`.execute(tx);
  // Masked rows (an export made without the unmask permission; few, so touched alone after the pass above): the one
  // current member of the row's organisation with that name and that mask, or a problem.
  const matches = sql`(SELECT r2.row_number, min(m.person_id) AS person_id, count(*) AS n FROM import_party_member_row r2
      JOIN party_member m ON m.county_code = r2.county_code AND m.org_id = r2.org_id AND m.left_on IS NULL
      JOIN person pe ON pe.county_code = m.county_code AND pe.id = m.person_id AND pe.name = r2.name AND pe.id_masked = r2.id_masked
      WHERE r2.batch_id = ${batchId} AND r2.id_hash IS NULL AND r2.id_masked IS NOT NULL GROUP BY r2.row_number)`;
  await sql`UPDATE import_party_member_row r SET person_id = c.person_id
    FROM ${matches} c WHERE r.batch_id = ${batchId} AND r.row_number = c.row_number AND c.n = 1`.execute(tx);
  await appendFound(
    sql.table('import_party_member_row'),
    batchId,
    sql`SELECT c.row_number, jsonb_build_array(jsonb_build_object('row', c.row_number, 'column', 'id_number', 'code', 'PARTY_MASKED_AMBIGUOUS',
      'params', jsonb_build_object('count', c.n))) AS items FROM ${matches} c WHERE c.n > 1`,
  ).execute(tx);
  await sql`UPDATE import_party_member_row r SET ${append('id_number', 'PARTY_MASKED_ID')}
    WHERE r.batch_id = ${batchId} AND r.id_hash IS NULL AND r.id_masked IS NOT NULL AND r.person_id IS NULL AND r.org_id IS NOT NULL
      AND NOT coalesce(r.problems @> '[{"code": "PARTY_MASKED_AMBIGUOUS"}]'::jsonb, false)`.execute(tx);
  await outcomeFromFile(
    sql.table('import_party_member_row'),
    batchId,
    sql`SELECT r.row_number FROM import_party_member_row r
      JOIN party_member m ON m.county_code = r.county_code AND m.person_id = r.person_id AND m.org_id = r.org_id AND m.left_on IS NULL
      WHERE r.batch_id = ${batchId} AND r.id_hash IS NULL AND r.id_masked IS NOT NULL`,
    sql`AND r.id_hash IS NULL AND r.id_masked IS NOT NULL`,
  ).execute(tx);
}

/** The preview's figures: rows, rows with problems, outcomes, persons a commit creates. */
export function countOutcomes(tx: Tx, kind: PartyKind, batchId: number) {
  return sql<{ rows: number; bad: number; new: number; unchanged: number; rejected: number; persons: number }>`
    SELECT count(*)::int AS rows, count(*) FILTER (WHERE problems IS NOT NULL)::int AS bad,
           count(*) FILTER (WHERE outcome = 'new')::int AS new, count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
           count(*) FILTER (WHERE outcome = 'rejected')::int AS rejected,
           count(DISTINCT id_hash) FILTER (WHERE outcome = 'new' AND person_id IS NULL AND id_hash IS NOT NULL)::int AS persons
    FROM ${table(kind)} WHERE batch_id = ${batchId}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

/** ANALYZE the staging table: fresh rows have no statistics, and the checks join them to the register. */
export function analyzeStaged(tx: Tx, kind: PartyKind) {
  return sql`ANALYZE ${table(kind)}`.execute(tx);
}

/**
 * New persons of the new rows (sealed as staged), one per ID number. An organisation's rows get their ids back (the
 * secretary's term needs them); a member's commit finds them by the hash instead (writing every row again costs more).
 */
export async function insertPersons(tx: Tx, kind: PartyKind, batchId: number) {
  const t = table(kind);
  const phone = kind === 'party_members' ? sql`r.phone_cipher, r.phone_masked, r.phone_hash` : sql`NULL, NULL, NULL`;
  const back =
    kind === 'party_orgs'
      ? sql`UPDATE ${t} r SET person_id = ins.id FROM ins WHERE r.batch_id = ${batchId} AND r.id_hash = ins.id_hash`
      : sql`SELECT count(*) FROM ins`;
  await sql`
    WITH src AS (
      SELECT DISTINCT ON (r.id_hash) r.county_code, r.id_hash, r.id_cipher, r.id_masked, r.id_tail_hash, ${NAME[kind]} AS name,
             r.name_pinyin, r.name_initials, r.gender, r.birth_date, ${phone}
      FROM ${t} r WHERE r.batch_id = ${batchId} AND r.outcome = 'new' AND r.person_id IS NULL AND r.id_hash IS NOT NULL
      ORDER BY r.id_hash, r.row_number),
    ins AS (
      INSERT INTO person (county_code, id_hash, id_cipher, id_masked, id_tail_hash, name, name_pinyin, name_initials, gender, birth_date,
                          phone_cipher, phone_masked, phone_hash)
      SELECT * FROM src RETURNING county_code, id, id_hash),
    ident AS (INSERT INTO person_identity (id_hash, county_code, person_id) SELECT id_hash, county_code, id FROM ins)
    ${back}`.execute(tx);
}

/** The new organisations, and the secretary's term of each that names one. Returns how many of each. */
export async function commitOrgs(tx: Tx, batchId: number) {
  const r = await sql<{ orgs: number; terms: number }>`
    WITH orgs AS (
      INSERT INTO party_org (county_code, region_code, name, kind, established_on)
      SELECT county_code, village_code, org_name, kind, established_on FROM import_party_org_row
      WHERE batch_id = ${batchId} AND outcome = 'new' ORDER BY row_number
      RETURNING county_code, id, region_code),
    terms AS (
      INSERT INTO party_secretary_term (county_code, org_id, person_id, one_shoulder, start_date)
      SELECT o.county_code, o.id, r.person_id, coalesce(r.one_shoulder, false), r.secretary_since
      FROM orgs o JOIN import_party_org_row r ON r.batch_id = ${batchId} AND r.county_code = o.county_code AND r.village_code = o.region_code
      WHERE r.person_id IS NOT NULL AND r.secretary_since IS NOT NULL
      RETURNING 1)
    SELECT (SELECT count(*) FROM orgs)::int AS orgs, (SELECT count(*) FROM terms)::int AS terms`.execute(tx);
  return r.rows[0];
}

/** The new members (a new person's id found by the hash insertPersons wrote). Returns how many. */
export async function commitMembers(tx: Tx, batchId: number) {
  const r = await sql<{ n: number }>`
    WITH ins AS (
      INSERT INTO party_member (county_code, org_id, person_id, joined_on, standing, post, duty, wealth_leader, wealth_industry)
      SELECT r.county_code, r.org_id, coalesce(r.person_id, pi.person_id), r.joined_on, r.standing, r.post, r.duty,
             coalesce(r.wealth_leader, false), r.wealth_industry
      FROM import_party_member_row r LEFT JOIN person_identity pi ON r.person_id IS NULL AND pi.id_hash = r.id_hash AND pi.county_code = r.county_code
      WHERE r.batch_id = ${batchId} AND r.outcome = 'new' ORDER BY r.row_number
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`.execute(tx);
  return Number(r.rows[0]?.n ?? 0);
}

/** Locks the counties a batch writes in, one after the other (two imports of one county are judged in turn). */
export function lockCounties(tx: Tx, kind: PartyKind, batchId: number) {
  return sql`SELECT pg_advisory_xact_lock(hashtextextended('party-import:' || c, 0))
    FROM (SELECT DISTINCT county_code AS c FROM ${table(kind)} WHERE batch_id = ${batchId} AND county_code IS NOT NULL ORDER BY 1) x`.execute(
    tx,
  );
}

export interface OrgExportRow {
  region_code: string;
  id: number;
  village_name: string;
  name: string;
  kind: string;
  established_on: string | null;
  secretary_name: string | null;
  id_masked: string | null;
  id_cipher: string | null;
  one_shoulder: boolean | null;
  since: string | null;
}

/** The current organisations of a region for the export, a page at a time in (region_code, id) order. */
export function exportOrgPage(tx: Tx, region: string, after: { region: string; id: number }, limit: number) {
  return sql<OrgExportRow>`
    SELECT o.region_code, o.id, r.name AS village_name, o.name, o.kind, o.established_on::text AS established_on,
           p.name AS secretary_name, p.id_masked, p.id_cipher, t.one_shoulder, t.start_date::text AS since
    FROM party_org o JOIN region r ON r.code = o.region_code
    LEFT JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id AND t.end_date IS NULL
    LEFT JOIN person p ON p.county_code = t.county_code AND p.id = t.person_id
    WHERE o.region_code LIKE ${`${region}%`} AND o.dissolved_on IS NULL AND (o.region_code, o.id) > (${after.region}, ${after.id})
    ORDER BY o.region_code, o.id LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

export interface MemberExportRow {
  county_code: string;
  id: number;
  name: string;
  id_masked: string;
  id_cipher: string;
  gender: string;
  village_code: string;
  village_name: string;
  joined_on: string;
  standing: string;
  post: string | null;
  duty: string | null;
  wealth_leader: boolean;
  wealth_industry: string | null;
  phone_masked: string | null;
  phone_cipher: string | null;
}

/** The current members of a region for the export, a page at a time in (county, id) order. */
export function exportMemberPage(tx: Tx, region: string, after: { county: string; id: number }, limit: number) {
  return sql<MemberExportRow>`
    SELECT m.county_code, m.id, p.name, p.id_masked, p.id_cipher, p.gender, o.region_code AS village_code, r.name AS village_name,
           m.joined_on::text AS joined_on, m.standing, m.post, m.duty, m.wealth_leader, m.wealth_industry, p.phone_masked, p.phone_cipher
    FROM party_member m JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
    JOIN region r ON r.code = o.region_code JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
    WHERE o.region_code LIKE ${`${region}%`} AND m.left_on IS NULL AND (m.county_code, m.id) > (${after.county}, ${after.id})
    ORDER BY m.county_code, m.id LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

/** How many persons an unmasked export shows (the unmasking budget counts them). */
export function countExportPersons(tx: Tx, kind: PartyKind, region: string) {
  const q =
    kind === 'party_members'
      ? sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM party_member m JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
          WHERE o.region_code LIKE ${`${region}%`} AND m.left_on IS NULL`
      : sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM party_org o JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id
          WHERE o.region_code LIKE ${`${region}%`} AND o.dissolved_on IS NULL AND t.end_date IS NULL`;
  return q.execute(tx).then((r) => Number(r.rows[0]?.n ?? 0));
}
