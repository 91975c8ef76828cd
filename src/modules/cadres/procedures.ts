import { type ProcedureDef, validateDefinition } from '../procedures/define.ts';

const COUNTY_WRITES = { level: 'county', permission: 'data.write' } as const;

/**
 * 驻村任职: proposed by the county organisation department, confirmed (in post), then ended one of three ways. Ending
 * before the minimum tenure needs a reason; a replacement (撤换) always does.
 */
export const POSTING: ProcedureDef = {
  id: 'cadres.posting',
  name: { zh: '驻村任职', en: 'Village posting' },
  initial: 'proposed',
  open: COUNTY_WRITES,
  states: {
    proposed: { label: { zh: '拟派', en: 'Proposed' }, deadline: { setting: 'cadres.posting_confirm_days', fallback: 30 } },
    in_post: { label: { zh: '在岗', en: 'In post' } },
    rotated: { label: { zh: '轮换', en: 'Rotated' }, terminal: true },
    replaced: { label: { zh: '撤换', en: 'Replaced' }, terminal: true },
    finished: { label: { zh: '期满离任', en: 'Finished' }, terminal: true },
    withdrawn: { label: { zh: '撤回', en: 'Withdrawn' }, terminal: true },
  },
  transitions: [
    { action: 'confirm', label: { zh: '确认到岗', en: 'Confirm in post' }, from: ['proposed'], to: 'in_post', by: COUNTY_WRITES },
    { action: 'withdraw', label: { zh: '撤回', en: 'Withdraw' }, from: ['proposed'], to: 'withdrawn', by: COUNTY_WRITES, reason: true },
    {
      action: 'finish',
      label: { zh: '期满离任', en: 'Finish' },
      from: ['in_post'],
      to: 'finished',
      by: COUNTY_WRITES,
      reason: { fact: 'tenureDays', below: { setting: 'cadres.min_tenure_days', fallback: 730 } },
    },
    {
      action: 'rotate',
      label: { zh: '轮换', en: 'Rotate' },
      from: ['in_post'],
      to: 'rotated',
      by: COUNTY_WRITES,
      reason: { fact: 'tenureDays', below: { setting: 'cadres.min_tenure_days', fallback: 730 } },
    },
    { action: 'replace', label: { zh: '撤换', en: 'Replace' }, from: ['in_post'], to: 'replaced', by: COUNTY_WRITES, reason: true },
  ],
};

/**
 * 请假: asked from the village (the cadre, or the township for them); approved by the township party committee up
 * to 3 days, by the county organisation department beyond (settings); a request waits at most 2 days (setting).
 */
export const LEAVE: ProcedureDef = {
  id: 'cadres.leave',
  name: { zh: '驻村干部请假', en: 'Cadre leave' },
  initial: 'requested',
  open: { level: 'village', permission: 'data.write' },
  states: {
    requested: { label: { zh: '待审批', en: 'Awaiting approval' }, deadline: { setting: 'cadres.leave_approve_days', fallback: 2 } },
    approved: { label: { zh: '已批准', en: 'Approved' } },
    rejected: { label: { zh: '未批准', en: 'Rejected' }, terminal: true },
    cancelled: { label: { zh: '已撤销', en: 'Cancelled' }, terminal: true },
    // An approved leave whose last day has passed: closed, so it no longer counts as open.
    taken: { label: { zh: '已休', en: 'Taken' }, terminal: true },
  },
  transitions: [
    {
      action: 'approve',
      label: { zh: '批准', en: 'Approve' },
      from: ['requested'],
      to: 'approved',
      by: {
        level: 'township',
        permission: 'data.write',
        escalate: { fact: 'days', above: { setting: 'cadres.leave_township_max_days', fallback: 3 }, level: 'county' },
      },
    },
    {
      action: 'reject',
      label: { zh: '不批准', en: 'Reject' },
      from: ['requested'],
      to: 'rejected',
      by: {
        level: 'township',
        permission: 'data.write',
        escalate: { fact: 'days', above: { setting: 'cadres.leave_township_max_days', fallback: 3 }, level: 'county' },
      },
      reason: true,
    },
    {
      action: 'cancel',
      label: { zh: '撤销', en: 'Cancel' },
      from: ['requested', 'approved'],
      to: 'cancelled',
      by: { level: 'village', permission: 'data.write' },
    },
    {
      action: 'close',
      label: { zh: '销假', en: 'Close' },
      from: ['approved'],
      to: 'taken',
      by: { level: 'village', permission: 'data.write' },
    },
  ],
};

validateDefinition(POSTING);
validateDefinition(LEAVE);
