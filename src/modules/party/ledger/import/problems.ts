import type { ProblemCatalogue } from '../../../registry/import/problems.ts';
import type { ColumnSet } from '../../../registry/interchange/columns.ts';
import { LEDGER } from '../interchange.ts';

/**
 * What a ledger row can be refused for beyond the register's own problems (REQUIRED, TOO_LONG, the villages'). A
 * village outside the uploader's scope is the register's VILLAGE_OUT_OF_SCOPE, judged from the code alone: it says
 * nothing of whether the village, or a case of it, exists elsewhere.
 */
export const LEDGER_PROBLEMS = {
  CONTROL_CHARACTER: [
    '“{header}”中含有不允许的控制字符（如 NUL 空字符），请删除后重新导入',
    '"{header}" contains a control character that is not allowed (such as NUL); remove it and import again',
  ],
  BAD_YEAR: ['“{header}”应为年份（如 2026），不是“{value}”', '"{header}" must be a year such as 2026, not "{value}"'],
  BAD_DATE: ['“{header}”应为日期（如 2026-03-01），不是“{value}”', '"{header}" must be a date such as 2026-03-01, not "{value}"'],
  FUTURE_DATE: ['“{header}” {value} 晚于今天', '"{header}" {value} is after today'],
  PARTY_LEDGER_CAUSE_UNKNOWN: [
    '软弱涣散类型“{value}”不在标准类型清单中（见系统设置中的软弱涣散类型）',
    'The cause "{value}" is not on the standard list of causes (see the settings)',
  ],
  PARTY_LEDGER_STATE_UNKNOWN: [
    '状态“{value}”应为已认定、已定措施、整顿中、已销号或已巩固',
    'The state "{value}" must be 已认定 (identified), 已定措施 (measures set), 整顿中 (rectifying), 已销号 (closed) or 已巩固 (consolidated)',
  ],
  PARTY_LEDGER_NEEDS: ['状态为“{state}”时“{header}”不能为空', '"{header}" is required when the state is "{stateEn}"'],
  PARTY_LEDGER_NOT_YET: ['状态为“{state}”时不应填写“{header}”', '"{header}" must be blank when the state is "{stateEn}"'],
  PARTY_LEDGER_DEADLINE_BEFORE_YEAR: ['整顿时限早于整顿年度 {year} 年', 'The deadline is before the year {year}'],
  PARTY_LEDGER_DATE_ORDER: [
    '日期顺序有误：“{header}” {value} 早于{before} {other}',
    'Dates out of order: "{header}" {value} is before {beforeEn} {other}',
  ],
  PARTY_LEDGER_FOLLOW_UP: [
    '巩固日期须在销号日期 {closed} 之后至少 {days} 天（回访巩固等待期）',
    'The consolidation must come at least {days} days after the closing on {closed} (the follow-up wait)',
  ],
  PARTY_LEDGER_PROGRESS_UNDATED: [
    '整顿进展每条须以日期开头，如“2026-03-05 召开党员大会”，不是“{value}”：案例页面记录进展也须填写日期，且没有日期的条目在下月再次导入时无法认出已导入',
    'Each progress entry must start with its date, such as "2026-03-05 members\' meeting held", not "{value}": the case page records progress with its date too, and an undated line could not be recognised as already imported when the file is imported again',
  ],
  PARTY_LEDGER_PROGRESS_STATE: [
    '状态为“已认定”的案例尚未制定措施，不能有整顿进展',
    'An identified case has no measures yet, so it cannot have progress entries',
  ],
  PARTY_LEDGER_LEVEL: [
    '状态为“{state}”的案例须由{level}用户导入（{action}由{level}办理）',
    'A case in the state "{stateEn}" must be imported by a {levelEn} user ({actionEn} is the {levelEn}\'s step)',
  ],
  DUPLICATE_ROW: ['与第 {other} 行为同一村同一整顿年度', 'The same village and year as row {other}'],
  PARTY_LEDGER_DIFFERS: [
    '该村 {year} 年度的整顿案例已在台账中，“{header}”为“{value}”；导入对已有案例只追加整顿进展、向前推进状态（及随之填写的措施、销号日期、巩固日期），其他内容请在案例页面修改',
    'The case of this village for {year} is on file with "{header}" = "{valueEn}"; for a case on file an import only adds progress entries and moves the state forward (with the measures, closing and consolidation dates those steps record): change anything else on the case\'s page',
  ],
  PARTY_LEDGER_STATE_BACKWARD: [
    '该村 {year} 年度的整顿案例当前为“{current}”，不能退回“{state}”（重新整顿请在案例页面办理并说明理由）',
    'The case of this village for {year} is now "{currentEn}" and cannot go back to "{stateEn}" (reopen it on the case\'s page, with a reason)',
  ],
  PARTY_LEDGER_PROGRESS_CLOSED: [
    '该村 {year} 年度的整顿案例当前为“{current}”，不能再追加整顿进展（如“{value}”）；需要继续整顿请在案例页面重新整顿',
    'The case of this village for {year} is now "{currentEn}": no progress entries can be added (such as "{value}"); reopen it on the case\'s page to continue',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export const LEDGER_CATALOGUE: ProblemCatalogue = { columns: LEDGER as unknown as ColumnSet, messages: LEDGER_PROBLEMS };
