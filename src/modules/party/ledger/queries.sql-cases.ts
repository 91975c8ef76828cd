import { defineCases, type World } from '../../../db/sql-record/define.ts';
import type { Db } from '../../../db/types.ts';
import { fixtures, partyVillage } from './fixtures.ts';
import * as q from './queries.ts';

let made: { id: number } | null = null;
/** A case in the world's county, made once, quietly. */
async function fixture(db: Db, w: World) {
  if (!made) {
    await partyVillage(db, w.village);
    made = { id: Number((await fixtures.party_rectification?.(db, w.county))?.id) };
  }
  return made;
}

const plan: q.PlanValues = {
  causes: ['formality'],
  problems: '组织生活不正常',
  plan: '一村一策',
  county_leader: '王县长',
  township_member: '李委员',
  first_secretary_posting_id: null,
  first_secretary_name: null,
  deadline: '2026-10-31',
};

export default defineCases(q, {
  locateRectification: async (db, w, quiet) => q.locateRectification(db, String((await quiet(() => fixture(db, w))).id)),
  listRectifications: [
    { name: 'a county, first page', run: (db, w) => q.listRectifications(db, { region: w.county }, null, 51) },
    {
      name: 'a township, a state and a year, after a cursor',
      run: (db, w) => q.listRectifications(db, { region: w.township, state: 'rectifying', year: 2026 }, { county: w.county, id: 1 }, 51),
    },
    { name: 'a city, overdue', run: (db, w) => q.listRectifications(db, { region: w.city, overdue: { today: '2026-06-01' } }, null, 51) },
  ],
  rectificationById: async (db, w, quiet) => q.rectificationById(db, (await quiet(() => fixture(db, w))).id),
  lockRectification: async (db, w, quiet) => q.lockRectification(db, w.county, (await quiet(() => fixture(db, w))).id),
  orgOfVillage: (db, w) => q.orgOfVillage(db, w.county, w.village),
  currentFirstSecretary: (db, w) => q.currentFirstSecretary(db, w.county, w.village),
  lockCaseKey: (db, w) => q.lockCaseKey(db, w.village, 2026),
  yearCaseOf: (db, w) => q.yearCaseOf(db, w.county, w.village, 2026),
  insertRectification: (db, w) =>
    q.insertRectification(db, {
      county_code: w.county,
      village_code: w.village,
      org_id: null,
      year: 2031,
      causes: ['divided'],
      problems: null,
    }),
  updatePlan: async (db, w, quiet) => q.updatePlan(db, w.county, (await quiet(() => fixture(db, w))).id, plan),
  setOutcomeDates: async (db, w, quiet) => q.setOutcomeDates(db, w.county, (await quiet(() => fixture(db, w))).id, '2026-05-01', null),
  insertProgress: async (db, w, quiet) =>
    q.insertProgress(db, w.county, (await quiet(() => fixture(db, w))).id, '2026-05-01', '召开组织生活会', 'recorder'),
  progressOf: async (db, w, quiet) => q.progressOf(db, w.county, (await quiet(() => fixture(db, w))).id),
  casesOfVillage: (db, w) => q.casesOfVillage(db, w.county, w.village),
});
