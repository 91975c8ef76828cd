import type { IndicatorMeta, Status } from '../../api/command';
import type { Lang } from '../../i18n';

export const STATUS_COLOR: Record<'good' | 'warn' | 'bad', string> = { good: '#389e0d', warn: '#d48806', bad: '#cf1322' };
export const STATUS_BG: Record<'good' | 'warn' | 'bad', string> = { good: '#f6ffed', warn: '#fffbe6', bad: '#fff1f0' };
export const SEVERITY_COLOR: Record<'high' | 'medium' | 'low', string> = { high: 'red', medium: 'orange', low: 'blue' };

export const statusColor = (s: Status | undefined) => (s ? STATUS_COLOR[s] : undefined);

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'zh-CN');

/** A value of an indicator without its unit: counts whole, percentages with one decimal, money whole yuan. */
export function formatValue(v: number | null | undefined, meta: Pick<IndicatorMeta, 'format'> | undefined, lang: Lang): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const digits = meta?.format === 'percent' ? 1 : 0;
  return v.toLocaleString(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The unit shown after a value ('%' sticks to the number). */
export function unitOf(meta: Pick<IndicatorMeta, 'unit' | 'format'> | undefined): string {
  if (!meta) return '';
  return meta.unit;
}

export function formatWithUnit(v: number | null | undefined, meta: IndicatorMeta | undefined, lang: Lang): string {
  const s = formatValue(v, meta, lang);
  if (s === '—' || !meta?.unit) return s;
  return meta.unit === '%' ? `${s}%` : lang === 'en' ? `${s} ${meta.unit}` : `${s}${meta.unit}`;
}

export interface Change {
  delta: number;
  /** true: a change for the better; false: for the worse; null: no change, or neither. */
  good: boolean | null;
}

export function changeOf(value: number | null, previous: number | null, meta: IndicatorMeta | undefined): Change | null {
  if (value === null || previous === null || !meta) return null;
  const delta = value - previous;
  const eps = meta.format === 'percent' ? 0.05 : 0.5;
  if (Math.abs(delta) < eps) return { delta: 0, good: null };
  if (meta.better === 'neutral') return { delta, good: null };
  return { delta, good: meta.better === 'higher' ? delta > 0 : delta < 0 };
}

/** '2017-12' → '2017年12月' / 'Dec 2017'. */
export function monthLabel(m: string | undefined, lang: Lang): string {
  if (!m) return '';
  const [y, mo] = m.split('-').map(Number);
  if (!y || !mo) return m;
  if (lang === 'en') return new Date(Date.UTC(y, mo - 1, 1)).toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${y}年${mo}月`;
}

/** Short month label for chart axes: '2017-12' → '17/12' (zh) or 'Dec 17'. */
export function monthTick(m: string, lang: Lang): string {
  const [y, mo] = m.split('-').map(Number);
  if (!y || !mo) return m;
  if (lang === 'en') return new Date(Date.UTC(y, mo - 1, 1)).toLocaleString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
  return `${String(y).slice(2)}/${String(mo).padStart(2, '0')}`;
}

/** Sort with nulls last whatever the direction. */
export function compareNullable(a: number | null | undefined, b: number | null | undefined): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  return a - b;
}

export const LEVEL_CHILD: Record<number, 'city' | 'county' | 'township' | 'village'> = {
  1: 'city',
  2: 'county',
  3: 'township',
  4: 'village',
};

/** Children ranked worst first: the highest value first unless higher is better. */
export function worstFirst(meta: Pick<IndicatorMeta, 'better'>): 1 | -1 {
  return meta.better === 'higher' ? 1 : -1;
}

/** A unit in brackets after a name: full-width in Chinese, ' (unit)' in English; empty without a unit. */
export function unitParen(unit: string | undefined, lang: Lang): string {
  if (!unit) return '';
  return lang === 'en' ? ` (${unit})` : `（${unit}）`;
}
