import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Actor } from '../../src/modules/audit/service.ts';
import { commit, type InputRow, problems, stage } from '../../src/modules/registry/import/service.ts';
import { TEST_KEYS } from '../support/app.ts';
import { engines, openSeeded } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

const actor: Actor = { id: null, username: 'tester' };

interface Place {
  county: string;
  countyName: string;
  township: string;
  village: string;
}

/** A household of two: its own head, and a spouse whose ID number the test chooses (the person both counties claim). */
function household(p: Place, no: string, head: string, spouse: string): InputRow[] {
  const base = {
    county: p.countyName,
    township: p.township,
    village: p.village,
    household_no: no,
    category: '一般贫困户',
    poverty_cause: '因病',
    year_identified: 2015,
    planned_exit_year: 2018,
    household_status: '未脱贫',
    income_per_capita: '2,800',
  };
  return [
    { ...base, name: '王大山', id_number: head, relation: '户主', gender: '男', ethnicity: '汉族' },
    { ...base, name: '刘桂兰', id_number: spouse, relation: '配偶', gender: '女', ethnicity: '汉族' },
  ].map((cells, i) => ({ rowNumber: i + 2, cells }) as InputRow);
}

/** The first village (by code) of a county, with the names a clerk writes. */
async function placeIn(d: Database, county: string): Promise<Place> {
  const r = await sql<Place>`
    SELECT c.code AS county, c.name AS "countyName", t.name AS township, v.name AS village
    FROM region c JOIN region t ON t.parent_code = c.code JOIN region v ON v.parent_code = t.code
    WHERE c.code = ${county} ORDER BY v.code LIMIT 1`.execute(d.db);
  const p = r.rows[0];
  if (!p) throw new Error(`no village in ${county}`);
  return { ...p, county };
}

/**
 * The one-person-one-household rule across counties (docs/scale-out.md): two counties' imports, both previewed while
 * neither had committed, claim the same person (one ID number) in commits that run at once on two connections.
 * Exactly one wins; the other commits its batch without that household, whose row carries the per-row problem
 * (PERSON_NOT_ALLOWED: the winner's household is outside the loser's county).
 * On Citus, person_identity is distributed by the ID hash, so the unique key that decides lives on one shard.
 */
describe.each(engines())('two counties claim one person at once on %s', (engine) => {
  let d: Database;
  let a: Place;
  let b: Place;
  beforeAll(async () => {
    d = await openSeeded(engine);
    a = await placeIn(d, '211381'); // 北票市
    b = await placeIn(d, '211321'); // 朝阳县
  });
  afterAll(() => d.close());

  for (const round of [1, 2, 3]) {
    it(`round ${round}: exactly one county gets the person, the other a per-row problem`, async () => {
      const shared = makeId('211321', `1970-05-0${round}`, 500 + round * 10, false);
      const [stagedA, stagedB] = [
        await stage(
          d.db,
          TEST_KEYS,
          { scopeCode: a.county, actor, filename: 'a.csv' },
          household(a, `RACEA${round}`, makeId('211381', '1969-01-01', round * 10, true), shared),
        ),
        await stage(
          d.db,
          TEST_KEYS,
          { scopeCode: b.county, actor, filename: 'b.csv' },
          household(b, `RACEB${round}`, makeId('211321', '1968-01-01', round * 10, true), shared),
        ),
      ];
      // Both previews saw a free person: the rule is decided by the commits.
      expect(stagedA.counts.households.new).toBe(1);
      expect(stagedB.counts.households.new).toBe(1);

      const results = await Promise.all([commit(d.db, stagedA.batchId, actor), commit(d.db, stagedB.batchId, actor)]);
      const won = results.map((c) => c.households.new === 1 && c.households.rejected === 0);
      expect(won.filter(Boolean)).toHaveLength(1);
      const loser = won[0] ? 1 : 0;
      expect(results[loser]?.households).toMatchObject({ new: 0, rejected: 1 });

      // Independently: the person is registered once, in the winner's county, and the loser's household does not exist.
      const winnerCounty = (won[0] ? a : b).county;
      const claims = await sql<{ county_code: string }>`
        WITH p AS MATERIALIZED (SELECT county_code, id FROM person WHERE name = '刘桂兰' AND birth_date = ${`1970-05-0${round}`}::date)
        SELECT pi.county_code FROM person_identity pi WHERE (pi.county_code, pi.person_id) IN (SELECT county_code, id FROM p)`.execute(
        d.db,
      );
      expect(claims.rows.map((r) => r.county_code)).toEqual([winnerCounty]);
      const households = await sql<{ household_no: string }>`
        SELECT household_no FROM household WHERE household_no IN (${`RACEA${round}`}, ${`RACEB${round}`})`.execute(d.db);
      expect(households.rows.map((r) => r.household_no)).toEqual([won[0] ? `RACEA${round}` : `RACEB${round}`]);
      const list = await problems(d.db, (loser === 0 ? stagedA : stagedB).batchId, 'en');
      // The winner's household lies outside the loser's county: the generic refusal, which says nothing of where.
      expect(list).toContainEqual(expect.objectContaining({ row: 3, column: 'id_number', code: 'PERSON_NOT_ALLOWED' }));
    }, 120_000);
  }
});
