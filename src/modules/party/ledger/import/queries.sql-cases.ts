import { defineCases } from '../../../../db/sql-record/define.ts';
import type { Db } from '../../../../db/types.ts';
import { SYSTEM_ACTOR } from '../../../audit/service.ts';
import * as q from './queries.ts';
import { stagePartyLedger } from './service.ts';

/** A staged batch of two rows of one village and year (the second repeats the first), as a preview leaves it. */
export async function stagedBatch(db: Db, village: string) {
  const cells = { village_code: village, year: '2026', causes: '组织生活流于形式', state: '已认定' };
  const actor = { ...SYSTEM_ACTOR, role: 'county_operator', scope: village.slice(0, 6), permissions: ['data.read', 'data.write'] };
  const { batchId } = await stagePartyLedger(db, { scopeCode: village.slice(0, 6), actor, filename: 'ledger.xlsx' }, [
    { rowNumber: 2, cells },
    { rowNumber: 3, cells },
  ]);
  return batchId;
}

export default defineCases(q, {
  analyzeStaged: (db) => q.analyzeStaged(db),
  resetChecks: async (db, w, quiet) => q.resetChecks(db, await quiet(() => stagedBatch(db, w.village))),
  markDuplicates: async (db, w, quiet) => q.markDuplicates(db, await quiet(() => stagedBatch(db, w.village))),
  rowsOnFile: async (db, w, quiet) => q.rowsOnFile(db, await quiet(() => stagedBatch(db, w.village))),
  addProblems: async (db, w, quiet) => q.addProblems(db, await quiet(() => stagedBatch(db, w.village)), [{ row: 2, problems: '[]' }]),
  lockCaseKeys: async (db, w, quiet) => q.lockCaseKeys(db, await quiet(() => stagedBatch(db, w.village))),
  classify: async (db, w, quiet) =>
    q.classify(db, await quiet(() => stagedBatch(db, w.village)), [{ row: 2, changes: '{"from":"identified","to":"planned"}' }]),
  outcomeRows: async (db, w, quiet) => q.outcomeRows(db, await quiet(() => stagedBatch(db, w.village)), 0, 50),
  countOutcomes: async (db, w, quiet) => q.countOutcomes(db, await quiet(() => stagedBatch(db, w.village))),
  uploader: (db, w) => q.uploader(db, w.userId),
});
