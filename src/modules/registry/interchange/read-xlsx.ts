/**
 * XLSX: exceljs' streaming WorkbookReader, with repairs and bounds.
 */
import fs from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, type Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { InterchangeError, unreadableFile } from './errors.ts';
import type { ByteCounter, Control, Item, Progress } from './read-shared.ts';
import { flattenCell } from './values.ts';
import { guardEntry, type MergeFill, XmlGuard } from './xlsx-limits.ts';
import { decodeSheetXml } from './xlsx-sheet-xml.ts';

/** What the zip's directory said each part unpacks to (null when the file could not be inspected first), and the bound. */
export interface UnpackLimits {
  sizes: ReadonlyMap<string, number> | null;
  maxBytes: number;
}

// XLSX: exceljs' streaming WorkbookReader, with repairs (below).
//
// 1. exceljs decodes each zip chunk to text on its own, so a Chinese character split across two chunks
//    becomes U+FFFD (exceljs issues #2063, #2084, PR #1665, still open in 4.4.0). Worksheet XML is decoded
//    here with a streaming TextDecoder; the shared-strings entry is set to decode as UTF-8 itself.
// 2. Shared strings are kept compactly (UTF-8 bytes in one buffer plus offsets, ~1/3 of the JS strings).
// 3. A damaged zip can leave exceljs waiting forever (an inflate error is emitted on a stream nobody waits
//    on). Every wait on exceljs races a failure signal fed by the zip stream's errors and a stall watchdog;
//    temporary files exceljs spools sheets to are removed when the read ends early.
// 4. What each part unpacks to, and each run of text handed to the parser, are bounded (xlsx-limits.ts).
// 5. unzipper (0.10) emits 'end' on its parser as soon as the last input byte is taken, while entries it has
//    already parsed may still wait in its buffer; exceljs then stops before them (often xl/workbook.xml, last in
//    files exceljs writes) and fails on the sheets it spooled. Seen in CI, 1 read in 400 here. The parser's 'end'
//    is held until its buffer is drained (`endOnlyWhenDrained`).
// 6. Merged cells read as their top-left value: every sheet is unpacked to a file first (exceljs does so itself
//    when the shared strings follow the sheet, as Excel writes), and its <mergeCells> read from the file's end.

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

export async function* xlsxItems(
  counter: ByteCounter,
  progress: Progress,
  ctl: Control,
  stallMs: number,
  limits: UnpackLimits,
): AsyncGenerator<Item | Item[]> {
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
  const live: { zip: Readable | null; sheetStream: fs.ReadStream | null; merges: MergeFill | null } = {
    zip: null,
    sheetStream: null,
    merges: null,
  };
  const unpacked = { bytes: 0, max: limits.maxBytes };
  const pipe = counter.pipe.bind(counter);
  counter.pipe = <T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T => {
    live.zip = dest as unknown as Readable;
    live.zip.on('error', fail);
    endOnlyWhenDrained(live.zip);
    // Each part (a PassThrough the parser pushes before any of its bytes) stops at the size the directory gave it.
    const zip = live.zip as Readable & { push(chunk: unknown, encoding?: BufferEncoding): boolean };
    const push = zip.push.bind(zip);
    zip.push = (chunk: unknown, encoding?: BufferEncoding) => {
      const entry = chunk as (Transform & { path?: unknown }) | null;
      if (entry && typeof entry.path === 'string' && typeof entry._transform === 'function') {
        guardEntry(entry, limits.sizes?.get(entry.path) ?? limits.maxBytes, unpacked, fail);
      }
      return push(chunk, encoding);
    };
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
    const guard = new XmlGuard('strings');
    const guarded = Readable.from(
      (async function* () {
        for await (const chunk of entry) {
          const out = guard.feed(chunk as string);
          if (out) yield out;
        }
      })(),
    );
    const table = new StringTable(MAX_SHARED_STRING_BYTES);
    this.options.sharedStrings = 'emit';
    try {
      for await (const { text } of parseShared.call(this, guarded)) {
        table.push(sharedText(text));
        if ((table.count & 0x3fff) === 0) activity();
      }
    } finally {
      this.options.sharedStrings = 'cache';
    }
    this.sharedStrings = table.asArray();
  };

  const tempFiles = new Set<string>();
  const dropped = new WeakSet<fs.ReadStream>();
  const drop = (stream: fs.ReadStream | null) => {
    if (!stream) return;
    dropped.add(stream);
    stream.destroy();
  };
  const parseSheet = reader._parseWorksheet;
  reader._parseWorksheet = function (iterator: AsyncIterable<unknown>, sheetNo: string) {
    // exceljs spools a sheet to a temporary file when the shared strings come after it in the zip.
    const spooled = iterator instanceof fs.ReadStream ? iterator : null;
    live.sheetStream = spooled;
    live.merges = null;
    let sheetBytes: number | null = null;
    if (spooled) {
      // A stream dropped here (a sheet skipped, a read stopped) may still be opening its file when exceljs or the
      // end of the read removes it: that ENOENT is no failure. Any other error fails the read (never unheard).
      spooled.on('error', (e) => {
        if (!dropped.has(spooled)) fail(e);
      });
      const file = String(spooled.path);
      tempFiles.add(file);
      try {
        sheetBytes = fs.statSync(file).size;
      } catch {
        sheetBytes = null;
      }
    }
    const state = { consumed: 0, total: sheetBytes };
    progress.estimator = () =>
      state.total && state.consumed > 0 && progress.lastRowNumber > 0
        ? ((progress.lastRowNumber - progress.headerRowNumber) * state.total) / state.consumed
        : null;
    progress.knownRows = null;
    const sheet = { file: spooled ? String(spooled.path) : null, state, live, tempFiles, activity };
    return parseSheet.call(this, decodeSheetXml(iterator, sheet, progress), sheetNo);
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
        drop(stream);
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
          const values = rowValues(r.value);
          live.merges?.fill(r.value.number, values);
          yield { kind: 'row', rowNumber: r.value.number, values };
        }
      } finally {
        if (!rowsDone && !failure) {
          drop(stream);
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
          drop(live.sheetStream);
        }
      } catch {
        // the read is over either way
      }
    } else if (!exhausted) {
      sheets.return?.(undefined).catch(() => {});
    }
    drop(live.sheetStream);
    live.zip?.destroy();
    counter.destroy();
    await Promise.all([...tempFiles].map((f) => rm(f, { force: true }).catch(() => {})));
  }
}

/** Lets the zip parser's 'end' through only when Node's stream emits it (every parsed entry taken); unzipper's own early one ends the readable side instead, which then ends once drained. */
function endOnlyWhenDrained(zip: Readable) {
  const emit = zip.emit.bind(zip);
  const state = (zip as Readable & { _readableState: { endEmitted: boolean } })._readableState;
  zip.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'end' && !state.endEmitted) {
      zip.push(null);
      return false;
    }
    return emit(event, ...args);
  }) as Readable['emit'];
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
