import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../db/types.ts';
import { timed } from '../../server/timing.ts';
import { PROVIDERS } from './providers.ts';

/**
 * The rollup engine. Triggers mark the villages whose records changed (rollup_dirty); refresh() recomputes their
 * measures and adds the difference to the village and every ancestor (township 9, county 6, city 4, province 2
 * digits), so each level is always the sum of its villages. Monthly snapshots are the same measures as of a
 * month's end, computed from dated history, province to township.
 */

const LEVELS = sql`(VALUES (2), (4), (6), (9), (12)) AS lv(l)`;
const MONTHLY_LEVELS = sql`(VALUES (2), (4), (6), (9)) AS lv(l)`;
// One lock for all refreshes: two transactions adding differences to the same ancestors must not interleave.
const REFRESH_LOCK = 7_301_001;

export function allMeasures(villages: RawBuilder<unknown> | null, asOf: string | null) {
  return sql<{ village_code: string; measure: string; value: number }>`${sql.join(
    PROVIDERS.map((p) => sql`(${p.measures.sql(villages, asOf)})`),
    sql` UNION ALL `,
  )}`;
}

const monthlyFilter = () => {
  const prefixes = PROVIDERS.flatMap((p) => p.measures.monthly);
  return sql`(${sql.join(
    prefixes.map((p) => sql`m.measure LIKE ${`${p}%`}`),
    sql` OR `,
  )})`;
};

export async function hasDirty(db: Tx): Promise<boolean> {
  const r = await sql<{ x: number }>`SELECT 1 AS x FROM rollup_dirty LIMIT 1`.execute(db);
  return r.rows.length > 0;
}

/** Brings the rollups up to date with the records. Returns how many villages were recomputed. */
export async function refresh(db: Db): Promise<number> {
  if (!(await hasDirty(db))) return 0;
  return timed('rollup.refresh', () => db.transaction().execute((tx) => refreshIn(tx)));
}

/** The same, inside the caller's transaction (the writer's own, so its figures commit with its records). */
export async function refreshIn(tx: Tx): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(${REFRESH_LOCK})`.execute(tx);
  const dirty = await sql<{ village_code: string }>`DELETE FROM rollup_dirty RETURNING village_code`.execute(tx);
  const codes = dirty.rows.map((r) => r.village_code);
  if (codes.length === 0) return 0;
  const villages = sql`SELECT unnest(${codes}::text[])`;
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
  return codes.length;
}

export async function bumpVersion(tx: Tx) {
  await sql`SELECT nextval('rollup_version')`.execute(tx);
}

/** The version readers key caches on, and whether records changed since the last refresh. */
export async function state(db: Tx): Promise<{ version: number; dirty: boolean }> {
  const r = await sql<{ v: number; dirty: boolean }>`
    SELECT (SELECT last_value FROM rollup_version) AS v, EXISTS (SELECT 1 FROM rollup_dirty) AS dirty`.execute(db);
  const row = r.rows[0];
  return { version: Number(row?.v ?? 0), dirty: Boolean(row?.dirty) };
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

/** Computes and stores the snapshot of a closed month, unless it is there. */
export async function ensureMonth(db: Db, month: string): Promise<void> {
  const first = `${month}-01`;
  const have = await sql`SELECT 1 FROM indicator_month WHERE month = ${first}::date`.execute(db);
  if (have.rows.length) return;
  await timed('rollup.month', () =>
    db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${REFRESH_LOCK})`.execute(tx);
      const inserted =
        await sql`INSERT INTO indicator_month (month) VALUES (${first}::date) ON CONFLICT DO NOTHING RETURNING month`.execute(tx);
      if (!inserted.rows.length) return;
      await sql`
        INSERT INTO indicator_monthly (month, region_code, measure, value)
        SELECT ${first}::date, left(m.village_code, l), m.measure, sum(m.value)
        FROM (${allMeasures(null, monthEnd(month))}) m CROSS JOIN ${MONTHLY_LEVELS}
        WHERE ${monthlyFilter()}
        GROUP BY 2, 3 HAVING sum(m.value) <> 0`.execute(tx);
    }),
  );
}

type Measures = Map<string, Map<string, number>>;

const isMonthly = (measure: string) => PROVIDERS.some((p) => p.measures.monthly.some((x) => measure.startsWith(x)));

/**
 * Measures of the given regions at the end of each month: the live rollup for months from `latest` on; before
 * it, monthly measures from the snapshots (villages are not kept there, so they are computed on the spot) and
 * the rest (year-keyed, which history does not change) as they stand now. Few queries whatever the months.
 */
export async function measuresForMonths(db: Db, codes: string[], months: string[], latest: string): Promise<Map<string, Measures>> {
  const current = await currentMeasures(db, codes);
  const out = new Map<string, Measures>();
  const closed = months.filter((m) => m < latest);
  for (const m of months) if (m >= latest) out.set(m, current);
  if (!closed.length) return out;
  const base = () => {
    const copy: Measures = new Map();
    for (const [code, m] of current) copy.set(code, new Map([...m].filter(([k]) => !isMonthly(k))));
    return copy;
  };
  for (const m of closed) out.set(m, base());
  const villages = codes.filter((c) => c.length === 12);
  const others = codes.filter((c) => c.length < 12);
  if (others.length) {
    const firsts = closed.map((m) => `${m}-01`);
    const have = await sql<{
      m: string;
    }>`SELECT to_char(month, 'YYYY-MM') AS m FROM indicator_month WHERE month = ANY(${firsts}::date[])`.execute(db);
    const present = new Set(have.rows.map((r) => r.m));
    for (const m of closed) if (!present.has(m)) await ensureMonth(db, m);
    const r = await sql<{ m: string; region_code: string; measure: string; value: number }>`
      SELECT to_char(month, 'YYYY-MM') AS m, region_code, measure, value FROM indicator_monthly
      WHERE month = ANY(${firsts}::date[]) AND region_code = ANY(${others}::text[])`.execute(db);
    for (const row of r.rows) out.get(row.m)?.get(row.region_code)?.set(row.measure, Number(row.value));
  }
  for (const m of villages.length ? closed : []) {
    const r = await sql<{ village_code: string; measure: string; value: number }>`
      SELECT m.village_code, m.measure, sum(m.value) AS value
      FROM (${allMeasures(sql`SELECT unnest(${villages}::text[])`, monthEnd(m))}) m
      WHERE ${monthlyFilter()} GROUP BY 1, 2`.execute(db);
    for (const row of r.rows) out.get(m)?.get(row.village_code)?.set(row.measure, Number(row.value));
  }
  return out;
}

/** The latest month with a recorded dated change, never after the current month. */
export async function latestMonth(db: Tx, today = new Date()): Promise<string> {
  const now = today.toISOString().slice(0, 7);
  let latest: string | null = null;
  for (const p of PROVIDERS) {
    const r = await p.measures.lastChange().execute(db);
    const d = r.rows[0]?.d?.slice(0, 7) ?? null;
    if (d && (!latest || d > latest)) latest = d;
  }
  return latest && latest < now ? latest : now;
}
