// What the attendance part of the cadres module tells a person (zh-CN, en); merged into the cadres' messages.
export const ATTENDANCE_MESSAGES = {
  ATTENDANCE_FUTURE_MONTH: ['{month} 尚未开始，不能统计出勤', '{month} has not begun: no attendance to compute'],
  ATTENDANCE_FLAG_LEVEL: ['{kind}须由{level}核实', '{kindEn} is verified by the {levelEn}'],
  ATTENDANCE_FLAG_CHANGED: [
    '该疑点已被他人处理或依据已更新，请刷新后再核实',
    'This flag was decided by someone else or its evidence changed; reload and verify again',
  ],
  ATTENDANCE_NOTE_REQUIRED: ['排除疑点须填写说明', 'Dismissing a flag needs a note'],
  ATTENDANCE_OUTCOME: [
    '只有确认的月度疑点可作为撤换理由；缺勤日只能认定为旷工',
    'Only a confirmed month flag can be a ground for replacement; an absence day can only become an absence',
  ],
} as const satisfies Record<string, readonly [string, string]>;
