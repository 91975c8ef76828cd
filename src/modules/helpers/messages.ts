// What the helpers module tells a person (zh-CN, en); merged into server/i18n.ts.
export const HELPER_MESSAGES = {
  HELPER_BAD_ID: ['证件号码有误：{problem}', 'The ID number is wrong: {problemEn}'],
  HELPER_BAD_PHONE: [
    '联系电话应为 11 位手机号或带区号的固定电话',
    'The phone must be an 11-digit mobile number or a landline with area code',
  ],
  HELPER_BAD_NAME: ['姓名不能为空，且不能含控制字符', 'The name must not be blank or hold control characters'],
  HELPER_COUNTY: ['请选择帮扶责任人所在的县（市、区）', "Choose the helper's county"],
  HELPER_PERSON_OTHER_COUNTY: [
    '此人已登记在其他县，请先由该县核实',
    'This person is registered in another county; that county must verify first',
  ],
  HELPER_NAME_MISMATCH: [
    '该证件号码已登记，但姓名不同（登记为“{name}”），请核对',
    'This ID number is registered under another name ("{name}"); check it',
  ],
  HELPER_EXISTS: [
    '本县已有此帮扶责任人（同一人或同名同电话），请直接使用',
    'This county already has this helper (the same person, or the same name and phone); use that record',
  ],
  HELPER_ID_FIXED: ['已登记的证件号码不能更改', 'An ID number on record cannot be changed'],
  HELPER_DUPLICATE_HOUSEHOLDS: ['所选户中有重复：{count} 个编号出现了不止一次', 'The selection repeats {count} households'],
  HELPER_HOUSEHOLDS_OUT_OF_SCOPE: [
    '所选户中有 {count} 户不在您的管辖范围内或不存在，未做任何更改',
    '{count} of the selected households are not within your reach or do not exist; nothing was changed',
  ],
  HELPER_OTHER_COUNTY: [
    '帮扶责任人属于{helperCounty}，所选户须都在该县（有 {count} 户不在）',
    'The helper belongs to county {helperCounty}; every selected household must be there ({count} are not)',
  ],
} as const;
