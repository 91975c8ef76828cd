import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './commit.queries.ts';
import { recordedBatch } from './fixture-batch.ts';

/** Each statement of a commit, in the order the commit runs them, over one previewed batch. */
export default defineCases(q, {
  lockCadres: async (db, w, quiet) => q.lockCadres(db, (await quiet(() => recordedBatch(db, w))).batchId),
  insertUnits: async (db, w, quiet) => q.insertUnits(db, (await quiet(() => recordedBatch(db, w))).batchId),
  insertPersons: async (db, w, quiet) => q.insertPersons(db, (await quiet(() => recordedBatch(db, w))).batchId),
  updatePhones: async (db, w, quiet) => q.updatePhones(db, (await quiet(() => recordedBatch(db, w))).batchId),
  upsertCadres: async (db, w, quiet) => {
    const { batchId } = await quiet(async () => {
      const b = await recordedBatch(db, w);
      await q.insertUnits(db, b.batchId);
      await q.insertPersons(db, b.batchId);
      return b;
    });
    return q.upsertCadres(db, batchId);
  },
  newRowVillages: async (db, w, quiet) => q.newRowVillages(db, (await quiet(() => recordedBatch(db, w))).batchId),
  insertPostings: async (db, w, quiet) => {
    const { batchId } = await quiet(async () => {
      const b = await recordedBatch(db, w);
      await q.insertUnits(db, b.batchId);
      await q.insertPersons(db, b.batchId);
      await q.upsertCadres(db, b.batchId);
      return b;
    });
    return q.insertPostings(db, batchId, new Map([[w.village, 730]]));
  },
  confirmPostings: (db, w) => q.confirmPostings(db, [{ county_code: w.county, id: 1 }]),
});
