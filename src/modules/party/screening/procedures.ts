import { type ProcedureDef, validateDefinition } from '../../procedures/define.ts';

const COUNTY = { level: 'county', permission: 'data.write' } as const;

/**
 * 不胜任书记的调整: opened when a screening finds a secretary unfit, due by the year's end (the screening row's
 * adjust_by, setting party.adjustment_month_day). It closes as adjusted when the term is ended (reason 'adjusted')
 * and a successor's term starts, both in the step's transaction; or it is withdrawn on review, with a reason.
 */
export const ADJUSTMENT: ProcedureDef = {
  id: 'party_adjustment',
  name: { zh: '不胜任村党组织书记调整', en: 'Adjustment of an unfit secretary' },
  initial: 'pending',
  open: { level: 'township', permission: 'data.write' },
  states: {
    pending: { label: { zh: '待调整', en: 'To adjust' } },
    adjusted: { label: { zh: '已调整', en: 'Adjusted' }, terminal: true },
    withdrawn: { label: { zh: '复核保留', en: 'Kept on review' }, terminal: true },
  },
  transitions: [
    { action: 'adjust', label: { zh: '调整到位', en: 'Adjust' }, from: ['pending'], to: 'adjusted', by: COUNTY },
    { action: 'withdraw', label: { zh: '复核保留', en: 'Keep on review' }, from: ['pending'], to: 'withdrawn', by: COUNTY, reason: true },
  ],
};

validateDefinition(ADJUSTMENT);
