/**
 * Bounds on what an xlsx may unpack to, so that memory and disk stay bounded whatever a file holds:
 *
 * 1. `inspectXlsx` reads the zip's central directory (yauzl) before the workbook: the sum of uncompressed sizes and
 *    each large part's compression ratio are bounded (a 600 KB file holding one 600 MB string is refused here).
 * 2. `guardEntry` counts what each part really unpacks to while exceljs reads it: a directory that lies about sizes
 *    gains nothing.
 * 3. `XmlGuard` watches the XML on its way to exceljs' parser (saxes), which keeps a whole text node or attribute in
 *    memory before handing it over: no run of text without markup may exceed a bound.
 * 4. The core refuses any cell longer than Excel's own limit, naming the row (read.ts).
 */
import { open } from 'node:fs/promises';
import type { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { cellTooLong, type InterchangeError, unpackedRatio, unpackedTooLarge, unreadableFile } from './errors.ts';

/** Excel's own limit on a cell's text. */
export const MAX_CELL_CHARS = 32_767;
/**
 * The most an xlsx may unpack to. The largest file accepted (1,000,000 rows) written by exceljs, the least compact
 * writer seen (~1 KB of sheet XML per row), unpacks to about 1.05 GB.
 */
export const DEFAULT_MAX_UNPACKED_BYTES = 1536 * 1024 * 1024;
/** Sheets unpack to 4–15 times their compressed size; a zip bomb or one repeated text to about 1,000. */
export const MAX_RATIO = 100;
/** Small parts compress freely (empty XML skeletons): the ratio is judged from this size up. */
const RATIO_FROM_BYTES = 1024 * 1024;
const MAX_ENTRIES = 10_000;
/**
 * The longest run of characters without markup the parser is given: a cell of MAX_CELL_CHARS characters, each
 * written as an entity of up to 10 characters (&#x1F600;), fits.
 */
export const MAX_XML_RUN = 10 * (MAX_CELL_CHARS + 1);
/** The most markup and text one shared string (<si>, rich text included) may take. */
const MAX_SHARED_ITEM = 4 * 1024 * 1024;

/** Uncompressed size by part name, after checking the directory's figures against the bounds. */
export function inspectXlsx(path: string, maxBytes = DEFAULT_MAX_UNPACKED_BYTES): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) {
        reject(unreadableFile('xlsx', err?.message ?? 'not a zip', err));
        return;
      }
      const sizes = new Map<string, number>();
      let total = 0;
      let entries = 0;
      let settled = false;
      const stop = (e: InterchangeError) => {
        if (settled) return;
        settled = true;
        zip.close();
        reject(e);
      };
      zip.on('error', (e: Error) => stop(unreadableFile('xlsx', e.message, e)));
      zip.on('entry', (e: yauzl.Entry) => {
        total += e.uncompressedSize;
        if (++entries > MAX_ENTRIES) return stop(unreadableFile('xlsx', `more than ${MAX_ENTRIES} parts`));
        const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
        if (e.uncompressedSize >= RATIO_FROM_BYTES && ratio > MAX_RATIO) return stop(unpackedRatio(e.fileName, ratio, MAX_RATIO));
        sizes.set(e.fileName, (sizes.get(e.fileName) ?? 0) + e.uncompressedSize);
        zip.readEntry();
      });
      zip.on('end', () => {
        if (total > maxBytes) return stop(unpackedTooLarge(maxBytes, total));
        settled = true;
        resolve(sizes);
      });
      zip.readEntry();
    });
  });
}

/**
 * Makes one part of the zip (a PassThrough of the unzip parser exceljs uses) stop at `limit` bytes: the rest is
 * dropped and `fail` is told. Counts into `total` for the bound on the whole file.
 */
export function guardEntry(entry: Transform, limit: number, total: { bytes: number; max: number }, fail: (e: InterchangeError) => void) {
  const transform = entry._transform.bind(entry);
  let bytes = 0;
  let failed = false;
  entry._transform = (chunk: Buffer, enc: BufferEncoding, cb: (err?: Error | null, data?: unknown) => void) => {
    bytes += chunk.length;
    total.bytes += chunk.length;
    if (bytes > limit || total.bytes > total.max) {
      if (!failed) fail(unpackedTooLarge(Math.min(limit, total.max), Math.max(bytes, total.bytes)));
      failed = true;
      cb();
      return;
    }
    transform(chunk, enc, cb);
  };
}

const PAD = 'x'.repeat(MAX_CELL_CHARS + 1);
const ROW_TAG = /^.row\s[^>]*?\br="(\d+)"/;

/**
 * Watches a part's XML text on its way to the parser. In a sheet, a run over the bound refuses the file naming the
 * row it is in. In the shared strings the row is not known: the run is cut and padded so that the string still
 * reads as longer than a cell may be, and the core names the row that uses it.
 */
export class XmlGuard {
  private run = 0;
  private unit = 0;
  private truncating = false;
  private openEntity = false;
  private lastLt = false;
  private rowCarry = '';
  /** The sheet row the text is in (from the last <row r="…">). */
  lastRow: number | null = null;

  constructor(
    private readonly mode: 'sheet' | 'strings',
    private readonly maxRun = MAX_XML_RUN,
  ) {}

  feed(s: string): string {
    if (s.length === 0) return s;
    // saxes keeps a whole comment, CDATA section or DTD too, and they may hold '<': no spreadsheet writer uses them.
    if (s.indexOf('<!') >= 0 || (this.lastLt && s.charCodeAt(0) === 33)) {
      throw unreadableFile('xlsx', 'comments, CDATA or a DTD in the workbook XML');
    }
    this.lastLt = s.charCodeAt(s.length - 1) === 60;
    if (this.mode === 'sheet') this.trackRow(s);
    if (s.length > this.maxRun) return this.feedLong(s);
    const first = s.indexOf('<');
    let out = s;
    if (this.truncating) {
      if (first < 0) return '';
      this.truncating = false;
      out = PAD + s.slice(first);
    } else if (this.run + (first < 0 ? s.length : first) > this.maxRun) {
      if (this.mode === 'sheet') throw cellTooLong(this.lastRow, null, MAX_CELL_CHARS);
      out = this.cut(s, Math.max(0, this.maxRun - this.run));
      if (first < 0) {
        this.truncating = true;
        this.count(out);
        return out;
      }
      out += PAD + s.slice(first);
    }
    this.run = first < 0 ? this.run + s.length : s.length - 1 - s.lastIndexOf('<');
    this.count(out);
    return out;
  }

  /** A chunk longer than the bound (rare): fed in pieces so that runs inside it are seen. */
  private feedLong(s: string): string {
    let out = '';
    for (let at = 0; at < s.length; at += this.maxRun) out += this.feed(s.slice(at, at + this.maxRun));
    return out;
  }

  /** The first `k` characters of a run, never ending inside an entity (&amp;) so that the parser accepts the cut. */
  private cut(s: string, k: number): string {
    let keep = s.slice(0, k);
    if (this.openEntity && keep.lastIndexOf(';') < 0) {
      const semi = s.indexOf(';');
      if (semi >= 0 && semi < 16) keep = s.slice(0, semi + 1);
    }
    const amp = keep.lastIndexOf('&');
    if (amp >= 0 && keep.indexOf(';', amp) < 0) keep = keep.slice(0, amp);
    return keep;
  }

  /** Shared strings: the text and markup of one <si> item is bounded too (rich text splits a cell into runs). */
  private count(out: string) {
    const amp = out.lastIndexOf('&');
    if (amp >= 0 || out.lastIndexOf(';') >= 0) this.openEntity = amp > out.lastIndexOf(';');
    if (this.mode !== 'strings') return;
    const si = out.lastIndexOf('<si');
    this.unit = si < 0 ? this.unit + out.length : out.length - si;
    if (this.unit > MAX_SHARED_ITEM) throw cellTooLong(null, null, MAX_CELL_CHARS);
  }

  private trackRow(s: string) {
    let text = s;
    let i = Math.max(s.lastIndexOf('<row'), s.lastIndexOf(':row'));
    if (i < 0 && this.rowCarry) {
      text = this.rowCarry + s.slice(0, 256);
      i = Math.max(text.lastIndexOf('<row'), text.lastIndexOf(':row'));
    }
    if (i < 0) {
      this.rowCarry = s.slice(-8);
      return;
    }
    const tag = text.slice(i, i + 256);
    const m = ROW_TAG.exec(tag);
    if (m) {
      this.lastRow = Number(m[1]);
      this.rowCarry = '';
    } else this.rowCarry = tag.includes('>') ? '' : tag;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Merged cells. exceljs' streaming reader ignores them; Excel writes them after the rows (<mergeCells> follows
// <sheetData>), so they are read from the end of the unpacked sheet before its rows are parsed.

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const TAIL_BLOCK = 1024 * 1024;
const MAX_TAIL = 16 * 1024 * 1024;
const MERGE_CELL = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"/g;

function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

/** The merged ranges of an unpacked sheet file (0-based columns, 1-based rows), sorted by their top row. */
export async function readMerges(file: string): Promise<MergeRange[]> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    let tail = '';
    let pos = size;
    while (pos > 0 && size - pos < MAX_TAIL) {
      const len = Math.min(TAIL_BLOCK, pos);
      pos -= len;
      const buf = Buffer.allocUnsafe(len);
      await fh.read(buf, 0, len, pos);
      tail = buf.toString('latin1') + tail;
      if (tail.includes('sheetData>') || tail.includes('<sheetData/>')) break;
    }
    const end = Math.max(tail.lastIndexOf('sheetData>'), tail.lastIndexOf('<sheetData/>'));
    const merges: MergeRange[] = [];
    for (const m of tail.slice(Math.max(0, end)).matchAll(MERGE_CELL)) {
      const top = Number(m[2]);
      const left = columnIndex(m[1] as string);
      const bottom = m[4] ? Number(m[4]) : top;
      const right = m[3] ? columnIndex(m[3]) : left;
      if (bottom > top || right > left) merges.push({ top, left: Math.min(left, right), bottom, right: Math.max(left, right) });
    }
    return merges.sort((a, b) => a.top - b.top);
  } finally {
    await fh.close();
  }
}

/** Fills the cells of merged ranges with their top-left value as rows go by (rows come in ascending order). */
export class MergeFill {
  private next = 0;
  private active: { m: MergeRange; value: unknown }[] = [];

  constructor(private readonly merges: MergeRange[]) {}

  get empty() {
    return this.merges.length === 0;
  }

  fill(rowNumber: number, values: unknown[]) {
    while (this.next < this.merges.length && (this.merges[this.next] as MergeRange).top <= rowNumber) {
      const m = this.merges[this.next++] as MergeRange;
      if (m.bottom >= rowNumber) this.active.push({ m, value: m.top === rowNumber ? (values[m.left] ?? null) : null });
    }
    if (this.active.length === 0) return;
    this.active = this.active.filter((a) => a.m.bottom >= rowNumber);
    for (const { m, value } of this.active) {
      if (value === null) continue;
      for (let c = m.left; c <= m.right; c++) if (!(c === m.left && m.top === rowNumber)) values[c] = value;
    }
  }
}
