import type { AuditFieldTable } from '../audit/fields.ts';

// How the party module's audit rows read (orgs/service.ts and members/service.ts write them).
export const partyAuditFields: Record<string, AuditFieldTable> = {
  party_org: {
    name: 'name',
    fields: {
      name: { zh: '组织名称', en: 'Name' },
      kind: { zh: '组织类型', en: 'Kind' },
      established_on: { zh: '成立日期', en: 'Established' },
      dissolved_on: { zh: '撤销日期', en: 'Dissolved' },
      secretary: { zh: '书记', en: 'Secretary' },
      idNumber: { zh: '证件号码', en: 'ID number' },
      one_shoulder: { zh: '一肩挑', en: 'Also committee head' },
      start_date: { zh: '任职日期', en: 'Since' },
      end_reason: { zh: '离任原因', en: 'Why the term ended' },
    },
  },
  party_member: {
    name: 'name',
    fields: {
      name: { zh: '姓名', en: 'Name' },
      idNumber: { zh: '证件号码', en: 'ID number' },
      org: { zh: '党组织', en: 'Organisation' },
      joined_on: { zh: '入党日期', en: 'Joined' },
      standing: { zh: '党员类别', en: 'Standing' },
      post: { zh: '岗位', en: 'Post' },
      duty: { zh: '职责', en: 'Duty' },
      wealth_leader: { zh: '致富带头人', en: 'Wealth leader' },
      wealth_industry: { zh: '致富产业', en: 'Industry' },
      left_on: { zh: '离开日期', en: 'Left on' },
      left_reason: { zh: '离开原因', en: 'Why' },
      to: { zh: '转入组织', en: 'Moved to' },
      from: { zh: '转出组织', en: 'Moved from' },
    },
  },
};
