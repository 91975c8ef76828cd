import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeeded } from '../../../../tests/support/db.ts';
import type { Database } from '../../../db/connection.ts';
import { cachedBoard, cachedBoards, startBoardCache } from './cache.ts';

/** What the village board reads (migration 0042): a write to any of them must make every server forget its boards. */
const BOARD_INPUTS = [
  'exit_household',
  'monitoring_case',
  'procedure_case',
  'procedure_step',
  'household',
  'person',
  'party_decision',
  'party_decision_step',
  'region',
  'setting',
];

describe('public board cache', () => {
  let database: Database;
  let stop: () => Promise<void>;
  let builds = 0;
  const build = (value: string) => async () => {
    builds++;
    return value;
  };
  const listening = async () => {
    for (let i = 0; i < 100 && !cachedBoards(database.db)?.listening; i++) await new Promise((r) => setTimeout(r, 10));
    expect(cachedBoards(database.db)?.listening).toBe(true);
  };

  beforeAll(async () => {
    database = await openSeeded('pglite');
  });
  afterAll(async () => {
    await stop?.();
    await database?.close();
  });

  it('keeps nothing while nobody listens for writes', async () => {
    builds = 0;
    expect(await cachedBoard(database.db, 'k', build('a'))).toBe('a');
    expect(await cachedBoard(database.db, 'k', build('b'))).toBe('b');
    expect(builds).toBe(2);
    expect(cachedBoards(database.db)).toBeNull();
  });

  it('keeps an answer until a write; concurrent misses share one build', async () => {
    stop = startBoardCache(database.db, () => {});
    await listening();
    builds = 0;
    const [x, y] = await Promise.all([cachedBoard(database.db, 'k', build('a')), cachedBoard(database.db, 'k', build('b'))]);
    expect([x, y, builds]).toEqual(['a', 'a', 1]);
    expect(await cachedBoard(database.db, 'k', build('c'))).toBe('a');
    expect(builds).toBe(1);
    let tested = 0;
    for (const table of BOARD_INPUTS) {
      expect(await cachedBoard(database.db, 'k', build('before'))).toBeDefined();
      expect(cachedBoards(database.db)?.size).toBe(1);
      // A write of one row is reported by the row trigger (migration 0049; reference tables keep statement triggers).
      if (table === 'region' || table === 'setting') {
        await sql`DELETE FROM ${sql.table(table)} WHERE false`.execute(database.db);
      } else {
        const touched = await sql`UPDATE ${sql.table(table)} SET county_code = county_code
          WHERE ctid = (SELECT ctid FROM ${sql.table(table)} LIMIT 1)`.execute(database.db);
        if (Number(touched.numAffectedRows ?? 0) === 0) continue;
      }
      tested += 1;
      expect({ table, size: cachedBoards(database.db)?.size }).toEqual({ table, size: 0 });
      expect(await cachedBoard(database.db, 'k', build(table))).toBe(table);
    }
    expect(tested).toBeGreaterThanOrEqual(2);
  });

  it('does not keep what a build read while a write was committed', async () => {
    let release: (v: string) => void = () => {};
    const slow = cachedBoard(database.db, 'slow', () => new Promise<string>((r) => (release = r)));
    await sql`UPDATE setting SET value = value WHERE false`.execute(database.db);
    // A visitor after the write does not wait for the build that started before it.
    builds = 0;
    expect(await cachedBoard(database.db, 'slow', build('fresh'))).toBe('fresh');
    release('stale');
    expect(await slow).toBe('stale');
    expect(await cachedBoard(database.db, 'slow', build('later'))).toBe('fresh');
    expect(builds).toBe(1);
  });

  it('does not keep failures, and keeps nothing once stopped', async () => {
    await expect(
      cachedBoard(database.db, 'fails', async () => {
        throw new Error('404');
      }),
    ).rejects.toThrow('404');
    expect(await cachedBoard(database.db, 'fails', build('ok'))).toBe('ok');
    await stop();
    builds = 0;
    await cachedBoard(database.db, 'k2', build('a'));
    await cachedBoard(database.db, 'k2', build('b'));
    expect(builds).toBe(2);
  });
});
