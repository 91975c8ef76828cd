/**
 * Streaming writers of the interchange format: the register as .xlsx or .csv, and the error report (the
 * original rows plus a reason column). Rows are written and committed one at a time: memory stays flat for
 * any number of rows. Text that a spreadsheet would run as a formula is written with a leading `'` (formula.ts),
 * in xlsx as a text-formatted string cell, so that editing the cell in Excel does not run it either.
 */

import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ColumnSet } from './columns.ts';
import { neutralise, restore } from './formula.ts';
import { type ColumnId, REGISTER } from './headers.ts';
import type { CellValue } from './values.ts';

export type WriteLang = 'zh-CN' | 'en';

export { type WriteCsvOptions, writeRegisterCsv, writeSheetCsv } from './write-csv.ts';

/** One row of a column set: any subset of its columns; null/undefined/'' leave the cell empty. */
export type SheetValues<Id extends string> = Partial<Record<Id, CellValue | null | undefined>>;

/** One person's row of the register. */
export type RegisterRow = SheetValues<ColumnId>;

export type Rows<T> = AsyncIterable<T> | Iterable<T>;

export interface WriteRegisterOptions<Id extends string = ColumnId> {
  lang: WriteLang;
  /** The format written. Default the register's 26 columns. */
  columnSet?: ColumnSet<Id>;
  /** A title row above the header (merged across the columns), e.g. '北票市建档立卡贫困人口花名册'. */
  title?: string;
  /** The columns to write, in this order. Default: all of the set's, in canonical order. */
  columns?: readonly Id[];
  /** Worksheet name; default the set's (花名册 / Register). */
  sheetName?: string;
  /**
   * xlsx only: store text in a shared-strings table (as Excel does). Smaller files, but the writer keeps every
   * distinct string in memory until the end; off by default.
   */
  useSharedStrings?: boolean;
}

export interface ErrorReportOptions {
  lang: WriteLang;
  /** The format of the file reported on (which columns are text, how wide). Default the register's. */
  columnSet?: ColumnSet;
  /**
   * A first column with each row's number in the uploaded file (title rows counted), so a clerk finds the row in the
   * original after sorting or filtering the report. Rows then need `rowNumber`.
   */
  rowNumbers?: boolean;
  /** Only the rows that have a problem (the header stays). */
  problemsOnly?: boolean;
  /** Worksheet name; default 错误报告 / Problems. */
  sheetName?: string;
}

export interface ErrorReportRow {
  /** The row's number in the uploaded file (SheetRow.rowNumber). */
  rowNumber?: number;
  /** The row's cells as read (SheetRow.raw). */
  raw: readonly unknown[];
  /** Empty when the row is fine (it is written without highlight). */
  reasons: readonly string[];
}

const setOf = <Id extends string>(s: ColumnSet<Id> | undefined) => s ?? (REGISTER as unknown as ColumnSet<Id>);
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const PROBLEM_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const PROBLEM_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFB4B4B4' } },
  bottom: { style: 'thin', color: { argb: 'FFB4B4B4' } },
  left: { style: 'thin', color: { argb: 'FFB4B4B4' } },
  right: { style: 'thin', color: { argb: 'FFB4B4B4' } },
};

/*
 * Data cells get one of these shared style objects. exceljs recognises a style object it has seen (a WeakMap)
 * and skips re-serialising it; a fresh object per cell made style handling most of the write time. They are
 * never mutated: a cell needing another style gets another object. Dates have their own (exceljs would give
 * a shared plain style the format of the first value it saw).
 */
const PLAIN: Partial<ExcelJS.Style> = {};
const TEXT_STYLE: Partial<ExcelJS.Style> = { numFmt: '@' };
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: 'yyyy-mm-dd' };
const PROBLEM: Partial<ExcelJS.Style> = { fill: PROBLEM_FILL };
const PROBLEM_TEXT: Partial<ExcelJS.Style> = { fill: PROBLEM_FILL, numFmt: '@' };
const PROBLEM_DATE: Partial<ExcelJS.Style> = { fill: PROBLEM_FILL, numFmt: 'yyyy-mm-dd' };
const REASON_STYLE: Partial<ExcelJS.Style> = { fill: PROBLEM_FILL, font: PROBLEM_FONT, alignment: { wrapText: true, vertical: 'top' } };

function dataStyle(v: ExcelJS.CellValue, text: boolean, problem = false): Partial<ExcelJS.Style> {
  if (v instanceof Date) return problem ? PROBLEM_DATE : DATE_STYLE;
  if (text || (typeof v === 'string' && v.charCodeAt(0) === 39)) return problem ? PROBLEM_TEXT : TEXT_STYLE;
  return problem ? PROBLEM : PLAIN;
}

/**
 * exceljs' streaming writer hands committed rows to the zip compressor without backpressure: whatever the
 * compressor has not taken yet piles up in memory (at 26 columns, faster than zlib deflates on a busy
 * machine: the whole uncompressed sheet, ~1 KB per row). Every 256 rows we let I/O run and, while more than
 * 4 MB wait for the compressor, wait for it. (The sheet stream's pipe is exceljs-internal: without it, only
 * the event-loop turn remains.)
 */
const PENDING_LIMIT = 4 * 1024 * 1024;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function relieve(ws: ExcelJS.Worksheet, out: string | Writable): Promise<void> {
  await yieldToIo();
  const pipes = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const dest = pipes?.[0] as { destroyed?: boolean; _writableState?: { length?: number; errored?: unknown } } | undefined;
  const pending = () => dest?._writableState?.length ?? 0;
  for (;;) {
    // A closed output (a download the client gave up) would leave the compressor waiting forever.
    if (typeof out !== 'string' && (out.destroyed || out.writableEnded))
      throw new Error('the output was closed before the workbook was written');
    if (pending() <= PENDING_LIMIT || dest?.destroyed || dest?._writableState?.errored) return;
    await sleep(5);
  }
}

function openWorkbook(out: string | Writable, useSharedStrings = false) {
  return new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof out === 'string' ? { filename: out } : { stream: out }),
    useStyles: true,
    useSharedStrings,
  });
}

/**
 * A cell of the file being reported on, as the reader will see it again: text that the file itself carried with
 * the protective quote is not quoted twice (the clerk's corrected report must import like the original).
 */
function reportValue(v: unknown): ExcelJS.CellValue {
  return cellValue(typeof v === 'string' ? restore(v) : v);
}

/** Column letter of a 1-based column number. */
function letter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A cell as exceljs takes it; text always as a string cell (never a formula), neutralised. */
function cellValue(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return neutralise(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  return neutralise(String(v));
}

/**
 * The register as an .xlsx workbook: optional title row, then a bold, frozen header row (Chinese or English
 * headers), then one row per person. ID number, phone, household number and village code are text cells in
 * text-formatted columns, so Excel never turns them into numbers (also when a clerk types into the file).
 */
export async function writeRegisterXlsx<Id extends string = ColumnId>(
  out: string | Writable,
  rows: Rows<SheetValues<Id>>,
  opts: WriteRegisterOptions<Id>,
): Promise<{ rows: number }> {
  const set = setOf(opts.columnSet);
  const columns = opts.columns ?? set.ids;
  const textIds = new Set<Id>(set.text);
  const wb = openWorkbook(out, opts.useSharedStrings);
  const headerRow = opts.title ? 2 : 1;
  const ws = wb.addWorksheet(opts.sheetName ?? set.sheetName[opts.lang], {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }],
  });
  ws.columns = columns.map((id) => ({
    key: id,
    width: Math.max(set.width(id), set.label(id, opts.lang).length * (opts.lang === 'en' ? 1.1 : 2.1)),
    style: textIds.has(id) ? { numFmt: '@' } : {},
  }));
  if (opts.title) {
    const title = ws.getRow(1);
    title.getCell(1).value = cellValue(opts.title);
    title.getCell(1).font = { bold: true, size: 16 };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = 28;
    ws.mergeCells(`A1:${letter(columns.length)}1`);
    title.commit();
  }
  const head = ws.getRow(headerRow);
  columns.forEach((id, i) => {
    const cell = head.getCell(i + 1);
    cell.value = cellValue(set.label(id, opts.lang));
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  head.height = opts.lang === 'en' ? 30 : 20;
  head.commit();

  const textCol = columns.map((id) => textIds.has(id));
  let n = 0;
  for await (const r of rows) {
    const row = ws.getRow(headerRow + 1 + n);
    for (let i = 0; i < columns.length; i++) {
      const v = cellValue(r[columns[i]]);
      if (v === null) continue;
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.style = dataStyle(v, textCol[i]);
    }
    row.commit();
    n++;
    if ((n & 0xff) === 0) await relieve(ws, out);
  }
  ws.commit();
  await wb.commit();
  return { rows: n };
}

// ---------------------------------------------------------------------------------------------------------
// Error report

/**
 * The rows of an import as they were, plus a last column 错误原因 / Problems; rows with problems are
 * highlighted (light red fill, dark red text), so the clerk can fix them in place and import the file again.
 * Columns recognised as ID number, phone, household number or village code are text-formatted.
 */
export async function writeErrorReport(
  out: string | Writable,
  header: readonly unknown[],
  rows: Rows<ErrorReportRow>,
  opts: ErrorReportOptions,
): Promise<{ rows: number; withProblems: number }> {
  const width = header.length;
  // With row numbers every column of the file moves one to the right.
  const shift = opts.rowNumbers ? 1 : 0;
  const reasonCol = width + 1 + shift;
  const set = setOf(opts.columnSet);
  const textIds = new Set<string>(set.text);
  const match = set.matchRow(header.map((h) => (h == null ? '' : String(h))));
  const textCols = new Set<number>();
  const widths: number[] = header.map(() => 12);
  if (match) {
    for (const [i, id] of match.mapping) {
      if (textIds.has(id)) textCols.add(i);
      widths[i] = set.width(id);
    }
  }
  const wb = openWorkbook(out);
  const ws = wb.addWorksheet(opts.sheetName ?? (opts.lang === 'en' ? 'Problems' : '错误报告'), {
    views: [{ state: 'frozen', xSplit: shift, ySplit: 1 }],
  });
  ws.columns = [
    ...(shift ? [{ width: 10, style: { alignment: { horizontal: 'center' as const } } }] : []),
    ...widths.map((w, i) => ({ width: w, style: textCols.has(i) ? { numFmt: '@' } : {} })),
    { width: 60, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  const head = ws.getRow(1);
  const headCell = (col: number, value: ExcelJS.CellValue, color?: string) => {
    const cell = head.getCell(col);
    cell.value = value;
    cell.font = color ? { bold: true, color: { argb: color } } : { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  };
  if (shift) headCell(1, opts.lang === 'en' ? 'Row in file' : '原文件行号');
  header.forEach((h, i) => {
    headCell(i + 1 + shift, reportValue(h));
  });
  headCell(reasonCol, opts.lang === 'en' ? 'Problems' : '错误原因', 'FF9C0006');
  head.commit();

  const sep = opts.lang === 'en' ? '; ' : '；';
  let n = 0;
  let bad = 0;
  let seen = 0;
  for await (const r of rows) {
    const problem = r.reasons.length > 0;
    if ((++seen & 0xff) === 0) await relieve(ws, out);
    if (opts.problemsOnly && !problem) continue;
    const row = ws.getRow(2 + n);
    if (shift && r.rowNumber !== undefined) {
      const cell = row.getCell(1);
      cell.value = r.rowNumber;
      cell.style = problem ? PROBLEM : PLAIN;
    }
    const cells = Math.max(width, r.raw.length);
    for (let i = 0; i < cells; i++) {
      const v = reportValue(r.raw[i]);
      if (v === null && !problem) continue;
      const cell = row.getCell(i + 1 + shift);
      if (v !== null) cell.value = v;
      cell.style = dataStyle(v, textCols.has(i), problem);
    }
    if (problem) {
      const cell = row.getCell(cells + shift >= reasonCol ? cells + shift + 1 : reasonCol);
      cell.value = cellValue(r.reasons.join(sep));
      cell.style = REASON_STYLE;
      bad++;
    }
    row.commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  return { rows: n, withProblems: bad };
}

/** The header cells of an export in the given language (for callers composing their own files). */
export function registerHeaders<Id extends string = ColumnId>(
  lang: WriteLang,
  columns?: readonly Id[],
  columnSet: ColumnSet<Id> = setOf<Id>(undefined),
): string[] {
  return (columns ?? columnSet.ids).map((id) => (columnSet.byId.get(id) ? columnSet.label(id, lang) : id));
}

/** The writers under the names of what they write: any column set's rows (the register's are the default). */
export const writeSheetXlsx = writeRegisterXlsx;
