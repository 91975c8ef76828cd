/**
 * Streaming writers of the interchange format: the register as .xlsx or .csv, and the error report (the
 * original rows plus a reason column). Rows are written and committed one at a time: memory stays flat for
 * any number of rows.
 */

import { once } from 'node:events';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { COLUMN_BY_ID, COLUMN_IDS, type ColumnId, headerLabel, matchHeaderRow, TEXT_COLUMNS } from './headers.ts';
import type { CellValue } from './values.ts';

export type WriteLang = 'zh-CN' | 'en';

/** One person's row: any subset of the columns; null/undefined/'' leave the cell empty. */
export type RegisterRow = Partial<Record<ColumnId, CellValue | null | undefined>>;

type Rows<T> = AsyncIterable<T> | Iterable<T>;

export interface WriteRegisterOptions {
  lang: WriteLang;
  /** A title row above the header (merged across the columns), e.g. '北票市建档立卡贫困人口花名册'. */
  title?: string;
  /** The columns to write, in this order. Default: all 26 in canonical order. */
  columns?: readonly ColumnId[];
  /** Worksheet name; default 花名册 / Register. */
  sheetName?: string;
  /**
   * xlsx only: store text in a shared-strings table (as Excel does). Smaller files, but the writer keeps every
   * distinct string in memory until the end; off by default.
   */
  useSharedStrings?: boolean;
}

export interface ErrorReportOptions {
  lang: WriteLang;
  /** Worksheet name; default 错误报告 / Problems. */
  sheetName?: string;
}

export interface ErrorReportRow {
  /** The row's cells as read (SheetRow.raw). */
  raw: readonly unknown[];
  /** Empty when the row is fine (it is written without highlight). */
  reasons: readonly string[];
}

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

const TEXT = new Set<ColumnId>(TEXT_COLUMNS);
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
  if (text) return problem ? PROBLEM_TEXT : TEXT_STYLE;
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

/** Column letter of a 1-based column number. */
function letter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function cellValue(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  return String(v);
}

/**
 * The register as an .xlsx workbook: optional title row, then a bold, frozen header row (Chinese or English
 * headers), then one row per person. ID number, phone, household number and village code are text cells in
 * text-formatted columns, so Excel never turns them into numbers (also when a clerk types into the file).
 */
export async function writeRegisterXlsx(
  out: string | Writable,
  rows: Rows<RegisterRow>,
  opts: WriteRegisterOptions,
): Promise<{ rows: number }> {
  const columns = opts.columns ?? COLUMN_IDS;
  const wb = openWorkbook(out, opts.useSharedStrings);
  const headerRow = opts.title ? 2 : 1;
  const ws = wb.addWorksheet(opts.sheetName ?? (opts.lang === 'en' ? 'Register' : '花名册'), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }],
  });
  ws.columns = columns.map((id) => ({
    key: id,
    width: Math.max(WIDTHS[id] ?? 12, headerLabel(id, opts.lang).length * (opts.lang === 'en' ? 1.1 : 2.1)),
    style: TEXT.has(id) ? { numFmt: '@' } : {},
  }));
  if (opts.title) {
    const title = ws.getRow(1);
    title.getCell(1).value = opts.title;
    title.getCell(1).font = { bold: true, size: 16 };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = 28;
    ws.mergeCells(`A1:${letter(columns.length)}1`);
    title.commit();
  }
  const head = ws.getRow(headerRow);
  columns.forEach((id, i) => {
    const cell = head.getCell(i + 1);
    cell.value = headerLabel(id, opts.lang);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  head.height = opts.lang === 'en' ? 30 : 20;
  head.commit();

  const textCol = columns.map((id) => TEXT.has(id));
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
// CSV

export interface WriteCsvOptions {
  lang: WriteLang;
  columns?: readonly ColumnId[];
  /**
   * Write the text columns (ID number, phone, household number, village code) as ="…", which Excel shows as
   * text instead of turning the digits into a number. The readers here understand it; other tools may not.
   */
  excelText?: boolean;
}

function csvField(v: unknown, asText: boolean): string {
  if (v === null || v === undefined || v === '') return '';
  let s: string;
  if (typeof v === 'string') {
    // A cell that Excel would run as a formula (=, +, @, or - not followed by a number) is neutralised.
    s = /^[=+@]|^-(?![\d.])/.test(v) ? `'${v}` : v;
    if (asText) return `="${s.replace(/"/g, '""')}"`;
  } else if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : '';
  else if (typeof v === 'boolean') s = v ? 'TRUE' : 'FALSE';
  else if (v instanceof Date) {
    const iso = Number.isNaN(v.getTime()) ? '' : v.toISOString();
    s = iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$|Z$/, '');
  } else s = String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Resolves on 'drain', or when the stream closes or fails (the next write then reports it). */
function drained(stream: Writable): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

async function withOutput(out: string | Writable, body: (write: (text: string) => Promise<void>) => Promise<void>): Promise<void> {
  const stream = typeof out === 'string' ? fs.createWriteStream(out) : out;
  let failed: Error | null = null;
  // Our own file stream's errors (disk full…) are reported by the next write; a caller's stream is theirs.
  if (typeof out === 'string') stream.on('error', (e) => (failed ??= e));
  let buffer = '';
  const flush = async () => {
    if (!buffer) return;
    const chunk = buffer;
    buffer = '';
    if (failed) throw failed;
    if (stream.destroyed || stream.writableEnded) throw new Error('the output was closed before the file was written');
    if (!stream.write(chunk)) await drained(stream);
  };
  const write = async (text: string) => {
    buffer += text;
    if (buffer.length >= 64 * 1024) await flush();
  };
  try {
    await body(write);
    await flush();
  } catch (e) {
    if (typeof out === 'string') stream.destroy();
    throw e;
  }
  if (typeof out === 'string') {
    stream.end();
    await once(stream, 'close');
    if (failed) throw failed;
  }
}

/**
 * The register as CSV: UTF-8 with a byte-order mark (so Excel on a Chinese Windows reads it as UTF-8, not
 * GBK), CRLF line ends, fields quoted when needed. A given Writable is left open (the caller ends it).
 */
export async function writeRegisterCsv(out: string | Writable, rows: Rows<RegisterRow>, opts: WriteCsvOptions): Promise<{ rows: number }> {
  const columns = opts.columns ?? COLUMN_IDS;
  let n = 0;
  await withOutput(out, async (write) => {
    await write(`\ufeff${columns.map((id) => csvField(headerLabel(id, opts.lang), false)).join(',')}\r\n`);
    for await (const r of rows) {
      await write(`${columns.map((id) => csvField(r[id], !!opts.excelText && TEXT.has(id))).join(',')}\r\n`);
      n++;
    }
  });
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
  const reasonCol = width + 1;
  const match = matchHeaderRow(header.map((h) => (h == null ? '' : String(h))));
  const textCols = new Set<number>();
  const widths: number[] = header.map(() => 12);
  if (match) {
    for (const [i, id] of match.mapping) {
      if (TEXT.has(id)) textCols.add(i);
      widths[i] = WIDTHS[id] ?? 12;
    }
  }
  const wb = openWorkbook(out);
  const ws = wb.addWorksheet(opts.sheetName ?? (opts.lang === 'en' ? 'Problems' : '错误报告'), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
  });
  ws.columns = [
    ...widths.map((w, i) => ({ width: w, style: textCols.has(i) ? { numFmt: '@' } : {} })),
    { width: 60, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  const head = ws.getRow(1);
  header.forEach((h, i) => {
    const cell = head.getCell(i + 1);
    cell.value = cellValue(h);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
  });
  const reasonHead = head.getCell(reasonCol);
  reasonHead.value = opts.lang === 'en' ? 'Problems' : '错误原因';
  reasonHead.font = { bold: true, color: { argb: 'FF9C0006' } };
  reasonHead.fill = HEADER_FILL;
  reasonHead.border = THIN;
  head.commit();

  const sep = opts.lang === 'en' ? '; ' : '；';
  let n = 0;
  let bad = 0;
  for await (const r of rows) {
    const row = ws.getRow(2 + n);
    const problem = r.reasons.length > 0;
    const cells = Math.max(width, r.raw.length);
    for (let i = 0; i < cells; i++) {
      const v = cellValue(r.raw[i]);
      if (v === null && !problem) continue;
      const cell = row.getCell(i + 1);
      if (v !== null) cell.value = v;
      cell.style = dataStyle(v, textCols.has(i), problem);
    }
    if (problem) {
      const cell = row.getCell(cells >= reasonCol ? cells + 1 : reasonCol);
      cell.value = r.reasons.join(sep);
      cell.style = REASON_STYLE;
      bad++;
    }
    row.commit();
    n++;
    if ((n & 0xff) === 0) await relieve(ws, out);
  }
  ws.commit();
  await wb.commit();
  return { rows: n, withProblems: bad };
}

/** The header cells of an export in the given language (for callers composing their own files). */
export function registerHeaders(lang: WriteLang, columns: readonly ColumnId[] = COLUMN_IDS): string[] {
  return columns.map((id) => (COLUMN_BY_ID.get(id) ? headerLabel(id, lang) : id));
}
