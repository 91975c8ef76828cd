/**
 * Test helper: a postings spreadsheet made by hand with ExcelJS (a title row, the Chinese header, one row per posting),
 * each row carrying the problem codes the test expects of it, so that expected figures are computed from the file
 * itself, not from the code under test.
 */
import ExcelJS from 'exceljs';

export const POSTING_HEADER = [
  '姓名',
  '证件号码',
  '性别',
  '派出单位',
  '派出单位层级',
  '职务',
  '是否党员',
  '联系电话',
  '市',
  '县(市、区)',
  '乡(镇)',
  '行政村',
  '村代码',
  '驻村身份',
  '任职开始日期',
  '任职结束日期',
] as const;

export type PostingCell = string | number | Date | null;

export interface PostingFileRow {
  name: string;
  id: PostingCell;
  gender?: string;
  unit: string;
  level: string;
  post: string;
  party: string;
  phone?: string;
  city?: string;
  county?: string;
  township?: string;
  village?: string;
  code?: string;
  role: string;
  start: PostingCell;
  end?: PostingCell;
  /** The problem codes the row must get (empty: a good row). */
  expect: string[];
}

/** The file's rows start at row 3 (title, header): the n-th row of `rows` is row n + 3 of the file. */
export const FIRST_ROW = 3;

export async function postingsXlsx(rows: readonly PostingFileRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('驻村干部');
  ws.addRow(['北票市驻村干部花名册（测试）']);
  ws.addRow([...POSTING_HEADER]);
  for (const r of rows) {
    const row = ws.addRow([
      r.name,
      r.id,
      r.gender ?? null,
      r.unit,
      r.level,
      r.post,
      r.party,
      r.phone ?? null,
      r.city ?? null,
      r.county ?? null,
      r.township ?? null,
      r.village ?? null,
      r.code ?? null,
      r.role,
      r.start,
      r.end ?? null,
    ]);
    // ID numbers and codes as text cells, as a clerk's template keeps them.
    for (const i of [2, 8, 13]) if (typeof row.getCell(i).value === 'string') row.getCell(i).numFmt = '@';
    for (const i of [15, 16]) if (row.getCell(i).value instanceof Date) row.getCell(i).numFmt = 'yyyy-mm-dd';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows of a workbook's first sheet as arrays of cell values (1-based columns dropped to 0-based). */
export async function sheetRows(buf: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const out: unknown[][] = [];
  ws?.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as unknown[]).slice(1);
    out[n - 1] = values.map((v) => (v && typeof v === 'object' && 'richText' in (v as object) ? String((v as { text?: string }).text) : v));
  });
  return out;
}
