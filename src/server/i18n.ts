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
  PASSWORD_CHANGE_REQUIRED: ['首次登录或密码被重置，请先修改密码', 'You must change your password before continuing'],
  CSRF_FAILED: ['安全校验失败，请刷新页面后重试', 'Security check failed (CSRF), please reload the page'],
  MALFORMED_JSON: ['请求内容不是有效的 JSON，请检查格式', 'The request body is not valid JSON'],
  UNSUPPORTED_MEDIA_TYPE: ['不支持的内容类型：{type}', 'Unsupported content type: {type}'],
  PAYLOAD_TOO_LARGE: ['请求内容过大', 'The request is too large'],
  VALIDATION_FAILED: ['提交的数据有误：{summary}', 'Invalid input: {summary}'],
  RATE_LIMITED: ['请求过于频繁，请稍后再试', 'Too many requests, please slow down'],
  INVALID_CREDENTIALS: ['用户名或密码错误', 'Wrong username or password'],
  ACCOUNT_LOCKED: ['连续登录失败次数过多，账号已锁定至 {until}', 'Too many failed logins; the account is locked until {until}'],
  ACCOUNT_DISABLED: ['账号已停用，请联系管理员', 'This account is disabled; contact your administrator'],
  WRONG_PASSWORD: ['当前密码不正确', 'The current password is wrong'],
  WEAK_PASSWORD: [
    '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少 3 类',
    'The password needs at least 8 characters and 3 of: upper case, lower case, digit, symbol',
  ],
  PASSWORD_REUSED: ['新密码不能与当前密码相同', 'The new password must differ from the current one'],
  USERNAME_TAKEN: ['用户名“{username}”已被使用', 'The username "{username}" is already taken'],
  ROLE_NOT_ASSIGNABLE: ['您不能授予角色“{role}”', 'You cannot grant the role "{role}"'],
  ROLE_SCOPE_MISMATCH: ['角色“{role}”只能设在{level}级区划上', 'The role "{role}" must have a {level}-level region as its scope'],
  UNKNOWN_REGION: ['区划代码 {code} 不存在', 'No region has the code {code}'],
  CANNOT_CHANGE_SELF: ['不能对自己的账号执行此操作', 'You cannot do this to your own account'],
  IMPORT_NOT_PREVIEWED: ['该导入批次状态为“{status}”，不能提交', 'This import batch is "{status}" and cannot be committed'],
  IMPORT_NO_FILE: ['请选择要导入的文件', 'Choose a file to import'],
  IMPORT_BAD_TYPE: ['不支持的文件“{name}”：请上传 .xlsx 或 .csv 文件', 'Unsupported file "{name}": upload an .xlsx or .csv file'],
  IMPORT_NO_REPORT: ['该导入批次（{status}）没有可下载的错误报告', 'This import batch ({status}) has no report to download'],
  HOUSEHOLD_EXISTS: ['户编号 {no} 已存在', 'Household number {no} already exists'],
  HOUSEHOLD_RENUMBER: ['不能修改户编号或把户迁到其他县', 'The household number and county cannot be changed'],
  UNKNOWN_PROVINCE: ['区划数据中没有省份代码 {code}', 'The division data has no province with code {code}'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageCode = keyof typeof MESSAGES;

export function t(lang: Lang, code: MessageCode, params: Record<string, unknown> = {}): string {
  const pair = MESSAGES[code];
  const text = lang === 'en' ? pair[1] : pair[0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** Picks the language: the explicit cookie first, then Accept-Language, else Chinese. */
export function pickLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === 'en' || cookie === 'zh-CN') return cookie;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
