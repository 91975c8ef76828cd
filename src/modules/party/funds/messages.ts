// What the party funds, commitments and reserve parts tell a person (zh-CN, en); merged into server/i18n.ts.
export const PARTY_FUNDS_MESSAGES = {
  PARTY_RECORD_CHANGED: ['该记录已被他人修改，请刷新后重试', 'Someone else changed this record meanwhile; reload it and try again'],
  PARTY_BAD_YEAR: ['年度 {year} 不在可填写的范围内', 'The year {year} is outside the years that can be entered'],
  PARTY_PAYMENT_EXISTS: [
    '已有同一村、同一日期、同一用途、同一金额和来源的拨付记录',
    'A payment of this village, date, purpose, amount and source is already on record',
  ],
  PARTY_PAY_EXISTS: ['此人本月在该村的报酬记录已存在', "This person's pay for that month in this village is already on record"],
  PARTY_DUE_BEFORE_MONTH: ['应发日期不能早于所属月份', 'The due date cannot be before the month paid for'],
  PARTY_PAID_BEFORE_MONTH: ['发放日期不能早于所属月份', 'The date paid cannot be before the month paid for'],
  PARTY_BAD_NAME: ['姓名不能为空，且不能含控制字符', 'The name must not be blank or hold control characters'],
  PARTY_BAD_ID: ['证件号码有误：{problem}', 'The ID number is wrong: {problemEn}'],
  PARTY_PERSON_OTHER_COUNTY: [
    '此人已登记在其他县，请先由该县核实',
    'This person is registered in another county; that county must verify first',
  ],
  PARTY_NAME_MISMATCH: [
    '该证件号码已登记，但姓名不同（登记为“{name}”），请核对',
    'This ID number is registered under another name ("{name}"); check it',
  ],
  PARTY_RESERVE_EXISTS: ['此人已是后备干部', 'This person is already a reserve cadre'],
  PARTY_RESERVE_LEFT: ['此人已退出后备干部队伍，不能再记录培训', 'This person has left the reserve pool; no training can be added'],
  PARTY_MEMBER_LEFT: ['该党员已离开组织，不能再作承诺', 'This member has left the organisation and can make no commitment'],
  PARTY_EVIDENCE_REQUIRED: ['标记为已践诺时须填写践诺情况（佐证）', 'A fulfilled commitment needs its evidence'],
  PARTY_REVIEW_OPEN: ['承诺尚未标记践诺结果，不能审核', 'The commitment has no fulfilment result yet; it cannot be reviewed'],
  PARTY_PAYMENT_REVERSED: ['该拨付记录已冲正（更正或撤销），不能再次更正', 'This payment was already reversed (corrected or withdrawn)'],
  PARTY_PAYMENT_IS_REVERSAL: [
    '冲正记录不能再更正，请更正替换后的拨付记录',
    'A reversal cannot be corrected; correct the replacement payment instead',
  ],
  PARTY_CORRECTION_SAME: [
    '更正后的拨付与原记录相同，无需更正',
    'The corrected payment is the same as the original; there is nothing to correct',
  ],
  PARTY_CORRECTION_BEFORE_PAYMENT: [
    '更正日期不能早于原拨付日期（{paidOn}）',
    'The correction cannot be dated before the payment ({paidOn})',
  ],
  PARTY_DAY_FUTURE: ['日期不能晚于今天', 'The date cannot be after today'],
  PARTY_RESERVE_ALREADY_LEFT: ['此人已于 {leftOn} 退出后备干部队伍', 'This person left the reserve on {leftOn}'],
  PARTY_RESERVE_LEFT_BEFORE: [
    '退出日期不能早于纳入日期（{since}）',
    'The day of leaving cannot be before the day they joined the reserve ({since})',
  ],
} as const;
