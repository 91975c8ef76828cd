import { type ProcedureDef, validateDefinition } from '../../procedures/define.ts';

const TOWNSHIP = { level: 'township', permission: 'data.write' } as const;
const COUNTY = { level: 'county', permission: 'data.write' } as const;

/** The setting holding the follow-up wait after 销号 before 巩固 (days; about N months). */
export const FOLLOW_UP_DAYS = { setting: 'party.rectification_follow_up_days', fallback: 180 } as const;

/**
 * 软弱涣散村党组织整顿 (DOMAIN.md §5): identified by the township or county → measures set (一村一策) → rectifying →
 * closed (销号, the county's verification) → consolidated (巩固, a follow-up check at least FOLLOW_UP_DAYS after
 * closing). Closed and consolidated cases may be reopened (with a reason), so neither is terminal: a case counts as
 * weak-and-lax while it is in one of RECTIFICATION_OPEN_STATES.
 */
export const RECTIFICATION: ProcedureDef = {
  id: 'party_rectification',
  name: { zh: '软弱涣散村党组织整顿', en: 'Weak-and-lax organisation rectification' },
  initial: 'identified',
  open: TOWNSHIP,
  states: {
    identified: {
      label: { zh: '已排查认定', en: 'Identified' },
      deadline: { setting: 'party.rectification_plan_days', fallback: 30 },
    },
    planned: { label: { zh: '已定措施', en: 'Measures set' } },
    rectifying: { label: { zh: '整顿中', en: 'Rectifying' } },
    closed: { label: { zh: '已销号', en: 'Closed' }, deadline: { setting: 'party.rectification_consolidate_days', fallback: 365 } },
    consolidated: { label: { zh: '已巩固', en: 'Consolidated' } },
  },
  transitions: [
    { action: 'plan', label: { zh: '制定整顿方案', en: 'Set the measures' }, from: ['identified'], to: 'planned', by: TOWNSHIP },
    { action: 'start', label: { zh: '开始整顿', en: 'Start rectifying' }, from: ['planned'], to: 'rectifying', by: TOWNSHIP },
    { action: 'close', label: { zh: '验收销号', en: 'Verify and close' }, from: ['rectifying'], to: 'closed', by: COUNTY },
    {
      action: 'consolidate',
      label: { zh: '回访巩固', en: 'Follow-up: consolidated' },
      from: ['closed'],
      to: 'consolidated',
      by: COUNTY,
      notBefore: FOLLOW_UP_DAYS,
    },
    {
      action: 'reopen',
      label: { zh: '重新整顿', en: 'Reopen' },
      from: ['closed', 'consolidated'],
      to: 'rectifying',
      by: COUNTY,
      reason: true,
    },
  ],
};

/** States in which the village's organisation is weak-and-lax (软弱涣散): the case is not closed. */
export const RECTIFICATION_OPEN_STATES = ['identified', 'planned', 'rectifying'] as const;
export const RECTIFICATION_STATES = ['identified', 'planned', 'rectifying', 'closed', 'consolidated'] as const;

validateDefinition(RECTIFICATION);
