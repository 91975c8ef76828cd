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
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ColumnSet } from './columns.ts';
import { cellTooLong, fileTooLarge, missingColumns, noHeaderRow, tooManyRows, unreadableFile, unsupportedFileType } from './errors.ts';
import { type ColumnId, REGISTER } from './headers.ts';
import { csvItems } from './read-csv.ts';
import { ByteCounter, type Control, Progress } from './read-shared.ts';
import { xlsxItems } from './read-xlsx.ts';
import { type CellValue, cleanCell } from './values.ts';
import { DEFAULT_MAX_UNPACKED_BYTES, inspectXlsx, MAX_CELL_CHARS } from './xlsx-limits.ts';

export { decodeText, detectDelimiter } from './read-csv.ts';

// ---------------------------------------------------------------------------------------------------------
// Public types

export type SheetInput =
  | { path: string }
  /** An upload: `filename` decides the format; `size` (e.g. Content-Length), when known, enables early limits. */
  | { stream: Readable; filename: string; size?: number };

export interface SheetRow<Id extends string = ColumnId> {
  /** 1-based row number as the user sees it in Excel (CSV: the record number, counting empty lines). */
  rowNumber: number;
  /** The recognised columns' non-empty values: strings trimmed, numbers as numbers, dates as Dates. */
  cells: Partial<Record<Id, CellValue>>;
  /** Every cell of the row as it was (0-based, null when empty), for the error report. */
  raw: unknown[];
}

export interface HeaderInfo<Id extends string = ColumnId> {
  format: 'xlsx' | 'csv';
  /** The worksheet the rows come from (xlsx). */
  sheetName: string | null;
  headerRowNumber: number;
  /** The header row's cells as written (0-based), to head an error report. */
  header: unknown[];
  /** 0-based cell index → column. */
  mapping: ReadonlyMap<number, Id>;
  /** Header cells naming no known column (not an error). */
  ignoredColumns: string[];
  /** Canonical columns absent from the file. */
  missingColumns: Id[];
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

export interface ReadOptions<Id extends string = ColumnId> {
  /** The format's columns: how headers are recognised and which the header must have. Default the register's. */
  columns?: ColumnSet<Id>;
  /** Larger files are refused (FILE_TOO_LARGE). Default 200 MB. */
  maxBytes?: number;
  /** More data rows are refused (TOO_MANY_ROWS). Default 1,000,000. */
  maxRows?: number;
  /** An xlsx that unpacks to more is refused (UNPACKED_TOO_LARGE). Default 1.5 GB. */
  maxUnpackedBytes?: number;
  /**
   * Columns the header must have, else MISSING_COLUMNS. Default the set's required columns (the register's: 户编号,
   * 姓名, 证件号码, 与户主关系); [] accepts any header with at least three recognised columns.
   */
  requiredColumns?: readonly Id[];
  /** How many non-empty rows of a sheet are searched for the header row. Default 10. */
  headerScanRows?: number;
  /** Called at most every `progressIntervalMs` (default 250 ms), and once at the end. */
  onProgress?: (progress: ReadProgress) => void;
  progressIntervalMs?: number;
  /** An xlsx whose parser makes no progress for this long after the whole file was read is unreadable. */
  stallTimeoutMs?: number;
}

/** Rows of a sheet, iterable once; `header()` may be awaited before (or while) iterating. */
export interface RowReader<Id extends string = ColumnId> extends AsyncIterable<SheetRow<Id>> {
  /** Resolves when the header row is found; rejects with the file's InterchangeError. Starts reading. */
  header(): Promise<HeaderInfo<Id>>;
  /** The same rows in batches (a few hundred at a time), instead of iterating the reader itself. */
  batches(): AsyncIterable<SheetRow<Id>[]>;
  /** Stops reading and releases the file; needed only when the rows are not iterated to the end. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 1_000_000;
/** Rows are handed over in batches of about this many (a CSV chunk's rows at once): a row at a time, every layer
 * of async iteration cost more than parsing it. */
const BATCH_ROWS = 256;

export function readRows<Id extends string = ColumnId>(input: SheetInput, opts: ReadOptions<Id> = {}): RowReader<Id> {
  return new SheetRowReader<Id>(input, opts);
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

class SheetRowReader<Id extends string> implements RowReader<Id> {
  private started = false;
  private iterated = false;
  private first: Promise<IteratorResult<SheetRow<Id>[]>> | null = null;
  private readonly gen: AsyncGenerator<SheetRow<Id>[]>;
  private readonly headerP: Promise<HeaderInfo<Id>>;
  private resolveHeader!: (h: HeaderInfo<Id>) => void;
  private rejectHeader!: (e: unknown) => void;

  constructor(
    private readonly input: SheetInput,
    private readonly opts: ReadOptions<Id>,
  ) {
    this.headerP = new Promise<HeaderInfo<Id>>((resolve, reject) => {
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

  header(): Promise<HeaderInfo<Id>> {
    if (!this.started) {
      this.started = true;
      this.first = this.pull();
      this.first.catch(() => {});
    }
    return this.headerP;
  }

  batches(): AsyncIterable<SheetRow<Id>[]> {
    if (this.iterated) throw new Error('readRows(): a reader can be iterated only once');
    this.iterated = true;
    this.started = true;
    // A plain iterator over the generator (not another async generator: each layer costs per batch).
    let first = this.first;
    this.first = null;
    const iterator: AsyncIterator<SheetRow<Id>[]> = {
      next: () => {
        if (first !== null) {
          const f = first;
          first = null;
          return f;
        }
        return this.pull();
      },
      return: async (value?: unknown) => {
        await this.gen.return(undefined);
        return { done: true, value } as IteratorResult<SheetRow<Id>[]>;
      },
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }

  [Symbol.asyncIterator](): AsyncIterator<SheetRow<Id>> {
    const batches = this.batches()[Symbol.asyncIterator]();
    let batch: SheetRow<Id>[] = [];
    let i = 0;
    return {
      next: async () => {
        while (i >= batch.length) {
          const r = await batches.next();
          if (r.done) return { done: true, value: undefined };
          batch = r.value;
          i = 0;
        }
        return { done: false, value: batch[i++] as SheetRow<Id> };
      },
      return: async (value?: unknown) => {
        await batches.return?.();
        return { done: true, value } as IteratorResult<SheetRow<Id>>;
      },
    };
  }

  /** The next batch of rows; a failure also rejects the header promise (no-op once it has resolved). */
  private pull(): Promise<IteratorResult<SheetRow<Id>[]>> {
    return this.gen.next().then(undefined, (e: unknown) => {
      this.rejectHeader(e);
      throw e;
    });
  }

  private async *rows(): AsyncGenerator<SheetRow<Id>[]> {
    const { input, opts } = this;
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
    const scanRows = opts.headerScanRows ?? 10;
    const set = opts.columns ?? (REGISTER as unknown as ColumnSet<Id>);
    const required = opts.requiredColumns ?? set.required;
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
    // A file on disk: its zip directory says what it unpacks to before anything is unpacked.
    const maxUnpacked = opts.maxUnpackedBytes ?? DEFAULT_MAX_UNPACKED_BYTES;
    const sizes = format === 'xlsx' && 'path' in input ? await inspectXlsx(input.path, maxUnpacked) : null;

    const progress = new Progress(totalBytes, opts.onProgress, opts.progressIntervalMs ?? 250);
    const source = 'path' in input ? fs.createReadStream(input.path, { highWaterMark: 256 * 1024 }) : input.stream;
    const counter = new ByteCounter(maxBytes, totalBytes, progress);
    source.on('error', (e) => counter.destroy(unreadableFile(format, e.message, e)));
    source.pipe(counter);

    const ctl: Control = { skipSheet: false, lastSheet: false };
    const csvInfo = { encoding: null as string | null, delimiter: null as string | null };
    const items =
      format === 'csv'
        ? csvItems(counter, progress, csvInfo)
        : xlsxItems(counter, progress, ctl, opts.stallTimeoutMs ?? 30_000, { sizes, maxBytes: maxUnpacked });

    let header: HeaderInfo<Id> | null = null;
    let colIndex: number[] = [];
    let colId: Id[] = [];
    let sheetName: string | null = null;
    let scanned = 0;
    let totalScanned = 0;
    let best: { rowNumber: number; found: Id[] } | null = null;
    let batch: SheetRow<Id>[] = [];
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
            const m = set.matchRow(cells.map((c) => (typeof c === 'string' ? c : String(c))));
            if (!m) {
              const found = foundColumns(set, cells);
              if (!best || found.length > best.found.length) best = { rowNumber, found };
              if (scanned >= scanRows) {
                if (format === 'csv') break reading;
                ctl.skipSheet = true;
              }
              continue;
            }
            const lacking = required.filter((id) => m.missing.includes(id));
            if (lacking.length > 0) throw missingColumns(rowNumber, lacking, set);
            ctl.lastSheet = true;
            progress.headerRowNumber = rowNumber;
            header = {
              format,
              sheetName: format === 'xlsx' ? sheetName : null,
              headerRowNumber: rowNumber,
              header: rawCells(values, rowNumber),
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
          const cells: Partial<Record<Id, CellValue>> = {};
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
          batch.push({ rowNumber, cells, raw: rawCells(values, rowNumber) });
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
        set.required.filter((id) => !found.includes(id)),
        Math.max(totalScanned, 0),
        best,
        set,
      );
    }
    progress.tick('done', true);
  }
}

function foundColumns<Id extends string>(set: ColumnSet<Id>, cells: readonly unknown[]): Id[] {
  const found = new Set<Id>();
  for (const c of cells) {
    const id = set.match(c);
    if (id) found.add(id);
  }
  return [...found];
}

/** Raw cells for the report: 0-based, empty → null, trailing empties dropped. A cell over Excel's limit is refused. */
function rawCells(values: unknown[], rowNumber: number): unknown[] {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || v === '') values[i] = null;
    else {
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) throw cellTooLong(rowNumber, i, MAX_CELL_CHARS);
      n = i + 1;
    }
  }
  values.length = n; // the arrays come fresh from the format readers: trimmed in place
  return values;
}
