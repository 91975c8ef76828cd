import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openMemoryDatabase } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import { introspect, renderSnapshot } from './introspect.ts';
import { renderTypes } from './types-file.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SNAPSHOT_FILE = 'src/db/schema.txt';
export const TYPES_FILE = 'src/db/types.ts';

const SNAPSHOT_HEADER = [
  '-- The schema a fresh database has after every migration, read back from PostgreSQL (PGlite): tables, columns,',
  '-- types, nullability, defaults, constraints, indexes, triggers. Generated: do not edit; run `npm run sql:sync`.',
].join('\n');
const TYPES_HEADER = [
  'Kysely types of the tables, generated from the migrated schema (src/db/schema/types-file.ts). Do not edit:',
  'change a migration, then run `npm run sql:sync`; the schema test fails when this file and the migrations differ.',
];

/** The schema snapshot and the types file as a freshly migrated database says they must read. */
export async function renderSchemaFiles(db?: Parameters<typeof introspect>[0]): Promise<Map<string, string>> {
  const own = db ? null : await openMemoryDatabase();
  try {
    const target = db ?? (own as NonNullable<typeof own>).db;
    if (own) await migrateToLatest(own.db);
    const schema = await introspect(target);
    return new Map([
      [SNAPSHOT_FILE, renderSnapshot(schema, SNAPSHOT_HEADER)],
      [TYPES_FILE, renderTypes(schema, TYPES_HEADER)],
    ]);
  } finally {
    await own?.close();
  }
}

export const readRepoFile = (file: string) => {
  try {
    return readFileSync(path.join(ROOT, file), 'utf8');
  } catch {
    return null;
  }
};
