import { sql } from 'kysely';
import { rawDriver } from './connection.ts';
import { keepsNoStatistics } from './statistics.ts';
import type { Db } from './types.ts';

/**
 * Loads empty tables the way a bulk load should: their secondary indexes (not primary keys, not unique ones, which
 * the load's own checks may rely on) are dropped, the rows written, and the indexes built again from their own
 * definitions as the database reports them, so a later migration that changes an index is followed. Building an
 * index once over sorted rows costs about half of maintaining it row by row (measured on PGlite with the demo's
 * 270,000 check-ins: 19.3 s kept up to date against 2.3 s + 7.1 s built after). Tables that already hold rows are
 * loaded with their indexes in place: a live table is never left without them. `keep` names indexes a row trigger of the
 * load reads (without them each row's trigger scans the table: quadratic, hours at scale 1).
 */
export async function withIndexesBuiltAfter<T>(
  db: Db,
  tables: readonly string[],
  load: () => Promise<T>,
  opts: { keep?: readonly string[] } = {},
): Promise<T> {
  const empty: string[] = [];
  for (const t of tables) {
    const r = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(t)}) AS any`.execute(db);
    if (!r.rows[0]?.any) empty.push(t);
  }
  if (empty.length === 0) return load();
  // A kept index renamed by a later migration would silently make the load quadratic again: refuse the name instead.
  if (opts.keep?.length) {
    const known = await sql<{ name: string }>`
      SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY(${[...opts.keep]}::text[])`.execute(
      db,
    );
    const missing = opts.keep.filter((k) => !known.rows.some((r) => r.name === k));
    if (missing.length) throw new Error(`bulk load: no index ${missing.join(', ')} to keep`);
  }
  const indexes = (
    await sql<{ name: string; def: string }>`
      SELECT i.indexname AS name, i.indexdef AS def
      FROM pg_indexes i
      JOIN pg_class c ON c.relname = i.indexname
      JOIN pg_index x ON x.indexrelid = c.oid
      WHERE i.schemaname = current_schema() AND i.tablename = ANY(${empty}::text[]) AND NOT x.indisunique AND NOT x.indisprimary
        AND NOT (i.indexname = ANY(${[...(opts.keep ?? [])]}::text[]))
      ORDER BY i.indexname`.execute(db)
  ).rows;
  await db.transaction().execute(async (tx) => {
    for (const i of indexes) {
      await sql`INSERT INTO bulk_load_index (name, definition) VALUES (${i.name}, ${i.def}) ON CONFLICT (name) DO NOTHING`.execute(tx);
      await sql`DROP INDEX IF EXISTS ${sql.id(i.name)}`.execute(tx);
    }
  });
  try {
    return await load();
  } finally {
    await rebuildDroppedIndexes(db);
    for (const t of empty) await sql`ANALYZE ${sql.table(t)}`.execute(db);
  }
}

/** Builds the indexes a bulk load dropped and did not build again (the process was killed half-way): run at start. */
export async function rebuildDroppedIndexes(db: Db) {
  const left = (await sql<{ name: string; definition: string }>`SELECT name, definition FROM bulk_load_index ORDER BY name`.execute(db))
    .rows;
  for (const i of left) {
    await db.transaction().execute(async (tx) => {
      await sql.raw(i.definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ')).execute(tx);
      await sql`DELETE FROM bulk_load_index WHERE name = ${i.name}`.execute(tx);
    });
  }
  return left.length;
}

/**
 * Statistics for every table of the database, after a bulk load of many of them (the demo). PGlite never runs
 * autovacuum, and a server's may not have come by (or be off): without statistics the planner takes a table of
 * thousands of rows for a few dozen — at scale 1 the province's first page of party members took 1.5 s, planned on an
 * estimate of 28 organisations for 7,867. Where nothing vacuums (PGlite; PostgreSQL with autovacuum off), the tables
 * are vacuumed too: a freshly loaded table has no visibility map, so every index-only scan also reads its heap, and
 * the statistics keeper vacuums only small tables on PGlite (statistics.ts).
 */
export async function analyzeAll(db: Db): Promise<'vacuumed' | 'analyzed'> {
  if (await keepsNoStatistics(db, rawDriver(db)?.kind ?? 'postgresql')) {
    await sql`VACUUM (ANALYZE)`.execute(db);
    return 'vacuumed';
  }
  await sql`ANALYZE`.execute(db);
  return 'analyzed';
}
