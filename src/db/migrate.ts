import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { isDistributed, placeCreatedTable } from './distribute.ts';
import { LAYOUT, type Placement } from './layout.ts';
import { statementsOf } from './sql-split.ts';
import type { DB } from './types.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Plain numbered .sql files, byte-identical on PGlite and PostgreSQL. */
class SqlFileProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const file of readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{4}_.+\.sql$/.test(f))
      .sort()) {
      const text = readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      out[file.replace(/\.sql$/, '')] = {
        up: (db) => runMigration(db, text),
      };
    }
    return out;
  }
}

/** One migration file's text, in the caller's transaction, as the migrator runs it on this database. */
export async function runMigration(db: Kysely<DB>, text: string, layout: Record<string, Placement> = LAYOUT): Promise<void> {
  if (await isDistributed(db)) await upDistributed(db, text, layout);
  else await sql.raw(text).execute(db);
}

const CREATE_TABLE = /^CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?\s*\(/i;

/**
 * A migration on a Citus coordinator whose tables are already distributed (docs/scale-out.md, "Migrations after
 * distribution"): statement by statement, each table it creates placed as src/db/layout.ts declares it right after
 * its CREATE TABLE, in the migration's transaction. Triggers on distributed tables may be altered (the rollup marks:
 * a backfill disables them, as on one PostgreSQL), as `fupin scale distribute` allows for its own DDL.
 */
async function upDistributed(db: Kysely<DB>, text: string, layout: Record<string, Placement>) {
  await sql`SET LOCAL citus.enable_unsafe_triggers = on`.execute(db);
  // As for `fupin scale distribute`: a new county table's key to region must not make it a Citus local table (its
  // identity column would then refuse distribution); coordinator tables are added to the metadata by placeCreatedTable.
  await sql`SET LOCAL citus.enable_local_reference_table_foreign_keys = off`.execute(db);
  for (const statement of statementsOf(text)) {
    await sql.raw(statement).execute(db);
    const created = CREATE_TABLE.exec(statement)?.[1];
    if (created) await placeCreatedTable(db, created.toLowerCase(), layout);
  }
}

function migrator(db: Kysely<DB>) {
  return new Migrator({ db, provider: new SqlFileProvider(), migrationTableName: 'schema_migration' });
}

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrationState(db: Kysely<DB>) {
  const all = await migrator(db).getMigrations();
  const applied = all.filter((m) => m.executedAt);
  return {
    applied: applied.length,
    pending: all.length - applied.length,
    latest: applied.at(-1)?.name ?? null,
  };
}
