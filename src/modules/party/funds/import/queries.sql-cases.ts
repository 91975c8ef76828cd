import { defineCases } from '../../../../db/sql-record/define.ts';
import type { Db } from '../../../../db/types.ts';
import { SYSTEM_ACTOR } from '../../../audit/service.ts';
import * as q from './queries.ts';
import { stagePartyFunds } from './service.ts';

/** A staged batch of two rows (one repeating the other), as a preview leaves it. */
async function batch(db: Db, village: string) {
  const cells = { village_code: village, paid_on: '2026-03-01', amount: '112000', purpose: '运转经费', source: '县财政' };
  const { batchId } = await stagePartyFunds(db, { scopeCode: village.slice(0, 6), actor: SYSTEM_ACTOR, filename: 'funds.xlsx' }, [
    { rowNumber: 2, cells },
    { rowNumber: 3, cells },
  ]);
  return batchId;
}

export default defineCases(q, {
  analyzeStaged: (db) => q.analyzeStaged(db),
  resetChecks: async (db, w, quiet) => q.resetChecks(db, await quiet(() => batch(db, w.village))),
  markDuplicates: async (db, w, quiet) => q.markDuplicates(db, await quiet(() => batch(db, w.village))),
  classify: async (db, w, quiet) => q.classify(db, await quiet(() => batch(db, w.village))),
  countOutcomes: async (db, w, quiet) => q.countOutcomes(db, await quiet(() => batch(db, w.village))),
  insertNew: async (db, w, quiet) => q.insertNew(db, await quiet(() => batch(db, w.village))),
  exportRows: (db, w) => q.exportRows(db, w.county, 2026),
});
