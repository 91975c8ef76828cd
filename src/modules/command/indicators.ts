import type { Db } from '../../db/types.ts';
import type { Lang } from '../../server/i18n.ts';
import { getSetting } from '../settings.ts';
import { PROVIDERS } from './providers.ts';
import type { Context, IndicatorDef, MeasureReader, Text } from './types.ts';

/** The indicator mechanism: every provider's definitions in one catalogue, read against any region's measures. */

export const INDICATORS: readonly IndicatorDef[] = PROVIDERS.flatMap((p) => p.indicators);
export const BREAKDOWNS = PROVIDERS.flatMap((p) => p.breakdowns);
export const ALERT_RULES = PROVIDERS.flatMap((p) => p.alerts);
const GROUPS: Record<string, Text> = Object.assign({}, ...PROVIDERS.map((p) => p.groups));

export const text = (t: Text, lang: Lang) => (lang === 'en' ? t.en : t.zh);

export function indicatorById(id: string): IndicatorDef | undefined {
  return INDICATORS.find((i) => i.id === id);
}

export function reader(values: Map<string, number> | undefined): MeasureReader {
  const m = values ?? new Map<string, number>();
  return {
    get: (k) => m.get(k) ?? 0,
    sum(prefix, keep) {
      let s = 0;
      for (const [k, v] of m) if (k.startsWith(prefix) && (!keep || keep(k.slice(prefix.length)))) s += v;
      return s;
    },
    keys: (prefix) => [...m.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
  };
}

export async function contextFor(db: Db, month: string, scopeCode: string): Promise<Context> {
  const year = Number(month.slice(0, 4));
  const settings: Record<string, number> = {};
  for (const p of PROVIDERS) {
    for (const [key, fallback] of Object.entries(p.settings ?? {})) {
      settings[key] = Number(await getSetting(db, key, typeof fallback === 'function' ? fallback() : fallback, { scopeCode, year }));
    }
  }
  return { year, settings };
}

export function targetOf(def: IndicatorDef, ctx: Context): number | null {
  if (def.target === undefined) return null;
  if (typeof def.target === 'number') return def.target;
  return ctx.settings[def.target.setting] ?? def.target.fallback;
}

/** Red, yellow or green against the target; nothing where there is no target or no value. */
export function judge(def: IndicatorDef, value: number | null, ctx: Context): 'good' | 'warn' | 'bad' | null {
  const target = targetOf(def, ctx);
  if (value === null || target === null || def.better === 'neutral') return null;
  const tolerance = def.tolerance ?? 0;
  if (def.better === 'higher') return value >= target ? 'good' : value >= target - tolerance ? 'warn' : 'bad';
  return value <= target ? 'good' : value <= target + tolerance ? 'warn' : 'bad';
}

/** Whether any module has data in the region the measures are of. */
export function hasData(m: MeasureReader): boolean {
  return PROVIDERS.some((p) => p.hasData?.(m));
}

/** The value, or null where it has no meaning (a rate over nothing) or the region has no data at all. */
export function evaluate(def: IndicatorDef, m: MeasureReader, ctx: Context): number | null {
  if (!hasData(m)) return null;
  const v = def.value(m, ctx);
  return v === null || Number.isNaN(v) ? null : v;
}

export function catalogue(lang: Lang, ctx: Context) {
  return INDICATORS.map((i) => ({
    id: i.id,
    name: text(i.name, lang),
    unit: text(i.unit, lang),
    format: i.format,
    better: i.better,
    target: targetOf(i, ctx),
    group: i.group,
    groupName: GROUPS[i.group] ? text(GROUPS[i.group] as Text, lang) : i.group,
    key: Boolean(i.key),
    trend: Boolean(i.trend),
    list: i.list ?? null,
  }));
}
