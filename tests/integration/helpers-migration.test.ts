import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { isDistributed } from '../../src/db/distribute.ts';
import { runMigration } from '../../src/db/migrate.ts';
import { backfillHelperPhones } from '../../src/modules/helpers/service.ts';
import { encrypt, lookupHash, maskPhone } from '../../src/modules/pii/crypto.ts';
import { TEST_KEYS } from '../support/app.ts';
import { engines, openSeeded } from '../support/db.ts';

const MIGRATION = readFileSync(path.resolve('src/db/migrations/0027_helpers.sql'), 'utf8');

/**
 * Migration 0027 on a register written before it: the database is taken back to the pairings of 0002 (free-text name,
 * encrypted phone), pairings are written as they were, then 0027 runs again. One helper per county, name and masked
 * phone; every pairing points at its helper; the start-up step computes the keyed phone hashes.
 */
describe.each(engines())('migration 0027 (helpers) on %s', (engine) => {
  let d: Database;
  const phone = (p: string) => ({ c: encrypt(TEST_KEYS, p), m: maskPhone(p) });

  beforeAll(async () => {
    d = await openSeeded(engine);
    const db = d.db;
    await sql`DROP TABLE helper CASCADE`.execute(db);
    await sql`ALTER TABLE help_pairing DROP COLUMN helper_id`.execute(db);
    await sql`ALTER TABLE import_household DROP COLUMN helper_resolution, DROP COLUMN helper_id`.execute(db);
    await sql`INSERT INTO household (county_code, village_code, household_no, category, cause, year_identified, status) VALUES
      ('211381', '211381109201', 'M1', 'ordinary', 'illness', 2016, 'poor'),
      ('211381', '211381109201', 'M2', 'ordinary', 'illness', 2016, 'poor'),
      ('211381', '211381109201', 'M3', 'ordinary', 'illness', 2016, 'poor'),
      ('211381', '211381109201', 'M4', 'ordinary', 'illness', 2016, 'poor')`.execute(db);
    await sql`INSERT INTO household (county_code, village_code, household_no, category, cause, year_identified, status)
      SELECT '210727', code, 'M5', 'ordinary', 'illness', 2016, 'poor' FROM region WHERE code LIKE '210727%' AND level = 5 ORDER BY code LIMIT 1`.execute(
      db,
    );
    const a = phone('13911112222');
    const b = phone('13933334444');
    // 王帮 twice with one phone (one helper), 王帮 with another phone (another helper), 李帮 without a phone, and a
    // 王帮 of another county; M1's first pairing ended.
    await sql`
      INSERT INTO help_pairing (county_code, household_id, helper_name, helper_phone_cipher, helper_phone_masked, start_date, end_date)
      SELECT h.county_code, h.id, v.name, v.c, v.m, DATE '2017-04-01', v.ended::date
      FROM (VALUES ('M1', '李帮', NULL, NULL, '2019-12-31'), ('M1', '王帮', ${a.c}, ${a.m}, NULL), ('M2', '王帮', ${a.c}, ${a.m}, NULL),
                   ('M3', '王帮', ${b.c}, ${b.m}, NULL), ('M4', '李帮', NULL, NULL, NULL), ('M5', '王帮', ${a.c}, ${a.m}, NULL))
        AS v(no, name, c, m, ended)
      JOIN household h ON h.household_no = v.no`.execute(db);
    // As the migrator runs it: in a transaction, and on a distributed database statement by statement, the new table
    // placed as declared before the backfill and the foreign key that need it.
    await db.transaction().execute((tx) => runMigration(tx, MIGRATION));
  });
  afterAll(() => d.close());

  it('makes one helper per county, name and phone, and points every pairing at it', async () => {
    const helpers = await sql<{ county_code: string; name: string; phone_masked: string | null; pairings: number }>`
      SELECT he.county_code, he.name, he.phone_masked, count(hp.id)::int AS pairings
      FROM helper he JOIN help_pairing hp ON hp.county_code = he.county_code AND hp.helper_id = he.id
      GROUP BY he.county_code, he.name, he.phone_masked ORDER BY 1, 2, 3`.execute(d.db);
    expect(helpers.rows).toEqual([
      { county_code: '210727', name: '王帮', phone_masked: '139****2222', pairings: 1 },
      { county_code: '211381', name: '李帮', phone_masked: null, pairings: 2 },
      { county_code: '211381', name: '王帮', phone_masked: '139****2222', pairings: 2 },
      { county_code: '211381', name: '王帮', phone_masked: '139****4444', pairings: 1 },
    ]);
    const unlinked = await sql<{ n: number }>`SELECT count(*)::int AS n FROM help_pairing WHERE helper_id IS NULL`.execute(d.db);
    expect(unlinked.rows[0]?.n).toBe(0);
    // Names, dates and ends are as they were.
    const names = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM help_pairing hp JOIN helper he ON he.county_code = hp.county_code AND he.id = hp.helper_id
      WHERE he.name <> hp.helper_name`.execute(d.db);
    expect(names.rows[0]?.n).toBe(0);
    const open = await sql<{ n: number }>`SELECT count(*)::int AS n FROM help_pairing WHERE end_date IS NULL`.execute(d.db);
    expect(open.rows[0]?.n).toBe(5);
  });

  it('places the new table as the layout declares: on a distributed database, colocated with person', async () => {
    if (engine !== 'citus') {
      expect(await isDistributed(d.db)).toBe(false);
      return;
    }
    const r = await sql<{ t: string; method: string; colocation: number }>`
      SELECT logicalrelid::regclass::text AS t, partmethod::text AS method, colocationid AS colocation
      FROM pg_dist_partition WHERE logicalrelid::regclass::text IN ('helper', 'person') ORDER BY 1`.execute(d.db);
    expect(r.rows.map((x) => x.method)).toEqual(['h', 'h']);
    expect(r.rows[0]?.colocation).toBe(r.rows[1]?.colocation);
  });

  it('computes the keyed phone hashes at start-up, once', async () => {
    expect(await backfillHelperPhones(d.db, TEST_KEYS)).toBe(3);
    const rows = await sql<{ phone_masked: string; phone_hash: string }>`
      SELECT phone_masked, phone_hash FROM helper WHERE phone_cipher IS NOT NULL ORDER BY phone_masked`.execute(d.db);
    for (const r of rows.rows) {
      const full = r.phone_masked === '139****2222' ? '13911112222' : '13933334444';
      expect(r.phone_hash).toBe(lookupHash(TEST_KEYS, full));
    }
    expect(await backfillHelperPhones(d.db, TEST_KEYS)).toBe(0);
  });
});
