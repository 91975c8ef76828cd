import type { Text } from '../../procedures/define.ts';

/** The poverty line of a year (yuan per person): a setting per year (2,300 at 2010 prices, 3,335 in 2017, …). */
export const POVERTY_LINE = 'registry.poverty_line';
export const POVERTY_LINE_FALLBACK = 3335;

export const GUARANTEES = ['food', 'clothing', 'education', 'medical', 'housing'] as const;
export type Guarantee = (typeof GUARANTEES)[number];

export interface EligibilityFacts {
  status: string;
  guarantees: Readonly<Record<Guarantee, boolean>>;
  /** Per-capita net income of the year; null when none is recorded. */
  income: number | null;
  line: number;
}

export type FailCode = 'status' | 'no_income' | 'income' | `guarantee_${Guarantee}`;

export const FAIL_LABELS: Record<FailCode, Text> = {
  status: { zh: '不是在册贫困户', en: 'Not a registered poor household' },
  no_income: { zh: '没有本年度收入记录', en: 'No income recorded for the year' },
  income: { zh: '人均纯收入未超过当年贫困线', en: "Per-capita net income not above the year's poverty line" },
  guarantee_food: { zh: '不愁吃未达标', en: 'Food not assured' },
  guarantee_clothing: { zh: '不愁穿未达标', en: 'Clothing not assured' },
  guarantee_education: { zh: '义务教育未保障', en: 'Compulsory education not guaranteed' },
  guarantee_medical: { zh: '基本医疗未保障', en: 'Basic medical care not guaranteed' },
  guarantee_housing: { zh: '住房安全未保障', en: 'Safe housing not guaranteed' },
};

/**
 * Whether a household may be proposed for exit in a year (DOMAIN.md §4.1): a poor (or returned) household whose
 * per-capita net income of the year is above the year's line and all five of 两不愁三保障 hold. Every failing
 * condition is named, so the page can say which.
 */
export function eligibility(f: EligibilityFacts): { eligible: boolean; fails: FailCode[] } {
  const fails: FailCode[] = [];
  if (f.status !== 'poor' && f.status !== 'returned') fails.push('status');
  if (f.income === null) fails.push('no_income');
  else if (!(f.income > f.line)) fails.push('income');
  for (const g of GUARANTEES) if (!f.guarantees[g]) fails.push(`guarantee_${g}`);
  return { eligible: fails.length === 0, fails };
}

/** The notice's last day (inclusive): `days` calendar days from the first, weekends and holidays counted. */
export function noticeUntil(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** A name as a public notice shows it: in full, or 王*明 (the first and last character). */
export function publicName(name: string, full: boolean): string {
  if (full) return name;
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
