/**
 * The rectification ledger as counties keep it (软弱涣散村党组织整顿台账): one row per case, Chinese headers, read and
 * written by the register's interchange layer (src/modules/registry/interchange/) with this column set. The place
 * columns are the register's own definitions, so they are recognised by the same spellings.
 */
import { type ColumnDef, defineColumnSet } from '../../registry/interchange/columns.ts';
import { COLUMN_BY_ID, type ColumnId } from '../../registry/interchange/headers.ts';
import { ledgerRows } from './export.ts';

const register = <I extends ColumnId>(id: I) => COLUMN_BY_ID.get(id) as ColumnDef<I>;

export const LEDGER_COLUMNS = [
  { id: 'seq', zh: '序号', en: 'No.', variants: ['编号', '序', 'no', 'number'] },
  register('city'),
  register('county'),
  register('township'),
  register('village'),
  register('village_code'),
  {
    id: 'org_name',
    zh: '党组织名称',
    en: 'Organisation',
    variants: ['村党组织名称', '组织名称', '党组织', 'organisation', 'organization'],
  },
  { id: 'year', zh: '整顿年度', en: 'Year', variants: ['年度', '整顿年份', '排查年度', 'year'] },
  { id: 'identified_on', zh: '认定日期', en: 'Identified on', variants: ['排查认定日期', '认定时间', '排查日期', 'identified on'] },
  {
    id: 'causes',
    zh: '软弱涣散类型',
    en: 'Causes',
    variants: ['类型', '软弱涣散原因', '软弱涣散情形', '主要类型', '问题类型', 'causes'],
  },
  { id: 'problems', zh: '主要问题', en: 'Main problems', variants: ['存在问题', '突出问题', '问题', 'problems'] },
  {
    id: 'plan',
    zh: '整顿措施(一村一策)',
    en: 'Measures',
    variants: ['整顿措施', '整改措施', '整顿方案', '一村一策', '措施', 'measures', 'plan'],
  },
  { id: 'county_leader', zh: '县级联系领导', en: 'County leader', variants: ['县级领导', '联系县领导', '包村县领导', 'county leader'] },
  {
    id: 'township_member',
    zh: '乡镇包村干部',
    en: 'Township member',
    variants: ['包村干部', '乡镇干部', '乡镇包村领导', 'township member'],
  },
  { id: 'first_secretary', zh: '第一书记', en: 'First secretary', variants: ['驻村第一书记', 'first secretary'] },
  { id: 'deadline', zh: '整顿时限', en: 'Deadline', variants: ['整改时限', '完成时限', '时限', 'deadline'] },
  { id: 'progress', zh: '整顿进展', en: 'Progress', variants: ['整改进展', '进展情况', '进展', 'progress'] },
  { id: 'state', zh: '状态', en: 'State', variants: ['整顿状态', '当前状态', 'state'] },
  { id: 'closed_on', zh: '销号日期', en: 'Closed on', variants: ['销号时间', 'closed on'] },
  { id: 'consolidated_on', zh: '巩固日期', en: 'Consolidated on', variants: ['巩固时间', '回访巩固日期', 'consolidated on'] },
  { id: 'note', zh: '备注', en: 'Note', variants: ['说明', 'note', 'remarks'] },
] as const satisfies readonly ColumnDef[];

export type LedgerColumnId = (typeof LEDGER_COLUMNS)[number]['id'];

export const LEDGER = defineColumnSet<LedgerColumnId>({
  name: 'party_ledger',
  columns: LEDGER_COLUMNS,
  required: ['year', 'causes'],
  text: ['village_code'],
  widths: {
    seq: 6,
    city: 10,
    county: 10,
    township: 12,
    village: 12,
    village_code: 15,
    causes: 28,
    problems: 30,
    plan: 36,
    progress: 30,
    org_name: 24,
    identified_on: 12,
    deadline: 12,
    closed_on: 12,
    consolidated_on: 12,
    note: 24,
  },
  sheetName: { 'zh-CN': '整顿台账', en: 'Rectification ledger' },
});

/**
 * The ledger's kind for the party CLI (`fupin party import|export --kind ledger`): its batch kind, column set and the
 * service entry point that writes a region's ledger as rows (export); the import is ./import/service.ts.
 */
export const partyLedgerKind = {
  kind: 'party_ledger' as const,
  name: 'ledger',
  columnSet: LEDGER,
  exportRows: ledgerRows,
};
