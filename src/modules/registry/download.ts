import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Sends a generated file as a streamed download. What can fail before the first byte should fail before this is
 * called (see `primed`), so that it answers as a JSON error; a failure before the headers went out still does
 * (the file's content type is dropped, or Fastify refuses to send the JSON). A failure after the first byte
 * destroys the connection: the chunked body never gets its last chunk, so browsers and HTTP clients report a
 * failed download instead of saving a cut-off file under a 200.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { type: string; name: string },
  write: (out: Writable) => Promise<unknown>,
): FastifyReply {
  const body = new PassThrough();
  reply.header('content-type', file.type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  write(body).then(
    () => {
      if (!body.writableEnded) body.end();
    },
    (e: unknown) => {
      if (!reply.raw.headersSent) {
        reply.removeHeader('content-type');
        reply.removeHeader('content-disposition');
      }
      body.destroy(e instanceof Error ? e : new Error(String(e)));
    },
  );
  return reply.send(body);
}

/**
 * Starts `source` and waits for its first item (the first page of the query), so that a failing query is thrown
 * here, before any header is sent, and answers as an ordinary error. The result yields the same items.
 */
export async function primed<T>(source: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  return (async function* () {
    try {
      if (first.done) return;
      yield first.value;
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await it.return?.();
    }
  })();
}
