// What the procedure mechanism tells a person when a step is refused (zh-CN, en); merged into server/i18n.ts.
export const PROCEDURE_MESSAGES = {
  PROCEDURE_ROLE: ['您的角色不能办理这一步', 'Your role may not take this step'],
  PROCEDURE_LEVEL: ['这一步须由{level}及以上用户办理', 'This step needs a user at {levelEn} level or above'],
  PROCEDURE_UNKNOWN_ACTION: ['没有这个办理步骤：{action}', 'No such step: {action}'],
  PROCEDURE_CHANGED: ['该事项已被他人办理或修改，请刷新后再试', 'Someone else has moved this case meanwhile; reload and try again'],
  PROCEDURE_WRONG_STATE: ['当前状态为“{state}”，不能“{action}”', 'The case is "{stateEn}"; "{actionEn}" is not possible now'],
  PROCEDURE_REASON_REQUIRED: ['请填写原因', 'Please give a reason'],
  PROCEDURE_TOO_EARLY: [
    '须满 {days} 天后才能办理（{from} 起），目前已 {waited} 天',
    'This step is possible after {days} days (from {from}); {waited} have passed',
  ],
} as const satisfies Record<string, readonly [string, string]>;
