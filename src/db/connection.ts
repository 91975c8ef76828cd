import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type KyselyConfig, PostgresDialect } from 'kysely';
import pg from 'pg';
import { FupinPostgresDialect } from './citus-dialect.ts';
import { acquireDataDirLock } from './datadir-lock.ts';
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

/** Names this process's PostgreSQL sessions, so that one process can tell whether another Fupin is connected. */
export const APPLICATION_NAME = `fupin ${process.pid}@${os.hostname()}`.slice(0, 63);

/** The lock file that keeps a second process off an embedded database folder (see datadir-lock.ts). */
export const dataDirLockFile = (dataDir: string) => path.resolve(dataDir, 'db.lock');

export async function openDatabase(opts: { url?: string; dataDir: string }): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10, application_name: APPLICATION_NAME });
    // An idle connection the server drops (restart, failover, admin) must not take the process down; the pool
    // replaces it on the next checkout.
    pool.on('error', (err) => {
      process.stderr.write(`fupin: idle database connection lost: ${err.message}\n`);
    });
    const db = new Kysely<DB>({ dialect: new FupinPostgresDialect({ pool }) });
    drivers.set(db, { kind: 'postgresql', pool });
    const safe = opts.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    return { db, kind: 'postgresql', location: safe, close: () => db.destroy() };
  }
  const dir = path.resolve(opts.dataDir, 'db');
  mkdirSync(dir, { recursive: true });
  const unlock = acquireDataDirLock(dataDirLockFile(opts.dataDir));
  let lite: PGlite;
  try {
    lite = await PGlite.create(dir, { parsers: pgliteParsers });
  } catch (e) {
    unlock();
    throw e;
  }
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
      try {
        await db.destroy();
        await lite.close();
      } finally {
        unlock();
      }
    },
  };
}

/**
 * An in-memory PGlite, for tests; optionally started from a dump made with `dumpDataDir`, and with a Kysely `log`
 * hook (the SQL recorder sees every statement through it).
 */
export async function openMemoryDatabase(
  opts: { loadDataDir?: Blob; log?: KyselyConfig['log'] } = {},
): Promise<Database & { lite: PGlite }> {
  const lite = await PGlite.create({ parsers: pgliteParsers, loadDataDir: opts.loadDataDir });
  const pool = pglitePool(lite);
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as any }), log: opts.log });
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
