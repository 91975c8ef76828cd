import { sql } from 'kysely';
import type { Db, Tx } from '../../db/types.ts';
import { thisMonth } from '../../server/clock.ts';
import { timed } from '../../server/timing.ts';
import { PROVIDERS } from './providers.ts';
import { type Villages, villagesOf } from './villages.ts';

/**
 * The rollup engine. Triggers mark the villages whose records changed (rollup_dirty); refresh() recomputes their
 * measures and adds the difference to the village and every ancestor (township 9, county 6, city 4, province 2
 * digits), so each level is always the sum of its villages. Monthly snapshots are the same measures as of a
 * month's end, computed from dated history, province to village; a closed month is read from its snapshot alone
 * (docs/decisions/0007-time-model.md).
 */

const LEVELS = sql`(VALUES (2), (4), (6), (9), (12)) AS lv(l)`;
// One lock for all refreshes: two transactions adding differences to the same ancestors must not interleave.
const REFRESH_LOCK = 7_301_001;
// Snapshots have their own: a month's as-of pass takes seconds at scale 1, and the rollup must not wait for it.
export const MONTH_LOCK = 7_301_002;
// Villages folded in per transaction: a large import is caught up in steps, so no step holds the lock (or, on PGlite,
// the one connection) for long, and readers in between see progress.
const REFRESH_CHUNK = 1_000;

export function allMeasures(villages: Villages | null, asOf: string | null) {
  return sql<{ village_code: string; measure: string; value: number }>`${sql.join(
    PROVIDERS.map((p) => sql`(${p.measures.sql(villages, asOf)})`),
    sql` UNION ALL `,
  )}`;
}

/**
 * The row a county-wide measure is kept on (a county's own exit, which belongs to no village): a code under the county
 * that no township or village has, so the engine adds it to the county and the levels above and to no township.
 */
export const countyRow = (county: string) => `${county.slice(0, 6)}000000`;

/** Marks counties' own rows as changed (their county-wide measures are recomputed at the next refresh). */
export async function markCountyRows(tx: Tx, counties: string[]): Promise<void> {
  if (!counties.length) return;
  await sql`INSERT INTO rollup_dirty (county_code, village_code) SELECT left(v, 6), v FROM unnest(${counties.map(countyRow)}::text[]) AS v ON CONFLICT DO NOTHING`.execute(
    tx,
  );
}

export async function hasDirty(db: Tx): Promise<boolean> {
  const r = await sql<{ x: number }>`
    SELECT 1 AS x WHERE EXISTS (SELECT 1 FROM rollup_dirty) OR EXISTS (SELECT 1 FROM rollup_dated)`.execute(db);
  return r.rows.length > 0;
}

/**
 * Folds the back-dated changes the row triggers queued (rollup_dated, migration 0049): drops the monthly snapshots
 * from the earliest month on and lists, for each month dropped now or dropped before and not recomputed since, the
 * change that revised it — per writing transaction, table and county, the row with the earliest date, at the
 * transaction's time (which its audit rows carry). Returns how many marks were folded.
 */
export async function foldDated(tx: Tx): Promise<number> {
  const r = await sql<{ n: number }>`
    WITH q AS (
      DELETE FROM rollup_dated RETURNING county_code, village_code, month, source, dated, household_id, marked_at
    ), dropped AS (
      DELETE FROM indicator_month WHERE month >= (SELECT min(month) FROM q) RETURNING month
    ), pending AS (
      SELECT DISTINCT r.month FROM indicator_month_revision r
      WHERE r.month >= (SELECT min(month) FROM q) AND NOT EXISTS (SELECT 1 FROM indicator_month m WHERE m.month = r.month)
    ), named AS (
      SELECT DISTINCT ON (source, marked_at, county_code) * FROM q ORDER BY source, marked_at, county_code, dated, village_code
    ), listed AS (
      INSERT INTO indicator_month_revision (month, revised_at, source, dated, county_code, village_code, household_id)
      SELECT m.month, n.marked_at, n.source, n.dated, n.county_code, nullif(n.village_code, ''), n.household_id
      FROM named n JOIN (SELECT month FROM dropped UNION SELECT month FROM pending) m ON m.month >= n.month
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM q)::int AS n, (SELECT count(*) FROM listed)::int AS listed`.execute(tx);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Brings the rollups up to date with the records, a chunk of villages per transaction. Returns how many villages were
 * recomputed, or null when another session holds the refresh (it is doing the same work; `wait` queues behind it).
 */
export async function refresh(db: Db, opts: { wait?: boolean } = {}): Promise<number | null> {
  let total = 0;
  while (await hasDirty(db)) {
    const n = await timed('rollup.refresh', () => db.transaction().execute((tx) => refreshIn(tx, opts)));
    if (n === null) return total || null;
    if (n === 0) break;
    await bumpVersion(db);
    total += n;
  }
  return total;
}

/** One chunk, inside the caller's transaction; null when the lock is held elsewhere and `wait` is not set. */
export async function refreshIn(tx: Tx, opts: { wait?: boolean; chunk?: number } = {}): Promise<number | null> {
  if (opts.wait) await sql`SELECT pg_advisory_xact_lock(${REFRESH_LOCK})`.execute(tx);
  else {
    const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${REFRESH_LOCK}) AS ok`.execute(tx);
    if (!got.rows[0]?.ok) return null;
  }
  // Back-dated changes first, all of them (a few rows per transaction and county): no snapshot outlives its writes.
  const dated = await foldDated(tx);
  const dirty = await sql<{ village_code: string }>`
    DELETE FROM rollup_dirty WHERE village_code IN (SELECT village_code FROM rollup_dirty LIMIT ${opts.chunk ?? REFRESH_CHUNK})
    RETURNING village_code`.execute(tx);
  const codes = dirty.rows.map((r) => r.village_code);
  if (codes.length === 0) {
    if (dated) await bumpVersion(tx);
    return dated;
  }
  // Arrays, not a subquery: a distributed database pushes `= ANY(array)` down to the shards with the correlated reads,
  // and the villages' counties name the shards to read.
  const villages = villagesOf(codes);
  await sql`
    WITH fresh AS (
      SELECT m.village_code, m.measure, sum(m.value) AS value FROM (${allMeasures(villages, null)}) m GROUP BY 1, 2
    ), old AS (
      SELECT region_code AS village_code, measure, value FROM indicator_rollup WHERE region_code = ANY(${codes}::text[])
    ), delta AS (
      SELECT coalesce(f.village_code, o.village_code) AS village_code, coalesce(f.measure, o.measure) AS measure,
             coalesce(f.value, 0) - coalesce(o.value, 0) AS d
      FROM fresh f FULL JOIN old o ON o.village_code = f.village_code AND o.measure = f.measure
      WHERE coalesce(f.value, 0) <> coalesce(o.value, 0)
    )
    INSERT INTO indicator_rollup (region_code, measure, value)
    SELECT left(village_code, l), measure, sum(d) FROM delta CROSS JOIN ${LEVELS}
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (region_code, measure) DO UPDATE SET value = indicator_rollup.value + excluded.value`.execute(tx);
  await sql`
    DELETE FROM indicator_rollup WHERE value = 0
      AND region_code IN (SELECT DISTINCT left(c, l) FROM unnest(${codes}::text[]) AS c CROSS JOIN ${LEVELS})`.execute(tx);
  await bumpVersion(tx);
  return codes.length + dated;
}

/**
 * Moves the version readers key their caches on. A sequence moves outside transactions: a reader between a writer's
 * bump and its commit caches the old records under the new version. So a writer bumps in its transaction and once
 * more after the commit (`db` then is not a transaction), which retires whatever was cached in between.
 */
export async function bumpVersion(tx: Tx) {
  await sql`SELECT nextval('rollup_version')`.execute(tx);
}

/** Villages marked beyond this count make a backlog a reader does not wait for. */
export const SMALL_BACKLOG = 50;

export interface RollupState {
  /** The version readers key caches on. */
  version: number;
  /** Whether records changed since the last refresh. */
  dirty: boolean;
  /** Marked villages, counted up to SMALL_BACKLOG + 1. */
  backlog: number;
  /** When the oldest unfolded change was marked: the figures hold everything committed before it. */
  dirtySince: Date | null;
}

/**
 * Whose marks a region's figures wait for: a county or anything below it its county's (on Citus one shard: a county
 * user's every statement is a router query), a city its counties', the province all (''). Readers share a probe per
 * value of this.
 */
export const marksRegion = (region: string) => (region.length >= 6 ? region.slice(0, 6) : region.length > 2 ? region : '');

/**
 * The queues' condition for a region's marks. A city's counties are named, written into the text (codes of digits,
 * checked by the region table): on Citus only their shards are read — a prefix, or a list the planner only sees at
 * execution, reaches every shard.
 */
async function marksOf(db: Tx, region: string) {
  const marks = marksRegion(region);
  if (marks.length === 6) return sql`WHERE county_code = ${marks}`;
  if (!marks) return sql``;
  const counties = await countiesOfCity(db, marks);
  return counties.length ? sql`WHERE county_code IN (${sql.join(counties.map((c) => sql.lit(c)))})` : sql`WHERE false`;
}

/** A city's counties, kept a minute per database (regions change by an import of the division codes). */
const cityCounties = new WeakMap<object, Map<string, { at: number; codes: Promise<string[]> }>>();
export function countiesOfCity(db: Tx, city: string): Promise<string[]> {
  let of = cityCounties.get(db);
  if (!of) {
    of = new Map();
    cityCounties.set(db, of);
  }
  const kept = of.get(city);
  if (kept && Date.now() - kept.at < 60_000) return kept.codes;
  const codes = sql<{ code: string }>`SELECT code FROM region WHERE parent_code = ${city} AND code ~ '^[0-9]{6}$' ORDER BY code`
    .execute(db)
    .then((r) => r.rows.map((x) => x.code));
  of.set(city, { at: Date.now(), codes });
  codes.catch(() => of.delete(city));
  return codes;
}

export async function state(db: Tx, region = ''): Promise<RollupState> {
  // One read of each queue, oldest first: its count (up to the limit) and its oldest mark. On Citus each is one
  // LIMIT read per shard of the region (the queues are distributed by county), so two reads rather than four.
  const where = await marksOf(db, region);
  const r = await sql<{ v: number; n: number; since: Date | string | null }>`
    WITH d AS (SELECT count(*) AS n, min(marked_at) AS since FROM (
                 SELECT marked_at FROM rollup_dirty ${where} ORDER BY marked_at LIMIT ${SMALL_BACKLOG + 1}) x),
         q AS (SELECT count(*) AS n, min(marked_at) AS since FROM (
                 SELECT marked_at FROM rollup_dated ${where} ORDER BY marked_at LIMIT 1) x)
    SELECT (SELECT last_value FROM rollup_version) AS v, d.n + q.n AS n, least(d.since, q.since) AS since FROM d, q`.execute(db);
  const row = r.rows[0];
  const backlog = Number(row?.n ?? 0);
  return { version: Number(row?.v ?? 0), dirty: backlog > 0, backlog, dirtySince: row?.since ? new Date(row.since) : null };
}

/** Current measures of the given regions. */
export async function currentMeasures(db: Tx, codes: string[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>(codes.map((c) => [c, new Map()]));
  if (codes.length === 0) return out;
  const r = await sql<{ region_code: string; measure: string; value: number }>`
    SELECT region_code, measure, value FROM indicator_rollup WHERE region_code = ANY(${codes}::text[])`.execute(db);
  for (const row of r.rows) out.get(row.region_code)?.set(row.measure, Number(row.value));
  return out;
}

export const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
};

/**
 * Computes and stores the snapshot of a closed month, unless it is there. Readers that found the month missing may
 * hold answers without it, so a new snapshot moves the version.
 */
export async function ensureMonth(db: Db, month: string): Promise<void> {
  const first = `${month}-01`;
  const have = await sql`SELECT 1 FROM indicator_month WHERE month = ${first}::date`.execute(db);
  if (have.rows.length) return;
  const made = await timed('rollup.month', () =>
    db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${MONTH_LOCK})`.execute(tx);
      const inserted =
        await sql`INSERT INTO indicator_month (month) VALUES (${first}::date) ON CONFLICT DO NOTHING RETURNING month`.execute(tx);
      if (!inserted.rows.length) return false;
      await sql`
        INSERT INTO indicator_monthly (month, region_code, measure, value)
        SELECT ${first}::date, left(m.village_code, l), m.measure, sum(m.value)
        FROM (${allMeasures(null, monthEnd(month))}) m CROSS JOIN ${LEVELS}
        GROUP BY 2, 3 HAVING sum(m.value) <> 0`.execute(tx);
      await bumpVersion(tx);
      return true;
    }),
  );
  if (made) await bumpVersion(db);
}

type Measures = Map<string, Map<string, number>>;

/** Measures by month; `pending` are closed months whose snapshot is not computed yet (their entries are absent). */
export type MonthMeasures = Map<string, Measures> & { pending: string[] };

/**
 * Measures of the given regions at the end of each month: the live rollup for the current month (still open), the
 * stored snapshot for a closed one, read whole (every measure, down to the village), so no present-day write can
 * change it (decision 0007). A month without its snapshot is computed here when `missing` is 'compute' (documents);
 * with 'pending' (dashboards) it is left out and listed, and the caller has it computed in the background.
 */
export async function measuresForMonths(
  db: Db,
  codes: string[],
  months: string[],
  latest: string,
  missing: 'compute' | 'pending' = 'compute',
): Promise<MonthMeasures> {
  const out = Object.assign(new Map<string, Measures>(), { pending: [] as string[] });
  const open = months.filter((m) => m >= latest);
  let closed = months.filter((m) => m < latest);
  if (open.length) {
    const current = await currentMeasures(db, codes);
    for (const m of open) out.set(m, current);
  }
  if (!closed.length || !codes.length) {
    for (const m of closed) out.set(m, new Map(codes.map((c) => [c, new Map()])));
    return out;
  }
  const have = await sql<{ m: string }>`
    SELECT to_char(month, 'YYYY-MM') AS m FROM indicator_month WHERE month = ANY(${closed.map((m) => `${m}-01`)}::date[])`.execute(db);
  const present = new Set(have.rows.map((r) => r.m));
  for (const m of closed) {
    if (present.has(m)) continue;
    if (missing === 'compute') await ensureMonth(db, m);
    else out.pending.push(m);
  }
  closed = closed.filter((m) => !out.pending.includes(m));
  for (const m of closed) out.set(m, new Map(codes.map((c) => [c, new Map()])));
  if (!closed.length) return out;
  const r = await sql<{ m: string; region_code: string; measure: string; value: number }>`
    SELECT to_char(month, 'YYYY-MM') AS m, region_code, measure, value FROM indicator_monthly
    WHERE month = ANY(${closed.map((m) => `${m}-01`)}::date[]) AND region_code = ANY(${codes}::text[])`.execute(db);
  for (const row of r.rows) out.get(row.m)?.get(row.region_code)?.set(row.measure, Number(row.value));
  return out;
}

/**
 * The latest month: the clock's (the present is today, docs/decisions/0007-time-model.md). No write can move it, and
 * no write can hide the months before it.
 */
export async function latestMonth(_db: Tx): Promise<string> {
  return thisMonth();
}

/** The first month with data: the earliest dated fact any provider knows, never after the current month. */
export async function firstMonth(db: Tx): Promise<string> {
  const now = thisMonth();
  let first: string | null = null;
  for (const p of PROVIDERS) {
    const r = await p.measures.firstChange().execute(db);
    const d = r.rows[0]?.d?.slice(0, 7) ?? null;
    if (d && (!first || d < first)) first = d;
  }
  return first && first < now ? first : now;
}
