import { type ProcedureDef, validateDefinition } from '../../procedures/define.ts';

const VILLAGE = { level: 'village', permission: 'data.write' } as const;
const TOWNSHIP = { level: 'township', permission: 'data.write' } as const;
const COUNTY = { level: 'county', permission: 'data.write' } as const;

/** 公示: calendar days of the public notice (weekends count); the announcement is refused before they are over. */
export const NOTICE_DAYS = { setting: 'exit.notice_days', fallback: 7 } as const;
/** Days a step may take before the case is overdue (an alert). */
const STEP_DAYS = { setting: 'exit.step_days', fallback: 30 } as const;

/**
 * 贫困户退出 (DOMAIN.md §4.1): proposed in the village's batch → democratic appraisal (民主评议) → verification by the
 * village committees and the work team (核实) → the household agrees (认可) → public notice (公示, NOTICE_DAYS) →
 * announcement (公告, the township, not before the notice is over) → closed in the register (销号, the county).
 * An objection upheld, or anyone above the village with a reason, sends the household back to the start.
 */
export const HOUSEHOLD_EXIT: ProcedureDef = {
  id: 'household_exit',
  name: { zh: '贫困户退出', en: 'Household exit' },
  initial: 'proposed',
  open: VILLAGE,
  states: {
    proposed: { label: { zh: '拟退出（待民主评议）', en: 'Proposed (awaiting appraisal)' }, deadline: STEP_DAYS },
    appraised: { label: { zh: '已民主评议', en: 'Appraised' }, deadline: STEP_DAYS },
    verified: { label: { zh: '已核实', en: 'Verified' }, deadline: STEP_DAYS },
    agreed: { label: { zh: '户已认可', en: 'Household agreed' }, deadline: STEP_DAYS },
    notice: { label: { zh: '公示中', en: 'In public notice' }, deadline: { setting: 'exit.announce_days', fallback: 15 } },
    announced: { label: { zh: '已公告', en: 'Announced' }, deadline: STEP_DAYS },
    closed: { label: { zh: '已销号', en: 'Closed in the register' }, terminal: true },
    withdrawn: { label: { zh: '已撤回', en: 'Withdrawn' }, terminal: true },
  },
  transitions: [
    {
      action: 'appraise',
      label: { zh: '民主评议通过', en: 'Democratic appraisal passed' },
      from: ['proposed'],
      to: 'appraised',
      by: VILLAGE,
    },
    {
      action: 'verify',
      label: { zh: '村两委和驻村工作队核实', en: 'Verified by the committees and work team' },
      from: ['appraised'],
      to: 'verified',
      by: VILLAGE,
    },
    { action: 'agree', label: { zh: '贫困户认可', en: 'Household agrees' }, from: ['verified'], to: 'agreed', by: VILLAGE },
    { action: 'publish', label: { zh: '村内公示', en: 'Public notice in the village' }, from: ['agreed'], to: 'notice', by: VILLAGE },
    {
      action: 'announce',
      label: { zh: '公告退出', en: 'Announce the exit' },
      from: ['notice'],
      to: 'announced',
      by: TOWNSHIP,
      notBefore: NOTICE_DAYS,
    },
    { action: 'close', label: { zh: '系统销号', en: 'Close in the register' }, from: ['announced'], to: 'closed', by: COUNTY },
    {
      action: 'return',
      label: { zh: '退回重新评议', en: 'Send back' },
      from: ['appraised', 'verified', 'agreed', 'notice', 'announced'],
      to: 'proposed',
      by: TOWNSHIP,
      reason: true,
    },
    {
      action: 'withdraw',
      label: { zh: '撤回退出申请', en: 'Withdraw' },
      from: ['proposed', 'appraised', 'verified', 'agreed', 'notice'],
      to: 'withdrawn',
      by: TOWNSHIP,
      reason: true,
    },
  ],
};

export const HOUSEHOLD_EXIT_STATES = ['proposed', 'appraised', 'verified', 'agreed', 'notice', 'announced', 'closed', 'withdrawn'] as const;
/** The steps a village's batch may take for all its households in the step's state at once. */
export const BATCH_ACTIONS = ['appraise', 'verify', 'agree', 'publish', 'announce', 'close'] as const;

validateDefinition(HOUSEHOLD_EXIT);
