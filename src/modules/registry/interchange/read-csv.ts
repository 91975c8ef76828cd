/** CSV: encoding detection, delimiter detection, Papa Parse. */
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { csvRecords } from '../../../server/csv.ts';
import { InterchangeError, unreadableFile } from './errors.ts';
import type { Item, Progress } from './read-shared.ts';

const SNIFF_BYTES = 64 * 1024;

export async function* csvItems(source: Readable, progress: Progress, info: { encoding: string | null; delimiter: string | null }) {
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
