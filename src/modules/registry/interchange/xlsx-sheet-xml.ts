/**
 * One worksheet's XML on its way to exceljs' parser: unpacked to a file first when exceljs streams it from the zip (so
 * that its merged ranges can be read from the file's end), decoded as UTF-8 across chunks, and watched by an XmlGuard.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Progress } from './read-shared.ts';
import { MergeFill, readMerges, XmlGuard } from './xlsx-limits.ts';

const XML_PIECE = 8 * 1024;

export interface SheetContext {
  /** The unpacked sheet when exceljs spooled it, else null (it is unpacked here). */
  file: string | null;
  state: { consumed: number; total: number | null };
  live: { sheetStream: fs.ReadStream | null; merges: MergeFill | null };
  tempFiles: Set<string>;
  activity: () => void;
}

/** A sheet streamed straight from the zip is unpacked to a temporary file first, so that its merges can be read. */
async function unpackSheet(iterator: AsyncIterable<unknown>, sheet: SheetContext): Promise<string> {
  const file = path.join(os.tmpdir(), `fupin-sheet-${randomBytes(8).toString('hex')}.xml`);
  sheet.tempFiles.add(file);
  await pipeline(
    Readable.from(
      (async function* () {
        for await (const chunk of iterator) {
          sheet.activity();
          yield chunk as Buffer;
        }
      })(),
    ),
    fs.createWriteStream(file),
  );
  return file;
}

/**
 * Worksheet XML → text with a streaming decoder (multi-byte characters survive chunk boundaries), watched by an
 * XmlGuard; the sheet's merged ranges are read before its first row.
 */
export async function* decodeSheetXml(iterator: AsyncIterable<unknown>, sheet: SheetContext, progress: Progress): AsyncGenerator<string> {
  const { state, activity } = sheet;
  let source = iterator;
  let file = sheet.file;
  if (!file) {
    file = await unpackSheet(iterator, sheet);
    state.total = (await stat(file)).size;
    const stream = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
    // Its errors reach the loop below; dropped before the loop starts (a read stopped), it must not throw unheard.
    stream.on('error', () => {});
    sheet.live.sheetStream = stream;
    source = stream;
  }
  const merges = await readMerges(file);
  sheet.live.merges = merges.length ? new MergeFill(merges) : null;
  const guard = new XmlGuard('sheet');
  const decoder = new TextDecoder('utf-8');
  let head: string | null = '';
  for await (const chunk of source) {
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
    for (let at = 0; at < text.length; at += XML_PIECE) {
      yield guard.feed(at === 0 && text.length <= XML_PIECE ? text : text.slice(at, at + XML_PIECE));
    }
  }
  const tail = decoder.decode();
  if (tail) yield guard.feed(tail);
}

/** Strings as UTF-8 bytes in one growing buffer with offsets: far smaller than an array of JS strings. */
