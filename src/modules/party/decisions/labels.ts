import { type Lang, pickLabel } from '../../../server/i18n.ts';
import type { CATEGORIES, SOURCES } from './schema.ts';

export const CATEGORY_LABELS: Record<(typeof CATEGORIES)[number], { zh: string; en: string }> = {
  collective_assets: { zh: '集体资产处置', en: 'Collective assets' },
  project: { zh: '村级项目建设', en: 'Village project' },
  funds: { zh: '资金使用', en: 'Use of funds' },
  land: { zh: '土地承包流转', en: 'Land contracting' },
  welfare: { zh: '公益事业', en: 'Public welfare' },
  other: { zh: '其他重大事项', en: 'Other major matter' },
};

export const SOURCE_LABELS: Record<(typeof SOURCES)[number], { zh: string; en: string }> = {
  members_villagers: { zh: '党员或群众建议', en: "Members' or villagers' suggestion" },
  village_cadres: { zh: '村干部提出', en: 'Village cadres' },
  higher_level: { zh: '上级安排', en: 'Higher level' },
};

export const label = (l: { zh: string; en: string } | undefined, fallback: string, lang: Lang) => (l ? pickLabel(l, lang) : fallback);

/** A name as the public page shows it when the province masks names: 王*明, 王*. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
