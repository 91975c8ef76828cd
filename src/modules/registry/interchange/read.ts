/**
 * Streaming reader of register spreadsheets (.xlsx and .csv). Memory stays flat whatever the file size:
 * rows are parsed one at a time and handed over as they come; nothing keeps them.
 *
 * ```ts
 * const reader = readRows({ path: 'huamingce.xlsx' }, { onProgress: (p) => bar.update(p) });
 * const header = await reader.header();          // optional: finds the header row (or throws)
 * for await (const row of reader) { … row.rowNumber, row.cells.id_number, row.raw … }
 * ```
 *
 * Failures of the whole file are `InterchangeError`s (errors.ts); problems of single rows are for the
 * importer to judge. Cells are passed through as read (values.ts), never coerced.
 */
import fs from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvRecords } from '../../../server/csv.ts';
import { fileTooLarge, InterchangeError, missingColumns, noHeaderRow, tooManyRows, unreadableFile, unsupportedFileType } from './errors.ts';
import { type ColumnId, matchHeader, matchHeaderRow, REQUIRED_COLUMNS } from './headers.ts';
import { type CellValue, cleanCell, flattenCell } from './values.ts';

// ---------------------------------------------------------------------------------------------------------
// Public types

export type SheetInput =
  | { path: string }
  /** An upload: `filename` decides the format; `size` (e.g. Content-Length), when known, enables early limits. */
  | { stream: Readable; filename: string; size?: number };

export interface SheetRow {
  /** 1-based row number as the user sees it in Excel (CSV: the record number, counting empty lines). */
  rowNumber: number;
  /** The recognised columns' non-empty values: strings trimmed, numbers as numbers, dates as Dates. */
  cells: Partial<Record<ColumnId, CellValue>>;
  /** Every cell of the row as it was (0-based, null when empty), for the error report. */
  raw: unknown[];
}

export interface HeaderInfo {
  format: 'xlsx' | 'csv';
  /** The worksheet the rows come from (xlsx). */
  sheetName: string | null;
  headerRowNumber: number;
  /** The header row's cells as written (0-based), to head an error report. */
  header: unknown[];
  /** 0-based cell index → column. */
  mapping: ReadonlyMap<number, ColumnId>;
  /** Header cells naming no known column (not an error). */
  ignoredColumns: string[];
  /** Canonical columns absent from the file. */
  missingColumns: ColumnId[];
  /** Best guess of the number of data rows, or null (refined in progress reports). */
  totalRowsEstimate: number | null;
  /** CSV: the encoding detected ('utf-8', 'utf-8-bom', 'gb18030', 'utf-16le', 'utf-16be') and the delimiter. */
  encoding: string | null;
  delimiter: string | null;
}

export interface ReadProgress {
  /** Data rows handed over so far. */
  rows: number;
  /** Bytes of the file read so far, and its size when known. */
  bytesRead: number;
  totalBytes: number | null;
  /** Best estimate of the data rows in the file (null while unknown). rows / totalRowsEstimate ≈ done. */
  totalRowsEstimate: number | null;
  /** 'file': still unpacking the file (xlsx), no rows yet; 'rows': handing over rows; 'done'. */
  phase: 'file' | 'rows' | 'done';
}

export interface ReadOptions {
  /** Larger files are refused (FILE_TOO_LARGE). Default 200 MB. */
  maxBytes?: number;
  /** More data rows are refused (TOO_MANY_ROWS). Default 1,000,000. */
  maxRows?: number;
  /**
   * Columns the header must have, else MISSING_COLUMNS. Default REQUIRED_COLUMNS (户编号, 姓名, 证件号码,
   * 与户主关系); [] accepts any header with at least three recognised columns.
   */
  requiredColumns?: readonly ColumnId[];
  /** How many non-empty rows of a sheet are searched for the header row. Default 10. */
  headerScanRows?: number;
  /** Called at most every `progressIntervalMs` (default 250 ms), and once at the end. */
  onProgress?: (progress: ReadProgress) => void;
  progressIntervalMs?: number;
  /** An xlsx whose parser makes no progress for this long after the whole file was read is unreadable. */
  stallTimeoutMs?: number;
}

/** Rows of a sheet, iterable once; `header()` may be awaited before (or while) iterating. */
export interface RowReader extends AsyncIterable<SheetRow> {
  /** Resolves when the header row is found; rejects with the file's InterchangeError. Starts reading. */
  header(): Promise<HeaderInfo>;
  /** The same rows in batches (a few hundred at a time), instead of iterating the reader itself. */
  batches(): AsyncIterable<SheetRow[]>;
  /** Stops reading and releases the file; needed only when the rows are not iterated to the end. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 1_000_000;
/** Rows are handed over in batches of about this many (a CSV chunk's rows at once): a row at a time, every layer
 * of async iteration cost more than parsing it. */
const BATCH_ROWS = 256;

export function readRows(input: SheetInput, opts: ReadOptions = {}): RowReader {
  return new SheetRowReader(input, opts);
}

/** The format a file name implies, or null when unsupported. */
export function formatOf(filename: string): 'xlsx' | 'csv' | null {
  const ext = path.extname(filename).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// The reader: header detection, row mapping, limits and progress over a format's raw rows.

type Item = { kind: 'sheet'; name: string } | { kind: 'row'; rowNumber: number; values: unknown[] };

interface Control {
  /** Set by the core: stop reading the current sheet (its header was not found). */
  skipSheet: boolean;
  /** Set by the core: the header was found, no later sheet is wanted. */
  lastSheet: boolean;
}

class Progress {
  bytesRead = 0;
  rows = 0;
  lastRowNumber = 0;
  headerRowNumber = 0;
  /** Row count implied by the format (xlsx <dimension>), or a sampler giving an estimate. */
  knownRows: number | null = null;
  estimator: (() => number | null) | null = null;
  private last = 0;

  constructor(
    readonly totalBytes: number | null,
    private readonly cb: ReadOptions['onProgress'],
    private readonly interval: number,
  ) {}

  estimate(): number | null {
    if (this.knownRows !== null) return Math.max(this.rows, this.knownRows - this.headerRowNumber);
    const e = this.estimator?.() ?? null;
    return e === null ? null : Math.max(this.rows, Math.round(e));
  }

  tick(phase: ReadProgress['phase'], force = false) {
    if (!this.cb) return;
    const now = Date.now();
    if (!force && now - this.last < this.interval) return;
    this.last = now;
    this.cb({ rows: this.rows, bytesRead: this.bytesRead, totalBytes: this.totalBytes, totalRowsEstimate: this.estimate(), phase });
  }
}

class SheetRowReader implements RowReader {
  private started = false;
  private iterated = false;
  private first: Promise<IteratorResult<SheetRow[]>> | null = null;
  private readonly gen: AsyncGenerator<SheetRow[]>;
  private readonly headerP: Promise<HeaderInfo>;
  private resolveHeader!: (h: HeaderInfo) => void;
  private rejectHeader!: (e: unknown) => void;

  constructor(
    private readonly input: SheetInput,
    private readonly opts: ReadOptions,
  ) {
    this.headerP = new Promise<HeaderInfo>((resolve, reject) => {
      this.resolveHeader = resolve;
      this.rejectHeader = reject;
    });
    this.headerP.catch(() => {}); // observed through iteration when nobody asks for the header
    this.gen = this.rows();
  }

  /** Stops reading and releases the file (only needed when the rows are not iterated to the end). */
  async close(): Promise<void> {
    this.started = true;
    this.iterated = true;
    await this.gen.return(undefined);
  }

  header(): Promise<HeaderInfo> {
    if (!this.started) {
      this.started = true;
      this.first = this.pull();
      this.first.catch(() => {});
    }
    return this.headerP;
  }

  batches(): AsyncIterable<SheetRow[]> {
    if (this.iterated) throw new Error('readRows(): a reader can be iterated only once');
    this.iterated = true;
    this.started = true;
    // A plain iterator over the generator (not another async generator: each layer costs per batch).
    let first = this.first;
    this.first = null;
    const iterator: AsyncIterator<SheetRow[]> = {
      next: () => {
        if (first) {
          const f = first;
          first = null;
          return f;
        }
        return this.pull();
      },
      return: async (value?: unknown) => {
        await this.gen.return(undefined);
        return { done: true, value } as IteratorResult<SheetRow[]>;
      },
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }

  [Symbol.asyncIterator](): AsyncIterator<SheetRow> {
    const batches = this.batches()[Symbol.asyncIterator]();
    let batch: SheetRow[] = [];
    let i = 0;
    return {
      next: async () => {
        while (i >= batch.length) {
          const r = await batches.next();
          if (r.done) return { done: true, value: undefined };
          batch = r.value;
          i = 0;
        }
        return { done: false, value: batch[i++] as SheetRow };
      },
      return: async (value?: unknown) => {
        await batches.return?.();
        return { done: true, value } as IteratorResult<SheetRow>;
      },
    };
  }

  /** The next batch of rows; a failure also rejects the header promise (no-op once it has resolved). */
  private pull(): Promise<IteratorResult<SheetRow[]>> {
    return this.gen.next().then(undefined, (e: unknown) => {
      this.rejectHeader(e);
      throw e;
    });
  }

  private async *rows(): AsyncGenerator<SheetRow[]> {
    const { input, opts } = this;
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
    const scanRows = opts.headerScanRows ?? 10;
    const required = opts.requiredColumns ?? REQUIRED_COLUMNS;
    const filename = 'path' in input ? input.path : input.filename;
    const format = formatOf(filename);
    if (!format) {
      if ('stream' in input) input.stream.destroy();
      throw unsupportedFileType(path.basename(filename));
    }

    let totalBytes: number | null = null;
    if ('path' in input) {
      try {
        totalBytes = (await stat(input.path)).size;
      } catch (e) {
        throw unreadableFile(format, (e as Error).message, e);
      }
    } else if (typeof input.size === 'number' && Number.isFinite(input.size)) {
      totalBytes = input.size;
    }
    if (totalBytes !== null && totalBytes > maxBytes) {
      if ('stream' in input) input.stream.destroy();
      throw fileTooLarge(maxBytes, totalBytes);
    }

    const progress = new Progress(totalBytes, opts.onProgress, opts.progressIntervalMs ?? 250);
    const source = 'path' in input ? fs.createReadStream(input.path, { highWaterMark: 256 * 1024 }) : input.stream;
    const counter = new ByteCounter(maxBytes, totalBytes, progress);
    source.on('error', (e) => counter.destroy(unreadableFile(format, e.message, e)));
    source.pipe(counter);

    const ctl: Control = { skipSheet: false, lastSheet: false };
    const csvInfo = { encoding: null as string | null, delimiter: null as string | null };
    const items =
      format === 'csv' ? csvItems(counter, progress, csvInfo) : xlsxItems(counter, progress, ctl, opts.stallTimeoutMs ?? 30_000);

    let header: HeaderInfo | null = null;
    let colIndex: number[] = [];
    let colId: ColumnId[] = [];
    let sheetName: string | null = null;
    let scanned = 0;
    let totalScanned = 0;
    let best: { rowNumber: number; found: ColumnId[] } | null = null;
    let batch: SheetRow[] = [];
    try {
      reading: for await (const got of items) {
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
        for (const item of Array.isArray(got) ? got : [got]) {
          if (item.kind === 'sheet') {
            sheetName = item.name;
            scanned = 0;
            continue;
          }
          const { rowNumber, values } = item;
          if (!header) {
            if (values.every((v) => cleanCell(v) === undefined)) continue;
            scanned++;
            totalScanned++;
            const cells = values.map((v) => cleanCell(v) ?? '');
            const m = matchHeaderRow(cells.map((c) => (typeof c === 'string' ? c : String(c))));
            if (!m) {
              const found = foundColumns(cells);
              if (!best || found.length > best.found.length) best = { rowNumber, found };
              if (scanned >= scanRows) {
                if (format === 'csv') break reading;
                ctl.skipSheet = true;
              }
              continue;
            }
            const lacking = required.filter((id) => m.missing.includes(id));
            if (lacking.length > 0) throw missingColumns(rowNumber, lacking);
            ctl.lastSheet = true;
            progress.headerRowNumber = rowNumber;
            header = {
              format,
              sheetName: format === 'xlsx' ? sheetName : null,
              headerRowNumber: rowNumber,
              header: rawCells(values),
              mapping: m.mapping,
              ignoredColumns: m.ignored,
              missingColumns: m.missing,
              totalRowsEstimate: progress.estimate(),
              encoding: csvInfo.encoding,
              delimiter: csvInfo.delimiter,
            };
            colIndex = [...m.mapping.keys()];
            colId = [...m.mapping.values()];
            this.resolveHeader(header);
            progress.tick('rows', true);
            continue;
          }
          const cells: Partial<Record<ColumnId, CellValue>> = {};
          let any = false;
          for (let k = 0; k < colIndex.length; k++) {
            const v = cleanCell(values[colIndex[k]]);
            if (v !== undefined) {
              cells[colId[k]] = v;
              any = true;
            }
          }
          if (!any) continue; // an empty row (or one with values only in ignored columns, e.g. a pre-numbered 序号)
          if (progress.rows >= maxRows) throw tooManyRows(maxRows, rowNumber);
          progress.rows++;
          progress.lastRowNumber = rowNumber;
          if ((progress.rows & 0xff) === 0) progress.tick('rows');
          batch.push({ rowNumber, cells, raw: rawCells(values) });
        }
      }
      if (batch.length) yield batch;
    } finally {
      source.destroy();
      counter.destroy();
    }
    if (!header) {
      const found = best?.found ?? [];
      throw noHeaderRow(
        REQUIRED_COLUMNS.filter((id) => !found.includes(id)),
        Math.max(totalScanned, 0),
        best,
      );
    }
    progress.tick('done', true);
  }
}

function foundColumns(cells: readonly unknown[]): ColumnId[] {
  const found = new Set<ColumnId>();
  for (const c of cells) {
    const id = matchHeader(c);
    if (id) found.add(id);
  }
  return [...found];
}

/** Raw cells for the report: 0-based, empty → null, trailing empties dropped. */
function rawCells(values: unknown[]): unknown[] {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || v === '') values[i] = null;
    else n = i + 1;
  }
  values.length = n; // the arrays come fresh from the format readers: trimmed in place
  return values;
}

/** Counts bytes (progress) and refuses a file over the size limit even when its size was not known. */
class ByteCounter extends Transform {
  constructor(
    private readonly maxBytes: number,
    private readonly totalBytes: number | null,
    private readonly progress: Progress,
  ) {
    super({ highWaterMark: 256 * 1024 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
    this.progress.bytesRead += chunk.length;
    if (this.progress.bytesRead > this.maxBytes) {
      cb(fileTooLarge(this.maxBytes, this.totalBytes));
      return;
    }
    if (this.progress.rows === 0) this.progress.tick('file');
    cb(null, chunk);
  }
}

// ---------------------------------------------------------------------------------------------------------
// CSV: encoding detection, delimiter detection, Papa Parse.

const SNIFF_BYTES = 64 * 1024;

async function* csvItems(source: Readable, progress: Progress, info: { encoding: string | null; delimiter: string | null }) {
  const text = decodeText(source as AsyncIterable<Buffer>, info)[Symbol.asyncIterator]();
  // Look at the first 64 KB of text for the delimiter and the size of a line.
  const head: (string | Buffer)[] = [];
  let headLength = 0;
  let ended = false;
  try {
    while (headLength < SNIFF_BYTES) {
      const r = await text.next();
      if (r.done) {
        ended = true;
        break;
      }
      head.push(r.value);
      headLength += r.value.length;
    }
  } catch (e) {
    throw asCsvError(e);
  }
  const sample = head.map((c) => (typeof c === 'string' ? c : c.toString('utf8'))).join('');
  const delimiter = detectDelimiter(sample);
  info.delimiter = delimiter;
  const sampleLines = (sample.match(/\n/g)?.length ?? 0) + (sample.endsWith('\n') ? 0 : 1);
  const sampleBytes = progress.bytesRead;
  if (ended) progress.knownRows = sampleLines;
  else if (progress.totalBytes !== null && sampleBytes > 0) {
    const totalBytes = progress.totalBytes;
    progress.estimator = () =>
      progress.rows > 1000 && progress.bytesRead > 0
        ? ((progress.lastRowNumber - progress.headerRowNumber) * totalBytes) / progress.bytesRead
        : (sampleLines * totalBytes) / sampleBytes - progress.headerRowNumber;
  }

  async function* all() {
    yield* head;
    if (ended) return;
    for (;;) {
      const r = await text.next();
      if (r.done) return;
      yield r.value;
    }
  }
  let rowNumber = 0;
  try {
    for await (const records of csvRecords(all(), delimiter)) {
      const items: Item[] = new Array(records.length);
      for (let i = 0; i < records.length; i++) {
        rowNumber++;
        items[i] = { kind: 'row', rowNumber, values: (records[i] as string[]).map(unwrapFormulaText) };
      }
      yield items;
    }
  } catch (e) {
    throw asCsvError(e, rowNumber + 1);
  }
}

function asCsvError(e: unknown, rowNumber?: number): InterchangeError {
  if (e instanceof InterchangeError) return e;
  const err = e as { message?: string; code?: string };
  const where = rowNumber ? ` (row ${rowNumber})` : '';
  return unreadableFile('csv', `${err.code ?? 'ERROR'}: ${err.message ?? String(e)}${where}`, e);
}

/** ="0123" is how some systems keep Excel from turning digits into a number; it means the text 0123. */
function unwrapFormulaText(value: string): string {
  return value.length > 3 && value.startsWith('="') && value.endsWith('"') ? value.slice(2, -1).replace(/""/g, '"') : value;
}

/** The delimiter used most on one line among the first lines: comma, tab, semicolon or bar. */
export function detectDelimiter(sample: string): string {
  const lines = sample.split('\n', 20);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    let max = 0;
    for (const line of lines) {
      let n = 0;
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        else if (ch === d && !quoted) n++;
      }
      if (n > max) max = n;
    }
    if (max > bestCount) {
      best = d;
      bestCount = max;
    }
  }
  return best;
}

/**
 * Bytes → text, deciding the encoding from the bytes themselves: a BOM (UTF-8, UTF-16), otherwise UTF-8 if
 * the first 64 KB holding non-ASCII bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312, what
 * Excel and WPS write for "CSV" on a Chinese Windows). Pure ASCII passes through until the first non-ASCII
 * byte, so the decision never needs more than one sample and never reads the whole file.
 * Yields strings, or Buffers of UTF-8 (passed through undecoded: the CSV parser takes bytes, and decoding
 * only to encode again costs a third of the time).
 */
export async function* decodeText(chunks: AsyncIterable<Buffer>, info: { encoding: string | null }): AsyncGenerator<string | Buffer> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let atStart = true;
  let decoder: { write(b: Buffer): string; end(): string | undefined } | null = null;
  let utf8 = false;

  /** Decides from `buf` (the first non-ASCII sample) and returns it without its BOM. */
  const decide = (buf: Buffer): Buffer => {
    const bom = atStart ? bomOf(buf) : null;
    if (bom) {
      info.encoding = bom.encoding;
      utf8 = bom.encoding === 'utf-8-bom';
      if (!utf8) decoder = iconv.getDecoder(bom.encoding);
      return buf.subarray(bom.length);
    }
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: true });
      utf8 = true;
      info.encoding = 'utf-8';
    } catch {
      info.encoding = 'gb18030';
      decoder = iconv.getDecoder('gb18030');
    }
    return buf;
  };
  const emit = (buf: Buffer): string | Buffer => (utf8 ? buf : (decoder as { write(b: Buffer): string }).write(buf));

  for await (const chunk of chunks) {
    if (utf8 || decoder) {
      const out = emit(chunk);
      if (out.length) yield out;
      continue;
    }
    pending.push(chunk);
    pendingLength += chunk.length;
    const startsWithBom = atStart && pendingLength >= 3 && bomOf(pending.length === 1 ? chunk : Buffer.concat(pending)) !== null;
    if (pendingLength < SNIFF_BYTES && !startsWithBom) continue;
    const buf = pending.length === 1 ? chunk : Buffer.concat(pending);
    pending = [];
    pendingLength = 0;
    if (!startsWithBom && isAscii(buf)) {
      atStart = false;
      yield buf; // ASCII reads the same in every candidate encoding
      continue;
    }
    const out = emit(decide(buf));
    atStart = false;
    if (out.length) yield out;
  }
  if (!utf8 && !decoder) {
    const buf = Buffer.concat(pending);
    if (buf.length === 0 || (!bomOf(buf) && isAscii(buf))) {
      info.encoding ??= 'utf-8';
      if (buf.length) yield buf;
      return;
    }
    const out = emit(decide(buf));
    if (out.length) yield out;
  }
  const tail = (decoder as { end(): string | undefined } | null)?.end();
  if (tail) yield tail;
}

function bomOf(buf: Buffer): { encoding: 'utf-8-bom' | 'utf-16le' | 'utf-16be'; length: number } | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8-bom', length: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function isAscii(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i] > 0x7f) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// XLSX: exceljs' streaming WorkbookReader, with three repairs.
//
// 1. exceljs decodes each zip chunk to text on its own, so a Chinese character split across two chunks
//    becomes U+FFFD (exceljs issues #2063, #2084, PR #1665, still open in 4.4.0). Worksheet XML is decoded
//    here with a streaming TextDecoder; the shared-strings entry is set to decode as UTF-8 itself.
// 2. Shared strings are kept compactly (UTF-8 bytes in one buffer plus offsets, ~1/3 of the JS strings).
// 3. A damaged zip can leave exceljs waiting forever (an inflate error is emitted on a stream nobody waits
//    on). Every wait on exceljs races a failure signal fed by the zip stream's errors and a stall watchdog;
//    temporary files exceljs spools sheets to are removed when the read ends early.

interface ExcelRow {
  number: number;
  values: unknown[];
}
interface ExcelSheet extends AsyncIterable<ExcelRow> {
  name: string;
  state?: string;
}
interface ExcelInternals {
  options: { sharedStrings: string };
  sharedStrings: unknown;
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: unknown }>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
  [Symbol.asyncIterator](): AsyncIterator<ExcelSheet>;
}

const MAX_SHARED_STRING_BYTES = 1024 * 1024 * 1024;

async function* xlsxItems(counter: ByteCounter, progress: Progress, ctl: Control, stallMs: number): AsyncGenerator<Item | Item[]> {
  let failure: InterchangeError | null = null;
  // The wait in progress, rejected by fail(). (Not Promise.race with one long-lived promise: every race would
  // leave a reaction on it holding that race's result, i.e. every row ever read.)
  let rejectWait: ((e: InterchangeError) => void) | null = null;
  const fail = (e: unknown) => {
    if (failure) return;
    failure = e instanceof InterchangeError ? e : unreadableFile('xlsx', (e as Error)?.message ?? String(e), e);
    rejectWait?.(failure);
  };

  // The zip parser exceljs pipes our stream into: its errors (bad signature, inflate errors) fail the read.
  const live: { zip: Readable | null; sheetStream: fs.ReadStream | null } = { zip: null, sheetStream: null };
  const pipe = counter.pipe.bind(counter);
  counter.pipe = <T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T => {
    live.zip = dest as unknown as Readable;
    live.zip.on('error', fail);
    return pipe(dest, options);
  };
  counter.on('error', fail);
  let sourceEnded = false;
  counter.on('end', () => {
    sourceEnded = true;
  });

  // Stall watchdog: only counts while we wait on exceljs, after the whole file went through.
  let waiting = false;
  let lastActivity = Date.now();
  const activity = () => {
    lastActivity = Date.now();
  };
  const watchdog = setInterval(
    () => {
      if (waiting && sourceEnded && Date.now() - lastActivity > stallMs) fail(unreadableFile('xlsx', 'the parser stalled'));
    },
    Math.min(1000, stallMs),
  );
  watchdog.unref();
  const wait = <T>(p: Promise<T>): Promise<T> => {
    waiting = true;
    activity();
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        waiting = false;
        rejectWait = null;
      };
      if (failure) {
        settle();
        reject(failure);
        return;
      }
      rejectWait = (e) => {
        settle();
        reject(e);
      };
      p.then(
        (v) => {
          settle();
          resolve(v);
        },
        (e) => {
          settle();
          reject(e);
        },
      );
    });
  };

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counter, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // date-formatted cells come out as Dates
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ExcelInternals;

  const parseShared = reader._parseSharedStrings;
  // biome-ignore lint/correctness/useYield: exceljs runs it as a generator; the strings go to the table, none is emitted
  reader._parseSharedStrings = async function* (entry: Readable) {
    entry.setEncoding('utf8');
    const table = new StringTable(MAX_SHARED_STRING_BYTES);
    this.options.sharedStrings = 'emit';
    try {
      for await (const { text } of parseShared.call(this, entry)) {
        table.push(sharedText(text));
        if ((table.count & 0x3fff) === 0) activity();
      }
    } finally {
      this.options.sharedStrings = 'cache';
    }
    this.sharedStrings = table.asArray();
  };

  const tempFiles = new Set<string>();
  const parseSheet = reader._parseWorksheet;
  reader._parseWorksheet = function (iterator: AsyncIterable<unknown>, sheetNo: string) {
    // exceljs spools a sheet to a temporary file when the shared strings come after it in the zip.
    const spooled = iterator instanceof fs.ReadStream ? iterator : null;
    live.sheetStream = spooled;
    let sheetBytes: number | null = null;
    if (spooled) {
      const file = String(spooled.path);
      tempFiles.add(file);
      try {
        sheetBytes = fs.statSync(file).size;
      } catch {
        sheetBytes = null;
      }
    }
    const state = { consumed: 0 };
    if (sheetBytes) {
      const total = sheetBytes;
      progress.estimator = () =>
        state.consumed > 0 && progress.lastRowNumber > 0
          ? ((progress.lastRowNumber - progress.headerRowNumber) * total) / state.consumed
          : null;
    } else if (progress.totalBytes) {
      const total = progress.totalBytes;
      progress.estimator = () =>
        progress.bytesRead > 0 && progress.lastRowNumber > 0
          ? ((progress.lastRowNumber - progress.headerRowNumber) * total) / progress.bytesRead
          : null;
    }
    progress.knownRows = null;
    return parseSheet.call(this, decodeSheetXml(iterator, state, progress, activity), sheetNo);
  };

  const sheets = reader[Symbol.asyncIterator]();
  let exhausted = false;
  try {
    for (;;) {
      const next = await wait(sheets.next());
      if (next.done) {
        exhausted = true;
        break;
      }
      const sheet = next.value;
      const stream = live.sheetStream;
      if (sheet.state === 'hidden' || sheet.state === 'veryHidden' || ctl.lastSheet) {
        stream?.destroy();
        continue;
      }
      yield { kind: 'sheet', name: sheet.name };
      ctl.skipSheet = false;
      const rows = sheet[Symbol.asyncIterator]();
      let rowsDone = false;
      try {
        while (!ctl.skipSheet) {
          const r = await wait(rows.next());
          if (r.done) {
            rowsDone = true;
            break;
          }
          activity();
          yield { kind: 'row', rowNumber: r.value.number, values: rowValues(r.value) };
        }
      } finally {
        if (!rowsDone && !failure) {
          stream?.destroy();
          await wait(Promise.resolve(rows.return?.())).catch(() => {});
        }
      }
      if (ctl.lastSheet) break;
    }
  } catch (e) {
    fail(e);
    throw failure;
  } finally {
    clearInterval(watchdog);
    if (!exhausted && !failure && sourceEnded) {
      // Let exceljs walk past the remaining (already spooled) sheets so it removes its temporary files.
      try {
        for (;;) {
          const next = await wait(sheets.next());
          if (next.done) break;
          live.sheetStream?.destroy();
        }
      } catch {
        // the read is over either way
      }
    } else if (!exhausted) {
      sheets.return?.(undefined).catch(() => {});
    }
    live.sheetStream?.destroy();
    live.zip?.destroy();
    counter.destroy();
    await Promise.all([...tempFiles].map((f) => rm(f, { force: true }).catch(() => {})));
  }
}

function rowValues(row: ExcelRow): unknown[] {
  const values = row.values;
  const out: unknown[] = new Array(Math.max(0, values.length - 1));
  for (let i = 1; i < values.length; i++) out[i - 1] = flattenCell(values[i]) ?? null;
  return out;
}

function sharedText(text: unknown): string {
  const flat = flattenCell(text);
  return typeof flat === 'string' ? flat : '';
}

const XML_PIECE = 8 * 1024;

/** Worksheet XML → text with a streaming decoder (multi-byte characters survive chunk boundaries). */
async function* decodeSheetXml(
  iterator: AsyncIterable<unknown>,
  state: { consumed: number },
  progress: Progress,
  activity: () => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let head: string | null = '';
  for await (const chunk of iterator) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    state.consumed += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Uint8Array).length;
    activity();
    if (head !== null) {
      head += text;
      const m = /<(?:\w+:)?dimension\s+ref="[A-Z]*\d*(?::[A-Z]+(\d+))?"/.exec(head);
      if (m) {
        if (m[1]) progress.knownRows = Number(m[1]);
        head = null;
      } else if (head.length > 4096 || head.includes('<sheetData') || head.includes(':sheetData')) head = null;
    }
    // Small pieces: exceljs turns a whole piece into rows at once, and rows that wait long enough to be
    // yielded one by one outlive young-generation collections; 8 KB pieces keep them short-lived.
    for (let at = 0; at < text.length; at += XML_PIECE) yield at === 0 && text.length <= XML_PIECE ? text : text.slice(at, at + XML_PIECE);
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** Strings as UTF-8 bytes in one growing buffer with offsets: far smaller than an array of JS strings. */
class StringTable {
  private buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private offsets = new Uint32Array(1 << 14);
  count = 0;

  constructor(private readonly maxBytes: number) {}

  push(text: string) {
    const need = Buffer.byteLength(text);
    if (this.used + need > this.buf.length) {
      if (this.used + need > this.maxBytes) throw unreadableFile('xlsx', 'shared strings too large');
      const bigger = Buffer.allocUnsafe(Math.min(this.maxBytes, Math.max(this.buf.length * 2, this.used + need)));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    if (this.count + 2 > this.offsets.length) {
      const bigger = new Uint32Array(this.offsets.length * 2);
      bigger.set(this.offsets);
      this.offsets = bigger;
    }
    this.buf.write(text, this.used);
    this.used += need;
    this.count++;
    this.offsets[this.count] = this.used;
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.count)) return undefined;
    return this.buf.toString('utf8', this.offsets[i], this.offsets[i + 1]);
  }

  /** What exceljs indexes: `sharedStrings[i]`. */
  asArray(): unknown[] {
    return new Proxy([] as unknown[], {
      get: (target, key) => {
        if (typeof key === 'string') {
          const i = Number(key);
          if (Number.isInteger(i)) return this.get(i);
        }
        return Reflect.get(target, key);
      },
    });
  }
}
