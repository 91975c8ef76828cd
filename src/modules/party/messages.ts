// What the party module's core (organisations, secretaries, members, pairings, its spreadsheets) tells a person
// (zh-CN, en); merged into server/i18n.ts.
export const PARTY_MESSAGES = {
  PARTY_BAD_ID: ['证件号码有误：{problem}', 'The ID number is wrong: {problemEn}'],
  PARTY_BAD_NAME: ['姓名不能为空，且不能含控制字符', 'The name must not be blank or hold control characters'],
  PARTY_PERSON_OTHER_COUNTY: [
    '此人已登记在其他县，请先由该县核实',
    'This person is registered in another county; that county must verify first',
  ],
  PARTY_NAME_MISMATCH: [
    '该证件号码已登记，但姓名不同（登记为“{name}”），请核对',
    'This ID number is registered under another name ("{name}"); check it',
  ],
  PARTY_ORG_REGION: ['党组织须建在行政村或乡镇上', 'An organisation belongs to a village or a township'],
  PARTY_ORG_EXISTS: [
    '该地已有党组织（{name}），一个村同一时间只能有一个党组织',
    'This place already has an organisation ({name}); a village has one at a time',
  ],
  PARTY_ORG_DISSOLVED: ['该党组织已于 {date} 撤销，不能再变更', 'This organisation was dissolved on {date}; it cannot change'],
  PARTY_ORG_HAS_MEMBERS: ['该党组织还有 {count} 名党员，请先将其转出', 'This organisation still has {count} members; move them out first'],
  PARTY_CHANGED: ['该记录已被他人修改，请刷新后重试', 'Someone else changed this record meanwhile; reload and try again'],
  PARTY_BAD_DATE: ['日期不合理：{rule}', 'The date does not fit: {ruleEn}'],
  PARTY_SECRETARY_SAME: ['此人已是该党组织的现任书记', 'This person is already the secretary'],
  PARTY_MEMBER_EXISTS: [
    '此人已是{org}的党员（一人同一时间只在一个党组织）',
    'This person is already a member of {org} (one organisation at a time)',
  ],
  PARTY_MEMBER_LEFT: ['该党员已于 {date} 离开本组织，记录不能再变更', 'This member left on {date}; the record cannot change'],
  PARTY_MOVE_SAME_ORG: ['转入的党组织与现所在组织相同', 'The target organisation is the one the member is in'],
  PARTY_MOVE_OTHER_COUNTY: [
    '党员只能在本县（市、区）内的党组织间转接；跨县转接请由转入县登记',
    'A member moves between organisations of the same county; the receiving county records a move from elsewhere',
  ],
  PARTY_INDUSTRY_NEEDS_LEADER: ['只有致富带头人才填写致富产业', 'Only a wealth-leading member has an industry'],
  PARTY_PAIRING_EXISTS: ['该党员已与此户结对', 'The member is already paired with this household'],
  PARTY_PAIRING_OTHER_COUNTY: ['结对的户须与党员在同一县', "The household must be in the member's county"],
  PARTY_PAIRING_ENDED: ['该结对已于 {date} 结束', 'This pairing ended on {date}'],
  PARTY_KIND_UNAVAILABLE: ['“{kind}”类表格的导入导出尚未提供', 'Import and export of "{kind}" spreadsheets are not available yet'],
} as const;
