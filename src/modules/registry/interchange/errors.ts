import type { ColumnSet } from './columns.ts';
import { REGISTER } from './headers.ts';

export type InterchangeLang = 'zh-CN' | 'en';

/** Why a whole file could not be read. Problems with single rows are not errors: the importer reports them. */
export type InterchangeErrorCode =
  | 'UNSUPPORTED_FILE_TYPE'
  | 'UNREADABLE_FILE'
  | 'FILE_TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'NO_HEADER_ROW'
  | 'MISSING_COLUMNS'
  | 'UNPACKED_TOO_LARGE'
  | 'CELL_TOO_LONG';

/**
 * A file-level failure of the interchange readers, with the message in both languages. `message` is the
 * English text (for logs); `messageFor(lang)` picks the user's language; `details` carries the parameters.
 */
export class InterchangeError extends Error {
  override readonly name = 'InterchangeError';

  constructor(
    readonly code: InterchangeErrorCode,
    readonly messages: Readonly<Record<InterchangeLang, string>>,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(messages.en, options);
  }

  messageFor(lang: InterchangeLang): string {
    return this.messages[lang];
  }
}

const MB = 1024 * 1024;
const fmtMb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

export function unsupportedFileType(filename: string): InterchangeError {
  const ext = /\.([^./\\]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  const old = ext === 'xls' || ext === 'et' || ext === 'wps';
  return new InterchangeError(
    'UNSUPPORTED_FILE_TYPE',
    {
      'zh-CN': `不支持的文件类型${ext ? ` .${ext}` : ''}：请上传 .xlsx 或 .csv 文件${old ? '（可在 Excel 或 WPS 中“另存为” .xlsx）' : ''}`,
      en: `Unsupported file type${ext ? ` .${ext}` : ''}: upload an .xlsx or .csv file${old ? ' (in Excel or WPS, use "Save as" .xlsx)' : ''}`,
    },
    { extension: ext, supported: ['xlsx', 'csv'] },
  );
}

export function unreadableFile(format: 'xlsx' | 'csv', reason: string, cause?: unknown): InterchangeError {
  return new InterchangeError(
    'UNREADABLE_FILE',
    format === 'xlsx'
      ? {
          'zh-CN': '无法读取该 Excel 文件：文件已损坏、不完整，或不是 .xlsx 格式（加密的文件也无法读取）',
          en: 'The Excel file cannot be read: it is damaged, incomplete, or not in .xlsx format (encrypted files cannot be read either)',
        }
      : {
          'zh-CN': `无法读取该 CSV 文件：${reason}`,
          en: `The CSV file cannot be read: ${reason}`,
        },
    { format, reason },
    { cause },
  );
}

export function fileTooLarge(maxBytes: number, size: number | null): InterchangeError {
  return new InterchangeError(
    'FILE_TOO_LARGE',
    {
      'zh-CN': `文件过大${size !== null ? `（${fmtMb(size)}）` : ''}：上限为 ${fmtMb(maxBytes)}，请拆分后分批导入`,
      en: `The file is too large${size !== null ? ` (${fmtMb(size)})` : ''}: the limit is ${fmtMb(maxBytes)}; split it and import the parts`,
    },
    { maxBytes, size },
  );
}

export function tooManyRows(maxRows: number, rowNumber: number): InterchangeError {
  return new InterchangeError(
    'TOO_MANY_ROWS',
    {
      'zh-CN': `数据行过多：每个文件最多 ${maxRows.toLocaleString('en')} 行，请拆分后分批导入（超出处为第 ${rowNumber} 行）`,
      en: `Too many data rows: at most ${maxRows.toLocaleString('en')} per file; split it and import the parts (the limit was passed at row ${rowNumber})`,
    },
    { maxRows, rowNumber },
  );
}

export function noHeaderRow<Id extends string>(
  missing: readonly Id[],
  scannedRows: number,
  best: { rowNumber: number; found: Id[] } | null,
  columns: ColumnSet<Id> = REGISTER as unknown as ColumnSet<Id>,
) {
  const zh = missing.map((id) => columns.label(id, 'zh-CN')).join('、');
  const en = missing.map((id) => columns.label(id, 'en')).join(', ');
  return new InterchangeError(
    'NO_HEADER_ROW',
    {
      'zh-CN': `未找到表头行：在前 ${scannedRows} 行中没有找到包含必需列的表头。未找到的必需列：${zh}`,
      en: `No header row found in the first ${scannedRows} rows. Required columns not found: ${en}`,
    },
    { missing, scannedRows, best },
  );
}

export function missingColumns<Id extends string>(
  headerRowNumber: number,
  missing: readonly Id[],
  columns: ColumnSet<Id> = REGISTER as unknown as ColumnSet<Id>,
) {
  const zh = missing.map((id) => columns.label(id, 'zh-CN')).join('、');
  const en = missing.map((id) => columns.label(id, 'en')).join(', ');
  return new InterchangeError(
    'MISSING_COLUMNS',
    {
      'zh-CN': `表头（第 ${headerRowNumber} 行）缺少必需列：${zh}`,
      en: `The header (row ${headerRowNumber}) lacks required columns: ${en}`,
    },
    { headerRowNumber, missing },
  );
}

/** An xlsx is a zip: what it unpacks to is bounded, whatever its own size. */
export function unpackedTooLarge(maxBytes: number, size: number): InterchangeError {
  return new InterchangeError(
    'UNPACKED_TOO_LARGE',
    {
      'zh-CN': `该 Excel 文件解压后过大（${fmtMb(size)}）：上限为 ${fmtMb(maxBytes)}，请拆分后分批导入`,
      en: `The Excel file unpacks to ${fmtMb(size)}: the limit is ${fmtMb(maxBytes)}; split it and import the parts`,
    },
    { maxBytes, size },
  );
}

/** One part of the zip unpacks to far more than a spreadsheet does (a zip bomb, or a cell of one repeated text). */
export function unpackedRatio(entry: string, ratio: number, maxRatio: number): InterchangeError {
  return new InterchangeError(
    'UNPACKED_TOO_LARGE',
    {
      'zh-CN': `该 Excel 文件的内容异常：“${entry}”解压后为压缩大小的 ${Math.round(ratio)} 倍（正常表格不超过 ${maxRatio} 倍），已拒绝`,
      en: `The Excel file looks malformed: "${entry}" unpacks to ${Math.round(ratio)} times its compressed size (a spreadsheet stays under ${maxRatio}); refused`,
    },
    { entry, ratio: Math.round(ratio), maxRatio },
  );
}

/** Spreadsheet column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A cell longer than Excel itself allows; `rowNumber` null when the reader could not tell the row. */
export function cellTooLong(rowNumber: number | null, columnIndex: number | null, maxChars: number): InterchangeError {
  const col = columnIndex === null ? null : columnLetter(columnIndex);
  const max = maxChars.toLocaleString('en');
  const whereZh = rowNumber === null ? '文件中有' : `第 ${rowNumber} 行${col ? ` ${col} 列` : ''}的`;
  const whereEn = rowNumber === null ? 'A cell of the file' : `Row ${rowNumber}${col ? `, column ${col}` : ''}:`;
  return new InterchangeError(
    'CELL_TOO_LONG',
    {
      'zh-CN': `${whereZh}单元格内容过长：每个单元格最多 ${max} 个字符，请删去多余内容后重新导入`,
      en: `${whereEn} ${rowNumber === null ? 'is' : 'the cell is'} too long: a cell holds at most ${max} characters; shorten it and import again`,
    },
    { rowNumber, column: col, maxChars },
  );
}
