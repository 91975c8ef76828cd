import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';

/** The longest record accepted: a quote left open would otherwise make the rest of the file one cell. */
const MAX_RECORD_CHARS = 1024 * 1024;

/**
 * CSV records in batches, one per chunk of text, parsed by Papa Parse (a quote inside an unquoted cell is kept as
 * text; quoted cells may hold delimiters, quotes and line breaks, also across chunks). Papa and its stream are paused
 * while a batch is handled, so a slow consumer holds at most a chunk or two of rows.
 */
export async function* csvRecords(chunks: AsyncIterable<string | Buffer>, delimiter: string): AsyncGenerator<string[][]> {
  const utf8 = new StringDecoder('utf8');
  const text = Readable.from(
    (async function* () {
      for await (const c of chunks) yield typeof c === 'string' ? c : utf8.write(c);
      const rest = utf8.end();
      if (rest) yield rest;
    })(),
  );
  let failure: unknown = null;
  let delivered = 0;
  const queue: string[][][] = [];
  let done = false;
  let parser: Papa.Parser | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  Papa.parse<string[]>(text, {
    delimiter,
    chunk(results, p) {
      parser = p;
      // What Papa holds beyond its last whole record is the record still open.
      if (delivered - results.meta.cursor > MAX_RECORD_CHARS) {
        failure ??= Object.assign(new Error(`a record longer than ${MAX_RECORD_CHARS} characters (a quote left open?)`), {
          code: 'CSV_RECORD_TOO_LONG',
        });
        p.abort();
        signal();
        return;
      }
      const unclosed = results.errors.find((e) => e.code === 'MissingQuotes');
      if (unclosed) {
        // The record with the open quote holds the rest of the file: hand over the ones before it, then fail.
        failure ??= Object.assign(new Error('a quote is opened and never closed'), { code: 'CSV_QUOTE_NOT_CLOSED' });
        results.data = results.data.slice(0, unclosed.row ?? 0);
      }
      if (results.data.length) {
        queue.push(results.data);
        // Pausing Papa's parser does not stop its stream, which would queue the rest of the file: stop both.
        p.pause();
        text.pause();
      }
      signal();
    },
    complete() {
      done = true;
      signal();
    },
    error(e) {
      failure ??= e;
      signal();
    },
  });
  // The stream is paused while a batch is handled, so what was delivered is what Papa has read (give or take a chunk).
  text.on('data', (c: string) => {
    delivered += c.length;
  });
  try {
    for (;;) {
      const batch = queue.shift();
      if (batch) {
        yield batch;
        if (!queue.length && !done) {
          (parser as Papa.Parser | null)?.resume();
          text.resume();
        }
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      await new Promise<void>((r) => {
        wake = r;
      });
    }
  } finally {
    (parser as Papa.Parser | null)?.abort();
    text.destroy();
  }
}
