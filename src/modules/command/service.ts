import { isCitus } from '../../db/distribute.ts';
import type { Db } from '../../db/types.ts';
import { thisMonth } from '../../server/clock.ts';
import { coalesced } from '../../server/coalesce.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Lang } from '../../server/i18n.ts';
import { alertSummary } from './alerts.ts';
import { descendantsAt, directory, pathOf, type RegionEntry } from './directory.ts';
import { ALERT_RULES, BREAKDOWNS, catalogue, contextFor, evaluate, hasData, INDICATORS, judge, reader, text } from './indicators.ts';
import { keeperOf } from './keeper.ts';
import { revisionsOf } from './revisions.ts';
import { firstMonth, latestMonth, marksRegion, measuresForMonths, type RollupState, refresh, SMALL_BACKLOG, state } from './rollups.ts';
import type { Context } from './types.ts';

/** The context figures are judged in now: the default month's year and the settings for the region. */
export async function currentContext(db: Db, region: string) {
  const { month } = await resolveMonth(db, await freshVersion(db, region), undefined);
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
 * other). Only the newest version's answers are kept: with a write every few seconds, a map bounded by its size alone
 * held up to 2,000 answers of versions no reader would ask for again (the soak saw the server grow 40 % in 25 min).
 */
interface Generation {
  version: number;
  entries: Map<string, unknown>;
}
const caches = new WeakMap<object, Generation>();
const CACHE_MAX = 2_000;
// FUPIN_FIGURE_CACHE=0 turns it off, so a benchmark can show what building an answer costs.
const CACHING = process.env.FUPIN_FIGURE_CACHE !== '0';
function cacheOf(db: Db, version: number): Map<string, unknown> {
  let g = caches.get(db);
  if (!g || version > g.version) {
    g = { version, entries: new Map() };
    caches.set(db, g);
  }
  // A reader still holding an older version is answered without caching what it built.
  return g.version === version ? g.entries : new Map();
}
/** How many answers the cache holds for `db`, and of which version (for tests and diagnostics). */
export function cachedAnswers(db: Db): { version: number | null; size: number } {
  const g = caches.get(db);
  return { version: g?.version ?? null, size: g?.entries.size ?? 0 };
}

function remember<T>(db: Db, version: number, key: string, value: T): T {
  if (!CACHING) return value;
  const cache = cacheOf(db, version);
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
  region: string,
  key: string,
  schema: { parse(v: unknown): unknown },
  build: (figures: FigureState) => Promise<unknown>,
) {
  const figures = await figureState(db, region);
  // The clock's month is part of the answer (the default month, which months are closed), not only the records.
  const k = `json|${figures.version}|${figures.asOf ?? ''}|${thisMonth()}|${key}`;
  const hit = cacheOf(db, figures.version).get(k) as string | undefined;
  if (hit) return hit;
  if (!CACHING) return JSON.stringify(schema.parse(await build(figures)));
  // Right after a write every poller misses at once: one build per answer, the others wait for it.
  let flight = building.get(db)?.get(k);
  if (!flight) {
    const inFlight = building.get(db) ?? new Map<string, Promise<string>>();
    building.set(db, inFlight);
    flight = (async () => remember(db, figures.version, k, JSON.stringify(schema.parse(await build(figures)))))().finally(() =>
      inFlight.delete(k),
    );
    inFlight.set(k, flight);
  }
  return flight;
}
const building = new WeakMap<object, Map<string, Promise<string>>>();

// The most a reader gives a small refresh (normally a few milliseconds) before answering with the figures as they are.
const READ_WAIT_MS = 500;
// On Citus one village's fold-in reaches its county's shards over the network: 210–465 ms measured on the three-node
// cluster of this 2-core machine (figure-freshness), against a few milliseconds on one PostgreSQL.
const READ_WAIT_CITUS_MS = 1_000;
const delay = <T>(ms: number, value: T) => new Promise<T>((done) => setTimeout(done, ms, value).unref());

/** Which figures a reader is served: the version, and the time they hold changes up to when changes are still being folded in. */
export interface FigureState {
  version: number;
  /** Null when the figures are current; else every change committed before this time is in them. */
  asOf: string | null;
}

/**
 * The figures a reader gets now, never waiting for snapshot work or for a lock another session holds. A small backlog
 * (a form save, a one-household import) is folded in first by this process's keeper, which takes milliseconds; a
 * large one (a county's import), or one another session is already folding in, is served as it stands with its age,
 * while the keeper or the other session catches up.
 */
export async function figureState(db: Db, region = ''): Promise<FigureState> {
  const marks = marksRegion(region);
  let s = await probeOf(db, marks)();
  if (!s.dirty) return { version: s.version, asOf: null };
  const caughtUp = keeperOf(db).refreshSoon();
  const wait = (await isCitus(db)) ? READ_WAIT_CITUS_MS : READ_WAIT_MS;
  if (s.backlog <= SMALL_BACKLOG && (await Promise.race([caughtUp, delay(wait, false)]))) s = await state(db, marks);
  return { version: s.version, asOf: s.dirtySince ? s.dirtySince.toISOString() : null };
}

/**
 * The state probe, shared by the readers of one database and marks region in this process (coalesced): twenty
 * pollers each probing cost more than the answers they were served from cache.
 */
const probes = new WeakMap<object, Map<string, () => Promise<RollupState>>>();
function probeOf(db: Db, marks: string) {
  let of = probes.get(db);
  if (!of) {
    of = new Map();
    probes.set(db, of);
  }
  let p = of.get(marks);
  if (!p) {
    p = coalesced(() => state(db, marks));
    of.set(marks, p);
  }
  return p;
}

/** The figure version for answers that need no freshness mark (contexts, alert pages), for a region's readers. */
export async function freshVersion(db: Db, region = ''): Promise<number> {
  return (await figureState(db, region)).version;
}

/** For documents (the briefing): every change folded in first, waiting for a refresh that runs elsewhere. */
export async function currentVersion(db: Db): Promise<number> {
  const s = await state(db);
  if (!s.dirty) return s.version;
  await refresh(db, { wait: true });
  return (await state(db)).version;
}

async function resolveMonth(db: Db, version: number, wanted: string | undefined) {
  const now = thisMonth();
  const latest =
    (cacheOf(db, version).get(`latest|${version}|${now}`) as string | undefined) ??
    remember(db, version, `latest|${version}|${now}`, await latestMonth(db));
  const month = wanted ?? latest;
  if (month > now)
    throw new AppError('VALIDATION_FAILED', 400, {}, [{ path: 'month', message: '月份不能晚于本月|The month cannot be in the future' }]);
  return { month, latest, live: month >= latest };
}

/** Measures of the regions at the end of `month`: the live rollup for the latest month, a snapshot before it (computed here if missing). */
export async function measuresAt(db: Db, codes: string[], month: string, latest: string) {
  return (await measuresForMonths(db, codes, [month], latest)).get(month) as Map<string, Map<string, number>>;
}

/** What a dashboard says of its figures' age; the months left out are being computed by the keeper meanwhile. */
function freshness(db: Db, figures: FigureState, pending: string[]) {
  const months = [...new Set(pending)].sort();
  if (months.length) keeperOf(db).monthsSoon(months);
  return { current: figures.asOf === null && months.length === 0, asOf: figures.asOf, pendingMonths: months };
}

function regionOrThrow(dir: Map<string, RegionEntry>, code: string) {
  const r = dir.get(code);
  if (!r) throw notFound();
  return r;
}

const ref = (e: RegionEntry) => ({ code: e.code, name: e.name, level: e.level });

/** Rows of figures per region; `measures` null while the month's snapshot is being computed (values unknown). */
function rowsFor(entries: RegionEntry[], measures: Map<string, Map<string, number>> | null, ctx: Context) {
  return entries.map((e) => {
    const m = reader(measures?.get(e.code));
    const values: Record<string, number | null> = {};
    const status: Record<string, 'good' | 'warn' | 'bad' | null> = {};
    for (const def of INDICATORS) {
      values[def.id] = measures ? evaluate(def, m, ctx) : null;
      status[def.id] = judge(def, values[def.id] ?? null, ctx);
    }
    return { code: e.code, name: e.name, level: e.level, isPovertyCounty: e.isPovertyCounty, hasData: hasData(m), values, status };
  });
}

export async function catalog(db: Db, scope: string, lang: Lang) {
  const version = await freshVersion(db, scope);
  const { latest } = await resolveMonth(db, version, undefined);
  const ctx = await contextFor(db, latest, scope);
  return {
    indicators: catalogue(lang, ctx),
    breakdowns: BREAKDOWNS.map((b) => ({ id: b.id, name: text(b.name, lang) })),
    alertRules: ALERT_RULES.map((r) => ({ id: r.id, name: text(r.name, lang), severity: r.severity })),
    latestMonth: latest,
    firstMonth: await firstMonth(db),
    defaultIndicator: (INDICATORS.find((i) => i.default) ?? INDICATORS.find((i) => i.key) ?? INDICATORS[0])?.id ?? '',
  };
}

export async function dashboard(db: Db, scope: string, region: string, wantedMonth: string | undefined, lang: Lang, known?: FigureState) {
  const figures = known ?? (await figureState(db, region));
  const version = figures.version;
  const dir = await directory(db);
  const entry = regionOrThrow(dir, region);
  const { month, latest } = await resolveMonth(db, version, wantedMonth);
  const previousMonth = addMonths(month, -1);
  const ctx = await contextFor(db, month, region);
  const prevCtx = await contextFor(db, previousMonth, region);
  const children = entry.children.map((c) => dir.get(c) as RegionEntry);
  const trendMonths = Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(month, i - TREND_MONTHS + 1));
  // The region over the trend window (which holds the previous month), its children at the month itself.
  const [byMonth, atMonth] = await Promise.all([
    measuresForMonths(db, [region], trendMonths, latest, 'pending'),
    measuresForMonths(db, [region, ...children.map((c) => c.code)], [month], latest, 'pending'),
  ]);
  // A month whose snapshot is being computed shows no value rather than a wrong one.
  const now = atMonth.get(month);
  const here = reader(now?.get(region));
  const prevMeasures = byMonth.get(previousMonth);
  const prev = reader(prevMeasures?.get(region));
  const valueOr = <T>(known: boolean, v: () => T) => (known ? v() : null);

  const trendDefs = INDICATORS.filter((i) => i.trend);
  const contexts = new Map<string, Context>();
  for (const m of trendMonths) contexts.set(m, m === month ? ctx : m === previousMonth ? prevCtx : await contextFor(db, m, region));
  const series = trendDefs.map((d) => ({
    id: d.id,
    values: trendMonths.map((m) =>
      valueOr(byMonth.has(m), () => evaluate(d, reader(byMonth.get(m)?.get(region)), contexts.get(m) as Context)),
    ),
  }));

  // Children with no records are still listed (a county with nothing registered is a fact too), named and coded.
  const childRows = rowsFor(children, now ?? null, ctx);
  return {
    region: { ...ref(entry), path: pathOf(dir, region, scope).map(ref) },
    month,
    previousMonth,
    referenceYear: ctx.year,
    figures: INDICATORS.map((def) => {
      const value = valueOr(Boolean(now), () => evaluate(def, here, ctx));
      return {
        id: def.id,
        value,
        previous: valueOr(Boolean(prevMeasures), () => evaluate(def, prev, prevCtx)),
        status: judge(def, value, ctx),
      };
    }),
    trend: { months: trendMonths, series },
    breakdowns: BREAKDOWNS.map((b) => ({
      id: b.id,
      name: text(b.name, lang),
      items: (now ? b.items(here, ctx, lang) : []).map((i) => ({ ...i, list: b.list?.(i.key) ?? null })),
    })),
    children: childRows,
    alerts: await alertSummary(db, region, here, ctx, lang),
    hasData: hasData(here),
    revisions: month < latest ? await revisionsOf(db, region, month, lang) : [],
    freshness: freshness(db, figures, [...byMonth.pending, ...atMonth.pending]),
  };
}

const MAP_MAX_ITEMS = 3_000;

/** Default map level: a province or city shows its counties; a county its townships; a township its villages. */
const mapLevelFor = (level: number) => (level <= 2 ? 3 : Math.min(level + 1, 5));

export async function mapValues(
  db: Db,
  region: string,
  wantedMonth: string | undefined,
  wantedLevel: number | undefined,
  known?: FigureState,
) {
  const figures = known ?? (await figureState(db, region));
  const version = figures.version;
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
  const measures = await measuresForMonths(
    db,
    entries.map((e) => e.code),
    [month],
    latest,
    'pending',
  );
  return { level, month, items: rowsFor(entries, measures.get(month) ?? null, ctx), freshness: freshness(db, figures, measures.pending) };
}

/** One region's indicator values at a month, every change folded in (the tests read figures through it). */
export async function valuesOf(db: Db, region: string, month: string | undefined) {
  const version = await currentVersion(db);
  const r = await resolveMonth(db, version, month);
  const ctx = await contextFor(db, r.month, region);
  const m = await measuresAt(db, [region], r.month, r.latest);
  return Object.fromEntries(INDICATORS.map((d) => [d.id, evaluate(d, reader(m.get(region)), ctx)]));
}

export { resolveMonth, rowsFor };
