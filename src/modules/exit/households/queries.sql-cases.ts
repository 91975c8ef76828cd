import { defineCases, type World } from '../../../db/sql-record/define.ts';
import type { Db } from '../../../db/types.ts';
import { exitFixture } from '../fixtures.ts';
import * as q from './queries.ts';

let made: Awaited<ReturnType<typeof exitFixture>> | null = null;
/** An exit in the world's county, made once, quietly. */
async function fixture(db: Db, w: World) {
  made ??= await exitFixture(db, w.county, { year: 2090 });
  return made;
}

export default defineCases(q, {
  locateExitHousehold: async (db, w, quiet) => q.locateExitHousehold(db, String((await quiet(() => fixture(db, w))).id)),
  locateExitBatch: async (db, w, quiet) => q.locateExitBatch(db, String((await quiet(() => fixture(db, w))).batchId)),
  candidates: [
    { name: 'a village', run: (db, w) => q.candidates(db, w.county, w.village, w.registerYear) },
    { name: 'named households', run: (db, w) => q.candidates(db, w.county, w.village, w.registerYear, [w.householdId]) },
  ],
  batchOf: (db, w) => q.batchOf(db, w.county, w.village, 2091),
  insertBatch: (db, w) =>
    q.insertBatch(db, { county_code: w.county, village_code: w.village, year: 2092, proposed_on: '2026-01-05', note: null }),
  insertExitHouseholds: async (db, w, quiet) => {
    const b = await quiet(() =>
      q.insertBatch(db, { county_code: w.county, village_code: w.village, year: 2093, proposed_on: '2026-01-05', note: null }),
    );
    return q.insertExitHouseholds(db, [
      {
        county_code: w.county,
        batch_id: Number(b.id),
        household_id: w.householdId,
        village_code: w.village,
        year: 2093,
        income_per_capita: 5000,
        poverty_line: 3335,
      },
    ]);
  },
  batches: [
    { name: 'a county', run: (db, w) => q.batches(db, w.county) },
    { name: 'a township and a year', run: (db, w) => q.batches(db, w.township, 2090) },
  ],
  batchById: async (db, w, quiet) => q.batchById(db, (await quiet(() => fixture(db, w))).batchId),
  batchHouseholds: async (db, w, quiet) => q.batchHouseholds(db, w.county, (await quiet(() => fixture(db, w))).batchId),
  exitHouseholdById: async (db, w, quiet) => q.exitHouseholdById(db, (await quiet(() => fixture(db, w))).id),
  lockExitHousehold: async (db, w, quiet) => q.lockExitHousehold(db, w.county, (await quiet(() => fixture(db, w))).id),
  setDates: async (db, w, quiet) =>
    q.setDates(db, w.county, [(await quiet(() => fixture(db, w))).id], { notice_from: '2026-01-05', notice_until: '2026-01-11' }),
  objectionsOf: async (db, w, quiet) => q.objectionsOf(db, w.county, (await quiet(() => fixture(db, w))).id),
  objectionById: (db, w) => q.objectionById(db, w.county, 1),
  insertObjection: async (db, w, quiet) =>
    q.insertObjection(db, {
      county_code: w.county,
      exit_household_id: (await quiet(() => fixture(db, w))).id,
      source: 'visit',
      content: '收入核算有误',
      received_on: '2026-01-06',
      complaint_id: null,
      recorded_by: 'fixture',
    }),
  decideObjection: (db, w) =>
    q.decideObjection(db, w.county, 1, {
      outcome: 'dismissed',
      outcome_reason: '经核实无误',
      decided_on: '2026-01-08',
      decided_by: 'fixture',
    }),
});
