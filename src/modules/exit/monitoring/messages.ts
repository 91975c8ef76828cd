// What return-to-poverty monitoring tells a person (zh-CN, en); merged into server/i18n.ts.
export const MONITORING_MESSAGES = {
  MONITORING_CASE_EXISTS: ['该户已有未办结的监测事项', 'The household already has a monitoring case in progress'],
  MONITORING_HOUSEHOLD_MISSING: [
    '请选择在册农户，或为边缘户新建监测户',
    'Choose a registered household, or create a monitoring-only household for a marginal one',
  ],
  MONITORING_NEW_ONLY_MARGINAL: ['只有边缘易致贫户可以新建未在册的监测户', 'Only a marginal household may be created outside the register'],
  MONITORING_KIND_STATUS: [
    '脱贫不稳定户须为已脱贫户（该户当前状态：{status}）',
    'An unstable household must have exited (its status now: {status})',
  ],
  MONITORING_STILL_POOR: [
    '该户尚未脱贫，按贫困户帮扶，不纳入防返贫监测',
    'The household has not exited; it is helped as a poor household, not monitored',
  ],
  MONITORING_INCOME_ABOVE: [
    '人均纯收入 {income} 元不低于监测标准 {line} 元（{factor} 倍扶贫标准）',
    'Per-capita income {income} yuan is not under the monitoring line {line} yuan ({factor} × the poverty line)',
  ],
  MONITORING_CONSENT_REQUIRED: ['请填写农户签署承诺授权书的日期', 'Give the date the household signed its consent'],
  MONITORING_DATE_FUTURE: ['日期不能晚于今天', 'The date cannot be in the future'],
  MONITORING_CHECKLIST: ['退出监测须以下各项均已满足：{items}', 'Leaving monitoring needs every item met: {itemsEn}'],
  MONITORING_MEASURE_TYPE: ['帮扶措施类型不在项目类型清单中', 'The measure is not one of the project types'],
  MONITORING_MEASURE_STATE: ['只有纳入监测后才能登记帮扶措施', 'Measures are recorded once the household is monitored'],
} as const satisfies Record<string, readonly [string, string]>;
