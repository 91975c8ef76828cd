// What the exit module tells a person (zh-CN, en); merged into server/i18n.ts.
export const EXIT_MESSAGES = {
  EXIT_VILLAGE_ONLY: ['请选择一个村', 'Choose a village'],
  EXIT_NOT_ELIGIBLE: [
    '{n} 户不符合退出条件或已提出，未作任何保存',
    '{n} household(s) are not eligible or already proposed; nothing was saved',
  ],
  EXIT_DATE_FUTURE: ['日期不能晚于今天', 'The date cannot be in the future'],
  EXIT_OBJECTION_OPEN: [
    '公示期内有未处理的异议，处理后才能公告：{households}',
    'An objection raised during the notice is still open: {households}',
  ],
  EXIT_NOT_IN_NOTICE: ['只有公示中的退出才能登记异议', 'Objections are recorded while the exit is in public notice'],
  EXIT_OBJECTION_DECIDED: ['该异议已处理', 'The objection has already been decided'],
  EXIT_BATCH_NONE: ['本批次没有可以“{action}”的户', 'No household of the batch can take the step "{actionEn}"'],
  EXIT_VILLAGE_NOT_POOR: ['该村不是贫困村，或已退出', 'The village is not a poor village, or has exited'],
  EXIT_ABOVE_THRESHOLD: [
    '贫困发生率 {incidence}% 未低于 {threshold}%，不能提出退出',
    'Poverty incidence {incidence}% is not below {threshold}%; the exit cannot be proposed',
  ],
  EXIT_ALREADY_PROPOSED: ['{year} 年度已提出退出', 'An exit has already been proposed for {year}'],
  EXIT_CHECKLIST_INCOMPLETE: ['核查清单未全部达标：{items}', 'Checklist items not met: {itemsEn}'],
  EXIT_COUNTY_NOT_CANDIDATE: ['该县不是省定贫困县', 'The county is not a provincial poverty county'],
  EXIT_COUNTY_EXITED: ['该县已公告退出', 'The county has already been announced exited'],
  EXIT_COMPLAINT_LIMIT: ['提交过于频繁，请稍后再试', 'Too many submissions; please try again later'],
} as const satisfies Record<string, readonly [string, string]>;
