import type { RawBuilder } from 'kysely';
import type { Lang } from '../../server/i18n.ts';
import type { Villages } from './villages.ts';

export type Text = { zh: string; en: string };

/**
 * Additive measures by village: what a module counts. A measure is a named number per village (a count, a sum);
 * every level above a village is the sum of its villages, so the engine can keep all levels by adding differences.
 */
export interface MeasureSource {
  /**
   * SQL yielding rows (village_code text, measure text, value numeric) for the given villages (filtered with
   * `villageFilter(villages)`, which names their counties too; null: all of them),
   * as of the end of `asOf` (a date) or, when asOf is null, as the records stand now.
   */
  sql(villages: Villages | null, asOf: string | null): RawBuilder<{ village_code: string; measure: string; value: number }>;
  /** The date of the earliest dated fact the measures reflect (null: none): the first month with data. */
  firstChange(): RawBuilder<{ d: string | null }>;
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

/**
 * The list behind a figure: a page of the web app (its path) and the filter it opens with; the region is added by the
 * page. The figure's count and the list's total agree for the latest month (the list is the register as it stands).
 */
export interface ListLink {
  path: string;
  query: Record<string, string>;
}

export interface IndicatorDef {
  id: string;
  /** The records this figure counts, as a filtered list (a card click opens it). */
  list?: ListLink;
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
  /** The records behind one segment (its key), as a filtered list. */
  list?(key: string): ListLink;
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
  /** security: link_id is a security event's id (src/modules/security/indicators.ts). */
  link_kind: 'household' | 'village' | 'security' | 'page';
  link_id: number | null;
  /** page: the web app's path of the record (a module's own page). */
  link_path?: string | null;
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
  /** Whether a region has this module's data at all (no data is not zero: a region where no module has any shows none). */
  hasData?(m: MeasureReader): boolean;
  /** Sentences for the monthly briefing's summary, in `lang`. */
  summary?(s: SummaryInput): string[];
  /** Settings read for targets and thresholds: key → fallback (a function when the fallback follows the clock). */
  settings?: Record<string, number | (() => number)>;
}
