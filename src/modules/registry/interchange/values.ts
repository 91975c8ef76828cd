/**
 * Cell values as the readers hand them over, and the helpers that turn them into years, dates, amounts and
 * text. The readers never coerce: a number stays a number (an ID number that Excel turned into a number must
 * be detectable and rejected, never stringified back into something that looks like an ID).
 */

import { restore } from './formula.ts';

/** A non-empty cell: text (trimmed), a number, a boolean, or a Date (an Excel date-formatted cell). */
export type CellValue = string | number | boolean | Date;

// Surrounding whitespace clerks leave in cells: ASCII, NBSP, U+3000 ideographic space, zero-width, BOM.
const EDGE_SPACE = /^[\s\u00a0\u3000\u200b-\u200d\ufeff]+|[\s\u00a0\u3000\u200b-\u200d\ufeff]+$/g;

function isSpace(c: number): boolean {
  return (
    c <= 32 || c === 0xa0 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200d) || c === 0x2028 || c === 0x2029 || c === 0x202f
  );
}

export function trimCell(text: string): string {
  if (text.length === 0) return text;
  if (!isSpace(text.charCodeAt(0)) && !isSpace(text.charCodeAt(text.length - 1))) return text;
  return text.replace(EDGE_SPACE, '');
}

/**
 * Flattens what exceljs gives for a cell into a plain value, *without* trimming (the error report shows
 * cells as they were): rich text → its text, formula → its result, hyperlink → its text, error → '#N/A' etc.
 * Returns undefined for an empty cell.
 */
export function flattenCell(value: unknown): string | number | boolean | Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: unknown }) => (typeof r?.text === 'string' ? r.text : '')).join('');
    if ('formula' in v || 'sharedFormula' in v) return flattenCell(v.result);
    if ('error' in v) return String(v.error);
    if ('text' in v) return flattenCell(v.text);
  }
  return undefined;
}

/** The value downstream code sees: flattened, strings trimmed (and a writer's formula guard taken off), blanks → undefined. */
export function cleanCell(value: unknown): CellValue | undefined {
  const flat = flattenCell(value);
  if (typeof flat === 'string') {
    const text = trimCell(flat);
    return text === '' ? undefined : restore(text);
  }
  if (typeof flat === 'number' && !Number.isFinite(flat)) return undefined;
  return flat;
}

export function isBlank(value: unknown): boolean {
  return cleanCell(value) === undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Text

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;

/**
 * Text as clerks meant it: full-width digits, letters, brackets and ASCII punctuation → half-width, any run
 * of whitespace (incl. U+3000, line breaks) → one space, trimmed. Numbers are rendered in plain decimal
 * (never call this on an ID cell without first checking `typeof value === 'number'`: the digits are lost).
 * Dates → YYYY-MM-DD. Blank → null.
 */
export function toText(value: unknown): string | null {
  const v = cleanCell(value);
  if (v === undefined) return null;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return isoDate(v);
  const text = v
    .replace(FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
    .replace(/[\s\u00a0\u200b-\u200d\ufeff]+/g, ' ')
    .trim();
  return text === '' ? null : text;
}

// ---------------------------------------------------------------------------------------------------------
// Dates and years

const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system, counting its phantom 29 Feb 1900 (serial 60). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** The largest serial Excel accepts: 9999-12-31. */
const MAX_SERIAL = 2_958_465;

/** An Excel 1900-system serial number (with fractional time) → the UTC date, or null when out of range. */
export function excelSerialToDate(serial: number): Date | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) return null;
  const days = Math.floor(serial);
  // Serials 1..59 come before Excel's fictitious 1900-02-29 and are one day later than a plain count.
  const shifted = days < 60 ? days + 1 : days;
  return new Date(EXCEL_EPOCH + shifted * DAY_MS);
}

/** Years outside this range are not years the register deals with; a number in it is a year, not a serial. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function utcDate(year: number, month: number, day: number): Date | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 ? d : null;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Dates as written in Chinese spreadsheets: 2016, 2016年, 2016年度, 2016-03-01, 2016/3/1, 2016.3.1,
 * 2016.3, 2016-03, 2016年3月, 2016年3月1日, 20160301, 201603, with full-width digits too.
 */
const DATE_TEXT =
  /^(\d{4})(?:\s*年度?)?(?:(?:\s*[-/.]\s*|(?<=年)\s*)(\d{1,2})(?:\s*月份?)?(?:(?:\s*[-/.]\s*|(?<=月)\s*)(\d{1,2})(?:\s*[日号])?)?)?(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})?$/;

interface DateParts {
  year: number;
  month: number | null;
  day: number | null;
}

function dateParts(value: unknown): DateParts | null {
  const v = cleanCell(value);
  if (v === undefined || typeof v === 'boolean') return null;
  if (v instanceof Date) return { year: v.getUTCFullYear(), month: v.getUTCMonth() + 1, day: v.getUTCDate() };
  if (typeof v === 'number') {
    if (v >= MIN_YEAR && v < MAX_YEAR + 1) return { year: Math.floor(v), month: null, day: null };
    const d = excelSerialToDate(v);
    return d ? { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() } : null;
  }
  const text = toText(v);
  if (!text) return null;
  const m = DATE_TEXT.exec(text) ?? COMPACT_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (month === null || !utcDate(year, month, day))) return null;
  return { year, month, day };
}

/**
 * The year a cell names: a year number (1900–2100), an Excel serial date, a Date, or text such as '2016',
 * '2016年', '2016-03-01', '2016/3/1', '2016.3'. Null when blank or not a date.
 */
export function toYear(value: unknown): number | null {
  return dateParts(value)?.year ?? null;
}

/**
 * The date a cell names, as a UTC midnight Date. Accepts what toYear accepts; a partial date stands for its
 * first day ('2016.3' → 2016-03-01, '2016' or the number 2016 → 2016-01-01). Null when blank or not a date.
 * Serial numbers are read in Excel's 1900 date system (exceljs already converts date-formatted cells of
 * 1904-system workbooks into Dates).
 */
export function toDate(value: unknown): Date | null {
  const p = dateParts(value);
  return p ? utcDate(p.year, p.month ?? 1, p.day ?? 1) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Amounts

const AMOUNT_TEXT = /^([+-]?)(\d+(?:,\d{3})*|\d*)(\.\d+)?(万)?$/;

/**
 * An amount of money in yuan: 3520, 3520.5, '3,520', '３５２０元', '￥3520.00', '3520 元', '0.35万' (→ 3500),
 * '3，520'. Null when blank or not an amount.
 */
export function toAmount(value: unknown): number | null {
  const v = cleanCell(value);
  if (v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const text = (toText(v) ?? '')
    .replace(/，/g, ',')
    .replace(/^(?:rmb|cny)|[￥¥\s]|(?:人民币)|元$|(?:rmb|cny)$/gi, '')
    .replace(/元$/, '');
  const m = AMOUNT_TEXT.exec(text);
  if (!m || (m[2] === '' && !m[3])) return null;
  const n = Number(`${m[1]}${m[2].replace(/,/g, '') || '0'}${m[3] ?? ''}`);
  if (!Number.isFinite(n)) return null;
  return m[4] ? Math.round(n * 10_000 * 100) / 100 : n;
}
