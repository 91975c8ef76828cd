import { defineCases, type World } from '../../../../db/sql-record/define.ts';
import type { Db } from '../../../../db/types.ts';
import { SYSTEM_ACTOR } from '../../../audit/service.ts';
import { fixtures, partyVillage } from '../fixtures.ts';
import * as q from './queries.ts';
import { stagePartyLedger } from './service.ts';

/** A staged batch of two rows of one village and year (the second repeats the first), as a preview leaves it. */
async function batch(db: Db, village: string) {
  const cells = { village_code: village, year: '2026', causes: '组织生活流于形式', state: '已认定' };
  const actor = { ...SYSTEM_ACTOR, role: 'county_operator', scope: village.slice(0, 6), permissions: ['data.read', 'data.write'] };
  const { batchId } = await stagePartyLedger(db, { scopeCode: village.slice(0, 6), actor, filename: 'ledger.xlsx' }, [
    { rowNumber: 2, cells },
    { rowNumber: 3, cells },
  ]);
  return batchId;
}

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
  analyzeStaged: (db) => q.analyzeStaged(db),
  resetChecks: async (db, w, quiet) => q.resetChecks(db, await quiet(() => batch(db, w.village))),
  markDuplicates: async (db, w, quiet) => q.markDuplicates(db, await quiet(() => batch(db, w.village))),
  rowsOnFile: async (db, w, quiet) => q.rowsOnFile(db, await quiet(() => batch(db, w.village))),
  addProblems: async (db, w, quiet) => q.addProblems(db, await quiet(() => batch(db, w.village)), [{ row: 2, problems: '[]' }]),
  lockCaseKeys: async (db, w, quiet) => q.lockCaseKeys(db, await quiet(() => batch(db, w.village))),
  classify: async (db, w, quiet) =>
    q.classify(db, await quiet(() => batch(db, w.village)), [{ row: 2, changes: '{"from":"identified","to":"planned"}' }]),
  updatePlans: async (db, w, quiet) => {
    const id = await quiet(() => onFile(db, w));
    return q.updatePlans(db, [
      { county_code: w.county, id, plan: '计划', county_leader: null, township_member: null, first_secretary: '张三', deadline: null },
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
  outcomeRows: async (db, w, quiet) => q.outcomeRows(db, await quiet(() => batch(db, w.village)), 0, 50),
  countOutcomes: async (db, w, quiet) => q.countOutcomes(db, await quiet(() => batch(db, w.village))),
  insertNew: async (db, w, quiet) => q.insertNew(db, await quiet(() => batch(db, w.village)), 'recorder'),
  uploader: (db, w) => q.uploader(db, w.userId),
});
