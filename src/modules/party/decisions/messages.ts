// What the decisions part of the party module tells a person (zh-CN, en); merged into server/i18n.ts.
export const PARTY_DECISION_MESSAGES = {
  DECISION_NOT_VILLAGE: ['请选择一个行政村', 'Choose a village'],
  DECISION_NO_ORG: ['该村尚未登记村党组织，请先登记党组织', 'The village has no party organisation on record; record it first'],
  DECISION_NO_MEMBERS: [
    '该村党组织在 {date} 没有在册党员，不能召开党员大会',
    'The party organisation had no members on {date}; no members’ meeting can be held',
  ],
  DECISION_NOT_ONE_SHOULDER: [
    '该村书记不是“一肩挑”，村党组织提议和两委会商议须分别召开',
    'The secretary is not also the committee head (一肩挑): the organisation and the two committees meet separately',
  ],
  DECISION_WRONG_STEP: [
    '当前应办理“{expected}”，不能跳过或颠倒步骤',
    'The next step is "{expectedEn}"; steps may be neither skipped nor taken out of order',
  ],
  DECISION_QUORUM: [
    '{meeting}未达到法定人数：应到 {total} 人，实到 {present} 人；规则：{rule}（至少 {need} 人）',
    '{meetingEn} had no quorum: {present} of {total} present; the rule: {ruleEn} (at least {need})',
  ],
  DECISION_PRESENT_EXCEEDS: ['实到人数不能多于应到人数', 'More present than due to attend'],
  DECISION_VOTES_EXCEED: ['赞成、反对、弃权票数之和不能多于实到人数', 'For, against and abstaining add up to more than those present'],
  DECISION_NO_ONE: ['应到人数须大于 0', 'The number due to attend must be above 0'],
  DECISION_FIELD_REQUIRED: ['“{step}”须填写：{fields}', '"{stepEn}" needs: {fieldsEn}'],
  DECISION_DATE_ORDER: [
    '日期不能早于上一步（{previous}），也不能晚于今天',
    'The date cannot be before the previous step ({previous}) nor after today',
  ],
  PUBLIC_RATE_LIMIT: ['访问过于频繁，请稍后再试', 'Too many requests; try again shortly'],
} as const satisfies Record<string, readonly [string, string]>;
