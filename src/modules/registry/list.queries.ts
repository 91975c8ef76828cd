import { type RawBuilder, sql } from 'kysely';
import { planRows } from '../../db/plan-rows.ts';
import { executePrepared } from '../../db/prepared.ts';
import { sameCounty, sameCountyAs } from '../../db/region-scope.ts';
import type { Tx } from '../../db/types.ts';
import { anyProject, countyScope, type HouseholdFilter, householdWhere, personSearch } from './queries.ts';

/**
 * The household list's reads: a page of households (keys first, walked county by county above a county), the
 * counties that hold households, and the list's total (counted, or the planner's estimate).
 */

/** Keyset position: households are ordered by (county_code, id), the primary key, so any page is an index range scan. */
export interface HouseholdCursor {
  county: string;
  id: number;
}

/** Inside one county the position is just the id, which the planner turns into a plain index range. */
function keysetAfter(f: HouseholdFilter, after: HouseholdCursor | null, county = 'h.county_code', id = 'h.id') {
  if (!after) return sql``;
  if (f.region.length >= 6 && after.county === f.region.slice(0, 6)) return sql`AND ${sql.ref(id)} > ${after.id}`;
  return sql`AND (${sql.ref(county)}, ${sql.ref(id)}) > (${after.county}, ${after.id})`;
}

/**
 * The page's keys when the search box is the only filter and the scope is whole counties: the households come
 * straight from the matching members (every member's household exists and lies in the member's county), so the
 * household table is not touched. Planned with the text in view, this reads a rare prefix from the person indexes
 * and walks members in household order for a common one. Households of villages named by the text are a second
 * ordered, limited range merged in (an OR of the two would walk every household for a rare name).
 */
function searchKeys(f: HouseholdFilter, search: RawBuilder<unknown>, after: HouseholdCursor | null, limit: number) {
  const members = sql`
    SELECT DISTINCT m.county_code, m.household_id AS id
    FROM household_member m JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
    WHERE ${countyScope(f, 'm')} AND ${search} ${keysetAfter(f, after, 'm.county_code', 'm.household_id')}
    ORDER BY m.county_code, m.household_id
    LIMIT ${limit}`;
  if (!f.villageCodes?.length) return members;
  return sql`
    SELECT county_code, id FROM ((${members}) UNION (
      SELECT h.county_code, h.id FROM household h
      WHERE ${countyScope(f, 'h')} AND h.village_code IN (${sql.join(f.villageCodes)}) ${keysetAfter(f, after)}
      ORDER BY h.county_code, h.id LIMIT ${limit})) k
    ORDER BY county_code, id LIMIT ${limit}`;
}

export interface HouseholdListRow {
  id: number;
  county_code: string;
  household_no: string;
  village_code: string;
  head_name: string | null;
  head_id_masked: string | null;
  member_count: number;
  category: string;
  cause: string;
  status: string;
  year_identified: number;
  planned_exit_year: number | null;
  exit_year: number | null;
  income: number | null;
  helper_name: string | null;
  has_project: boolean;
  guarantee_food: boolean;
  guarantee_clothing: boolean;
  guarantee_education: boolean;
  guarantee_medical: boolean;
  guarantee_housing: boolean;
}

/** The list's columns for the households of `keys` (a FROM item with county_code and id), in `order`. */
function pageRows(f: HouseholdFilter, keys: RawBuilder<unknown>, order: RawBuilder<unknown>) {
  return sql<HouseholdListRow>`
    SELECT h.id, h.county_code, h.household_no, h.village_code,
           p.name AS head_name, p.id_masked AS head_id_masked, h.member_count, h.category, h.cause, h.status,
           h.year_identified, h.planned_exit_year, h.exit_year,
           h.guarantee_food, h.guarantee_clothing, h.guarantee_education, h.guarantee_medical, h.guarantee_housing,
           (SELECT per_capita FROM household_income i WHERE ${sameCountyAs('i', 'h', f.region)} AND i.household_id = h.id AND i.year = ${f.registerYear}) AS income,
           (SELECT helper_name FROM help_pairing hp WHERE ${sameCountyAs('hp', 'h', f.region)} AND hp.household_id = h.id AND hp.end_date IS NULL
            ORDER BY hp.start_date DESC, hp.id DESC LIMIT 1) AS helper_name,
           ${anyProject('h', f.region)} AS has_project
    FROM ${keys}
    JOIN household h ON h.county_code = k.county_code AND h.id = k.id
    LEFT JOIN person p ON ${sameCountyAs('p', 'h', f.region)} AND p.id = h.head_person_id
    WHERE ${sameCounty('h', f.region)}
    ORDER BY ${order}`;
}

/**
 * A page of households, keys first: the page's (county_code, id) are found from indexes alone (the primary key,
 * the narrow filter index or the still-poor index, with index-only probes for the gap and search conditions), and
 * only those rows are then read with their head, income, helper and project. Reading every column while walking
 * past the households a filter skips cost four times as much on the sparse gaps. Village and township names are
 * not joined here: they come from `villageNames`, which the service caches.
 *
 * A filter whose best plan does not depend on its values runs as one prepared statement (PostgreSQL soon settles on
 * a generic plan and stops planning it). A gap (sparse, walked with an anti-join whose best form depends on the
 * scope's size) or a search (a rare prefix is read from the person indexes, a common one by walking households)
 * needs its values planned on every call — a generic plan took 640 ms for a province-wide search by one initial,
 * against 2.5 ms planned — so only its small keys query is planned each time, and the rows are read by a prepared one.
 */
export async function listHouseholds(
  tx: Tx,
  f: HouseholdFilter,
  after: HouseholdCursor | null,
  limit: number,
  /** The counties holding households, in code order (list-counties.ts): above a county the walk starts at the first. */
  withHouseholds?: readonly string[],
): Promise<{ rows: HouseholdListRow[] }> {
  const search = personSearch(f);
  const searchOnly =
    search &&
    f.region.length <= 6 &&
    !f.householdNo &&
    !f.status?.length &&
    !f.cause &&
    !f.category &&
    !f.gap &&
    f.plannedExit === undefined &&
    f.incomeBand === undefined;
  const keysOf = (g: HouseholdFilter, from: HouseholdCursor | null, n: number) =>
    searchOnly
      ? (searchKeys(g, search, from, n) as RawBuilder<Key>)
      : sql<Key>`
    SELECT h.county_code, h.id FROM household h
    WHERE ${householdWhere(g)} ${keysetAfter(g, from)}
    ORDER BY h.county_code, h.id
    LIMIT ${n}`;
  const valueDependent =
    f.gap !== undefined || f.incomeBand !== undefined || search !== null || f.householdNo !== undefined || f.villageCodes !== undefined;
  const counties = f.region.length < 6;
  if (!valueDependent && !counties) return executePrepared(tx, pageRows(f, sql`(${keysOf(f, after, limit)}) k`, sql`h.county_code, h.id`));
  const found =
    counties && !searchOnly ? await walkKeys(tx, f, after, limit, withHouseholds ?? [], keysOf) : await read(tx, keysOf(f, after, limit));
  if (!found.length) return { rows: [] };
  // Above a county the keys come first and the rows are read county by county (most pages of a city or the province
  // hold one or two counties): on Citus each read is one shard group. Read in one statement, the page reached all 32
  // shards with the keys sent to each (3.7 s p95 for the province's first page at scale 1, against 92 ms on one
  // PostgreSQL); with its counties named (= ANY, which Citus prunes to their shards) a page across two counties was
  // still 17 answers/s against 300 county by county at scale 0.1. A page across many counties (a sparse filter) is
  // read in one statement.
  const groups = counties ? byCounty(found) : [];
  const keyRows = (keys: Key[]) =>
    sql`unnest(${keys.map((k) => k.county_code)}::text[], ${keys.map((k) => k.id)}::bigint[]) WITH ORDINALITY AS k(county_code, id, n)`;
  if (!counties || groups.length > WALK_COUNTIES) return executePrepared(tx, pageRows(f, keyRows(found), sql`k.n`));
  const rows: HouseholdListRow[] = [];
  for (const keys of groups) {
    rows.push(...(await executePrepared(tx, pageRows({ ...f, region: keys[0]?.county_code as string }, keyRows(keys), sql`k.n`))).rows);
  }
  return { rows };
}

/** Keys in (county, id) order, grouped by county. */
function byCounty(keys: Key[]): Key[][] {
  const groups: Key[][] = [];
  for (const k of keys) {
    const last = groups.at(-1);
    if (last && last[0]?.county_code === k.county_code) last.push(k);
    else groups.push([k]);
  }
  return groups;
}

/** How many counties a page's walk reads one by one before reading the rest across counties. */
const WALK_COUNTIES = 8;

type Key = { county_code: string; id: number };
const read = (tx: Tx, q: RawBuilder<Key>) => q.execute(tx).then((r) => r.rows);

/**
 * The page's keys above a county, walked: county by county from the first (in code order, at or after the cursor's)
 * that holds households, each read one county's (on Citus one shard group: the read across counties reached all 32
 * shards for every page, 1.9–5.5 s p95 for the province's first page under 20 clients at scale 0.1); only when
 * WALK_COUNTIES counties have not filled the page, the rest from the counties after them, across counties.
 * `withHouseholds` is a hint: a county it names without households costs an empty read, one it misses would be
 * skipped (list-counties.ts keeps it right).
 */
async function walkKeys(
  tx: Tx,
  f: HouseholdFilter,
  after: HouseholdCursor | null,
  limit: number,
  withHouseholds: readonly string[],
  keysOf: (f: HouseholdFilter, after: HouseholdCursor | null, limit: number) => RawBuilder<Key>,
): Promise<Key[]> {
  const walk = withHouseholds.filter((c) => c.startsWith(f.region) && (!after || c >= after.county)).slice(0, WALK_COUNTIES);
  if (!walk.length) return read(tx, keysOf(f, after, limit));
  const got: Key[] = [];
  for (const county of walk) {
    got.push(...(await read(tx, keysOf({ ...f, region: county }, after?.county === county ? after : null, limit - got.length))));
    if (got.length >= limit) return got;
  }
  // Past the last county walked: a cursor at its end (ids are bigint; no household has this one).
  const rest = await read(tx, keysOf(f, { county: walk.at(-1) as string, id: Number.MAX_SAFE_INTEGER }, limit - got.length));
  return [...got, ...rest];
}

/** The counties holding households, in code order (a hint for the list's walk; list-counties.ts keeps it). */
export function householdCounties(tx: Tx) {
  return sql<{ county_code: string }>`SELECT DISTINCT county_code FROM household`
    .execute(tx)
    .then((r) => r.rows.map((x) => x.county_code).sort());
}

/** The planner's estimate of how many households a filter has (on Citus the sum of its shards' estimates). */
export async function estimateHouseholds(tx: Tx, f: HouseholdFilter): Promise<number> {
  const plan = await sql<{ 'QUERY PLAN': unknown }>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM household h WHERE ${householdWhere(f)}`.execute(tx);
  return planRows(plan.rows[0]?.['QUERY PLAN']);
}

/**
 * How many households a filter has: counted exactly up to `limit`, and above it `estimate` (estimateHouseholds), never
 * below the limit. Where the estimate is far above the limit (a province: 312,723 households) the count is not even
 * started: counting 10,001 rows cost 99 ms on the scale-1 register, the estimate a plan. `whole` counts every row, not
 * the first `limit` + 1, for Citus: there a count is summed from the shards' own counts, while a LIMIT in a subquery
 * brings every shard's rows (up to the limit each) to the coordinator — 71 ms against 13 ms for the scale-0.1
 * province, idle. On one PostgreSQL the limited count is the cheaper (2.1 ms against 6.0 ms for the same province).
 */
export async function countHouseholds(
  tx: Tx,
  f: HouseholdFilter,
  limit: number,
  estimate: number,
  whole = false,
): Promise<{ n: number; exact: boolean }> {
  if (estimate > limit * 5) return { n: estimate, exact: false };
  const r = whole
    ? await sql<{ n: number }>`SELECT count(*) AS n FROM household h WHERE ${householdWhere(f)}`.execute(tx)
    : await sql<{ n: number }>`
    SELECT count(*) AS n FROM (SELECT 1 FROM household h WHERE ${householdWhere(f)} LIMIT ${limit + 1}) x`.execute(tx);
  const n = Number(r.rows[0]?.n ?? 0);
  if (n <= limit) return { n, exact: true };
  return { n: whole ? n : Math.max(limit + 1, estimate), exact: false };
}
