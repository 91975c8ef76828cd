// What the cross-department comparison tells a person (zh-CN, en); merged into server/i18n.ts.
export const COMPARISON_MESSAGES = {
  COMPARISON_BATCH_STATE: ['该比对清单已比对或已放弃', 'The list has already been matched or discarded'],
  COMPARISON_HIT_DECIDED: ['该比对疑点已处理', 'The hit has already been decided'],
  COMPARISON_REASON_REQUIRED: ['请填写理由', 'Please give the reason'],
  COMPARISON_NOT_MEMBER: ['此人已不是该户成员', 'The person is no longer a member of the household'],
  COMPARISON_LABEL_REQUIRED: ['“其他”类数据请填写名称', 'A list of kind "other" needs a name'],
} as const satisfies Record<string, readonly [string, string]>;
