import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './export.queries.ts';

export default defineCases(q, {
  exportPage: [
    {
      name: 'a county, first page',
      run: (db, w) => q.exportPage(db, { region: w.county, registerYear: 2017 }, { county: '', id: 0 }, 500),
    },
    {
      name: 'a county with a status filter, next page (exportRows walks a city county by county)',
      run: (db, w) => q.exportPage(db, { region: w.county, status: 'poor', registerYear: 2017 }, { county: w.county, id: 1 }, 500),
    },
  ],
  regionsAround: (db, w) => q.regionsAround(db, w.county),
});
