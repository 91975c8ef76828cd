import type { Lang } from '../../../server/i18n.ts';
import { ID_PROBLEM_MESSAGES, type IdProblem } from '../idcard.ts';
import { type ColumnId, headerLabel } from '../interchange/headers.ts';

/** One reason a row cannot be imported: where (row, column) and why, in both languages. */
export interface Problem {
  row: number;
  column: ColumnId | null;
  code: string;
  params?: Record<string, string | number>;
}

const MESSAGES: Record<string, [string, string]> = {
  REQUIRED: ['“{header}”不能为空', '"{header}" is required'],
  UNKNOWN_CODE: ['“{header}”的值“{value}”不在代码表中', 'The value "{value}" of "{header}" is not in its code list'],
  BAD_YEAR: ['“{header}”应为年份（如 2016）', '"{header}" must be a year such as 2016'],
  BAD_AMOUNT: ['“{header}”应为金额（元）', '"{header}" must be an amount in yuan'],
  BAD_PHONE: ['联系电话应为 11 位手机号或带区号的固定电话', 'The phone must be an 11-digit mobile number or a landline with area code'],
  TOO_LONG: ['“{header}”过长（最多 {max} 个字）', '"{header}" is too long (at most {max} characters)'],
  GENDER_MISMATCH: ['性别“{value}”与证件号码第 17 位不符', 'Gender "{value}" does not match digit 17 of the ID number'],
  VILLAGE_NOT_FOUND: ['在您的管辖范围内找不到村“{value}”', 'No village "{value}" in your scope'],
  VILLAGE_AMBIGUOUS: [
    '村“{value}”在范围内有多个：{candidates}，请填写乡镇或村代码',
    'Several villages are called "{value}": {candidates}; give the township or the village code',
  ],
  VILLAGE_OUT_OF_SCOPE: ['村代码 {value} 不在您的管辖范围内', 'Village code {value} is outside your scope'],
  VILLAGE_CODE_UNKNOWN: ['村代码 {value} 不是有效的村级区划代码', 'Village code {value} is not a village-level region code'],
  EXIT_YEAR_REQUIRED: ['户状态为已脱贫时须填写脱贫年度', 'An exited household needs its exit year'],
  YEAR_ORDER: ['年度顺序有误：识别年度不能晚于{header}', 'Years out of order: the year identified cannot be after {header}'],
  HEAD_COUNT: [
    '户编号 {value} 的户主人数为 {count}，每户须有且只有一名户主',
    'Household {value} has {count} heads; a household needs exactly one',
  ],
  HOUSEHOLD_INCONSISTENT: ['户编号 {value} 的各行“{header}”不一致', 'The rows of household {value} disagree on "{header}"'],
  DUPLICATE_PERSON: ['证件号码在文件中重复出现（第 {rows} 行）', 'This ID number appears more than once in the file (rows {rows})'],
  PERSON_IN_OTHER_HOUSEHOLD: [
    '此人已是另一贫困户（户编号 {value}）的成员，一人只能在一户',
    'This person is already a member of another household ({value}); a person belongs to one household only',
  ],
  PERSON_IN_OTHER_COUNTY: [
    '此人已登记在其他县，请先由该县核实',
    'This person is registered in another county; that county must verify first',
  ],
  HOUSEHOLD_OUT_OF_SCOPE: ['户编号 {value} 已存在于您管辖范围以外的村', 'Household {value} already exists in a village outside your scope'],
  HOUSEHOLD_REJECTED: ['同户其他行有错误，整户未导入', 'Another row of this household has a problem, so the household was not imported'],
};

for (const [code, pair] of Object.entries(ID_PROBLEM_MESSAGES)) MESSAGES[`ID_${code}`] = pair;

export const idProblem = (code: IdProblem) => `ID_${code}`;

/** The message in the user's language; `{header}` is the column's header as the user's file names it. */
export function problemMessage(p: Pick<Problem, 'code' | 'params' | 'column'>, lang: Lang): string {
  const pair = MESSAGES[p.code] ?? [p.code, p.code];
  const text = lang === 'en' ? pair[1] : pair[0];
  const params: Record<string, string | number> = { ...(p.column ? { header: headerLabel(p.column, lang) } : {}), ...p.params };
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
