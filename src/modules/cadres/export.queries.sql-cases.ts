import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './export.queries.ts';

export default defineCases(q, {
  exportPage: [
    { name: 'a county, all postings', run: (db, w) => q.exportPage(db, { region: w.county }, { county: '', id: 0 }, 500) },
    {
      name: 'a township, in post, first secretaries, a name',
      run: (db, w) =>
        q.exportPage(db, { region: w.township, state: 'in_post', role: 'first_secretary', name: '王' }, { county: '', id: 0 }, 500),
    },
  ],
  countExportPersons: (db, w) => q.countExportPersons(db, { region: w.county, state: 'in_post' }),
});
