import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import { sameCountyAs } from '../../db/region-scope.ts';
import type { HouseholdTable, Tx } from '../../db/types.ts';
import type { ImportKind } from './import/service.ts';

export const STILL_POOR = ['poor', 'returned'] as const;
export type Gap = 'no_helper' | 'no_project' | 'no_deadline' | 'deadline_passed';

export interface HouseholdFilter {
  region: string;
  /** One status, or several (the command centre's "still poor" is poor or returned). */
  status?: string | readonly string[];
  cause?: string;
  category?: string;
  gap?: Gap;
  /** The planned exit year, or 'none' for households without one. */
  plannedExit?: number | 'none';
  /** Per-capita income of the register year in steps of 1,000 yuan (10: 10,000 and above), as the income chart. */
  incomeBand?: number;
  /** The search box (service.searchFilter): a member's name prefix (Chinese), or pinyin prefix (full or initials). */
  nameLike?: string;
  pinyin?: string;
  /** A member's ID number (keyed hash), or the keyed hash of its last four characters. */
  idHash?: string;
  idTailHash?: string;
  householdNo?: string;
  /** Villages whose name starts with the Chinese search text: their households match as well as members' names. */
  villageCodes?: readonly string[];
  registerYear: number;
}

const activeHelper = (h: string, region: string) =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM help_pairing hp WHERE ${sameCountyAs('hp', h, region)} AND hp.household_id = ${sql.ref(`${h}.id`)} AND hp.end_date IS NULL)`;
export const anyProject = (h: string, region: string) =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM household_project pr WHERE ${sameCountyAs('pr', h, region)} AND pr.household_id = ${sql.ref(`${h}.id`)} AND pr.state <> 'cancelled')`;

/**
 * `column` starts with `prefix` (LIKE with % and _ escaped). The statement is planned with the text in view, so the
 * planner both bounds the text_pattern_ops index and knows how many rows match: a rare prefix is read from the
 * person indexes, a common one by walking households in page order until the page is full.
 */
export function startsWith(column: string, prefix: string) {
  return sql`${sql.ref(column)} LIKE ${`${prefix.replace(/[\\%_]/g, '\\$&')}%`}`;
}

/**
 * The WHERE clause of a household filter, on alias `h`. Scope first: it is the one condition never skipped.
 * A county (or anything inside one) pins the distribution column; above that, the scope is the range of six-digit
 * county codes under the prefix. A range, not `LIKE '2113%'`: under a non-C collation (C.UTF-8 included, before
 * PostgreSQL 17) LIKE cannot bound a scan of the primary key, so a city's first page read every household of the
 * cities before it.
 */
export function householdWhere(f: HouseholdFilter): Expression<SqlBool> {
  const parts = [countyScope(f, 'h'), ...(f.region.length > 6 ? [sql`h.village_code LIKE ${`${f.region}%`}`] : [])];
  if (typeof f.status === 'string') parts.push(sql`h.status = ${f.status}`);
  else if (f.status?.length) parts.push(sql`h.status IN (${sql.join(f.status)})`);
  if (f.cause) parts.push(sql`h.cause = ${f.cause}`);
  if (f.category) parts.push(sql`h.category = ${f.category}`);
  const stillPoor = sql`h.status IN ('poor', 'returned')`;
  if (f.gap === 'no_helper') parts.push(sql`${stillPoor} AND NOT ${activeHelper('h', f.region)}`);
  if (f.gap === 'no_project') parts.push(sql`${stillPoor} AND NOT ${anyProject('h', f.region)}`);
  if (f.gap === 'no_deadline') parts.push(sql`${stillPoor} AND h.planned_exit_year IS NULL`);
  if (f.gap === 'deadline_passed') parts.push(sql`${stillPoor} AND h.planned_exit_year < ${f.registerYear}`);
  if (f.plannedExit === 'none') parts.push(sql`h.planned_exit_year IS NULL`);
  else if (f.plannedExit !== undefined) parts.push(sql`h.planned_exit_year = ${f.plannedExit}`);
  if (f.incomeBand !== undefined) {
    const upper = f.incomeBand >= 10 ? sql`` : sql`AND i.per_capita < ${(f.incomeBand + 1) * 1000}`;
    parts.push(sql`EXISTS (SELECT 1 FROM household_income i WHERE ${sameCountyAs('i', 'h', f.region)} AND i.household_id = h.id
                           AND i.year = ${f.registerYear} AND i.per_capita >= ${Math.min(f.incomeBand, 10) * 1000} ${upper})`);
  }
  if (f.householdNo) parts.push(startsWith('h.household_no', f.householdNo));
  const search = personSearch(f);
  if (search) {
    const member = sql`EXISTS (SELECT 1 FROM household_member m JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
                           WHERE ${sameCountyAs('m', 'h', f.region)} AND m.household_id = h.id AND ${search})`;
    parts.push(f.villageCodes?.length ? sql`(${member} OR h.village_code IN (${sql.join(f.villageCodes)}))` : member);
  }
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

/** The county part of the scope on `alias.county_code`: one county, or the range of counties under a prefix. */
export function countyScope(f: HouseholdFilter, alias: string) {
  const col = sql.ref(`${alias}.county_code`);
  return f.region.length >= 6
    ? sql`${col} = ${f.region.slice(0, 6)}`
    : sql`${col} BETWEEN ${f.region.padEnd(6, '0')} AND ${f.region.padEnd(6, '9')}`;
}

/** The search box's condition on a member's person `p`, or null without a search by member. */
export function personSearch(f: Pick<HouseholdFilter, 'nameLike' | 'pinyin' | 'idHash' | 'idTailHash'>) {
  const conds = [
    ...(f.nameLike ? [startsWith('p.name', f.nameLike)] : []),
    // Full pinyin or initials: wuziran and wzr both find 吴自然. Each side is a prefix range of its own index.
    ...(f.pinyin ? [sql`(${startsWith('p.name_pinyin', f.pinyin)} OR ${startsWith('p.name_initials', f.pinyin)})`] : []),
    ...(f.idHash ? [sql`p.id_hash = ${f.idHash}`] : []),
    ...(f.idTailHash ? [sql`p.id_tail_hash = ${f.idTailHash}`] : []),
  ];
  return conds.length ? sql.join(conds, sql` AND `) : null;
}

/** Villages by code with their own and their township's name. */
export function villageNames(tx: Tx, codes: readonly string[]) {
  return sql<{ code: string; name: string; township_name: string | null }>`
    SELECT v.code, v.name, t.name AS township_name
    FROM region v LEFT JOIN region t ON t.code = v.parent_code
    WHERE v.code = ANY(${codes as string[]})`
    .execute(tx)
    .then((r) => r.rows);
}

/** Households still poor, and how many of them have a helper, a project, a deadline; deadlines passed. */
export async function coverage(tx: Tx, region: string, registerYear: number) {
  const r = await sql<{ still_poor: number; with_helper: number; with_project: number; with_deadline: number; deadline_passed: number }>`
    SELECT count(*) AS still_poor,
           count(*) FILTER (WHERE ${activeHelper('h', region)}) AS with_helper,
           count(*) FILTER (WHERE ${anyProject('h', region)}) AS with_project,
           count(*) FILTER (WHERE h.planned_exit_year IS NOT NULL) AS with_deadline,
           count(*) FILTER (WHERE h.planned_exit_year < ${registerYear}) AS deadline_passed
    FROM household h
    WHERE ${householdWhere({ region, registerYear })} AND h.status IN ('poor', 'returned')`.execute(tx);
  return r.rows[0] ?? { still_poor: 0, with_helper: 0, with_project: 0, with_deadline: 0, deadline_passed: 0 };
}

export function householdById(tx: Tx, id: number) {
  return sql<Selectable<HouseholdTable>>`SELECT * FROM household h WHERE h.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

export function members(tx: Tx, county: string, householdId: number) {
  return sql<{
    person_id: number;
    name: string;
    id_masked: string;
    gender: string;
    birth_date: string;
    ethnicity: string | null;
    phone_masked: string | null;
    relation: string;
    education: string | null;
    schooling: string | null;
    health: string | null;
    labour: string | null;
    work: string | null;
    medical_insurance: boolean | null;
  }>`
    SELECT p.id AS person_id, p.name, p.id_masked, p.gender, p.birth_date, p.ethnicity, p.phone_masked,
           m.relation, m.education, m.schooling, m.health, m.labour, m.work, m.medical_insurance
    FROM household_member m JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
    WHERE m.county_code = ${county} AND m.household_id = ${householdId}
    ORDER BY (m.relation = 'head') DESC, p.birth_date`
    .execute(tx)
    .then((r) => r.rows);
}

export function locateHousehold(tx: Tx, id: string) {
  if (!/^\d{1,15}$/.test(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM household WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

/** A person belongs where their household is; without one, to their county. */
export function locatePerson(tx: Tx, id: string) {
  if (!/^\d{1,15}$/.test(id)) return Promise.resolve(null);
  return sql<{ code: string }>`
    SELECT coalesce(h.village_code, p.county_code) AS code FROM person p
    LEFT JOIN household_member m ON m.county_code = p.county_code AND m.person_id = p.id
    LEFT JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id
    WHERE p.id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.code ?? null);
}

export function locatePoorVillage(tx: Tx, code: string) {
  if (!/^\d{12}$/.test(code)) return Promise.resolve(null);
  return sql<{
    village_code: string;
  }>`SELECT village_code FROM poor_village WHERE county_code = ${code.slice(0, 6)} AND village_code = ${code}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

/** The import page's list: the scope's last twenty uploads. */
export function recentImports(tx: Tx, scopeCode: string, kind: ImportKind = 'register') {
  return (
    tx
      .selectFrom('import_batch')
      .selectAll()
      .where('kind', '=', kind)
      .where('scope_code', 'like', `${scopeCode}%`)
      // Form saves kept a batch named so until they stopped keeping one (import/form.ts); an upload's name has an extension.
      .where(sql<boolean>`filename !~ '^(form|edit:[0-9]+)$'`)
      .orderBy('id', 'desc')
      .limit(20)
      .execute()
  );
}

/** An import batch belongs to the scope it was uploaded for; the register's routes know only the register's batches. */
export function locateImport(tx: Tx, id: string, kind: ImportKind = 'register') {
  if (!/^\d{1,15}$/.test(id)) return Promise.resolve(null);
  return sql<{ scope_code: string }>`SELECT scope_code FROM import_batch WHERE id = ${Number(id)} AND kind = ${kind}`
    .execute(tx)
    .then((r) => r.rows[0]?.scope_code ?? null);
}

/** Whether the register holds any household (first start loads the demo register into an empty one). */
export async function anyHousehold(tx: Tx): Promise<boolean> {
  const r = await sql<{ x: number }>`SELECT 1 AS x FROM household LIMIT 1`.execute(tx);
  return r.rows.length > 0;
}

/** How many persons (member rows, as the export writes them) the households of a filter have. */
export async function countPersons(tx: Tx, f: HouseholdFilter): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*) AS n FROM household h JOIN household_member m ON m.county_code = h.county_code AND m.household_id = h.id
    WHERE ${householdWhere(f)}`.execute(tx);
  return Number(r.rows[0]?.n ?? 0);
}

/** The households of one village in household-number order (a village's files are printed in that order). */
export function householdIdsOfVillage(tx: Tx, villageCode: string) {
  return sql<{ id: number }>`
    SELECT h.id FROM household h WHERE h.county_code = ${villageCode.slice(0, 6)} AND h.village_code = ${villageCode}
    ORDER BY h.household_no, h.id`
    .execute(tx)
    .then((r) => r.rows.map((x) => Number(x.id)));
}
