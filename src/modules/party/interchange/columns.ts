/**
 * The party spreadsheets (decision 0013's interchange): organisations (村党组织) and members (党员花名册), with
 * Chinese headers. The person and place columns are the register's own definitions, recognised by the same spellings.
 */
import { type ColumnDef, defineColumnSet } from '../../registry/interchange/columns.ts';
import { COLUMN_BY_ID, type ColumnId } from '../../registry/interchange/headers.ts';
import { toText } from '../../registry/interchange/values.ts';

const register = <I extends ColumnId>(id: I) => COLUMN_BY_ID.get(id) as ColumnDef<I>;

export const ORG_COLUMNS = [
  register('village_code'),
  register('village'),
  { id: 'org_name', zh: '组织名称', en: 'Organisation', variants: ['党组织名称', '党组织', '支部名称', 'organisation name'] },
  { id: 'kind', zh: '组织类型', en: 'Kind', variants: ['党组织类型', '组织类别', '类型', 'organisation kind'] },
  { id: 'established_on', zh: '成立日期', en: 'Established', variants: ['成立时间', '建立日期', '组建日期', 'established on'] },
  { id: 'secretary_name', zh: '书记姓名', en: 'Secretary', variants: ['党组织书记', '支部书记', '书记', 'secretary name'] },
  { id: 'secretary_id', zh: '书记证件号码', en: 'Secretary ID number', variants: ['书记身份证号', '书记身份证号码', 'secretary id'] },
  { id: 'one_shoulder', zh: '是否一肩挑', en: 'Also committee head', variants: ['一肩挑', '书记主任一肩挑', 'one shoulder'] },
  { id: 'secretary_since', zh: '书记任职日期', en: 'Secretary since', variants: ['任职日期', '书记任职时间', 'secretary since'] },
] as const satisfies readonly ColumnDef[];
export type OrgColumnId = (typeof ORG_COLUMNS)[number]['id'];

export const ORGS = defineColumnSet<OrgColumnId>({
  name: 'party_orgs',
  columns: ORG_COLUMNS,
  required: ['village_code', 'org_name', 'kind'],
  text: ['village_code', 'secretary_id'],
  widths: {
    village_code: 15,
    village: 14,
    org_name: 28,
    kind: 10,
    established_on: 13,
    secretary_name: 10,
    secretary_id: 21,
    one_shoulder: 11,
    secretary_since: 13,
  },
  sheetName: { 'zh-CN': '村党组织', en: 'Organisations' },
});

export const MEMBER_COLUMNS = [
  register('name'),
  register('id_number'),
  register('gender'),
  register('village_code'),
  register('village'),
  { id: 'joined_on', zh: '入党日期', en: 'Joined', variants: ['入党时间', '入党年月', 'joined on'] },
  { id: 'standing', zh: '党员类别', en: 'Standing', variants: ['党员类型', '正式/预备', '党籍状态', 'standing'] },
  { id: 'post', zh: '岗位', en: 'Post', variants: ['设岗', '党员岗位', '所设岗位', 'post'] },
  { id: 'duty', zh: '职责', en: 'Duty', variants: ['岗位职责', '定责', 'duty'] },
  { id: 'wealth_leader', zh: '是否致富带头人', en: 'Wealth leader', variants: ['致富带头人', '党员致富带头人', 'wealth leader'] },
  { id: 'wealth_industry', zh: '致富产业', en: 'Industry', variants: ['带头产业', '产业', 'wealth industry'] },
  register('phone'),
] as const satisfies readonly ColumnDef[];
export type MemberColumnId = (typeof MEMBER_COLUMNS)[number]['id'];

export const MEMBERS = defineColumnSet<MemberColumnId>({
  name: 'party_members',
  columns: MEMBER_COLUMNS,
  required: ['name', 'id_number', 'village_code', 'joined_on'],
  text: ['id_number', 'phone', 'village_code'],
  widths: {
    name: 10,
    id_number: 21,
    gender: 6,
    village_code: 15,
    village: 14,
    joined_on: 13,
    standing: 10,
    post: 14,
    duty: 28,
    wealth_leader: 13,
    wealth_industry: 14,
    phone: 14,
  },
  sheetName: { 'zh-CN': '党员', en: 'Members' },
});

const squash = (v: string) =>
  v
    .normalize('NFKC')
    .replace(/[\s()（）【】[\]·、,，.。]/g, '')
    .toLowerCase();
function lookup<T extends string>(table: Record<T, readonly string[]>): (raw: unknown) => T | null {
  const index = new Map<string, T>();
  for (const [code, spellings] of Object.entries(table) as [T, readonly string[]][]) {
    for (const s of [code, ...spellings]) index.set(squash(s), code);
  }
  return (raw) => {
    const text = toText(raw);
    return text ? (index.get(squash(text)) ?? null) : null;
  };
}

export const KIND_WORDS = {
  branch: ['党支部', '支部', '村党支部', '支部委员会'],
  general_branch: ['党总支', '总支', '党总支部', '总支委员会'],
  committee: ['党委', '村党委', '党委员会'],
} as const;
export const STANDING_WORDS = { full: ['正式党员', '正式'], probationary: ['预备党员', '预备'] } as const;
const YES_NO = { yes: ['是', '√', 'y', 'true', '1'], no: ['否', '不是', 'n', 'false', '0', '×'] } as const;

export const resolveKind = lookup(KIND_WORDS);
export const resolveStanding = lookup(STANDING_WORDS);
const yesNo = lookup(YES_NO);
export const resolveYes = (raw: unknown): boolean | null =>
  typeof raw === 'boolean' ? raw : yesNo(raw) === null ? null : yesNo(raw) === 'yes';

/** The words written on export. */
export const KIND_EXPORT = { branch: '党支部', general_branch: '党总支', committee: '党委' } as const;
export const STANDING_EXPORT = { full: '正式党员', probationary: '预备党员' } as const;
