import type { AuditFieldTable } from '../../audit/fields.ts';

// How the funds, pay, income, commitment and reserve audit rows read.
export const partyFundsAuditFields: Record<string, AuditFieldTable> = {
  party_fund_payment: {
    name: 'paidOn',
    fields: {
      villageCode: { zh: '村代码', en: 'Village code' },
      paidOn: { zh: '拨付日期', en: 'Date paid' },
      amountFen: { zh: '金额（分）', en: 'Amount (fen)' },
      purpose: { zh: '用途', en: 'Purpose' },
      source: { zh: '资金来源', en: 'Source' },
      note: { zh: '备注', en: 'Note' },
      batchId: { zh: '导入批次', en: 'Import batch' },
      row: { zh: '行号', en: 'Row' },
    },
  },
  party_cadre_pay: {
    name: 'name',
    fields: {
      name: { zh: '姓名', en: 'Name' },
      idNumber: { zh: '证件号码', en: 'ID number' },
      post: { zh: '职务', en: 'Post' },
      month: { zh: '月份', en: 'Month' },
      amountDueFen: { zh: '应发金额（分）', en: 'Amount due (fen)' },
      dueOn: { zh: '应发日期', en: 'Due on' },
      paidOn: { zh: '发放日期', en: 'Paid on' },
    },
  },
  party_collective_income: {
    name: 'year',
    fields: {
      year: { zh: '年度', en: 'Year' },
      amountFen: { zh: '集体经济收入（分）', en: 'Collective income (fen)' },
      sources: { zh: '收入来源', en: 'Sources' },
    },
  },
  party_commitment: {
    name: 'year',
    fields: {
      year: { zh: '年度', en: 'Year' },
      content: { zh: '承诺内容', en: 'Commitment' },
      status: { zh: '践诺情况', en: 'Fulfilment' },
      evidence: { zh: '佐证', en: 'Evidence' },
      attachmentRef: { zh: '附件', en: 'Attachment' },
      review: { zh: '审核', en: 'Review' },
      reviewNote: { zh: '审核意见', en: 'Review note' },
    },
  },
  party_reserve_cadre: {
    name: 'name',
    fields: {
      name: { zh: '姓名', en: 'Name' },
      idNumber: { zh: '证件号码', en: 'ID number' },
      since: { zh: '纳入时间', en: 'Since' },
      source: { zh: '来源', en: 'Source' },
      education: { zh: '学历', en: 'Education' },
      course: { zh: '培训课程', en: 'Course' },
      hours: { zh: '学时', en: 'Hours' },
      trainedOn: { zh: '培训日期', en: 'Trained on' },
      organiser: { zh: '主办单位', en: 'Organiser' },
    },
  },
};
