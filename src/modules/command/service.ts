import type { Db } from '../../db/types.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Lang } from '../../server/i18n.ts';
import { alertSummary } from './alerts.ts';
import { descendantsAt, directory, pathOf, type RegionEntry } from './directory.ts';
import { ALERT_RULES, BREAKDOWNS, catalogue, contextFor, evaluate, INDICATORS, judge, reader, text } from './indicators.ts';
import { latestMonth, measuresForMonths, refresh, state } from './rollups.ts';
import type { Context } from './types.ts';

/** The context figures are judged in now: the default month's year and the settings for the region. */
export async function currentContext(db: Db, region: string) {
  const { month } = await resolveMonth(db, await freshVersion(db), undefined);
  return contextFor(db, month, region);
}

/** Months are 'YYYY-MM'. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

const TREND_MONTHS = 12;

/**
 * Responses depend only on the records (through the rollup version), the region, the month and the language, so
 * they are kept until the version moves; one cache per database (versions of two databases say nothing of each
 * other). A handful of scopes and months are hot; the map is bounded anyway.
 */
const caches = new WeakMap<object, Map<string, unknown>>();
const CACHE_MAX = 2_000;
// FUPIN_FIGURE_CACHE=0 turns it off, so a benchmark can show what building an answer costs.
const CACHING = process.env.FUPIN_FIGURE_CACHE !== '0';
function cacheOf(db: Db): Map<string, unknown> {
  let c = caches.get(db);
  if (!c) {
    c = new Map();
    caches.set(db, c);
  }
  return c;
}
function remember<T>(db: Db, key: string, value: T): T {
  if (!CACHING) return value;
  const cache = cacheOf(db);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/**
 * An answer as JSON text for the current figure version, checked against its schema once when built: while the
 * version stands, the same text is sent again without being rebuilt, validated or serialised.
 */
export async function cachedJson(
  db: Db,
  key: string,
  schema: { parse(v: unknown): unknown },
  build: (version: number) => Promise<unknown>,
) {
  const version = await freshVersion(db);
  const k = `json|${version}|${key}`;
  const hit = cacheOf(db).get(k) as string | undefined;
  if (hit) return hit;
  return remember(db, k, JSON.stringify(schema.parse(await build(version))));
}

/** Brings rollups up to date if records changed, and says which version the figures are. */
export async function freshVersion(db: Db): Promise<number> {
  const s = await state(db);
  if (!s.dirty) return s.version;
  await refresh(db);
  return (await state(db)).version;
}

async function resolveMonth(db: Db, version: number, wanted: string | undefined) {
  const latest = (cacheOf(db).get(`latest|${version}`) as string | undefined) ?? remember(db, `latest|${version}`, await latestMonth(db));
  const now = new Date().toISOString().slice(0, 7);
  const month = wanted ?? latest;
  if (month > now)
    throw new AppError('VALIDATION_FAILED', 400, {}, [{ path: 'month', message: '月份不能晚于本月|The month cannot be in the future' }]);
  return { month, latest, live: month >= latest };
}

/** Measures of the regions at the end of `month`: the live rollup for the latest month, a snapshot before it. */
export async function measuresAt(db: Db, codes: string[], month: string, latest: string) {
  return (await measuresForMonths(db, codes, [month], latest)).get(month) as Map<string, Map<string, number>>;
}

function regionOrThrow(dir: Map<string, RegionEntry>, code: string) {
  const r = dir.get(code);
  if (!r) throw notFound();
  return r;
}

const ref = (e: RegionEntry) => ({ code: e.code, name: e.name, level: e.level });

function rowsFor(entries: RegionEntry[], measures: Map<string, Map<string, number>>, ctx: Context) {
  return entries.map((e) => {
    const m = reader(measures.get(e.code));
    const values: Record<string, number | null> = {};
    const status: Record<string, 'good' | 'warn' | 'bad' | null> = {};
    for (const def of INDICATORS) {
      values[def.id] = evaluate(def, m, ctx);
      status[def.id] = judge(def, values[def.id] ?? null, ctx);
    }
    return { code: e.code, name: e.name, level: e.level, isPovertyCounty: e.isPovertyCounty, values, status };
  });
}

export async function catalog(db: Db, scope: string, lang: Lang) {
  const version = await freshVersion(db);
  const { latest } = await resolveMonth(db, version, undefined);
  const ctx = await contextFor(db, latest, scope);
  return {
    indicators: catalogue(lang, ctx),
    breakdowns: BREAKDOWNS.map((b) => ({ id: b.id, name: text(b.name, lang) })),
    alertRules: ALERT_RULES.map((r) => ({ id: r.id, name: text(r.name, lang), severity: r.severity })),
    latestMonth: latest,
    defaultIndicator: (INDICATORS.find((i) => i.default) ?? INDICATORS.find((i) => i.key) ?? INDICATORS[0])?.id ?? '',
  };
}

export async function dashboard(db: Db, scope: string, region: string, wantedMonth: string | undefined, lang: Lang, known?: number) {
  const version = known ?? (await freshVersion(db));
  const dir = await directory(db);
  const entry = regionOrThrow(dir, region);
  const { month, latest } = await resolveMonth(db, version, wantedMonth);
  const previousMonth = addMonths(month, -1);
  const ctx = await contextFor(db, month, region);
  const prevCtx = await contextFor(db, previousMonth, region);
  const children = entry.children.map((c) => dir.get(c) as RegionEntry);
  const trendMonths = Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(month, i - TREND_MONTHS + 1));
  // The region over the trend window (which holds the previous month), its children at the month itself.
  const [byMonth, now] = await Promise.all([
    measuresForMonths(db, [region], trendMonths, latest),
    measuresAt(db, [region, ...children.map((c) => c.code)], month, latest),
  ]);
  const here = reader(now.get(region));
  const prev = reader(byMonth.get(previousMonth)?.get(region));

  const trendDefs = INDICATORS.filter((i) => i.trend);
  const contexts = new Map<string, Context>();
  for (const m of trendMonths) contexts.set(m, m === month ? ctx : m === previousMonth ? prevCtx : await contextFor(db, m, region));
  const series = trendDefs.map((d) => ({
    id: d.id,
    values: trendMonths.map((m) => evaluate(d, reader(byMonth.get(m)?.get(region)), contexts.get(m) as Context)),
  }));

  // Children with no records are still listed (a county with nothing registered is a fact too), named and coded.
  const childRows = rowsFor(children, now, ctx);
  return {
    region: { ...ref(entry), path: pathOf(dir, region, scope).map(ref) },
    month,
    previousMonth,
    referenceYear: ctx.year,
    figures: INDICATORS.map((def) => {
      const value = evaluate(def, here, ctx);
      return { id: def.id, value, previous: evaluate(def, prev, prevCtx), status: judge(def, value, ctx) };
    }),
    trend: { months: trendMonths, series },
    breakdowns: BREAKDOWNS.map((b) => ({ id: b.id, name: text(b.name, lang), items: b.items(here, ctx, lang) })),
    children: childRows,
    alerts: await alertSummary(db, region, here, ctx, lang),
  };
}

const MAP_MAX_ITEMS = 3_000;

/** Default map level: a province or city shows its counties; a county its townships; a township its villages. */
const mapLevelFor = (level: number) => (level <= 2 ? 3 : Math.min(level + 1, 5));

export async function mapValues(db: Db, region: string, wantedMonth: string | undefined, wantedLevel: number | undefined, known?: number) {
  const version = known ?? (await freshVersion(db));
  const dir = await directory(db);
  const entry = regionOrThrow(dir, region);
  const level = wantedLevel ?? mapLevelFor(entry.level);
  if (level <= entry.level) {
    throw new AppError('VALIDATION_FAILED', 400, {}, [{ path: 'level', message: '层级应低于所选区域|The level must be below the region' }]);
  }
  const { month, latest } = await resolveMonth(db, version, wantedMonth);
  const ctx = await contextFor(db, month, region);
  const entries = descendantsAt(dir, region, level);
  // Every village of a province (16,000 rows of figures) is no map anyone reads; it would only cost the server.
  if (entries.length > MAP_MAX_ITEMS) {
    throw new AppError('VALIDATION_FAILED', 400, {}, [
      {
        path: 'level',
        message: `该层级有 ${entries.length} 个区域，超过 ${MAP_MAX_ITEMS} 个上限，请选择更小的区域|${entries.length} regions at that level, over the limit of ${MAP_MAX_ITEMS}: choose a smaller region`,
      },
    ]);
  }
  const measures = await measuresAt(
    db,
    entries.map((e) => e.code),
    month,
    latest,
  );
  return { level, month, items: rowsFor(entries, measures, ctx) };
}

/** One region's indicator values at a month (the tests read figures through it). */
export async function valuesOf(db: Db, region: string, month: string | undefined) {
  const version = await freshVersion(db);
  const r = await resolveMonth(db, version, month);
  const ctx = await contextFor(db, r.month, region);
  const m = await measuresAt(db, [region], r.month, r.latest);
  return Object.fromEntries(INDICATORS.map((d) => [d.id, evaluate(d, reader(m.get(region)), ctx)]));
}

export { resolveMonth, rowsFor };
