import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildDroppedIndexes, withIndexesBuiltAfter } from '../../src/db/bulk-load.ts';
import type { Database } from '../../src/db/connection.ts';
import { engines, openSeeded } from '../support/db.ts';

/** A bulk load into an empty table builds its secondary indexes after; one killed half-way has them built at the next start. */
describe.each(engines())('bulk load on %s', (engine) => {
  let database: Database;
  const indexes = async () =>
    (
      await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE tablename = 'cadre_checkin' ORDER BY indexname`.execute(
        database.db,
      )
    ).rows.map((r) => r.indexname);
  const pending = async () => (await sql<{ name: string }>`SELECT name FROM bulk_load_index ORDER BY name`.execute(database.db)).rows;

  beforeAll(async () => {
    database = await openSeeded(engine);
  }, 120_000);
  afterAll(() => database.close());

  it('drops the secondary indexes of an empty table during the load, keeps the unique ones, and builds them again', async () => {
    const before = await indexes();
    expect(before).toEqual(
      expect.arrayContaining([
        'cadre_checkin_pkey',
        'cadre_checkin_county_code_client_id_key',
        'cadre_checkin_time_idx',
        'cadre_checkin_posting_idx',
      ]),
    );
    const during = await withIndexesBuiltAfter(database.db, ['cadre_checkin'], async () => ({
      idx: await indexes(),
      pending: await pending(),
    }));
    expect(during.idx).toEqual(['cadre_checkin_county_code_client_id_key', 'cadre_checkin_pkey']);
    expect(during.pending.map((p) => p.name)).toEqual(['cadre_checkin_posting_idx', 'cadre_checkin_time_idx']);
    expect(await indexes()).toEqual(before);
    expect(await pending()).toEqual([]);
  });

  it('keeps the indexes a row trigger of the load reads, and refuses a name that is no index before dropping any', async () => {
    const before = await indexes();
    const during = await withIndexesBuiltAfter(database.db, ['cadre_checkin'], async () => indexes(), {
      keep: ['cadre_checkin_posting_idx'],
    });
    expect(during).toEqual(['cadre_checkin_county_code_client_id_key', 'cadre_checkin_pkey', 'cadre_checkin_posting_idx']);
    expect(await indexes()).toEqual(before);
    let ran = false;
    await expect(
      withIndexesBuiltAfter(
        database.db,
        ['cadre_checkin'],
        async () => {
          ran = true;
        },
        { keep: ['cadre_checkin_renamed_idx'] },
      ),
    ).rejects.toThrow('no index cadre_checkin_renamed_idx to keep');
    expect(ran).toBe(false);
    expect(await indexes()).toEqual(before);
    expect(await pending()).toEqual([]);
  });

  it('builds them again when the load fails, and leaves a table with rows alone', async () => {
    const before = await indexes();
    await expect(
      withIndexesBuiltAfter(database.db, ['cadre_checkin'], async () => {
        throw new Error('half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(await indexes()).toEqual(before);
    // region has rows: its indexes stay while the load runs.
    const regionBefore = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'region'`.execute(database.db)
    ).rows[0]?.n;
    const during = await withIndexesBuiltAfter(database.db, ['region'], async () =>
      Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'region'`.execute(database.db)).rows[0]?.n,
      ),
    );
    expect(during).toBe(regionBefore);
  });

  it('builds at start what a killed load left dropped', async () => {
    const before = await indexes();
    const [def] = (
      await sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'cadre_checkin_time_idx'`.execute(database.db)
    ).rows;
    // What a process killed during the load leaves: the index gone, its definition kept.
    await sql`INSERT INTO bulk_load_index (name, definition) VALUES ('cadre_checkin_time_idx', ${def?.def})`.execute(database.db);
    await sql`DROP INDEX cadre_checkin_time_idx`.execute(database.db);
    expect(await indexes()).not.toContain('cadre_checkin_time_idx');
    expect(await rebuildDroppedIndexes(database.db)).toBe(1);
    expect(await indexes()).toEqual(before);
    expect(await pending()).toEqual([]);
    expect(await rebuildDroppedIndexes(database.db)).toBe(0);
  });
});
