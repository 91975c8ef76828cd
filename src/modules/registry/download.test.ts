import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPlugin } from '../../server/plugins/errors.ts';
import { primed, sendDownload } from './download.ts';
import { syntheticRows } from './interchange/fixtures.ts';
import type { RegisterRow } from './interchange/write.ts';
import { writeRegisterCsv, writeRegisterXlsx } from './interchange/write.ts';

/** `n` rows from the synthetic register, then (with `fail`) a failure: the database going away in the middle of an export. */
async function* source(n: number, fail: boolean): AsyncGenerator<RegisterRow> {
  yield* syntheticRows(n);
  if (fail) throw new Error('the row source failed');
}

interface Got {
  status: number;
  type: string | undefined;
  bytes: number;
  /** The body arrived whole (the last chunk of a chunked body was received). */
  complete: boolean;
  text: string;
}

/** A plain HTTP GET that reports whether the body was complete, as a browser's download manager would see it. */
function get(base: string, url: string): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${url}`, (res) => {
      const chunks: Buffer[] = [];
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers['content-type'],
          bytes: body.length,
          complete: res.complete,
          text: body.subarray(0, 2000).toString('utf8'),
        });
      };
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', done);
      res.on('error', done);
      res.on('close', done);
    });
    req.on('error', reject);
  });
}

describe('sendDownload', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = Fastify();
    // The application's error handler: it answers `{ error }` objects, which Fastify refuses under a file's content type.
    await app.register(errorPlugin);
    app.get<{ Querystring: { format: string; fail: string } }>('/file', async (req, reply) => {
      const fail = Number(req.query.fail);
      const rows = await primed(fail < 0 ? source(3000, false) : source(fail, true));
      const csv = req.query.format === 'csv';
      return sendDownload(
        reply,
        { type: csv ? 'text/csv; charset=utf-8' : 'application/x-test', name: `名册.${req.query.format}` },
        (out) => (csv ? writeRegisterCsv(out, rows, { lang: 'zh-CN' }) : writeRegisterXlsx(out, rows, { lang: 'zh-CN' })),
      );
    });
    app.get('/late', async (_req, reply) =>
      // Fails after the headers were set but before a byte was written (e.g. the report's file cannot be re-read).
      sendDownload(reply, { type: 'text/csv; charset=utf-8', name: 'x.csv' }, async () => {
        await new Promise((r) => setTimeout(r, 10));
        throw new Error('failed before the first byte');
      }),
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('sends a whole file with its name, and ends the response (CSV too)', async () => {
    for (const format of ['csv', 'xlsx']) {
      const got = await get(base, `/file?format=${format}&fail=-1`);
      expect(got.status).toBe(200);
      expect(got.complete, format).toBe(true);
      expect(got.bytes).toBeGreaterThan(10_000);
    }
  });

  it('aborts the connection when the rows fail part-way: the client never sees a complete 200 body', async () => {
    for (const format of ['csv', 'xlsx']) {
      const got = await get(base, `/file?format=${format}&fail=5000`);
      expect(got.status, format).toBe(200);
      expect(got.bytes, format).toBeGreaterThan(0);
      expect(got.complete, format).toBe(false);
    }
  });

  it('answers an error as JSON when the rows fail before the first one', async () => {
    for (const format of ['csv', 'xlsx']) {
      const got = await get(base, `/file?format=${format}&fail=0`);
      expect(got.status).toBe(500);
      expect(got.type).toMatch(/^application\/json/);
      expect(got.complete).toBe(true);
    }
  });

  it('answers an error as JSON when writing fails before the first byte (not a 500 about the payload type)', async () => {
    const got = await get(base, '/late');
    expect(got.status).toBe(500);
    expect(got.type).toMatch(/^application\/json/);
    expect(JSON.parse(got.text).error.code).toBe('INTERNAL');
  });
});
