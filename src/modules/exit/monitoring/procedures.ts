import { addDays } from '../../../server/clock.ts';
import { type Days, daysOf, type ProcedureDef, validateDefinition } from '../../procedures/define.ts';

const VILLAGE = { level: 'village', permission: 'data.write' } as const;
const TOWNSHIP = { level: 'township', permission: 'data.write' } as const;
const COUNTY = { level: 'county', permission: 'data.write' } as const;

/** The village notice of a monitoring case lasts at least this long (DOMAIN.md §4.1: ≥ 5 days). */
export const NOTICE_DAYS: Days = { setting: 'exit.monitoring_notice_days', fallback: 5 };
/** From the proposal's confirmation to the county's decision (DOMAIN.md §4.1: within 15 days). */
export const DECISION_DAYS: Days = { setting: 'exit.monitoring_decision_days', fallback: 15 };
/** A marginal household: per-capita income under this factor × the year's poverty line. */
export const INCOME_FACTOR = { setting: 'exit.monitoring_income_factor', fallback: 1.5 } as const;

/**
 * 防返贫监测 (DOMAIN.md §4.1): proposed (by the household's application, a cadre's visit, a department's data or the
 * system) → confirmed by a person → visit with the household's signed consent → democratic appraisal and village
 * notice (≥ NOTICE_DAYS) → township review → county decision, all within DECISION_DAYS of the confirmation; each
 * step's own deadline adds up to that. Monitored households leave with a recorded checklist (the service checks it).
 */
export const MONITORING: ProcedureDef = {
  id: 'exit_monitoring',
  name: { zh: '防返贫监测', en: 'Return-to-poverty monitoring' },
  initial: 'proposed',
  open: VILLAGE,
  states: {
    proposed: { label: { zh: '待确认', en: 'Proposed' }, deadline: { setting: 'exit.monitoring_confirm_days', fallback: 3 } },
    visiting: { label: { zh: '入户核实', en: 'Home visit' }, deadline: { setting: 'exit.monitoring_visit_days', fallback: 3 } },
    notice: {
      label: { zh: '民主评议公示', en: 'Appraisal and notice' },
      deadline: { setting: 'exit.monitoring_notice_due_days', fallback: 7 },
    },
    township_review: {
      label: { zh: '乡镇审核', en: 'Township review' },
      deadline: { setting: 'exit.monitoring_township_days', fallback: 3 },
    },
    county_decision: {
      label: { zh: '县级审定', en: 'County decision' },
      deadline: { setting: 'exit.monitoring_county_days', fallback: 2 },
    },
    monitored: { label: { zh: '监测帮扶中', en: 'Monitored' } },
    left: { label: { zh: '已消除风险', en: 'Risk removed' }, terminal: true },
    rejected: { label: { zh: '未纳入', en: 'Not included' }, terminal: true },
  },
  transitions: [
    { action: 'confirm', label: { zh: '确认启动', en: 'Confirm' }, from: ['proposed'], to: 'visiting', by: VILLAGE },
    {
      action: 'consent',
      label: { zh: '入户核实（已签承诺授权）', en: 'Visited, consent signed' },
      from: ['visiting'],
      to: 'notice',
      by: VILLAGE,
    },
    {
      action: 'appraise',
      label: { zh: '评议公示无异议', en: 'Appraised, notice ended' },
      from: ['notice'],
      to: 'township_review',
      by: VILLAGE,
      notBefore: NOTICE_DAYS,
    },
    {
      action: 'approve',
      label: { zh: '乡镇审核通过', en: 'Township approves' },
      from: ['township_review'],
      to: 'county_decision',
      by: TOWNSHIP,
    },
    { action: 'include', label: { zh: '县级审定纳入监测', en: 'County includes' }, from: ['county_decision'], to: 'monitored', by: COUNTY },
    {
      action: 'reject',
      label: { zh: '不予纳入', en: 'Not included' },
      from: ['proposed', 'visiting', 'notice', 'township_review', 'county_decision'],
      to: 'rejected',
      by: VILLAGE,
      reason: true,
    },
    {
      action: 'leave',
      label: { zh: '风险消除，退出监测', en: 'Risk removed: leave monitoring' },
      from: ['monitored'],
      to: 'left',
      by: COUNTY,
    },
  ],
};

validateDefinition(MONITORING);

export const MONITORING_STATES = Object.keys(MONITORING.states) as [string, ...string[]];
export const OPEN_STATES = ['proposed', 'visiting', 'notice', 'township_review', 'county_decision'] as const;
export const KINDS = ['unstable', 'marginal', 'hardship'] as const;
export const SOURCES = ['application', 'visit', 'comparison', 'system'] as const;
export type Kind = (typeof KINDS)[number];
export type Source = (typeof SOURCES)[number];

export const KIND_LABELS: Record<Kind, { zh: string; en: string }> = {
  unstable: { zh: '脱贫不稳定户', en: 'Unstable exited' },
  marginal: { zh: '边缘易致贫户', en: 'Marginal' },
  hardship: { zh: '突发严重困难户', en: 'Sudden hardship' },
};
export const SOURCE_LABELS: Record<Source, { zh: string; en: string }> = {
  application: { zh: '农户申请', en: 'Application' },
  visit: { zh: '干部走访', en: 'Cadre visit' },
  comparison: { zh: '部门比对', en: 'Department data' },
  system: { zh: '系统预警', en: 'System' },
};

/** The day by which the county must have decided: DECISION_DAYS after the proposal was confirmed. */
export function decisionDue(confirmedOn: string, settings: Readonly<Record<string, number>>): string {
  return addDays(confirmedOn, daysOf(DECISION_DAYS, settings));
}

/** The income below which a household is marginal: the factor × the year's poverty line. */
export function monitoringLine(povertyLine: number, factor: number): number {
  return Math.round(povertyLine * factor * 100) / 100;
}

/** What leaving monitoring needs, every item true (DOMAIN.md §4.1). */
export const CHECKLIST = ['income_stable', 'guarantees', 'safe_water', 'risk_gone'] as const;
export type Checklist = Record<(typeof CHECKLIST)[number], boolean>;
export const CHECKLIST_LABELS: Record<(typeof CHECKLIST)[number], { zh: string; en: string }> = {
  income_stable: { zh: '收入持续稳定高于监测范围', en: 'Income stably above the range' },
  guarantees: { zh: '“三保障”已落实', en: 'Three guarantees met' },
  safe_water: { zh: '饮水安全有保障', en: 'Safe drinking water' },
  risk_gone: { zh: '返贫致贫风险已消除', en: 'The risk is gone' },
};

/** The checklist items not met (empty: the household may leave). */
export function checklistGaps(c: Partial<Checklist> | null | undefined): (typeof CHECKLIST)[number][] {
  return CHECKLIST.filter((k) => c?.[k] !== true);
}
