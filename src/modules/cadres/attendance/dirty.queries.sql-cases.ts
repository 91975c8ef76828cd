import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './dirty.queries.ts';

export default defineCases(q, {
  markMonths: (db, w) => q.markMonths(db, [{ county_code: w.county, month: '2026-11' }]),
  takeDueMarks: (db) => q.takeDueMarks(db, 20, 10),
  countMarks: [
    { name: 'all', run: (db) => q.countMarks(db) },
    { name: 'before a month', run: (db) => q.countMarks(db, '2026-12') },
  ],
});
