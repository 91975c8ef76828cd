import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './queries.ts';

export default defineCases(q, {
  villagesNamed: (db, w) => q.villagesNamed(db, w.county, '海丰'),
  matchedMembers: [
    {
      name: 'by name',
      run: (db, w) =>
        q.matchedMembers(db, { region: w.county, nameLike: '张', registerYear: 2017 }, [{ county_code: w.county, id: w.householdId }]),
    },
    {
      name: 'by pinyin',
      run: (db, w) =>
        q.matchedMembers(db, { region: w.county, pinyin: 'zhang', registerYear: 2017 }, [{ county_code: w.county, id: w.householdId }]),
    },
  ],
});
