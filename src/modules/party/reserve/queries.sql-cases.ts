import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './queries.ts';

export default defineCases(q, {
  locateReserve: (db) => q.locateReserve(db, '1'),
  listReserves: (db, w) => q.listReserves(db, w.county, 2000),
  insertReserve: (db, w) =>
    q.insertReserve(db, {
      county_code: w.county,
      village_code: w.village,
      person_id: w.personId,
      since: '2025-01-01',
      source: '致富能手',
      education: '高中',
    }),
  reserveById: (db) => q.reserveById(db, 1),
  trainings: (db, w) => q.trainings(db, w.county, 1),
  insertTraining: async (db, w, quiet) => {
    // The reserve cadre insertReserve made above.
    const [first] = await quiet(() => q.listReserves(db, w.county, 1));
    return q.insertTraining(db, {
      county_code: w.county,
      reserve_id: Number(first?.id ?? 0),
      trained_on: '2025-06-01',
      course: '村级后备干部培训班',
      hours: 16,
      organiser: '县委组织部',
    });
  },
  lockReserve: (db, w) => q.lockReserve(db, w.county, 1),
  endReserve: (db, w) => q.endReserve(db, w.county, 1, { left_on: '2026-03-01', left_reason: 'elected', left_note: '当选村委委员' }),
});
