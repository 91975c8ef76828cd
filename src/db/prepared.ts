import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import { rawDriver } from './connection.ts';
import type { Tx } from './types.ts';

/**
 * Runs a query as a named prepared statement on PostgreSQL, so that a hot query with a fixed shape is parsed once per
 * connection and, once PostgreSQL judges a generic plan good enough, not planned again (planning was about half of
 * the household list's time in the database). The name is a hash of the text, so each filter combination gets its
 * own statement; use it only for queries whose text takes a bounded number of shapes (no variable-length IN lists).
 * Inside a transaction (or on PGlite) it runs as Kysely would: only the pool's handle is known to rawDriver.
 */
export async function executePrepared<R>(db: Tx, query: RawBuilder<R>): Promise<{ rows: R[] }> {
  const driver = rawDriver(db);
  if (driver?.kind !== 'postgresql') return query.execute(db);
  const compiled = query.compile(db);
  const name = `fupin_${createHash('sha1').update(compiled.sql).digest('base64url').slice(0, 20)}`;
  const r = await driver.pool.query({ name, text: compiled.sql, values: compiled.parameters as unknown[] });
  return { rows: r.rows as R[] };
}

/**
 * A page size for a prepared statement's text. As a parameter, a generic plan takes the LIMIT for 10 % of the rows, so
 * PostgreSQL judges it worse than a custom plan and plans the statement again on every call; page sizes are few.
 */
export const pageLimit = (n: number) => sql.lit(Math.max(1, Math.trunc(n)));
