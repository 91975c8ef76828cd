import type { Lang } from '../../../server/i18n.ts';
import { ID_PROBLEM_MESSAGES, type IdProblem } from '../idcard.ts';
import type { ColumnSet } from '../interchange/columns.ts';
import { type ColumnId, REGISTER } from '../interchange/headers.ts';

/** One reason a row cannot be imported: where (row, column) and why, in both languages. */
export interface Problem<Id extends string = ColumnId> {
  row: number;
  column: Id | null;
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
  // Conflicts outside the user's scope say nothing of where (no household number, no place), the same text whatever
  // the reason: anything more would let a writer test ID numbers and household numbers across the province.
  PERSON_NOT_ALLOWED: [
    '该人员不能在此登记，请联系上级（{office}）扶贫办核实',
    'This person cannot be registered here; please ask the {office} poverty alleviation office above you to verify',
  ],
  HOUSEHOLD_NOT_ALLOWED: [
    '该户编号不能在此使用，请联系上级（{office}）扶贫办核实',
    'This household number cannot be used here; please ask the {office} poverty alleviation office above you to verify',
  ],
  MASKED_ID_NO_MATCH: [
    '证件号码为隐藏格式（{masked}），但户编号 {value} 中没有名为“{name}”且证件号码与可见位相符的成员；隐藏的号码只能更新已有成员，新增成员须填写完整的 18 位证件号码',
    'The ID number is masked ({masked}), but household {value} has no member called "{name}" whose ID number has these visible characters; a masked number can only update an existing member, a new member needs the full 18-character ID number',
  ],
  MASKED_ID_AMBIGUOUS: [
    '证件号码为隐藏格式（{masked}），户编号 {value} 中有 {count} 名成员都叫“{name}”且可见位相符，无法确定是哪一位，请填写完整的证件号码',
    'The ID number is masked ({masked}) and {count} members of household {value} are called "{name}" with these visible characters; enter the full ID number to say which one',
  ],
  HOUSEHOLD_REJECTED: ['同户其他行有错误，整户未导入', 'Another row of this household has a problem, so the household was not imported'],
};

for (const [code, pair] of Object.entries(ID_PROBLEM_MESSAGES)) MESSAGES[`ID_${code}`] = pair;
// Batches previewed before the generic message (their stored params name the household) read as the new code.
MESSAGES.HOUSEHOLD_OUT_OF_SCOPE = MESSAGES.HOUSEHOLD_NOT_ALLOWED as [string, string];

/** The office a user asks about a conflict outside the scope: the level above the user's own. */
export type Office = 'county' | 'city' | 'province';
const OFFICE: Record<Office, [string, string]> = { county: ['县级', 'county'], city: ['市级', 'city'], province: ['省级', 'province'] };
export const officeAbove = (scopeCode: string): Office => (scopeCode.length >= 9 ? 'county' : scopeCode.length === 6 ? 'city' : 'province');

export const idProblem = (code: IdProblem) => `ID_${code}`;

/**
 * What another kind of import says beyond the register's messages: its columns (for `{header}`) and its own problem
 * codes (zh-CN, en). The register's codes (REQUIRED, the ID number's, the villages', DUPLICATE_PERSON …) stay
 * available to it, so a rule both share is worded once.
 */
export interface ProblemCatalogue {
  columns: ColumnSet;
  messages: Readonly<Record<string, readonly [string, string]>>;
}

/** The message in the user's language; `{header}` is the column's header as the user's file names it. */
export function problemMessage(p: Pick<Problem<string>, 'code' | 'params' | 'column'>, lang: Lang, catalogue?: ProblemCatalogue): string {
  const pair = catalogue?.messages[p.code] ?? MESSAGES[p.code] ?? [p.code, p.code];
  const text = lang === 'en' ? pair[1] : pair[0];
  const columns: ColumnSet = catalogue?.columns ?? REGISTER;
  const params: Record<string, string | number> = { ...p.params };
  if (p.column && columns.byId.has(p.column) && params.header === undefined) params.header = columns.label(p.column, lang);
  const office = OFFICE[(p.params?.office ?? 'county') as Office] ?? OFFICE.county;
  params.office = lang === 'en' ? office[1] : office[0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
