import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './export.queries.ts';

export default defineCases(q, {
  exportPage: [
    {
      name: 'a county, first page',
      run: (db, w) => q.exportPage(db, { region: w.county, registerYear: 2017 }, { county: '', id: 0 }, 500),
    },
    {
      name: 'a city with a status filter, next page',
      run: (db, w) => q.exportPage(db, { region: w.city, status: 'poor', registerYear: 2017 }, { county: w.county, id: 1 }, 500),
    },
  ],
  regionsAround: (db, w) => q.regionsAround(db, w.county),
});
