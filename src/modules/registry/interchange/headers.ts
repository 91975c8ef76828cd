/**
 * The interchange format of the register (建档立卡花名册): one row per person, 26 columns with Chinese headers.
 * This file names the columns, in their canonical order, and recognises a header row as clerks actually
 * write it (full-width brackets, missing bracket parts, line breaks inside cells, English headers, any order).
 */

import { type ColumnDef, type ColumnSet, defineColumnSet, type HeaderMatch as GenericHeaderMatch } from './columns.ts';

export const COLUMNS = [
  { id: 'city', zh: '市', en: 'City', variants: ['地市', '市(州)', '所属市', '城市', '市名称'] },
  {
    id: 'county',
    zh: '县(市、区)',
    en: 'County',
    variants: ['县', '县(市,区)', '县(区)', '县(市)', '县区', '区县', '县市区', '县级', '所属县', '县名称', 'district'],
  },
  {
    id: 'township',
    zh: '乡(镇)',
    en: 'Township',
    variants: ['乡', '乡镇', '镇', '乡镇(街道)', '乡(镇、街道)', '乡镇街道', '所属乡镇', '乡镇名称', 'town'],
  },
  { id: 'village', zh: '行政村', en: 'Village', variants: ['村', '村名', '村名称', '行政村名称', '村(社区)', '所属村'] },
  {
    id: 'village_code',
    zh: '村代码',
    en: 'Village code',
    variants: ['村编码', '行政村代码', '行政村编码', '村区划代码', '区划代码', '行政区划代码', '统计用区划代码'],
  },
  {
    id: 'household_no',
    zh: '户编号',
    en: 'Household number',
    variants: ['户号', '户编码', '家庭编号', 'household no', 'household id'],
  },
  { id: 'name', zh: '姓名', en: 'Name', variants: ['名字', 'full name'] },
  {
    id: 'id_number',
    zh: '证件号码',
    en: 'ID number',
    variants: ['身份证号', '身份证号码', '身份证', '证件号', '公民身份号码', '身份证件号码', 'id no', 'id card number', 'resident id'],
  },
  { id: 'relation', zh: '与户主关系', en: 'Relation to head', variants: ['与户主的关系', '关系', 'relationship'] },
  { id: 'gender', zh: '性别', en: 'Gender', variants: ['sex'] },
  { id: 'ethnicity', zh: '民族', en: 'Ethnicity', variants: [] },
  { id: 'education', zh: '文化程度', en: 'Education', variants: ['学历', '文化程度(学历)'] },
  { id: 'schooling', zh: '在校生状况', en: 'Schooling status', variants: ['在校生情况', '在校状况', '在校情况', 'schooling'] },
  { id: 'health', zh: '健康状况', en: 'Health', variants: ['健康情况', '健康状态', 'health status'] },
  { id: 'labour_skill', zh: '劳动技能', en: 'Labour skill', variants: ['劳动能力', 'labor skill', 'labour ability', 'labor ability'] },
  { id: 'work_status', zh: '务工状况', en: 'Work status', variants: ['务工情况', '务工状态', 'employment status'] },
  {
    id: 'medical_insurance',
    zh: '是否参加城乡居民基本医疗保险',
    en: 'Basic medical insurance',
    variants: [
      '参加城乡居民基本医疗保险',
      '是否参加基本医疗保险',
      '基本医疗保险',
      '是否参加新型农村合作医疗',
      '是否参加新农合',
      'medical insurance',
    ],
  },
  { id: 'category', zh: '贫困户属性', en: 'Household category', variants: ['贫困户类别', '贫困户类型', '户属性', '户类别', 'category'] },
  { id: 'poverty_cause', zh: '主要致贫原因', en: 'Main poverty cause', variants: ['致贫原因', 'poverty cause'] },
  { id: 'year_identified', zh: '识别年度', en: 'Year identified', variants: ['识别年份', '识别时间', '纳入年度', '建档立卡年度'] },
  {
    id: 'planned_exit_year',
    zh: '计划脱贫年度',
    en: 'Planned exit year',
    variants: ['计划脱贫年份', '计划脱贫时间', '脱贫时限', '预计脱贫年度'],
  },
  { id: 'exit_year', zh: '脱贫年度', en: 'Exit year', variants: ['脱贫年份', '脱贫时间', '实际脱贫年度'] },
  { id: 'household_status', zh: '户状态', en: 'Household status', variants: ['贫困户状态', '脱贫状态', '状态', 'status'] },
  {
    id: 'income_per_capita',
    zh: '人均纯收入(元)',
    en: 'Per-capita net income (yuan)',
    variants: [
      '人均纯收入',
      '家庭人均纯收入',
      '家庭人均纯收入(元)',
      '人均收入',
      '人均收入(元)',
      'per capita net income',
      'income per capita',
    ],
  },
  { id: 'helper', zh: '帮扶责任人', en: 'Helper', variants: ['帮扶人', '帮扶干部', '帮扶责任人姓名', 'helper name'] },
  {
    id: 'phone',
    zh: '联系电话',
    en: 'Phone',
    variants: ['电话', '电话号码', '手机', '手机号', '手机号码', '联系方式', 'telephone', 'phone number', 'mobile'],
  },
] as const satisfies readonly ColumnDef[];

export type ColumnId = (typeof COLUMNS)[number]['id'];

export type { ColumnDef, ColumnSet } from './columns.ts';
export { defineColumnSet, headerKey, MIN_HEADER_MATCHES } from './columns.ts';

/** Display widths (in characters) that fit typical content of each column. */
const WIDTHS: Partial<Record<ColumnId, number>> = {
  city: 10,
  county: 14,
  township: 14,
  village: 16,
  village_code: 15,
  household_no: 20,
  name: 10,
  id_number: 21,
  relation: 10,
  gender: 6,
  ethnicity: 8,
  education: 12,
  schooling: 14,
  health: 16,
  labour_skill: 14,
  work_status: 14,
  medical_insurance: 14,
  category: 14,
  poverty_cause: 14,
  year_identified: 10,
  planned_exit_year: 12,
  exit_year: 10,
  household_status: 10,
  income_per_capita: 14,
  helper: 10,
  phone: 14,
};

/**
 * The columns without which no row can be imported: who the person is and which household they belong to.
 * Where the household is (村代码, or 县/乡/村 names) is checked by the importer, which knows the scope.
 */
export const REQUIRED_COLUMNS: readonly ColumnId[] = ['household_no', 'name', 'id_number', 'relation'];

/** Columns holding long digit strings that Excel must never turn into numbers: written as text (format '@'). */
export const TEXT_COLUMNS: readonly ColumnId[] = ['village_code', 'household_no', 'id_number', 'phone'];

/** The register's column set: the default of the reader, the writers and the error report. */
export const REGISTER: ColumnSet<ColumnId> = defineColumnSet<ColumnId>({
  name: 'register',
  columns: COLUMNS,
  required: REQUIRED_COLUMNS,
  text: TEXT_COLUMNS,
  widths: WIDTHS,
  sheetName: { 'zh-CN': '花名册', en: 'Register' },
});

export const COLUMN_IDS: readonly ColumnId[] = REGISTER.ids;

export const COLUMN_BY_ID: ReadonlyMap<ColumnId, ColumnDef & { id: ColumnId }> = REGISTER.byId;

export function headerLabel(id: ColumnId, lang: 'zh-CN' | 'en'): string {
  return REGISTER.label(id, lang);
}

/** Spellings that would map to two columns; empty (a test keeps it so). */
export const HEADER_CONFLICTS: readonly string[] = REGISTER.conflicts;

export type HeaderMatch = GenericHeaderMatch<ColumnId>;

/** The register column a header cell names, or null. */
export function matchHeader(cell: unknown): ColumnId | null {
  return REGISTER.match(cell);
}

/** Recognises a header row of the register (see ColumnSet.matchRow). */
export function matchHeaderRow(cells: readonly unknown[]): HeaderMatch | null {
  return REGISTER.matchRow(cells);
}
