import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { rawDriver } from '../../../db/connection.ts';
import type { Db } from '../../../db/types.ts';
import { COPY_COLUMNS, STAGED_COLUMNS, STAGED_TYPES, type StagedWithProblems } from './staged.ts';

export { copyLine, type StagedWithProblems } from './staged.ts';

/**
 * Staging the checked rows into import_row. COPY where the database allows it (a COPY stream on PostgreSQL, which
 * the server consumes while Node checks the next rows; `/dev/blob` on PGlite), multi-row INSERTs otherwise (a
 * transaction or a Kysely instance whose driver is unknown).
 */
export interface StageSink {
  /** Whether write() wants the COPY lines (false: it takes the row objects). */
  lines: boolean;
  /**
   * `count` rows: as COPY lines (copyLine) when `lines` is true, else as objects. Resolves when the sink can take
   * more (backpressure).
   */
  write(lines: string, count: number, rows?: StagedWithProblems[]): Promise<void>;
  end(): Promise<void>;
  abort(reason: unknown): Promise<void>;
}

/** PGlite's COPY reads a whole blob: lines are collected up to this many rows per statement. */
const PGLITE_COPY_ROWS = 10_000;

export async function openStageSink(db: Db, batchId: number): Promise<StageSink> {
  // FUPIN_IMPORT_COPY=0 stages with INSERTs everywhere (for comparing).
  const driver = process.env.FUPIN_IMPORT_COPY === '0' ? null : rawDriver(db);
  const copySql = (source: string) => `COPY import_row (${COPY_COLUMNS}) FROM ${source}`;

  if (driver?.kind === 'postgresql') {
    const client = await driver.pool.connect();
    const stream = client.query(copyFrom(copySql('STDIN')));
    let failure: unknown = null;
    stream.on('error', (e) => {
      failure = e;
    });
    let released = false;
    const release = (err?: unknown) => {
      if (released) return;
      released = true;
      client.release(err instanceof Error ? err : err ? new Error(String(err)) : undefined);
    };
    return {
      lines: true,
      async write(lines) {
        if (failure) throw failure;
        if (!stream.write(lines)) {
          const drained = once(stream, 'drain');
          const failed = once(stream, 'error').then(([e]) => Promise.reject(e));
          failed.catch(() => {});
          await Promise.race([drained, failed]);
        }
      },
      async end() {
        try {
          stream.end();
          await finished(stream);
          release();
        } catch (e) {
          release(e);
          throw e;
        }
      },
      async abort(reason) {
        if (!stream.destroyed) stream.destroy(reason instanceof Error ? reason : new Error(String(reason)));
        await finished(stream).catch(() => {});
        // The connection may be mid-COPY: the pool drops it rather than reusing it.
        release(reason ?? new Error('aborted'));
      },
    };
  }

  if (driver?.kind === 'pglite') {
    let parts: string[] = [];
    let count = 0;
    const flush = async () => {
      if (!count) return;
      const blob = new Blob(parts);
      parts = [];
      count = 0;
      // Held through the pool adapter, so that no other statement (or transaction) interleaves.
      const conn = await driver.pool.connect();
      try {
        await driver.lite.query(copySql(`'/dev/blob'`), [], { blob });
      } finally {
        conn.release();
      }
    };
    return {
      lines: true,
      async write(lines, rows) {
        parts.push(lines);
        count += rows;
        if (count >= PGLITE_COPY_ROWS) await flush();
      },
      end: flush,
      async abort() {
        parts = [];
        count = 0;
      },
    };
  }

  return {
    lines: false,
    async write(_lines, _count, rows) {
      await insertStaged(db, batchId, rows ?? []);
    },
    async end() {},
    async abort() {},
  };
}

/** One array per column through unnest: a thousand rows cost 31 parameters instead of 31,000. */
async function insertStaged(db: Db, batchId: number, rows: StagedWithProblems[]) {
  if (!rows.length) return;
  const arrays = STAGED_COLUMNS.map((c) => sql`${rows.map((r) => r[c])}::${sql.raw(STAGED_TYPES[c])}[]`);
  await sql`INSERT INTO import_row (batch_id, ${sql.join(STAGED_COLUMNS.map((c) => sql.ref(c)))})
    SELECT ${batchId}, * FROM unnest(${sql.join(arrays)})`.execute(db);
}
