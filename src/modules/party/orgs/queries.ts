import { sql } from 'kysely';
import { executePrepared } from '../../../db/prepared.ts';
import type { Tx } from '../../../db/types.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);
/** The procedure whose open cases make an organisation weak and lax (软弱涣散); another part of the module runs it. */
export const RECTIFICATION = 'party_rectification';
/** A rectification case makes its organisation weak-and-lax (软弱涣散) while identified, planned or rectifying: closed
 * and consolidated cases can be reopened, so they are not terminal and their closed_at stays empty. */
export const WEAK_STATES = ['identified', 'planned', 'rectifying'];

/** An organisation belongs to its village (or township). */
export function locateOrg(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ region_code: string }>`SELECT region_code FROM party_org WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.region_code ?? null);
}

export interface OrgRow {
  county_code: string;
  id: number;
  region_code: string;
  region_name: string;
  parent_name: string | null;
  name: string;
  kind: string;
  established_on: string | null;
  dissolved_on: string | null;
  updated_at: string;
  members: number;
  wealth_leaders: number;
  secretary_name: string | null;
  secretary_person_id: number | null;
  one_shoulder: boolean | null;
  secretary_since: string | null;
  weak: boolean;
}

/**
 * The weak-and-lax test, its constants written into the text: as parameters they made PostgreSQL judge the prepared
 * village-page statement's generic plan worse than a custom one and plan it again on every call (most of the party
 * section's database time at scale 1).
 */
const weakCase = sql`EXISTS (SELECT 1 FROM procedure_case c WHERE c.county_code = o.county_code AND c.procedure = ${sql.lit(RECTIFICATION)}
  AND c.region_code = o.region_code AND c.state IN (${sql.join(WEAK_STATES.map((s) => sql.lit(s)))}))`;

const orgColumns = sql`
  o.county_code, o.id, o.region_code, r.name AS region_name, pr.name AS parent_name, o.name, o.kind,
  o.established_on::text AS established_on, o.dissolved_on::text AS dissolved_on, o.updated_at::text AS updated_at,
  (SELECT count(*) FROM party_member m WHERE m.county_code = o.county_code AND m.org_id = o.id AND m.left_on IS NULL)::int AS members,
  (SELECT count(*) FROM party_member m WHERE m.county_code = o.county_code AND m.org_id = o.id AND m.left_on IS NULL AND m.wealth_leader)::int AS wealth_leaders,
  sp.name AS secretary_name, st.person_id AS secretary_person_id, st.one_shoulder, st.start_date::text AS secretary_since,
  ${weakCase} AS weak`;

const orgJoins = sql`
  JOIN region r ON r.code = o.region_code
  LEFT JOIN region pr ON pr.code = r.parent_code
  LEFT JOIN party_secretary_term st ON st.county_code = o.county_code AND st.org_id = o.id AND st.end_date IS NULL
  LEFT JOIN person sp ON sp.county_code = st.county_code AND sp.id = st.person_id`;

export interface OrgFilter {
  region: string;
  kind?: string;
  state?: 'normal' | 'weak';
  dissolved?: boolean;
}

const likePrefix = (p: string) => `${p.replace(/[\\%_]/g, '\\$&')}%`;
/** A region's rows: the county key first when the region lies in one county (a distributed table's routing). */
const inRegion = (col: string, countyCol: string, region: string) =>
  region.length >= 6
    ? sql`${sql.ref(countyCol)} = ${region.slice(0, 6)} AND ${sql.ref(col)} LIKE ${likePrefix(region)}`
    : sql`${sql.ref(col)} LIKE ${likePrefix(region)}`;

/** Organisations of a region in village-code order, keyset on (region_code, id): the list page. */
export function listOrgs(tx: Tx, f: OrgFilter, after: { region: string; id: number } | null, limit: number) {
  const weak = weakCase;
  return sql<OrgRow>`
    SELECT ${orgColumns}
    FROM party_org o ${orgJoins}
    WHERE ${inRegion('o.region_code', 'o.county_code', f.region)}
      ${f.dissolved ? sql`AND o.dissolved_on IS NOT NULL` : sql`AND o.dissolved_on IS NULL`}
      ${f.kind ? sql`AND o.kind = ${f.kind}` : sql``}
      ${f.state === 'weak' ? sql`AND ${weak}` : f.state === 'normal' ? sql`AND NOT ${weak}` : sql``}
      ${after ? sql`AND (o.region_code, o.id) > (${after.region}, ${after.id})` : sql``}
    ORDER BY o.region_code, o.id
    LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

export function orgById(tx: Tx, id: number) {
  return sql<OrgRow>`SELECT ${orgColumns} FROM party_org o ${orgJoins} WHERE o.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** The organisation a village (or township) has now, if any. */
export function currentOrgOf(tx: Tx, county: string, region: string) {
  return executePrepared(
    tx,
    sql<OrgRow>`SELECT ${orgColumns} FROM party_org o ${orgJoins}
    WHERE o.county_code = ${county} AND o.region_code = ${region} AND o.dissolved_on IS NULL`,
  ).then((r) => r.rows[0]);
}

/** Locks the organisation: appointments, dissolution and edits of one organisation are judged one after the other. */
export function lockOrg(tx: Tx, county: string, id: number) {
  return sql<{ id: number; updated_at: string; dissolved_on: string | null }>`
    SELECT id, updated_at::text AS updated_at, dissolved_on::text AS dissolved_on FROM party_org
    WHERE county_code = ${county} AND id = ${id} FOR UPDATE`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export interface OrgValues {
  name: string;
  kind: string;
  established_on: string | null;
}

export function insertOrg(tx: Tx, county: string, region: string, v: OrgValues) {
  return sql<{ id: number }>`
    INSERT INTO party_org (county_code, region_code, name, kind, established_on)
    VALUES (${county}, ${region}, ${v.name}, ${v.kind}, ${v.established_on}) RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

export function updateOrg(tx: Tx, county: string, id: number, v: OrgValues) {
  return sql`UPDATE party_org SET name = ${v.name}, kind = ${v.kind}, established_on = ${v.established_on}, updated_at = statement_timestamp()
    WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

export function dissolveOrg(tx: Tx, county: string, id: number, day: string) {
  return sql`UPDATE party_org SET dissolved_on = ${day}, updated_at = statement_timestamp() WHERE county_code = ${county} AND id = ${id}`.execute(
    tx,
  );
}

export interface TermRow {
  id: number;
  person_id: number;
  name: string;
  id_masked: string;
  gender: string;
  birth_year: number;
  one_shoulder: boolean;
  start_date: string;
  end_date: string | null;
  end_reason: string | null;
  end_note: string | null;
}

/** An organisation's secretaries, the current one first, then newest first. */
export function secretaryTerms(tx: Tx, county: string, orgId: number) {
  return executePrepared(
    tx,
    sql<TermRow>`
    SELECT t.id, t.person_id, p.name, p.id_masked, p.gender, extract(year FROM p.birth_date)::int AS birth_year, t.one_shoulder,
           t.start_date::text AS start_date, t.end_date::text AS end_date, t.end_reason, t.end_note
    FROM party_secretary_term t JOIN person p ON p.county_code = t.county_code AND p.id = t.person_id
    WHERE t.county_code = ${county} AND t.org_id = ${orgId}
    ORDER BY t.end_date IS NULL DESC, t.start_date DESC, t.id DESC`,
  ).then((r) => r.rows);
}

export function currentTerm(tx: Tx, county: string, orgId: number) {
  return sql<{ id: number; person_id: number; start_date: string }>`
    SELECT id, person_id, start_date::text AS start_date FROM party_secretary_term
    WHERE county_code = ${county} AND org_id = ${orgId} AND end_date IS NULL`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function endTerm(tx: Tx, county: string, id: number, end: { date: string; reason: string; note: string | null }) {
  return sql`UPDATE party_secretary_term SET end_date = ${end.date}, end_reason = ${end.reason}, end_note = ${end.note}
    WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

export function insertTerm(tx: Tx, county: string, t: { org_id: number; person_id: number; one_shoulder: boolean; start_date: string }) {
  return sql<{ id: number }>`
    INSERT INTO party_secretary_term (county_code, org_id, person_id, one_shoulder, start_date)
    VALUES (${county}, ${t.org_id}, ${t.person_id}, ${t.one_shoulder}, ${t.start_date}) RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

// statement_timestamp(), not clock_timestamp(): Citus refuses a volatile function in an UPDATE; each statement still
// stamps its own time, so two writes in one transaction give two versions.
export function touchOrg(tx: Tx, county: string, id: number) {
  return sql`UPDATE party_org SET updated_at = statement_timestamp() WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

/** The region of a code and its level, to check that an organisation is placed on a village or a township. */
export function regionOf(tx: Tx, code: string) {
  return sql<{ code: string; name: string; level: number }>`SELECT code, name, level FROM region WHERE code = ${code}`
    .execute(tx)
    .then((r) => r.rows[0]);
}
