import { defineCases } from '../../../db/sql-record/define.ts';
import { POSTING } from '../procedures.ts';
import { recordedBatch } from './fixture-batch.ts';
import * as q from './queries.ts';

const STATES = Object.fromEntries(Object.entries(POSTING.states).map(([k, s]) => [k, s.label]));

export default defineCases(q, {
  resetChecks: async (db, w, quiet) => q.resetChecks(db, (await quiet(() => recordedBatch(db, w))).batchId),
  maskedCandidates: async (db, w, quiet) => q.maskedCandidates(db, (await quiet(() => recordedBatch(db, w))).batchId),
  settleMasked: async (db, w, quiet) => {
    const { batchId } = await quiet(() => recordedBatch(db, w));
    return q.settleMasked(
      db,
      batchId,
      [{ row: 4, hash: 'h' }],
      [{ row: 4, column: 'id_number', code: 'MASKED_ID_NO_POSTING', params: {} }],
    );
  },
  checkPersons: async (db, w, quiet) => q.checkPersons(db, (await quiet(() => recordedBatch(db, w))).batchId),
  matchPostings: async (db, w, quiet) =>
    q.matchPostings(db, (await quiet(() => recordedBatch(db, w))).batchId, {
      roles: { first_secretary: '第一书记' },
      levels: { county: '县级' },
    }),
  checkNewPostings: async (db, w, quiet) => q.checkNewPostings(db, (await quiet(() => recordedBatch(db, w))).batchId, STATES),
  findUnits: async (db, w, quiet) => q.findUnits(db, (await quiet(() => recordedBatch(db, w))).batchId),
  classify: async (db, w, quiet) => q.classify(db, (await quiet(() => recordedBatch(db, w))).batchId),
  countOutcomes: async (db, w, quiet) => q.countOutcomes(db, (await quiet(() => recordedBatch(db, w))).batchId, '2026-01-01'),
  unitsToCreate: async (db, w, quiet) => q.unitsToCreate(db, (await quiet(() => recordedBatch(db, w))).batchId),
  analyzeStaged: (db) => q.analyzeStaged(db),
});
