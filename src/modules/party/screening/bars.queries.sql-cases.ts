import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './bars.queries.ts';
import { DEFAULT_BARS } from './bars.ts';

export default defineCases(q, {
  barsOf: (db, w) => q.barsOf(db, w.province),
  saveBars: (db, w) => q.saveBars(db, w.province, DEFAULT_BARS.slice(0, 3)),
  ensureBars: (db, w) => q.ensureBars(db, w.province, DEFAULT_BARS),
  insertNomination: (db, w) =>
    q.insertNomination(db, {
      county: w.county,
      village: w.village,
      personId: w.personId,
      on: '2026-03-01',
      checks: [{ code: 'criminal', zh: '受过刑事处罚的', en: 'Criminal', hit: false }],
      nominated: true,
      note: null,
      by: 'recorder',
    }),
  nominationsOfVillage: (db, w) => q.nominationsOfVillage(db, w.county, w.village),
});
