import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { rawDriver } from '../../../db/connection.ts';
import type { Db } from '../../../db/types.ts';
import { REGISTER_STAGING, type StagedWithProblems, type StagingTarget } from './staged.ts';

export { copyLine, type StagedWithProblems, type StagingTarget } from './staged.ts';

/**
 * Staging the checked rows into import_row. COPY where the database allows it (a COPY stream on PostgreSQL, which
 * the server consumes while Node checks the next rows; `/dev/blob` on PGlite), multi-row INSERTs otherwise (a
 * transaction or a Kysely instance whose driver is unknown).
 */
export interface StageSink<Row = StagedWithProblems> {
  /** Whether write() wants the COPY lines (false: it takes the row objects). */
  lines: boolean;
  /**
   * `count` rows: as COPY lines (copyLine) when `lines` is true, else as objects. Resolves when the sink can take
   * more (backpressure).
   */
  write(lines: string, count: number, rows?: Row[]): Promise<void>;
  end(): Promise<void>;
  abort(reason: unknown): Promise<void>;
}

/** PGlite's COPY reads a whole blob: lines are collected up to this many rows per statement. */
const PGLITE_COPY_ROWS = 10_000;

export async function openStageSink<Row = StagedWithProblems>(
  db: Db,
  batchId: number,
  target: StagingTarget<Row> = REGISTER_STAGING as unknown as StagingTarget<Row>,
): Promise<StageSink<Row>> {
  // FUPIN_IMPORT_COPY=0 stages with INSERTs everywhere (for comparing).
  const driver = process.env.FUPIN_IMPORT_COPY === '0' ? null : rawDriver(db);
  const copySql = (source: string) => `COPY ${target.table} (batch_id, ${target.columns.join(', ')}) FROM ${source}`;

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
      await insertStaged(db, batchId, rows ?? [], target);
    },
    async end() {},
    async abort() {},
  };
}

/** One array per column through unnest: a thousand rows cost 31 parameters instead of 31,000. */
async function insertStaged<Row>(db: Db, batchId: number, rows: Row[], target: StagingTarget<Row>) {
  if (!rows.length) return;
  const arrays = target.columns.map((c) => sql`${rows.map((r) => r[c])}::${sql.raw(target.types[c])}[]`);
  await sql`INSERT INTO ${sql.table(target.table)} (batch_id, ${sql.join(target.columns.map((c) => sql.ref(c)))})
    SELECT ${batchId}, * FROM unnest(${sql.join(arrays)})`.execute(db);
}
