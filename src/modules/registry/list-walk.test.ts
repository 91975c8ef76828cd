import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openSeeded } from '../../../tests/support/db.ts';
import type { Database } from '../../db/connection.ts';
import * as q from './list.queries.ts';
import { countiesWithHouseholds, noteHouseholdCounties } from './list-counties.ts';
import { listTotal } from './list-total.ts';

/**
 * The household list above a county walks from the first county holding households (queries.ts, walkKeys). Whatever
 * the hint of counties says — exact, naming empty counties too, or nothing — every page joined equals the
 * households read directly in (county, id) order; and the kept hint learns of a county a register write adds at once.
 */
const YEAR = 2017;
const SIZES = [7, 5, 3, 1, 2, 1, 1, 2, 1, 1, 2];
type Key = { county_code: string; id: number };

describe.each(engines())('the household list walked county by county on %s', (engine) => {
  let database: Database;
  let counties: string[] = [];
  let empty: string[] = [];

  beforeAll(async () => {
    database = await openSeeded(engine);
    const db = database.db;
    // Eleven counties of 辽宁 with households (more than a page's walk reads one by one; two in one city), and two
    // without any.
    const r = await sql<{ county: string; village: string }>`
      SELECT DISTINCT ON (c.code) c.code AS county, v.code AS village
      FROM region c JOIN region t ON t.parent_code = c.code JOIN region v ON v.parent_code = t.code
      WHERE c.level = 3 AND c.code LIKE '21%' ORDER BY c.code, v.code`.execute(db);
    const all = r.rows;
    const chosen = [3, 4, 40, 5, 6, 7, 8, 9, 10, 11, 12].map((i) => all[i]) as { county: string; village: string }[];
    counties = chosen.map((c) => c.county).sort();
    // The second differs per engine: a county noted by one engine's test is in every database's hint (the notes are
    // the process's) for NOTED_MS.
    empty = [all[0]?.county as string, all[20 + engines().indexOf(engine)]?.county as string];
    let n = 0;
    for (const [i, c] of chosen.entries()) {
      for (let k = 0; k < (SIZES[i] ?? 0); k++) {
        n++;
        await sql`INSERT INTO household (county_code, village_code, household_no, category, cause, year_identified, status)
          VALUES (${c.county}, ${c.village}, ${`W${n}`}, 'general', 'illness', 2016, ${n % 3 === 0 ? 'exited' : 'poor'})`.execute(db);
      }
    }
  }, 120_000);
  afterAll(() => database?.close());

  const direct = async (region: string, status?: string) =>
    (
      await sql<Key>`SELECT county_code, id FROM household WHERE county_code LIKE ${`${region}%`}
        AND (${status ?? null}::text IS NULL OR status = ${status ?? null}) ORDER BY county_code, id`.execute(database.db)
    ).rows.map((k) => `${k.county_code}-${k.id}`);

  /** Every page of `size`, the next one after the last row of the one before, as the service pages. */
  async function walk(region: string, hint: readonly string[] | undefined, size: number, status?: string) {
    const got: string[] = [];
    let after: q.HouseholdCursor | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const { rows } = await q.listHouseholds(database.db, { region, registerYear: YEAR, status }, after, size, hint);
      got.push(...rows.map((h) => `${h.county_code}-${h.id}`));
      if (rows.length < size) return got;
      const last = rows.at(-1) as q.HouseholdListRow;
      after = { county: last.county_code, id: Number(last.id) };
    }
    throw new Error('the walk did not end');
  }

  it('joins the same households in the same order whatever the hint, page sizes 1 to 30', async () => {
    const expected = await direct('21');
    expect(expected).toHaveLength(SIZES.reduce((a, b) => a + b));
    const hints = { exact: counties, withEmpty: [...empty, ...counties].sort(), none: [], absent: undefined };
    for (const [name, hint] of Object.entries(hints)) {
      for (const size of [1, 4, 7, 20, 30]) expect(await walk('21', hint, size), `${name}, pages of ${size}`).toEqual(expected);
    }
  });

  it('keeps a filter and a city’s bounds while walking', async () => {
    const city = counties[0]?.slice(0, 4) as string;
    const poor = await direct('21', 'poor');
    expect(poor.length).toBeGreaterThan(0);
    expect(poor.length).toBeLessThan(SIZES.reduce((a, b) => a + b));
    expect(await walk('21', counties, 3, 'poor')).toEqual(poor);
    const inCity = await direct(city);
    expect(inCity.length).toBeGreaterThan(0);
    expect(await walk(city, counties, 2)).toEqual(inCity);
  });

  it('the kept hint lists the counties holding households and, at once, a county a write is adding', async () => {
    const kept = await countiesWithHouseholds(database.db);
    expect(kept).toEqual([...kept].sort());
    expect(kept).toEqual(expect.arrayContaining(counties));
    const village = (
      await sql<{
        code: string;
      }>`SELECT v.code FROM region v WHERE v.level = 5 AND v.code LIKE ${`${empty[1]}%`} ORDER BY v.code LIMIT 1`.execute(database.db)
    ).rows[0]?.code as string;
    await sql`INSERT INTO household (county_code, village_code, household_no, category, cause, year_identified, status)
      VALUES (${empty[1]}, ${village}, 'W-NEW', 'general', 'illness', 2016, 'poor')`.execute(database.db);
    // Kept: a write that did not go through the register's path is not seen yet …
    expect(await countiesWithHouseholds(database.db)).not.toContain(empty[1]);
    // … the register's write path tells it (import/merge.ts), and the province's pages hold the new household.
    noteHouseholdCounties([empty[1] as string]);
    const hint = await countiesWithHouseholds(database.db);
    expect(hint).toContain(empty[1]);
    expect(await walk('21', hint, 4)).toEqual(await direct('21'));
  });
  it('counts a total at or under the limit on every request, and keeps one above it (shown as "about N") a minute', async () => {
    const county = counties[0] as string; // 7 households
    const count = async () =>
      Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM household WHERE county_code = ${county}`.execute(database.db)).rows[0]?.n,
      );
    const village = (
      await sql<{ v: string }>`SELECT village_code AS v FROM household WHERE county_code = ${county} LIMIT 1`.execute(database.db)
    ).rows[0]?.v as string;
    const add = (no: string) =>
      sql`INSERT INTO household (county_code, village_code, household_no, category, cause, year_identified, status)
        VALUES (${county}, ${village}, ${no}, 'general', 'illness', 2016, 'poor')`.execute(database.db);
    // Last in the file: it deletes most of the county's households.
    const filter = { region: county, registerYear: YEAR };
    const before = await count();
    expect(await listTotal(database.db, filter, 100)).toEqual({ n: before, exact: true });
    await add('T-1');
    expect(await listTotal(database.db, filter, 100)).toEqual({ n: before + 1, exact: true });
    // Above a limit of 3 ("about N": the estimate, or on Citus the whole count): counted once, then kept though the
    // county grew.
    const about = await listTotal(database.db, filter, 3);
    expect(about.exact).toBe(false);
    expect(about.n).toBeGreaterThan(3);
    // Down to 2 households: counted again, the total would be exact (2); kept, it is still "about".
    await sql`DELETE FROM household WHERE county_code = ${county} AND id NOT IN (
      SELECT id FROM household WHERE county_code = ${county} ORDER BY id LIMIT 2)`.execute(database.db);
    expect(await count()).toBe(2);
    expect(await listTotal(database.db, filter, 3)).toEqual(about);
    // The exact one is counted afresh.
    expect(await listTotal(database.db, filter, 100)).toEqual({ n: 2, exact: true });
  });
});
