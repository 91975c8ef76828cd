import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, openMemoryDatabase } from '../../src/db/connection.ts';
import { type CitusCluster, createCitusTemplate } from './citus.ts';
import { seed } from './seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSeed: string;
    pgTemplate: string | null;
    citus: (CitusCluster & { template: string }) | null;
  }
}

/**
 * Seeding takes seconds (18k regions, argon2 hashes), so it happens once: a PGlite dump that each test file
 * loads, on PostgreSQL a template database that each test file copies, and on Citus (CITUS_URL) a distributed
 * template copied on every node (tests/support/citus.ts).
 */
export default async function setup(project: TestProject) {
  const teardown: (() => Promise<void>)[] = [];
  const citusUrl = process.env.CITUS_URL;
  if (citusUrl) {
    const started = Date.now();
    const c = await createCitusTemplate(citusUrl);
    process.stderr.write(`citus: template ${c.template} seeded and distributed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    project.provide('citus', { ...c.cluster, template: c.template });
    teardown.push(c.drop);
  } else project.provide('citus', null);

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
    return async () => {
      for (const t of teardown) await t();
    };
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
    for (const t of teardown) await t();
  };
}
