import { defineCases, type World } from '../../../../db/sql-record/define.ts';
import type { Db } from '../../../../db/types.ts';
import { fixtures, partyVillage } from '../fixtures.ts';
import * as q from './commit.queries.ts';
import { stagedBatch } from './queries.sql-cases.ts';

let made: number | null = null;
/** A case in the world's county, made once, quietly. */
async function onFile(db: Db, w: World) {
  if (made === null) {
    await partyVillage(db, w.village);
    made = Number((await fixtures.party_rectification?.(db, w.county))?.id);
  }
  return made;
}

export default defineCases(q, {
  updatePlans: async (db, w, quiet) => {
    const id = await quiet(() => onFile(db, w));
    return q.updatePlans(db, [
      {
        county_code: w.county,
        id,
        village_code: w.village,
        plan: '计划',
        county_leader: null,
        township_member: null,
        first_secretary: '张三',
        deadline: null,
      },
    ]);
  },
  appendProgress: async (db, w, quiet) => {
    const id = await quiet(() => onFile(db, w));
    return q.appendProgress(db, [{ county_code: w.county, id, date: '2026-03-01', content: '会议' }], 'recorder');
  },
  setOutcomeDays: async (db, w, quiet) => {
    const id = await quiet(() => onFile(db, w));
    return q.setOutcomeDays(db, [{ county_code: w.county, id, closed_on: '2026-03-01', consolidated_on: null }]);
  },
  insertNew: async (db, w, quiet) => q.insertNew(db, await quiet(() => stagedBatch(db, w.village)), 'recorder'),
});
