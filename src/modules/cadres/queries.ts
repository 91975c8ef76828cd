import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../db/types.ts';
import { ancestorCodes } from '../../server/scope.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);

/** A posting belongs to its village. */
export function locatePosting(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM cadre_posting WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

/** A leave request belongs to its posting's village. */
export function locateLeave(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`
    SELECT p.village_code FROM cadre_leave l JOIN cadre_posting p ON p.county_code = l.county_code AND p.id = l.posting_id
    WHERE l.id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

export type UnitRow = {
  id: number;
  name: string;
  level: 'province' | 'city' | 'county' | 'township';
  region_code: string;
  region_name: string;
};

/** Units a user of `scope` works with: those of the regions above the scope (province, city) and those inside it. */
export function listUnits(tx: Tx, scope: string) {
  return sql<UnitRow>`
    SELECT u.id, u.name, u.level, u.region_code, r.name AS region_name
    FROM dispatch_unit u JOIN region r ON r.code = u.region_code
    WHERE u.region_code IN (${sql.join(ancestorCodes(scope))}) OR u.region_code LIKE ${`${scope}%`}
    ORDER BY length(u.region_code), u.region_code, u.name`
    .execute(tx)
    .then((r) => r.rows);
}

export function unitById(tx: Tx, id: number) {
  return sql<UnitRow>`
    SELECT u.id, u.name, u.level, u.region_code, r.name AS region_name
    FROM dispatch_unit u JOIN region r ON r.code = u.region_code WHERE u.id = ${id}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

/** Inserts a unit; null when one of that name exists in the region already. */
export function insertUnit(tx: Tx, u: { name: string; level: string; region_code: string }) {
  return sql<{ id: number }>`
    INSERT INTO dispatch_unit (name, level, region_code) VALUES (${u.name}, ${u.level}, ${u.region_code})
    ON CONFLICT (region_code, name) DO NOTHING RETURNING id`
    .execute(tx)
    .then((r) => r.rows[0] ?? null);
}

/**
 * Serialises, to the end of the transaction, everything that may create the person of this ID number: two proposals
 * of one new cadre at once then meet as "already posted", not as a duplicate-key error.
 */
export function lockIdentity(tx: Tx, idHash: string) {
  return sql`SELECT pg_advisory_xact_lock(hashtextextended(${`person:${idHash}`}, 0))`.execute(tx);
}

export function identityOf(tx: Tx, idHash: string) {
  return sql<{ county_code: string; person_id: number }>`SELECT county_code, person_id FROM person_identity WHERE id_hash = ${idHash}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function personName(tx: Tx, county: string, id: number) {
  return sql<{ name: string }>`SELECT name FROM person WHERE county_code = ${county} AND id = ${id}`
    .execute(tx)
    .then((r) => r.rows[0]?.name ?? null);
}

export interface NewPerson {
  county_code: string;
  id_hash: string;
  id_cipher: string;
  id_masked: string;
  id_tail_hash: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: 'M' | 'F';
  birth_date: string;
  phone_cipher: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
}

/** A new person and their entry in the province-wide directory of ID numbers, in one statement. */
export async function insertPerson(tx: Tx, p: NewPerson) {
  const r = await sql<{ id: number }>`
    WITH ins AS (
      INSERT INTO person (county_code, id_hash, id_cipher, id_masked, id_tail_hash, name, name_pinyin, name_initials, gender, birth_date,
                          phone_cipher, phone_masked, phone_hash)
      VALUES (${p.county_code}, ${p.id_hash}, ${p.id_cipher}, ${p.id_masked}, ${p.id_tail_hash}, ${p.name}, ${p.name_pinyin}, ${p.name_initials},
              ${p.gender}, ${p.birth_date}, ${p.phone_cipher}, ${p.phone_masked}, ${p.phone_hash})
      RETURNING county_code, id, id_hash)
    INSERT INTO person_identity (id_hash, county_code, person_id) SELECT id_hash, county_code, id FROM ins RETURNING person_id AS id`.execute(
    tx,
  );
  return Number(r.rows[0]?.id);
}

/** A person's phone, when a cadre's form gives one. */
export function setPhone(tx: Tx, county: string, personId: number, phone: { cipher: string; masked: string; hash: string }) {
  return sql`UPDATE person SET phone_cipher = ${phone.cipher}, phone_masked = ${phone.masked}, phone_hash = ${phone.hash}, updated_at = now()
             WHERE county_code = ${county} AND id = ${personId}`.execute(tx);
}

/**
 * The person's cadre profile, created or brought up to date, locked to the end of the transaction: two postings of one
 * person proposed at once are judged one after the other.
 */
export async function upsertCadre(
  tx: Tx,
  c: { county_code: string; person_id: number; unit_id: number; post: string; rank: string | null; party_member: boolean },
) {
  const r = await sql<{ id: number }>`
    INSERT INTO cadre (county_code, person_id, unit_id, post, rank, party_member, updated_at)
    VALUES (${c.county_code}, ${c.person_id}, ${c.unit_id}, ${c.post}, ${c.rank}, ${c.party_member}, now())
    ON CONFLICT (county_code, person_id) DO UPDATE SET unit_id = excluded.unit_id, post = excluded.post, rank = excluded.rank,
      party_member = excluded.party_member, updated_at = excluded.updated_at
    RETURNING id`.execute(tx);
  const id = Number(r.rows[0]?.id);
  await sql`SELECT 1 FROM cadre WHERE county_code = ${c.county_code} AND id = ${id} FOR UPDATE`.execute(tx);
  return id;
}

/** The cadre's postings that are proposed or in post, with their village's name. */
export function openPostingsOf(tx: Tx, county: string, cadreId: number) {
  return sql<{ id: number; village_code: string; village_name: string; state: string }>`
    SELECT p.id, p.village_code, v.name AS village_name, c.state
    FROM cadre_posting p
    JOIN procedure_case c ON c.county_code = p.county_code AND c.procedure = 'cadres.posting' AND c.subject_id = p.id
    JOIN region v ON v.code = p.village_code
    WHERE p.county_code = ${county} AND p.cadre_id = ${cadreId} AND c.state IN ('proposed', 'in_post')`
    .execute(tx)
    .then((r) => r.rows);
}

export function insertPosting(
  tx: Tx,
  p: {
    county_code: string;
    cadre_id: number;
    village_code: string;
    role: string;
    unit_id: number;
    start_date: string;
    planned_end_date: string;
    replaces_id: number | null;
  },
) {
  return sql<{ id: number }>`
    INSERT INTO cadre_posting (county_code, cadre_id, village_code, role, unit_id, start_date, planned_end_date, replaces_id)
    VALUES (${p.county_code}, ${p.cadre_id}, ${p.village_code}, ${p.role}, ${p.unit_id}, ${p.start_date}, ${p.planned_end_date}, ${p.replaces_id})
    RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

export function confirmPosting(tx: Tx, county: string, id: number, day: string) {
  return sql`UPDATE cadre_posting SET confirmed_on = ${day}, updated_at = now() WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

export function endPosting(
  tx: Tx,
  county: string,
  id: number,
  end: { end_date: string; end_kind: string; end_reason_code: string | null; end_reason: string | null },
) {
  return sql`UPDATE cadre_posting SET end_date = ${end.end_date}, end_kind = ${end.end_kind}, end_reason_code = ${end.end_reason_code},
                                      end_reason = ${end.end_reason}, updated_at = now()
             WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

/** Logins tied to a posting stop when it ends (a resident cadre's account). Returns their ids. */
export function disablePostingUsers(tx: Tx, county: string, id: number) {
  return sql<{
    id: number;
  }>`UPDATE app_user SET disabled = true WHERE posting_county = ${county} AND posting_id = ${id} AND NOT disabled RETURNING id`
    .execute(tx)
    .then((r) => r.rows.map((x) => Number(x.id)));
}

export interface PostingRow {
  id: number;
  county_code: string;
  cadre_id: number;
  person_id: number;
  name: string;
  id_masked: string;
  gender: 'M' | 'F';
  birth_year: number;
  phone_masked: string | null;
  party_member: boolean;
  post: string;
  rank: string | null;
  unit_id: number;
  unit_name: string;
  unit_level: 'province' | 'city' | 'county' | 'township';
  role: 'first_secretary' | 'team_leader' | 'team_member';
  village_code: string;
  village_name: string;
  township_name: string | null;
  start_date: string;
  planned_end_date: string;
  confirmed_on: string | null;
  end_date: string | null;
  end_kind: string | null;
  end_reason_code: string | null;
  end_reason: string | null;
  replaces_id: number | null;
  case_id: number;
  state: string;
  due_date: string | null;
}

const postingSelect = sql`
  SELECT p.id, p.county_code, p.cadre_id, k.person_id, pe.name, pe.id_masked, pe.gender,
         extract(year FROM pe.birth_date)::int AS birth_year, pe.phone_masked, k.party_member, k.post, k.rank,
         p.unit_id, u.name AS unit_name, u.level AS unit_level, p.role, p.village_code, v.name AS village_name, t.name AS township_name,
         to_char(p.start_date, 'YYYY-MM-DD') AS start_date, to_char(p.planned_end_date, 'YYYY-MM-DD') AS planned_end_date,
         to_char(p.confirmed_on, 'YYYY-MM-DD') AS confirmed_on, to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
         p.end_kind, p.end_reason_code, p.end_reason, p.replaces_id,
         c.id AS case_id, c.state, to_char(c.due_date, 'YYYY-MM-DD') AS due_date
  FROM cadre_posting p
  JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
  JOIN dispatch_unit u ON u.id = p.unit_id
  JOIN region v ON v.code = p.village_code
  LEFT JOIN region t ON t.code = v.parent_code
  JOIN procedure_case c ON c.county_code = p.county_code AND c.procedure = 'cadres.posting' AND c.subject_id = p.id`;

export function postingById(tx: Tx, id: number) {
  return sql<PostingRow>`${postingSelect} WHERE p.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** The county part of a region filter on `alias.county_code`, and the village prefix below a county. */
function regionWhere(alias: string, region: string): RawBuilder<unknown> {
  const county =
    region.length >= 6
      ? sql`${sql.ref(`${alias}.county_code`)} = ${region.slice(0, 6)}`
      : sql`${sql.ref(`${alias}.county_code`)} >= ${region} AND ${sql.ref(`${alias}.county_code`)} < ${`${region}\uffff`}`;
  return region.length > 6 ? sql`${county} AND ${sql.ref(`${alias}.village_code`)} LIKE ${`${region}%`}` : county;
}

export interface PostingFilter {
  region: string;
  state?: string;
  role?: string;
  /** A name prefix (Chinese) or pinyin prefix. */
  name?: string;
  pinyin?: string;
}

/**
 * The conditions of a postings filter over `p` (cadre_posting), `c` (its case) and `pe` (the person): the list's and
 * the export's.
 */
export function postingConditions(f: PostingFilter): RawBuilder<unknown>[] {
  const parts = [regionWhere('p', f.region)];
  if (f.state) parts.push(sql`c.state = ${f.state}`);
  if (f.role) parts.push(sql`p.role = ${f.role}`);
  if (f.name) parts.push(sql`pe.name LIKE ${`${f.name.replace(/[\\%_]/g, '\\$&')}%`}`);
  if (f.pinyin) parts.push(sql`(pe.name_pinyin LIKE ${`${f.pinyin}%`} OR pe.name_initials LIKE ${`${f.pinyin}%`})`);
  return parts;
}

/** Postings in a region, newest first by id (keyset: county, id). */
export function listPostings(tx: Tx, f: PostingFilter, after: { county: string; id: number } | null, limit: number) {
  const parts = postingConditions(f);
  if (after) parts.push(sql`(p.county_code, p.id) > (${after.county}, ${after.id})`);
  return sql<PostingRow>`${postingSelect} WHERE ${sql.join(parts, sql` AND `)} ORDER BY p.county_code, p.id LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

export interface LeaveRow {
  id: number;
  county_code: string;
  posting_id: number;
  name: string;
  village_code: string;
  village_name: string;
  kind: 'personal' | 'sick' | 'official';
  start_date: string;
  end_date: string;
  days: number;
  reason: string;
  case_id: number;
  state: string;
  due_date: string | null;
}

const leaveSelect = sql`
  SELECT l.id, l.county_code, l.posting_id, pe.name, p.village_code, v.name AS village_name, l.kind,
         to_char(l.start_date, 'YYYY-MM-DD') AS start_date, to_char(l.end_date, 'YYYY-MM-DD') AS end_date,
         (l.end_date - l.start_date + 1)::int AS days, l.reason, c.id AS case_id, c.state, to_char(c.due_date, 'YYYY-MM-DD') AS due_date
  FROM cadre_leave l
  JOIN cadre_posting p ON p.county_code = l.county_code AND p.id = l.posting_id
  JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
  JOIN region v ON v.code = p.village_code
  JOIN procedure_case c ON c.county_code = l.county_code AND c.procedure = 'cadres.leave' AND c.subject_id = l.id`;

export function leaveById(tx: Tx, id: number) {
  return sql<LeaveRow>`${leaveSelect} WHERE l.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

export function leavesOfPosting(tx: Tx, county: string, postingId: number) {
  return sql<LeaveRow>`${leaveSelect} WHERE l.county_code = ${county} AND l.posting_id = ${postingId} ORDER BY l.start_date DESC, l.id DESC`
    .execute(tx)
    .then((r) => r.rows);
}

export function listLeave(tx: Tx, f: { region: string; state?: string }, after: { county: string; id: number } | null, limit: number) {
  const parts = [regionWhere('p', f.region)];
  if (f.state) parts.push(sql`c.state = ${f.state}`);
  // Newest first inside each county: the request a clerk just made or must answer is on the first page.
  if (after) parts.push(sql`(l.county_code > ${after.county} OR (l.county_code = ${after.county} AND l.id < ${after.id}))`);
  return sql<LeaveRow>`${leaveSelect} WHERE ${sql.join(parts, sql` AND `)} ORDER BY l.county_code, l.id DESC LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

/** One posting's leave, newest first (the field app's own list). */
export function leaveOfPosting(tx: Tx, county: string, postingId: number) {
  return sql<LeaveRow>`${leaveSelect} WHERE l.county_code = ${county} AND l.posting_id = ${postingId} ORDER BY l.start_date DESC, l.id DESC LIMIT 100`
    .execute(tx)
    .then((r) => r.rows);
}

/** Locks the posting's row to the end of the transaction: two leave requests of one cadre are judged in turn. */
export function lockPosting(tx: Tx, county: string, id: number) {
  return sql`SELECT 1 FROM cadre_posting WHERE county_code = ${county} AND id = ${id} FOR UPDATE`.execute(tx);
}

/** Leave of the posting that is asked for, granted or taken and shares a day with [start, end]. */
export function overlappingLeave(tx: Tx, county: string, postingId: number, start: string, end: string) {
  return sql<{ id: number; start_date: string; end_date: string }>`
    SELECT l.id, to_char(l.start_date, 'YYYY-MM-DD') AS start_date, to_char(l.end_date, 'YYYY-MM-DD') AS end_date
    FROM cadre_leave l
    JOIN procedure_case c ON c.county_code = l.county_code AND c.procedure = 'cadres.leave' AND c.subject_id = l.id
    WHERE l.county_code = ${county} AND l.posting_id = ${postingId} AND c.state IN ('requested', 'approved', 'taken')
      AND l.start_date <= ${end}::date AND l.end_date >= ${start}::date
    ORDER BY l.start_date LIMIT 1`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function insertLeave(
  tx: Tx,
  l: { county_code: string; posting_id: number; kind: string; start_date: string; end_date: string; reason: string },
) {
  return sql<{ id: number }>`
    INSERT INTO cadre_leave (county_code, posting_id, kind, start_date, end_date, reason)
    VALUES (${l.county_code}, ${l.posting_id}, ${l.kind}, ${l.start_date}, ${l.end_date}, ${l.reason}) RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}
