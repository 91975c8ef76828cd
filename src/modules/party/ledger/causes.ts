import type { Tx } from '../../../db/types.ts';
import { getSetting } from '../../settings.ts';

export type Cause = { code: string; zh: string; en: string };

/**
 * The standard causes of a weak-and-lax organisation (DOMAIN.md §5). A province may replace the list with the
 * setting `party.rectification_causes` (a JSON array of {code, zh, en}); a case keeps the codes it was given.
 */
export const DEFAULT_CAUSES: readonly Cause[] = [
  {
    code: 'leadership_incomplete',
    zh: '班子不健全或书记长期缺职（3个月以上）',
    en: 'Leadership incomplete or secretary post vacant over 3 months',
  },
  { code: 'secretary_unfit', zh: '书记不胜任现职', en: 'Secretary unfit for the post' },
  { code: 'divided', zh: '班子不团结、内耗严重', en: 'Divided leadership' },
  { code: 'formality', zh: '组织生活流于形式', en: 'Organisational life a formality' },
  { code: 'vote_buying', zh: '换届选举拉票贿选', en: 'Vote buying in elections' },
  { code: 'interference', zh: '宗族、宗教、黑恶势力干扰渗透', en: 'Clan, religious or criminal interference' },
  { code: 'not_disclosed', zh: '党务村务财务不公开', en: 'Party, village and financial affairs not disclosed' },
  { code: 'petitions', zh: '社会治安问题和信访矛盾集中', en: 'Public order problems and petitions concentrated' },
  { code: 'no_venue', zh: '无活动场所', en: 'No activity venue' },
  { code: 'poor_service', zh: '服务意识差、群众反映强烈', en: 'Poor service and strong complaints' },
  {
    code: 'supervision_formality',
    zh: '村民代表会议、村务监督委员会形同虚设',
    en: "Villagers' representatives or supervision committee a formality",
  },
  { code: 'corruption', zh: '优亲厚友、侵占集体利益', en: 'Unfair benefits or corruption' },
  { code: 'no_new_members', zh: '两年以上未发展党员', en: 'No new member candidates for 2+ years' },
  { code: 'low_satisfaction', zh: '群众满意度低于60%', en: 'Satisfaction under 60%' },
];

export async function causesFor(tx: Tx, region: string): Promise<readonly Cause[]> {
  const v = await getSetting<unknown>(tx, 'party.rectification_causes', DEFAULT_CAUSES, { scopeCode: region });
  return Array.isArray(v) && v.length ? (v as Cause[]) : DEFAULT_CAUSES;
}

export const causeLabel = (list: readonly Cause[], code: string, lang: 'zh' | 'en') => {
  const c = list.find((x) => x.code === code) ?? DEFAULT_CAUSES.find((x) => x.code === code);
  return c ? c[lang] : code;
};
