import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase, openMemoryDatabase } from '../../src/db/connection.ts';

export type Engine = 'pglite' | 'postgresql';

/** PGlite always; PostgreSQL too when DATABASE_URL is set. */
export function engines(): Engine[] {
  return inject('pgTemplate') ? ['pglite', 'postgresql'] : ['pglite'];
}

/** A fresh seeded database of its own for one test file (or one describe block). */
export async function openSeeded(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    const blob = new Blob([readFileSync(inject('pgliteSeed'))]);
    return openMemoryDatabase({ loadDataDir: blob });
  }
  const url = process.env.DATABASE_URL as string;
  const name = `fupin_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString(), dataDir: '/tmp' });
  return {
    ...database,
    async close() {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
