import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, openMemoryDatabase } from '../../src/db/connection.ts';
import { seed } from './seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSeed: string;
    pgTemplate: string | null;
  }
}

/**
 * Seeding takes seconds (18k regions, argon2 hashes), so it happens once: a PGlite dump that each test file
 * loads, and on PostgreSQL a template database that each test file copies.
 */
export default async function setup(project: TestProject) {
  const mem = await openMemoryDatabase();
  await seed(mem.db);
  const dump = await mem.lite.dumpDataDir('gzip');
  const file = path.join(os.tmpdir(), `fupin-seed-${process.pid}.tar.gz`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await mem.close();
  project.provide('pgliteSeed', file);

  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide('pgTemplate', null);
    return;
  }
  const template = `fupin_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const target = new URL(url);
  target.pathname = `/${template}`;
  const database = await openDatabase({ url: target.toString(), dataDir: os.tmpdir() });
  await seed(database.db);
  await database.close();
  project.provide('pgTemplate', template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}
