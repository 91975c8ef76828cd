import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { pglitePool } from './pglite-pool.ts';
import type { DB } from './types.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Where the data lives: the PGlite folder or the server URL with the password removed. */
  location: string;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

// Both engines return the same JavaScript types: counts as numbers, money as numbers, dates as 'YYYY-MM-DD'.
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);
const pgliteParsers = {
  [INT8]: (v: string) => Number(v),
  [NUMERIC]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
};

/**
 * The driver under a Kysely instance, for the one thing Kysely cannot say: COPY (the import stages rows with it).
 * On PGlite the pool adapter must be held while the driver is used, so nothing else interleaves.
 */
export type RawDriver = { kind: 'postgresql'; pool: pg.Pool } | { kind: 'pglite'; lite: PGlite; pool: ReturnType<typeof pglitePool> };
const drivers = new WeakMap<object, RawDriver>();
export const rawDriver = (db: object): RawDriver | null => drivers.get(db) ?? null;

export async function openDatabase(opts: { url?: string; dataDir: string }): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    // An idle connection the server drops (restart, failover, admin) must not take the process down; the pool
    // replaces it on the next checkout.
    pool.on('error', (err) => {
      process.stderr.write(`fupin: idle database connection lost: ${err.message}\n`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    drivers.set(db, { kind: 'postgresql', pool });
    const safe = opts.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    return { db, kind: 'postgresql', location: safe, close: () => db.destroy() };
  }
  const dir = path.resolve(opts.dataDir, 'db');
  mkdirSync(dir, { recursive: true });
  const lite = await PGlite.create(dir, { parsers: pgliteParsers });
  const pool = pglitePool(lite);
  const db = new Kysely<DB>({
    // biome-ignore lint/suspicious/noExplicitAny: the adapter implements the subset of pg.Pool that Kysely calls
    dialect: new PostgresDialect({ pool: pool as any }),
  });
  drivers.set(db, { kind: 'pglite', lite, pool });
  return {
    db,
    kind: 'pglite',
    location: dir,
    async close() {
      await db.destroy();
      await lite.close();
    },
  };
}

/** An in-memory PGlite, for tests; optionally started from a dump made with `dumpDataDir`. */
export async function openMemoryDatabase(opts: { loadDataDir?: Blob } = {}): Promise<Database & { lite: PGlite }> {
  const lite = await PGlite.create({ parsers: pgliteParsers, loadDataDir: opts.loadDataDir });
  const pool = pglitePool(lite);
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as any }) });
  drivers.set(db, { kind: 'pglite', lite, pool });
  return {
    db,
    lite,
    kind: 'pglite',
    location: 'memory',
    async close() {
      await db.destroy();
      await lite.close();
    },
  };
}
