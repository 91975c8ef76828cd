/**
 * The interchange format as CSV: UTF-8 with a byte-order mark, CRLF, fields quoted when needed, formula-looking text
 * neutralised (formula.ts). Streams: memory stays flat for any number of rows.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import type { ColumnSet } from './columns.ts';
import { needsQuote, neutralise } from './formula.ts';
import { type ColumnId, REGISTER } from './headers.ts';
import type { Rows, SheetValues, WriteLang } from './write.ts';

export interface WriteCsvOptions<Id extends string = ColumnId> {
  lang: WriteLang;
  /** The format written. Default the register's 26 columns. */
  columnSet?: ColumnSet<Id>;
  columns?: readonly Id[];
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
    s = neutralise(v);
    // ="…" is itself a formula: only for text that needs no quote (digits, in practice), else plain quoted text.
    if (asText && !needsQuote(v) && !/[",\r\n]/.test(v)) return `="${v}"`;
  } else if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : '';
  else if (typeof v === 'boolean') s = v ? 'TRUE' : 'FALSE';
  else if (v instanceof Date) {
    const iso = Number.isNaN(v.getTime()) ? '' : v.toISOString();
    s = iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$|Z$/, '');
  } else s = neutralise(String(v));
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
export async function writeRegisterCsv<Id extends string = ColumnId>(
  out: string | Writable,
  rows: Rows<SheetValues<Id>>,
  opts: WriteCsvOptions<Id>,
): Promise<{ rows: number }> {
  const set = opts.columnSet ?? (REGISTER as unknown as ColumnSet<Id>);
  const columns = opts.columns ?? set.ids;
  const textIds = new Set<Id>(set.text);
  let n = 0;
  await withOutput(out, async (write) => {
    await write(`\ufeff${columns.map((id) => csvField(set.label(id, opts.lang), false)).join(',')}\r\n`);
    for await (const r of rows) {
      await write(`${columns.map((id) => csvField(r[id], !!opts.excelText && textIds.has(id))).join(',')}\r\n`);
      n++;
    }
  });
  return { rows: n };
}

/** The CSV writer under the name of what it writes: any column set's rows (the register's are the default). */
export const writeSheetCsv = writeRegisterCsv;
