import { sql } from 'kysely';
import { executePrepared, pageLimit } from '../../../db/prepared.ts';
import type { Tx } from '../../../db/types.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);

/** A member belongs to their organisation's village (or township). */
export function locateMember(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ region_code: string }>`
    SELECT o.region_code FROM party_member m JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id WHERE m.id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.region_code ?? null);
}

/** A pairing belongs to its household's village. */
export function locatePairing(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`
    SELECT h.village_code FROM party_pairing pp JOIN household h ON h.county_code = pp.county_code AND h.id = pp.household_id
    WHERE pp.id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

export interface MemberRow {
  county_code: string;
  id: number;
  org_id: number;
  org_name: string;
  region_code: string;
  region_name: string;
  person_id: number;
  name: string;
  id_masked: string;
  gender: string;
  birth_year: number;
  phone_masked: string | null;
  joined_on: string;
  standing: string;
  post: string | null;
  duty: string | null;
  wealth_leader: boolean;
  wealth_industry: string | null;
  left_on: string | null;
  left_reason: string | null;
  left_note: string | null;
  updated_at: string;
  pairings: number;
}

const memberColumns = sql`
  m.county_code, m.id, m.org_id, o.name AS org_name, o.region_code, r.name AS region_name, m.person_id, p.name, p.id_masked, p.gender,
  extract(year FROM p.birth_date)::int AS birth_year, p.phone_masked, m.joined_on::text AS joined_on, m.standing, m.post, m.duty,
  m.wealth_leader, m.wealth_industry, m.left_on::text AS left_on, m.left_reason, m.left_note, m.updated_at::text AS updated_at,
  (SELECT count(*) FROM party_pairing pp WHERE pp.county_code = m.county_code AND pp.member_id = m.id AND pp.end_date IS NULL)::int AS pairings`;

const memberJoins = sql`
  JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
  JOIN region r ON r.code = o.region_code
  JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id`;

export interface MemberFilter {
  region: string;
  orgId?: number;
  wealth?: boolean;
  left?: boolean;
  /** A name prefix. */
  name?: string;
}

const likePrefix = (p: string) => `${p.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * Members of a region (or one organisation), keyset on (county, org, id). The page's keys come first, walking
 * party_member_current_idx (or party_member_org_idx) in keyset order: joining the region's organisations first and
 * sorting read every member of the province (64 ms at scale 0.1) for a first page. A county or a region above one is
 * the members' own county column (an organisation's region lies in its county); below a county each member's
 * organisation is checked by its key — asked of a county too, the planner took the county and region conditions for
 * independent, expected 7 of its 239 organisations and sorted their members: 38 ms a deep page at scale 1. The page's
 * 50 rows are then joined for their columns.
 */
export function listMembers(tx: Tx, f: MemberFilter, after: { county: string; org: number; id: number } | null, limit: number) {
  // Prepared (its shapes are the filter combinations): planning the page's joins cost more than running them. A name
  // is checked on the member walked, from the copy of its person's name the member row and the walk's index carry
  // (migration 0055): reading each walked member's person cost 2.5–4.2 ms a page at scale 1 for a common surname.
  return executePrepared(
    tx,
    sql<MemberRow>`
    SELECT ${memberColumns}
    FROM (
      SELECT k.county_code, k.id FROM party_member k
      WHERE ${f.left ? sql`k.left_on IS NOT NULL` : sql`k.left_on IS NULL`}
        ${f.region.length >= 6 ? sql`AND k.county_code = ${f.region.slice(0, 6)}` : sql`AND k.county_code LIKE ${sql.lit(likePrefix(f.region))}`}
        ${f.orgId ? sql`AND k.org_id = ${f.orgId}` : sql``}
        ${f.wealth ? sql`AND k.wealth_leader` : sql``}
        ${after ? sql`AND (k.county_code, k.org_id, k.id) > (${after.county}, ${after.org}, ${after.id})` : sql``}
        ${
          f.region.length > 6
            ? sql`AND EXISTS (SELECT 1 FROM party_org ko WHERE ko.county_code = k.county_code AND ko.id = k.org_id
                              AND ko.region_code LIKE ${likePrefix(f.region)})`
            : sql``
        }
        ${f.name ? sql`AND k.name LIKE ${likePrefix(f.name)}` : sql``}
      ORDER BY k.county_code, k.org_id, k.id
      LIMIT ${pageLimit(limit)}) page
    JOIN party_member m ON m.county_code = page.county_code AND m.id = page.id
    ${memberJoins}
    ORDER BY m.county_code, m.org_id, m.id`,
  ).then((r) => r.rows);
}

export function memberById(tx: Tx, id: number) {
  return sql<MemberRow>`SELECT ${memberColumns} FROM party_member m ${memberJoins} WHERE m.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** The person's current membership in the county, if any (one organisation at a time). */
export function currentMembership(tx: Tx, county: string, personId: number) {
  return sql<{ id: number; org_name: string }>`
    SELECT m.id, o.name AS org_name FROM party_member m JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
    WHERE m.county_code = ${county} AND m.person_id = ${personId} AND m.left_on IS NULL`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function lockMember(tx: Tx, county: string, id: number) {
  return sql<{ id: number; updated_at: string; left_on: string | null }>`
    SELECT id, updated_at::text AS updated_at, left_on::text AS left_on FROM party_member WHERE county_code = ${county} AND id = ${id} FOR UPDATE`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export interface MemberValues {
  standing: string;
  post: string | null;
  duty: string | null;
  wealth_leader: boolean;
  wealth_industry: string | null;
}

export function insertMember(tx: Tx, county: string, m: MemberValues & { org_id: number; person_id: number; joined_on: string }) {
  return sql<{ id: number }>`
    INSERT INTO party_member (county_code, org_id, person_id, joined_on, standing, post, duty, wealth_leader, wealth_industry)
    VALUES (${county}, ${m.org_id}, ${m.person_id}, ${m.joined_on}, ${m.standing}, ${m.post}, ${m.duty}, ${m.wealth_leader}, ${m.wealth_industry})
    RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

export function updateMember(tx: Tx, county: string, id: number, v: MemberValues) {
  return sql`UPDATE party_member SET standing = ${v.standing}, post = ${v.post}, duty = ${v.duty}, wealth_leader = ${v.wealth_leader},
    wealth_industry = ${v.wealth_industry}, updated_at = statement_timestamp() WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

export function endMember(tx: Tx, county: string, id: number, end: { date: string; reason: string; note: string | null }) {
  return sql`UPDATE party_member SET left_on = ${end.date}, left_reason = ${end.reason}, left_note = ${end.note}, updated_at = statement_timestamp()
    WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

/** A member's pairings end with them (a member who left helps nobody). */
export function endPairingsOfMember(tx: Tx, county: string, memberId: number, day: string) {
  return sql`UPDATE party_pairing SET end_date = greatest(start_date, ${day}::date)
    WHERE county_code = ${county} AND member_id = ${memberId} AND end_date IS NULL`.execute(tx);
}

/** Moves a member's open pairings to their new row (the same person helps the same households after a move). */
export function movePairings(tx: Tx, county: string, fromMember: number, toMember: number, day: string) {
  return sql`
    WITH ended AS (
      UPDATE party_pairing SET end_date = greatest(start_date, ${day}::date)
      WHERE county_code = ${county} AND member_id = ${fromMember} AND end_date IS NULL RETURNING household_id)
    INSERT INTO party_pairing (county_code, member_id, household_id, start_date)
    SELECT ${county}, ${toMember}, household_id, ${day}::date + 1 FROM ended`.execute(tx);
}

export interface PairingRow {
  county_code: string;
  id: number;
  member_id: number;
  member_name: string;
  wealth_leader: boolean;
  wealth_industry: string | null;
  org_name: string;
  household_id: number;
  household_no: string;
  village_code: string;
  village_name: string;
  head_name: string | null;
  household_status: string;
  start_date: string;
  end_date: string | null;
}

const pairingSelect = sql`
  SELECT pp.county_code, pp.id, pp.member_id, p.name AS member_name, m.wealth_leader, m.wealth_industry, o.name AS org_name, pp.household_id, h.household_no,
         h.village_code, r.name AS village_name, hp.name AS head_name, h.status AS household_status,
         pp.start_date::text AS start_date, pp.end_date::text AS end_date
  FROM party_pairing pp
  JOIN party_member m ON m.county_code = pp.county_code AND m.id = pp.member_id
  JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
  JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
  JOIN household h ON h.county_code = pp.county_code AND h.id = pp.household_id
  JOIN region r ON r.code = h.village_code
  LEFT JOIN person hp ON hp.county_code = h.county_code AND hp.id = h.head_person_id`;

/** A member's households, current first. */
export function pairingsOfMember(tx: Tx, county: string, memberId: number) {
  return sql<PairingRow>`${pairingSelect} WHERE pp.county_code = ${county} AND pp.member_id = ${memberId}
    ORDER BY pp.end_date IS NULL DESC, pp.start_date DESC, pp.id DESC`
    .execute(tx)
    .then((r) => r.rows);
}

/** The members helping a household (党员结对), current first: the household page shows them. */
export function pairingsOfHousehold(tx: Tx, county: string, householdId: number) {
  return sql<PairingRow>`${pairingSelect} WHERE pp.county_code = ${county} AND pp.household_id = ${householdId}
    ORDER BY pp.end_date IS NULL DESC, pp.start_date DESC, pp.id DESC`
    .execute(tx)
    .then((r) => r.rows);
}

export function pairingById(tx: Tx, id: number) {
  return sql<PairingRow>`${pairingSelect} WHERE pp.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** The household's county and village, for a pairing (the route has already placed the member in scope). */
export function householdOf(tx: Tx, id: number) {
  return sql<{ county_code: string; village_code: string }>`SELECT county_code, village_code FROM household WHERE id = ${id}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function openPairing(tx: Tx, county: string, memberId: number, householdId: number) {
  return sql<{ id: number }>`SELECT id FROM party_pairing WHERE county_code = ${county} AND member_id = ${memberId}
    AND household_id = ${householdId} AND end_date IS NULL`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function insertPairing(tx: Tx, county: string, p: { member_id: number; household_id: number; start_date: string }) {
  return sql<{ id: number }>`INSERT INTO party_pairing (county_code, member_id, household_id, start_date)
    VALUES (${county}, ${p.member_id}, ${p.household_id}, ${p.start_date}) RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

export function endPairing(tx: Tx, county: string, id: number, day: string) {
  return sql`UPDATE party_pairing SET end_date = ${day} WHERE county_code = ${county} AND id = ${id} AND end_date IS NULL`.execute(tx);
}
