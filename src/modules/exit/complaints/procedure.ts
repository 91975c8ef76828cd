import { type ProcedureDef, validateDefinition } from '../../procedures/define.ts';

const COUNTY = { level: 'county', permission: 'data.write' } as const;

/**
 * A complaint or objection sent from a village's public page: it lands with the county, which answers it within
 * exit.complaint_days (overdue: an alert). An objection naming a household in notice is also attached to that
 * household's exit as an objection (decided there).
 */
export const EXIT_COMPLAINT: ProcedureDef = {
  id: 'exit_complaint',
  name: { zh: '群众投诉与异议', en: 'Public complaint' },
  initial: 'received',
  open: COUNTY,
  states: {
    received: { label: { zh: '已受理', en: 'Received' }, deadline: { setting: 'exit.complaint_days', fallback: 15 } },
    answered: { label: { zh: '已办结', en: 'Answered' }, terminal: true },
  },
  transitions: [
    { action: 'answer', label: { zh: '答复办结', en: 'Answer and close' }, from: ['received'], to: 'answered', by: COUNTY, reason: true },
  ],
};

validateDefinition(EXIT_COMPLAINT);
