/**
 * The funds interchange format (村级经费拨付表): one row per payment, 7 columns with Chinese headers — 村代码 · 行政村 ·
 * 拨付日期 · 金额(元) · 用途 · 资金来源 · 备注. Read and written by the register's interchange layer with this column set;
 * the village columns are the register's own definitions, recognised by the same spellings.
 */
import { type ColumnDef, defineColumnSet } from '../../registry/interchange/columns.ts';
import { COLUMN_BY_ID, type ColumnId } from '../../registry/interchange/headers.ts';
import { toText } from '../../registry/interchange/values.ts';
import type { PURPOSES } from './schema.ts';

const register = <I extends ColumnId>(id: I) => COLUMN_BY_ID.get(id) as ColumnDef<I>;

export const FUND_COLUMNS = [
  register('village_code'),
  register('village'),
  register('township'),
  {
    id: 'paid_on',
    zh: '拨付日期',
    en: 'Date paid',
    variants: ['拨付时间', '拨款日期', '支付日期', '付款日期', '到账日期', '日期', 'paid on', 'date'],
  },
  {
    id: 'amount',
    zh: '金额(元)',
    en: 'Amount (yuan)',
    variants: ['金额', '拨付金额', '拨款金额', '拨付金额(元)', '金额（元）', '资金(元)', 'amount'],
  },
  { id: 'purpose', zh: '用途', en: 'Purpose', variants: ['资金用途', '经费类别', '经费用途', '类别', 'purpose'] },
  { id: 'source', zh: '资金来源', en: 'Source', variants: ['来源', '经费来源', '拨付单位', 'source'] },
  { id: 'note', zh: '备注', en: 'Note', variants: ['说明', 'note', 'remarks'] },
] as const satisfies readonly ColumnDef[];

export type FundColumnId = (typeof FUND_COLUMNS)[number]['id'];

export const FUNDS = defineColumnSet<FundColumnId>({
  name: 'party_funds',
  columns: FUND_COLUMNS,
  required: ['paid_on', 'amount', 'purpose'],
  text: ['village_code'],
  widths: { village_code: 15, village: 14, township: 14, paid_on: 12, amount: 14, purpose: 14, source: 22, note: 30 },
  sheetName: { 'zh-CN': '村级经费拨付', en: 'Village funds' },
});

type Purpose = (typeof PURPOSES)[number];
const squash = (v: string) =>
  v
    .normalize('NFKC')
    .replace(/[\s()（）【】[\]·、,，.。]/g, '')
    .toLowerCase();

export const PURPOSE_WORDS: Record<Purpose, readonly string[]> = {
  operation: ['运转经费', '村级组织运转经费', '组织运转经费', '运转', '办公经费', 'operation'],
  party_building: ['党建工作经费', '党建经费', '党建', '党组织工作经费', 'party building', 'party_building'],
  other: ['其他', '其它', 'other'],
};
const PURPOSE_INDEX = new Map<string, Purpose>();
for (const [code, words] of Object.entries(PURPOSE_WORDS) as [Purpose, readonly string[]][]) {
  for (const w of [code, ...words]) PURPOSE_INDEX.set(squash(w), code);
}
export const resolvePurpose = (raw: unknown): Purpose | null => {
  const t = toText(raw);
  return t ? (PURPOSE_INDEX.get(squash(t)) ?? null) : null;
};
/** The words written on export. */
export const PURPOSE_EXPORT: Record<Purpose, string> = { operation: '运转经费', party_building: '党建工作经费', other: '其他' };
