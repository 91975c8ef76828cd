import type { RawBuilder } from 'kysely';
import type { Lang } from '../../server/i18n.ts';

export type Text = { zh: string; en: string };

/**
 * Additive measures by village: what a module counts. A measure is a named number per village (a count, a sum);
 * every level above a village is the sum of its villages, so the engine can keep all levels by adding differences.
 */
export interface MeasureSource {
  /**
   * SQL yielding rows (village_code text, measure text, value numeric) for the given villages (null: all of them),
   * as of the end of `asOf` (a date) or, when asOf is null, as the records stand now.
   */
  sql(villages: RawBuilder<unknown> | null, asOf: string | null): RawBuilder<{ village_code: string; measure: string; value: number }>;
  /** Measures kept in monthly snapshots (by prefix); year-keyed measures that history cannot change need not be. */
  monthly: readonly string[];
  /** The date of the latest dated change the measures reflect (null: none). */
  lastChange(): RawBuilder<{ d: string | null }>;
}

/** What an indicator reads: the measures of one region, and the year the figures are judged against. */
export interface MeasureReader {
  get(measure: string): number;
  /** Sum of the measures whose name starts with `prefix` and whose remainder passes `keep`. */
  sum(prefix: string, keep?: (rest: string) => boolean): number;
  /** The remainders of the measure names under `prefix` that have a value. */
  keys(prefix: string): string[];
}

export interface Context {
  /** The year of the month being reported: deadlines and incomes are judged against it. */
  year: number;
  /** Settings an indicator asked for (targets, thresholds), read once per request. */
  settings: Record<string, number>;
}

export interface IndicatorDef {
  id: string;
  name: Text;
  unit: Text;
  format: 'count' | 'percent' | 'yuan';
  better: 'higher' | 'lower' | 'neutral';
  group: string;
  /** A fixed target, or a setting (key, fallback) that holds it. */
  target?: number | { setting: string; fallback: number };
  /** How far from the target is still yellow rather than red (same unit as the value). */
  tolerance?: number;
  key?: boolean;
  trend?: boolean;
  /** The indicator the map and rankings open with (the first one that says so wins). */
  default?: boolean;
  /** null when the figure has no meaning here (a rate over nothing). */
  value(m: MeasureReader, ctx: Context): number | null;
}

export interface BreakdownDef {
  id: string;
  name: Text;
  items(m: MeasureReader, ctx: Context, lang: Lang): { key: string; label: string; value: number }[];
}

/**
 * The columns an alert rule's SQL yields, one row per item: item_key (unique within the rule and county), sort_a
 * text and sort_b bigint (the keyset order: make it an index order, e.g. the primary key), county_code, region_code (village), since (date text), link_kind ('household' | 'village'),
 * link_id (household id or null), what_zh, what_en.
 */
export interface AlertItemRow {
  item_key: string;
  sort_a: string;
  sort_b: number;
  county_code: string;
  region_code: string;
  since: string;
  link_kind: 'household' | 'village';
  link_id: number | null;
  what_zh: string;
  what_en: string;
}

export interface AlertRuleDef {
  id: string;
  name: Text;
  severity: 'high' | 'medium' | 'low';
  /** How many items the rule has in a region, from that region's measures (fast); absent: counted from items(). */
  count?(m: MeasureReader, ctx: Context): number;
  /** SQL of the rule's items inside `region` (a code prefix), as AlertItemRow. */
  items(region: string, ctx: Context): RawBuilder<unknown>;
}

/** What a module's briefing sentences can read: its figures now and a month before, formatted. */
export interface SummaryInput {
  regionName: string;
  month: string;
  lang: Lang;
  value(indicator: string, when?: 'now' | 'previous'): number | null;
  /** The value as the briefing prints it (thousands separators, % for rates, — for none). */
  show(indicator: string, when?: 'now' | 'previous'): string;
}

/** What a module plugs into the command centre. The command centre knows none of them by name. */
export interface IndicatorProvider {
  module: string;
  groups: Record<string, Text>;
  measures: MeasureSource;
  indicators: readonly IndicatorDef[];
  breakdowns: readonly BreakdownDef[];
  alerts: readonly AlertRuleDef[];
  /** Sentences for the monthly briefing's summary, in `lang`. */
  summary?(s: SummaryInput): string[];
  /** Settings read for targets and thresholds: key → fallback. */
  settings?: Record<string, number>;
}
