import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './profile.queries.ts';

export default defineCases(q, {
  villageFunds: (db, w) => q.villageFunds(db, w.county, w.village, 2026, '2026-06-01'),
});
