import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase, openMemoryDatabase } from '../../src/db/connection.ts';
import { copyCitusDatabase } from './citus.ts';

export type Engine = 'pglite' | 'postgresql' | 'citus';

/**
 * PGlite always; PostgreSQL too when DATABASE_URL is set; Citus when CITUS_URL is set (tests/support/citus.ts).
 * TEST_ENGINES (e.g. `citus`) keeps only the engines it names, for a run against one server.
 */
export function engines(): Engine[] {
  const only = process.env.TEST_ENGINES?.split(',').filter(Boolean);
  return only?.length ? availableEngines().filter((e) => only.includes(e)) : availableEngines();
}

/** Every engine of the run, whatever TEST_ENGINES says: for tests that compare the engines with one another. */
export function availableEngines(): Engine[] {
  const all: Engine[] = ['pglite'];
  if (inject('pgTemplate')) all.push('postgresql');
  if (inject('citus')) all.push('citus');
  return all;
}

/**
 * A fresh seeded server database of its own (PostgreSQL: a copy of the run's template; Citus: the distributed
 * template copied on every node), for tests that start servers or CLIs on it; `drop` removes it.
 */
export async function seededServerDatabase(engine: Exclude<Engine, 'pglite'>): Promise<{ url: string; drop: () => Promise<void> }> {
  if (engine === 'citus') {
    const c = inject('citus');
    if (!c) throw new Error('CITUS_URL is not set');
    return copyCitusDatabase(c, c.template);
  }
  const url = process.env.DATABASE_URL as string;
  const name = `fupin_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A fresh seeded database of its own for one test file (or one describe block). */
export async function openSeeded(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    const blob = new Blob([readFileSync(inject('pgliteSeed'))]);
    return openMemoryDatabase({ loadDataDir: blob });
  }
  const { url, drop } = await seededServerDatabase(engine);
  const database = await openDatabase({ url, dataDir: '/tmp' });
  return {
    ...database,
    async close() {
      await database.close();
      await drop();
    },
  };
}
