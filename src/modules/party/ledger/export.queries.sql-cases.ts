import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './export.queries.ts';

export default defineCases(q, {
  exportPage: [
    { name: 'a county, first page', run: (db, w) => q.exportPage(db, w.county, null, { county: '', id: 0 }, 2000) },
    { name: 'a township, a year, after a key', run: (db, w) => q.exportPage(db, w.township, 2026, { county: w.county, id: 1 }, 2000) },
  ],
});
