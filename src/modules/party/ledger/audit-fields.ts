import type { AuditFieldTable } from '../../audit/fields.ts';

// How the ledger's and the screening's audit rows read (ledger/service.ts, screening/*.ts write them).
export const ledgerAuditFields: Record<string, AuditFieldTable> = {
  party_rectification: {
    name: 'year',
    fields: {
      year: { zh: '整顿年度', en: 'Year' },
      causes: { zh: '软弱涣散类型', en: 'Causes' },
      problems: { zh: '主要问题', en: 'Main problems' },
      plan: { zh: '整改措施', en: 'Measures' },
      countyLeader: { zh: '县级联系领导', en: 'County leader' },
      townshipMember: { zh: '乡镇包村干部', en: 'Township member' },
      firstSecretary: { zh: '第一书记', en: 'First secretary' },
      deadline: { zh: '整改时限', en: 'Deadline' },
      date: { zh: '日期', en: 'Date' },
      content: { zh: '整改进展', en: 'Progress' },
      state: { zh: '状态', en: 'State' },
      batchId: { zh: '导入批次', en: 'Import batch' },
      row: { zh: '行号', en: 'Row' },
    },
  },
  party_screening: {
    name: 'secretary',
    fields: {
      secretary: { zh: '书记', en: 'Secretary' },
      result: { zh: '研判结果', en: 'Result' },
      opinion: { zh: '群众意见', en: "Villagers' opinion" },
      note: { zh: '备注', en: 'Notes' },
      date: { zh: '日期', en: 'Date' },
    },
  },
  party_screening_round: {
    name: 'year',
    fields: { year: { zh: '年度', en: 'Year' }, listed: { zh: '列入人数', en: 'Listed' } },
  },
  party_nomination: {
    name: 'name',
    fields: { name: { zh: '姓名', en: 'Name' }, hits: { zh: '不得提名情形', en: 'Conditions that apply' } },
  },
  party_nomination_bar: {
    name: 'items',
    fields: { items: { zh: '不得提名情形', en: 'Disqualifying conditions' } },
  },
};
