import { CADRE_MESSAGES } from '../modules/cadres/messages.ts';
import { POINT_MESSAGES } from '../modules/cadres/points/messages.ts';
import { COMPARISON_MESSAGES } from '../modules/exit/comparison/messages.ts';
import { EXIT_MESSAGES } from '../modules/exit/messages.ts';
import { MONITORING_MESSAGES } from '../modules/exit/monitoring/messages.ts';
import { HELPER_MESSAGES } from '../modules/helpers/messages.ts';
import { PARTY_DECISION_MESSAGES } from '../modules/party/decisions/messages.ts';
import { PARTY_FUNDS_MESSAGES } from '../modules/party/funds/messages.ts';
import { PARTY_LEDGER_MESSAGES } from '../modules/party/ledger/messages.ts';
import { PARTY_MESSAGES } from '../modules/party/messages.ts';
import { PROCEDURE_MESSAGES } from '../modules/procedures/messages.ts';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/** Every message the server sends a person, in both languages. `{name}` is filled from params. */
const MESSAGES = {
  INTERNAL: ['服务器内部错误，请稍后重试', 'Internal server error, please try again later'],
  NOT_FOUND: ['记录不存在或不在您的管辖范围内', 'Not found, or outside your scope'],
  ROUTE_NOT_FOUND: ['接口不存在：{method} {url}', 'No such endpoint: {method} {url}'],
  UNAUTHENTICATED: ['请先登录', 'Please log in'],
  SESSION_EXPIRED: ['登录已超时，请重新登录', 'Your session has expired, please log in again'],
  FORBIDDEN: ['您没有执行此操作的权限', 'You do not have permission to do this'],
  PASSWORD_CHANGE_REQUIRED: [
    '首次登录、密码被重置或密码已过期，请先修改密码',
    'You must change your password before continuing (first login, a reset, or an expired password)',
  ],
  CSRF_FAILED: ['安全校验失败，请刷新页面后重试', 'Security check failed (CSRF), please reload the page'],
  MALFORMED_JSON: ['请求内容不是有效的 JSON，请检查格式', 'The request body is not valid JSON'],
  UNSUPPORTED_MEDIA_TYPE: ['不支持的内容类型：{type}', 'Unsupported content type: {type}'],
  PAYLOAD_TOO_LARGE: ['请求内容过大', 'The request is too large'],
  VALIDATION_FAILED: ['提交的数据有误：{summary}', 'Invalid input: {summary}'],
  RATE_LIMITED: ['请求过于频繁，请稍后再试', 'Too many requests, please slow down'],
  INVALID_CREDENTIALS: ['用户名或密码错误', 'Wrong username or password'],
  ACCOUNT_LOCKED: ['密码错误次数过多，请于 {until} 后再试', 'Too many wrong passwords; try again after {until}'],
  ACCOUNT_DISABLED: ['账号已停用，请联系管理员', 'This account is disabled; contact your administrator'],
  WRONG_PASSWORD: ['当前密码不正确', 'The current password is wrong'],
  WEAK_PASSWORD: [
    '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少 3 类',
    'The password needs at least 8 characters and 3 of: upper case, lower case, digit, symbol',
  ],
  PASSWORD_REUSED: ['新密码不能与当前密码相同', 'The new password must differ from the current one'],
  PASSWORD_TOO_SHORT: ['密码至少需要 {min} 个字符', 'The password needs at least {min} characters'],
  PASSWORD_TOO_LONG: ['密码不能超过 {max} 个字符', 'The password must not be longer than {max} characters'],
  PASSWORD_TOO_FEW_CLASSES: [
    '密码须包含大写字母、小写字母、数字、符号中的至少 {classes} 类',
    'The password needs at least {classes} of: upper-case letter, lower-case letter, digit, symbol',
  ],
  PASSWORD_HAS_USERNAME: ['密码不能是或包含用户名', 'The password must not be or contain the username'],
  PASSWORD_COMMON: ['该密码过于常见，容易被猜中，请换一个', 'This password is too common and easily guessed; choose another'],
  PASSWORD_DEMO_ONLY: ['演示密码只能用于演示账号，请换一个', 'The demo password may be used by demo accounts only; choose another'],
  USERNAME_TAKEN: ['用户名“{username}”已被使用', 'The username "{username}" is already taken'],
  ROLE_NOT_ASSIGNABLE: ['您不能授予角色“{role}”', 'You cannot grant the role "{role}"'],
  ROLE_SCOPE_MISMATCH: ['角色“{role}”只能设在{level}级区划上', 'The role "{role}" must have a {level}-level region as its scope'],
  UNKNOWN_REGION: ['区划代码 {code} 不存在', 'No region has the code {code}'],
  CANNOT_CHANGE_SELF: ['不能对自己的账号执行此操作', 'You cannot do this to your own account'],
  IMPORT_NOT_PREVIEWED: ['该导入批次状态为“{status}”，不能提交', 'This import batch is "{status}" and cannot be committed'],
  IMPORT_NO_FILE: ['请选择要导入的文件', 'Choose a file to import'],
  IMPORT_BAD_TYPE: ['不支持的文件“{name}”：请上传 .xlsx 或 .csv 文件', 'Unsupported file "{name}": upload an .xlsx or .csv file'],
  IMPORT_NO_REPORT: ['该导入批次（{status}）没有可下载的错误报告', 'This import batch ({status}) has no report to download'],
  IMPORT_BUSY_USER: [
    '您已有 {max} 个导入正在上传或预览，请等它完成后再上传',
    'You already have {max} import(s) uploading or previewing; wait for it to finish before uploading another',
  ],
  IMPORT_BUSY: ['服务器正在处理 {max} 个导入，请稍后再试', 'The server is busy with {max} imports; please try again shortly'],
  IMPORT_QUOTA_EXCEEDED: [
    '超出您的导入文件保留上限（已保留 {used} MB，上限 {quota} MB）：请先提交或放弃未完成的导入',
    'This passes your limit for kept import files ({used} MB kept, limit {quota} MB): commit or discard unfinished imports first',
  ],
  IMPORT_FILE_TOO_LARGE: [
    '文件过大：上传上限为 {max} MB，请拆分后分批导入',
    'The file is too large: uploads are limited to {max} MB; split it and import the parts',
  ],
  IMPORT_FILE_REJECTED: ['{reason}', '{reason}'],
  IMPORT_PREVIEW_FAILED: [
    '预览失败：服务器处理该文件时出错，请重新上传；如仍失败请联系管理员（批次 {batch}）',
    'The preview failed: the server hit an error processing the file; upload it again, and if it fails again tell your administrator (batch {batch})',
  ],
  IMPORT_PREVIEW_INTERRUPTED: [
    '服务在读取该文件时中断（进程退出或被终止），该批次未写入任何数据，请重新上传',
    'The server stopped while this file was being read (the process exited or was killed); nothing was written: upload the file again',
  ],
  HOUSEHOLD_EXISTS: ['户编号 {no} 已存在', 'Household number {no} already exists'],
  HOUSEHOLD_RENUMBER: ['不能修改户编号或把户迁到其他县', 'The household number and county cannot be changed'],
  HOUSEHOLD_VERSION: [
    '该户已被他人修改（当前版本 {current}，您打开的是 {sent}），请刷新页面查看最新内容后再保存',
    'Someone else changed this household since you opened it (now version {current}, you had {sent}); reload it and save again',
  ],
  HOUSEHOLD_STATUS_DATE: [
    '状态变更日期 {date} 早于该户最近一次状态变更（{last}），请核对日期',
    "The status change date {date} is before the household's latest status change ({last}); check the date",
  ],
  HOUSEHOLD_STATUS_FUTURE: ['状态变更日期 {date} 晚于今天，不能登记尚未发生的变更', 'The status change date {date} is after today'],
  HOUSEHOLD_NOT_MEMBER: ['此人已不是该户成员', 'The person is no longer a member of the household'],
  INCOME_YEAR_TWICE: ['{year} 年的收入填了两行，每年只填一行', 'The income of {year} is entered twice; enter one row a year'],
  INCOME_YEAR_FUTURE: [
    '收入年度 {year} 晚于今年（{now}），不能填写尚未发生的收入',
    'The income year {year} is after this year ({now}): income that has not happened yet cannot be entered',
  ],
  INCOME_EMPTY: [
    '{year} 年：请按来源填写收入（工资性、生产经营性、财产性、转移性），或直接填写人均纯收入',
    '{year}: enter the income by source (wages, production and business, property, transfers), or the per-capita net income',
  ],
  INCOME_NEGATIVE: [
    '{year} 年：生产经营性支出（{costs} 元）大于各项收入之和（{gross} 元），纯收入不能为负',
    '{year}: production and business costs ({costs} yuan) exceed the income from all sources ({gross} yuan); net income cannot be negative',
  ],
  UNKNOWN_CODE: ['“{value}”不是有效的{list}', '"{value}" is not a valid {list}'],
  PROJECT_NOT_OF_HOUSEHOLD: [
    '第 {n} 个帮扶项目不是本户的项目，请刷新页面后重试',
    'Project {n} is not one of this household’s; reload the page and try again',
  ],
  HELPER_PHONE_WITHOUT_HELPER: ['填写帮扶责任人后才能填写其联系电话', 'Enter the helper before the helper’s phone'],
  HELPER_PHONE_BAD: [
    '联系电话应为 11 位手机号或带区号的固定电话',
    'The phone must be an 11-digit mobile number or a landline with area code',
  ],
  FILE_NOT_A_VILLAGE: ['请选择一个村：一户一档按村批量打印', 'Choose a village: household files are printed a village at a time'],
  FILE_TOO_MANY: [
    '该村有 {n} 户，超过一次打印的上限 {max} 户',
    'This village has {n} households, more than the {max} that one print run can hold',
  ],
  UNKNOWN_PROVINCE: ['区划数据中没有省份代码 {code}', 'The division data has no province with code {code}'],
  AUDIT_CHAIN_INTACT: ['审计日志完整：共 {rows} 条，哈希链无断点', 'The audit trail is intact: {rows} rows, every link holds'],
  AUDIT_CHAIN_ALTERED: [
    '审计日志被篡改：第 {id} 号记录（{at}，链序号 {seq}）的哈希与内容不符，该记录或其前一条被修改过',
    'The audit trail was tampered with: row {id} ({at}, link {seq}) does not match its hash; it or the row before it was changed',
  ],
  AUDIT_CHAIN_MISSING: [
    '审计日志被篡改：第 {id} 号记录（{at}，链序号 {seq}）之前缺少 {missing} 条记录（已被删除）',
    'The audit trail was tampered with: {missing} row(s) before row {id} ({at}, link {seq}) are missing (deleted)',
  ],
  UNMASK_LIMIT: [
    '今日查看完整证件号码已达上限（每日 {limit} 人，已查看 {used} 人，本次 {persons} 人），请明日再试或联系省级管理员',
    'You have reached today’s limit for showing full ID numbers ({limit} persons a day; {used} shown, {persons} asked); try tomorrow or contact the province administrator',
  ],
  ID_SEARCH_LIMIT: [
    '今日按完整证件号码查询已达上限（每日 {limit} 次），请按姓名查询，或明日再试',
    'You have reached today’s limit of searches by full ID number ({limit} a day); search by name, or try tomorrow',
  ],
  ID_PARTIAL_SEARCH_FORBIDDEN: [
    '按证件号码部分位数查询仅限有“查看完整证件号码”权限的用户；请按姓名、拼音、户编号或完整证件号码查询',
    'Searching by part of an ID number is only for users who may see full ID numbers; search by name, pinyin, household number or the full ID number',
  ],
  ID_PARTIAL_SEARCH_FORMAT: [
    '按证件号码后 4 位查询请输入星号加 4 位，如 *123X',
    'To search by the last 4 characters of an ID number, type an asterisk and the 4 characters, e.g. *123X',
  ],
  CONTROL_CHARACTER: [
    '“{field}”中含有不允许的控制字符（如 NUL 空字符），请删除后重试',
    '"{field}" contains a control character that is not allowed (such as NUL); remove it and try again',
  ],
  SCALE_NO_CITUS: [
    '该数据库服务器未安装 Citus 扩展，不能分布式部署；请在 Citus 协调节点上的数据库运行（见 docs/scale-out.md）',
    'This database server has no Citus extension, so it cannot be distributed; run this against a database on a Citus coordinator (see docs/scale-out.md)',
  ],
  SCALE_NOT_COORDINATOR: [
    '该服务器是 Citus 工作节点，请连接协调节点后再运行',
    'This server is a Citus worker; connect to the coordinator and run this again',
  ],
  SCALE_LAYOUT_MISMATCH: [
    '数据库结构与本版本的分布布局不一致：{tables}；请先运行 fupin migrate',
    'The database schema does not match this version’s layout: {tables}; run fupin migrate first',
  ],
  ...PROCEDURE_MESSAGES,
  ...CADRE_MESSAGES,
  ...HELPER_MESSAGES,
  ...PARTY_FUNDS_MESSAGES,
  ...POINT_MESSAGES,
  ...PARTY_MESSAGES,
  ...PARTY_LEDGER_MESSAGES,
  ...PARTY_DECISION_MESSAGES,
  ...MONITORING_MESSAGES,
  ...COMPARISON_MESSAGES,
  ...EXIT_MESSAGES,
} as const satisfies Record<string, readonly [string, string]>;

export type MessageCode = keyof typeof MESSAGES;

export function t(lang: Lang, code: MessageCode, params: Record<string, unknown> = {}): string {
  const pair = MESSAGES[code];
  const text = lang === 'en' ? pair[1] : pair[0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** A message in both languages, kept where the reader's language is not yet known (a failed batch, a job). */
export type Bilingual = Readonly<Record<Lang, string>>;

export function bilingual(code: MessageCode, params: Record<string, unknown> = {}): Bilingual {
  return { 'zh-CN': t('zh-CN', code, params), en: t('en', code, params) };
}

/** Picks the language: the explicit cookie first, then Accept-Language, else Chinese. */
export function pickLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === 'en' || cookie === 'zh-CN') return cookie;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** A label kept as { zh, en } in the reader's language. */
export const pickLabel = (l: { zh: string; en: string }, lang: Lang): string => (lang === 'en' ? l.en : l.zh);
