import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openSeeded } from '../../tests/support/db.ts';
import type { Database } from './connection.ts';
import { analyzeStale, keepsNoStatistics, PGLITE_VACUUM_PAGES, staleTables, startStatisticsKeeper, vacuumPagesFor } from './statistics.ts';

/**
 * The statistics keeper on each engine: a table that took many rows since its last ANALYZE is found and analyzed,
 * after which the planner's row count equals a direct count; a table that changed a little is left alone. The
 * cumulative statistics reach other sessions a moment after a commit (PostgreSQL flushes them within 10 s of going
 * idle), so the test waits for them as the server's minute-long round would.
 */
async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A figure the catalogue keeps for a table (as of its last VACUUM or ANALYZE). */
const catalogued = async (db: Database['db'], table: string, column: 'reltuples' | 'relallvisible') =>
  Number(
    (await sql<{ n: number }>`SELECT ${sql.ref(column)}::bigint AS n FROM pg_class WHERE relname = ${table} AND relkind = 'r'`.execute(db))
      .rows[0]?.n,
  );
/** A count the shared statistics hold for a table: a test waits for its own writes to arrive there (a count that
 * arrives after an ANALYZE counts again since it, and the table is stale again). */
const counted = async (db: Database['db'], table: string, column: 'n_mod_since_analyze' | 'n_dead_tup') =>
  Number(
    (await sql<{ n: number }>`SELECT ${sql.ref(column)}::bigint AS n FROM pg_stat_user_tables WHERE relname = ${table}`.execute(db)).rows[0]
      ?.n ?? 0,
  );
const plannerRows = (db: Database['db'], table: string) => catalogued(db, table, 'reltuples');
const allVisiblePages = (db: Database['db'], table: string) => catalogued(db, table, 'relallvisible');
const changes = (db: Database['db'], table: string) => counted(db, table, 'n_mod_since_analyze');
const deadRows = (db: Database['db'], table: string) => counted(db, table, 'n_dead_tup');
const countRows = async (db: Database['db'], table: string) =>
  Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)).rows[0]?.n);

describe.each(engines())('statistics keeper on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded(engine);
    // Where autovacuum runs (the Citus cluster), it must not analyze these tables behind the test's back.
    await sql`CREATE TABLE stats_probe (id int PRIMARY KEY, county_code text NOT NULL) WITH (autovacuum_enabled = false)`.execute(
      database.db,
    );
    await sql`CREATE TABLE stats_quiet (id int PRIMARY KEY) WITH (autovacuum_enabled = false)`.execute(database.db);
    await sql`INSERT INTO stats_quiet SELECT g FROM generate_series(1, 2000) g`.execute(database.db);
    // ANALYZE once the insert's counts have reached the shared statistics: counts flushed after it would count again.
    await until(
      () => changes(database.db, 'stats_quiet'),
      (n) => n >= 2000,
    );
    await sql`ANALYZE stats_quiet`.execute(database.db);
  }, 120_000);
  afterAll(() => database?.close());

  it('finds a table loaded since its last ANALYZE, analyzes it, and then the planner counts its rows', async () => {
    const db = database.db;
    await sql`INSERT INTO stats_probe SELECT g, '2113' || lpad((g % 100)::text, 2, '0') FROM generate_series(1, 12345) g`.execute(db);
    // A small change to an analyzed table: 60 rows of 2,000 is under 50 + 10 %.
    await sql`INSERT INTO stats_quiet SELECT g FROM generate_series(2001, 2060) g`.execute(db);
    expect(await plannerRows(db, 'stats_probe')).not.toBe(12345);
    await until(
      () => changes(db, 'stats_probe'),
      (n) => n >= 12345,
    );

    const stale = await until(
      () => staleTables(db),
      (t) => t.includes('stats_probe'),
    );
    expect(stale).toContain('stats_probe');
    expect(stale).not.toContain('stats_quiet');

    expect(await allVisiblePages(db, 'stats_probe')).toBe(0);
    const kept = await analyzeStale(db, { vacuumPages: Number.POSITIVE_INFINITY });
    expect(kept.analyzed).toContain('stats_probe');
    expect(kept.analyzed).not.toContain('stats_quiet');
    expect(await plannerRows(db, 'stats_probe')).toBe(await countRows(db, 'stats_probe'));
    // Vacuumed with it: the freshly written pages are marked all-visible (an index-only scan skips the heap).
    expect(kept.vacuumed).toContain('stats_probe');
    expect(await allVisiblePages(db, 'stats_probe')).toBeGreaterThan(0);
    expect(await plannerRows(db, 'stats_quiet')).toBe(2000);
    expect(await staleTables(db)).not.toContain('stats_probe');
  }, 60_000);

  it('finds a grown table by its size when its change counts were lost (PGlite loses them at every close)', async () => {
    const db = database.db;
    await sql`INSERT INTO stats_probe SELECT g, '211301' FROM generate_series(100001, 130000) g`.execute(db);
    await until(
      () => changes(db, 'stats_probe'),
      (n) => n >= 30000,
    );
    await sql`SELECT pg_stat_reset_single_table_counters('stats_probe'::regclass)`.execute(db);
    const mods = await sql<{
      n: number;
    }>`SELECT n_mod_since_analyze::int AS n FROM pg_stat_user_tables WHERE relname = 'stats_probe'`.execute(db);
    expect(mods.rows[0]?.n).toBe(0);
    expect(await staleTables(db)).toContain('stats_probe');
    expect((await analyzeStale(db)).analyzed).toContain('stats_probe');
    expect(await plannerRows(db, 'stats_probe')).toBe(await countRows(db, 'stats_probe'));
  }, 60_000);

  it('vacuums no table larger than the size it is given (PGlite: the server would wait for it), but analyzes it', async () => {
    const db = database.db;
    await sql`CREATE TABLE stats_big (id int PRIMARY KEY, note text) WITH (autovacuum_enabled = false)`.execute(db);
    await sql`INSERT INTO stats_big SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g`.execute(db);
    await until(
      () => changes(db, 'stats_big'),
      (n) => n >= 20000,
    );
    const pages = Number((await sql<{ n: number }>`SELECT (pg_relation_size('stats_big') / 8192)::int AS n`.execute(db)).rows[0]?.n);
    expect(pages).toBeGreaterThan(100);
    const kept = await analyzeStale(db, { vacuumPages: pages - 1 });
    expect(kept.analyzed).toContain('stats_big');
    expect(kept.vacuumed).not.toContain('stats_big');
    expect(await allVisiblePages(db, 'stats_big')).toBe(0);
    expect(await plannerRows(db, 'stats_big')).toBe(20000);
    // Within the size, a table analyzed but never vacuumed is vacuumed once it is stale again.
    await sql`UPDATE stats_big SET note = 'y' WHERE id <= 5000`.execute(db);
    await until(
      () => changes(db, 'stats_big'),
      (n) => n >= 5000,
    );
    const again = await analyzeStale(db, { vacuumPages: pages * 2 });
    expect(again.vacuumed).toContain('stats_big');
    expect(await allVisiblePages(db, 'stats_big')).toBeGreaterThan(0);
    // Vacuumed once, then half its rows deleted: its catalogue still says all-visible, but its dead rows are past
    // autovacuum's threshold, so it is vacuumed again (an ANALYZE alone would leave it bloated and fresh).
    await sql`DELETE FROM stats_big WHERE id > 10000`.execute(db);
    await until(
      () => deadRows(db, 'stats_big'),
      (n) => n >= 10000,
    );
    const third = await analyzeStale(db, { vacuumPages: pages * 2 });
    expect(third.vacuumed).toContain('stats_big');
    expect(
      await until(
        () => deadRows(db, 'stats_big'),
        (n) => n < 10000,
      ),
    ).toBeLessThan(10000);
    expect(vacuumPagesFor('pglite')).toBe(PGLITE_VACUUM_PAGES);
    expect(vacuumPagesFor('postgresql')).toBe(Number.POSITIVE_INFINITY);
  }, 60_000);

  it('runs in the server only where autovacuum does not, and keeps up there', async () => {
    const db = database.db;
    const autovacuum = (await sql<{ v: string }>`SELECT setting AS v FROM pg_settings WHERE name = 'autovacuum'`.execute(db)).rows[0]?.v;
    const expected = database.kind === 'pglite' || autovacuum !== 'on';
    expect(await keepsNoStatistics(db, database.kind)).toBe(expected);

    await sql`INSERT INTO stats_probe SELECT g, '211302' FROM generate_series(20001, 60000) g`.execute(db);
    const said: string[] = [];
    const keeper = startStatisticsKeeper(db, database.kind, { intervalMs: 200, log: (m) => said.push(m) });
    try {
      const direct = await countRows(db, 'stats_probe');
      if (expected) {
        expect(
          await until(
            () => plannerRows(db, 'stats_probe'),
            (n) => n === direct,
          ),
        ).toBe(direct);
        // The round logs once it has analyzed every stale table, after this one.
        expect(
          await until(
            async () => said.some((m) => m.includes('stats_probe')),
            (v) => v,
          ),
        ).toBe(true);
      } else {
        await new Promise((r) => setTimeout(r, 1_000));
        expect(said).toEqual([]);
      }
    } finally {
      await keeper.stop();
    }
  }, 60_000);
});
