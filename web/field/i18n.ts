// The field app's own small dictionary: Chinese by default, English on request (kept in localStorage).
export type Lang = 'zh-CN' | 'en';

const WORDS = {
  title: ['驻村签到', 'Village check-in'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  login: ['登录', 'Log in'],
  logout: ['退出', 'Log out'],
  checkIn: ['签到', 'Check in'],
  locating: ['正在定位…', 'Locating…'],
  pending: ['待同步 {n} 条', '{n} waiting to sync'],
  synced: ['已同步', 'All synced'],
  itemSynced: ['已同步', 'Synced'],
  syncing: ['同步中…', 'Syncing…'],
  offline: ['离线', 'Offline'],
  online: ['在线', 'Online'],
  today: ['今日签到', "Today's check-ins"],
  none: ['今天还没有签到', 'No check-ins today yet'],
  queued: ['已签到，待同步', 'Checked in, waiting to sync'],
  noGeo: ['无法获取位置：{why}', 'Cannot get the position: {why}'],
  noPosting: ['您的账号没有关联驻村任职', 'Your login is not linked to a posting'],
  refused: ['未被接受：{why}', 'Refused: {why}'],
  accuracy: ['精度 {m} 米', '±{m} m'],
  needLogin: ['请先在联网时登录', 'Log in while online first'],
  loginFailed: ['登录失败：{why}', 'Login failed: {why}'],
  lang: ['English', '中文'],
  tabCheckin: ['签到', 'Check-in'],
  tabLog: ['日志', 'Log'],
  tabVisit: ['走访', 'Visits'],
  tabLeave: ['请假', 'Leave'],
  logToday: ['今日工作日志', "Today's work log"],
  logPlaceholder: ['今天做了什么：入户走访、会议、项目进展……', 'What you did today: visits, meetings, projects…'],
  logChars: ['{n}/2000 字', '{n}/2000 characters'],
  addPhoto: ['添加照片（{n}/3）', 'Add photo ({n}/3)'],
  removePhoto: ['移除', 'Remove'],
  saveLog: ['保存日志', 'Save the log'],
  logSaved: ['日志已保存，待同步', 'Log saved, waiting to sync'],
  logDone: ['今天的日志已写好（每天一篇）', "Today's log is written (one a day)"],
  photoTooBig: ['照片“{name}”超过 {max} MB，请换一张或压缩后再选', 'The photo "{name}" is over {max} MB; pick a smaller one'],
  photoType: ['只能选择 JPEG 或 PNG 照片：{name}', 'Only JPEG or PNG photos: {name}'],
  photos: ['照片 {n} 张', '{n} photos'],
  monthLogs: ['本月日志', "This month's logs"],
  noLogs: ['本月还没有日志', 'No logs this month yet'],
  searchHousehold: ['按户主姓名或户编号查找', "Search by householder's name or household number"],
  householdsCached: ['本村 {n} 户（{date} 更新，可离线查找）', '{n} households ({date}; searchable offline)'],
  noHouseholds: ['还没有本村户的名单：请先联网打开此页', 'No household list yet: open this page once while online'],
  noMatch: ['没有找到匹配的户', 'No household matches'],
  visitDate: ['走访日期', 'Date'],
  visitNote: ['走访记录', 'Note'],
  visitNotePlaceholder: ['了解到的情况、提出的困难、承诺的事项', 'What you learned, needs raised, what you promised'],
  withLog: ['照片见当天工作日志', "Photos in that day's work log"],
  saveVisit: ['保存走访', 'Save the visit'],
  cancel: ['取消', 'Cancel'],
  visitSaved: ['走访已保存，待同步', 'Visit saved, waiting to sync'],
  monthVisits: ['本月走访', "This month's visits"],
  noVisits: ['本月还没有走访记录', 'No visits this month yet'],
  leaveKind: ['请假类型', 'Kind'],
  kind_personal: ['事假', 'Personal'],
  kind_sick: ['病假', 'Sick'],
  kind_official: ['公务', 'Official business'],
  leaveStart: ['开始日期', 'From'],
  leaveEnd: ['结束日期', 'To'],
  leaveReason: ['事由', 'Reason'],
  askLeave: ['提交请假', 'Ask for leave'],
  leaveSent: ['请假已提交，等待审批', 'Leave asked for; awaiting approval'],
  needOnline: ['需要联网：请假须在线提交', 'Needs a connection: leave is asked for online'],
  myLeave: ['我的请假', 'My leave'],
  noLeave: ['还没有请假记录', 'No leave requests yet'],
  leaveDays: ['{n} 天', '{n} days'],
  changePassword: ['修改密码', 'Change password'],
  passwordIntro: [
    '首次登录须把县里设置的临时密码改为您自己的密码，之后才能签到和上传。',
    'First replace the temporary password the county gave you; then you can check in and send records.',
  ],
  currentPassword: ['当前密码', 'Current password'],
  newPassword: ['新密码', 'New password'],
  repeatPassword: ['再次输入新密码', 'New password again'],
  passwordMismatch: ['两次输入的新密码不一致', 'The two new passwords differ'],
  passwordChanged: ['密码已修改', 'Password changed'],
  failed: ['未成功：{why}', 'Failed: {why}'],
} as const satisfies Record<string, readonly [string, string]>;

export type Word = keyof typeof WORDS;

export function initialLang(): Lang {
  return localStorage.getItem('fupin_field_lang') === 'en' ? 'en' : 'zh-CN';
}

export function saveLang(l: Lang) {
  localStorage.setItem('fupin_field_lang', l);
  document.documentElement.lang = l;
}

export function translate(lang: Lang, w: Word, params: Record<string, string | number> = {}): string {
  const text = WORDS[w][lang === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
