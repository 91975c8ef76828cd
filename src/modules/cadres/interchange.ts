/**
 * The postings interchange format (驻村干部花名册): one row per posting, 16 columns with Chinese headers. Read and
 * written by the register's interchange layer (src/modules/registry/interchange/) with this column set; the place and
 * person columns are the register's own definitions, so they are recognised by the same spellings.
 */
import { type ColumnDef, defineColumnSet } from '../registry/interchange/columns.ts';
import { COLUMN_BY_ID, type ColumnId } from '../registry/interchange/headers.ts';
import { toText } from '../registry/interchange/values.ts';
import type { ROLES, UNIT_LEVELS } from './schema.ts';

/** A column of the register, under its own id (the postings read names, places and phones as the register does). */
const register = <I extends ColumnId>(id: I) => COLUMN_BY_ID.get(id) as ColumnDef<I>;

export const POSTING_COLUMNS = [
  register('name'),
  register('id_number'),
  register('gender'),
  {
    id: 'unit',
    zh: '派出单位',
    en: 'Dispatching unit',
    variants: ['单位', '派出单位名称', '选派单位', '工作单位', '原单位', '所在单位', 'unit', 'dispatching unit name'],
  },
  {
    id: 'unit_level',
    zh: '派出单位层级',
    en: 'Unit level',
    variants: ['单位层级', '派出单位级别', '单位级别', '选派单位层级', '选派层级', '层级', 'unit level'],
  },
  { id: 'post', zh: '职务', en: 'Post', variants: ['现任职务', '原单位职务', '单位职务', '现职务', 'post', 'position'] },
  {
    id: 'party_member',
    zh: '是否党员',
    en: 'Party member',
    variants: ['党员', '是否中共党员', '政治面貌', 'party member', 'party membership'],
  },
  register('phone'),
  register('city'),
  register('county'),
  register('township'),
  register('village'),
  register('village_code'),
  {
    id: 'role',
    zh: '驻村身份',
    en: 'Role',
    variants: ['身份', '驻村职务', '队内职务', '工作队职务', '驻村工作队职务', '帮扶身份', '驻村类型', 'role in team'],
  },
  {
    id: 'start_date',
    zh: '任职开始日期',
    en: 'Start date',
    variants: ['开始日期', '驻村开始日期', '任职开始时间', '开始时间', '派驻日期', '派驻时间', '到村日期', '到岗日期', 'start'],
  },
  {
    id: 'end_date',
    zh: '任职结束日期',
    en: 'End date',
    variants: ['结束日期', '驻村结束日期', '任职结束时间', '结束时间', '任期届满日期', '计划结束日期', '离任日期', 'end'],
  },
] as const satisfies readonly ColumnDef[];

export type PostingColumnId = (typeof POSTING_COLUMNS)[number]['id'];

export const POSTINGS = defineColumnSet<PostingColumnId>({
  name: 'postings',
  columns: POSTING_COLUMNS,
  // Who, from which unit, where (a village code or names: checked per row, as the register does), in which role, from when.
  required: ['name', 'id_number', 'unit', 'role', 'start_date'],
  text: ['id_number', 'phone', 'village_code'],
  widths: {
    name: 10,
    id_number: 21,
    gender: 6,
    unit: 22,
    unit_level: 12,
    post: 14,
    party_member: 10,
    phone: 14,
    city: 10,
    county: 14,
    township: 14,
    village: 16,
    village_code: 15,
    role: 12,
    start_date: 14,
    end_date: 14,
  },
  sheetName: { 'zh-CN': '驻村干部', en: 'Postings' },
});

// ---------------------------------------------------------------------------------------------------------
// Values

type Role = (typeof ROLES)[number];
type UnitLevel = (typeof UNIT_LEVELS)[number];

/** Spellings of a value → the code; compared without spaces and brackets, full-width as half-width. */
const squash = (v: string) => v.normalize('NFKC').replace(/[\s()（）【】[\]·、,，.。]/g, '');

function lookup<T extends string>(table: Record<T, readonly string[]>): (raw: unknown) => T | null {
  const index = new Map<string, T>();
  for (const [code, spellings] of Object.entries(table) as [T, readonly string[]][]) {
    for (const s of [code, ...spellings]) index.set(squash(s).toLowerCase(), code);
  }
  return (raw) => {
    const text = toText(raw);
    return text ? (index.get(squash(text).toLowerCase()) ?? null) : null;
  };
}

export const ROLE_WORDS: Record<Role, readonly string[]> = {
  first_secretary: ['第一书记', '驻村第一书记', '书记', 'first secretary'],
  team_leader: ['工作队队长', '驻村工作队队长', '队长', '工作队长', 'team leader'],
  team_member: ['工作队员', '驻村工作队员', '队员', '工作队队员', '成员', 'team member'],
};

export const UNIT_LEVEL_WORDS: Record<UnitLevel, readonly string[]> = {
  province: ['省级', '省', '省直', '省属', 'province'],
  city: ['市级', '市', '市直', '市属', '地市级', 'city'],
  county: ['县级', '县', '县直', '县属', '县(市、区)级', '县区级', 'county'],
  township: ['乡镇级', '乡镇', '乡级', '镇级', '乡', '镇', '街道', 'township'],
};

const YES_NO: Record<'yes' | 'no', readonly string[]> = {
  // 政治面貌 answers count too: a probationary member (预备党员) is a member of the party.
  yes: ['是', '党员', '中共党员', '中国共产党党员', '预备党员', '中共预备党员', 'y', 'true', '1', '√'],
  no: ['否', '不是', '非党员', '群众', '共青团员', '团员', '民主党派', '无党派人士', 'n', 'false', '0', '×'],
};

export const resolveRole = lookup(ROLE_WORDS);
export const resolveUnitLevel = lookup(UNIT_LEVEL_WORDS);
const resolveYesNo = lookup(YES_NO);
export const resolvePartyMember = (raw: unknown): boolean | null => {
  if (typeof raw === 'boolean') return raw;
  const yn = resolveYesNo(raw);
  return yn === null ? null : yn === 'yes';
};

/** The words written on export (the first spelling of each code). */
export const ROLE_EXPORT: Record<Role, string> = { first_secretary: '第一书记', team_leader: '工作队队长', team_member: '工作队员' };
export const UNIT_LEVEL_EXPORT: Record<UnitLevel, string> = { province: '省级', city: '市级', county: '县级', township: '乡镇级' };
