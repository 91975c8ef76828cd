import type { World } from '../../../db/sql-record/define.ts';
import { defineCases } from '../../../db/sql-record/define.ts';
import { idNumber } from '../../../db/sql-record/world.ts';
import type { Db } from '../../../db/types.ts';
import { SYSTEM_ACTOR } from '../../audit/service.ts';
import * as q from './merge.ts';
import { stage } from './service.ts';

const TODAY = '2026-01-01';

/** A previewed batch: a new household, or (`update`) the world's first household with a changed income. */
function staged(db: Db, w: World, kind: 'new' | 'update') {
  const head = { relation: '户主', category: '一般贫困户', poverty_cause: '因病', year_identified: 2016, household_status: '未脱贫' };
  const cells =
    kind === 'new'
      ? { village_code: w.village, household_no: 'SQL0101', name: '孙六', id_number: idNumber(w.county, 11), ...head }
      : {
          village_code: w.village,
          household_no: w.householdNo,
          name: '张三',
          id_number: idNumber(w.county, 1),
          ...head,
          income_per_capita: 4100,
        };
  return stage(db, w.keys, { scopeCode: w.county, actor: SYSTEM_ACTOR, filename: `${kind}.xlsx` }, [{ rowNumber: 2, cells }]);
}

export default defineCases(q, {
  classifyHouseholds: async (db, w, quiet) => {
    const { batchId } = await quiet(() => staged(db, w, 'new'));
    await q.classifyHouseholds(db, batchId, w.registerYear);
  },
  countOutcomes: async (db, w, quiet) => {
    const { batchId } = await quiet(() => staged(db, w, 'new'));
    await q.countOutcomes(db, batchId);
  },
  commitBatch: [
    {
      name: 'new households only, a small batch',
      run: async (db, w, quiet) => {
        const { batchId } = await quiet(() => staged(db, w, 'new'));
        await db.transaction().execute((tx) => q.commitBatch(tx, batchId, w.registerYear, SYSTEM_ACTOR, TODAY, { large: false }));
      },
    },
    {
      name: 'changed households, a large batch (fresh statistics)',
      run: async (db, w, quiet) => {
        const { batchId } = await quiet(() => staged(db, w, 'update'));
        await db.transaction().execute((tx) => q.commitBatch(tx, batchId, w.registerYear, SYSTEM_ACTOR, TODAY, { large: true }));
      },
    },
  ],
});
