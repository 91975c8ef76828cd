import type { AuditFieldTable } from '../../audit/fields.ts';

// How a decision's audit rows read (service.ts writes them; its steps are the procedure case's rows).
export const partyDecisionAuditFields: Record<string, AuditFieldTable> = {
  party_decision: {
    name: 'title',
    fields: {
      title: { zh: '事项名称', en: 'Title' },
      category: { zh: '事项类别', en: 'Category' },
      amount: { zh: '涉及金额', en: 'Amount' },
      source: { zh: '建议来源', en: 'Source' },
      proposedOn: { zh: '提出日期', en: 'Proposed on' },
    },
  },
};
