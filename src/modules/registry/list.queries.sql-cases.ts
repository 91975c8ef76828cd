import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './list.queries.ts';

const YEAR = 2017;

export default defineCases(q, {
  listHouseholds: [
    { name: 'a county, first page (prepared)', run: (db, w) => q.listHouseholds(db, { region: w.county, registerYear: YEAR }, null, 51) },
    {
      name: 'a village, status filter, next page in the county',
      run: (db, w) => q.listHouseholds(db, { region: w.village, status: 'poor', registerYear: YEAR }, { county: w.county, id: 1 }, 51),
    },
    {
      name: 'a city, cause and category, next page across counties',
      run: (db, w) =>
        q.listHouseholds(
          db,
          { region: w.city, cause: 'illness', category: 'general', registerYear: YEAR },
          { county: w.county, id: 1 },
          51,
        ),
    },
    {
      name: 'gap: no helper',
      run: (db, w) => q.listHouseholds(db, { region: w.province, gap: 'no_helper', registerYear: YEAR }, null, 51),
    },
    {
      name: 'gap: no project',
      run: (db, w) => q.listHouseholds(db, { region: w.county, gap: 'no_project', registerYear: YEAR }, null, 51),
    },
    {
      name: 'gap: no deadline',
      run: (db, w) => q.listHouseholds(db, { region: w.county, gap: 'no_deadline', registerYear: YEAR }, null, 51),
    },
    {
      name: 'gap: deadline passed',
      run: (db, w) => q.listHouseholds(db, { region: w.county, gap: 'deadline_passed', registerYear: YEAR }, null, 51),
    },
    {
      name: 'search only, by name, in a county (keys from the members)',
      run: (db, w) => q.listHouseholds(db, { region: w.county, nameLike: '张', registerYear: YEAR }, null, 51),
    },
    {
      name: 'search only, by pinyin, in a city, next page',
      run: (db, w) => q.listHouseholds(db, { region: w.city, pinyin: 'zs', registerYear: YEAR }, { county: w.county, id: 1 }, 51),
    },
    {
      name: 'search by ID hash with a status filter (EXISTS on the members)',
      run: (db, w) => q.listHouseholds(db, { region: w.township, idHash: 'id-hash', status: 'poor', registerYear: YEAR }, null, 51),
    },
    {
      name: 'several statuses, planned exit year, income band',
      run: (db, w) =>
        q.listHouseholds(
          db,
          { region: w.county, status: ['poor', 'returned'], plannedExit: 2016, incomeBand: 3, registerYear: YEAR },
          null,
          51,
        ),
    },
    {
      name: 'no planned exit year, by household number',
      run: (db, w) =>
        q.listHouseholds(db, { region: w.county, plannedExit: 'none', householdNo: w.householdNo, registerYear: YEAR }, null, 51),
    },
    {
      name: 'search by a village name or the last four ID characters',
      run: (db, w) =>
        q.listHouseholds(db, { region: w.county, villageCodes: [w.village], idTailHash: 'tail-hash', registerYear: YEAR }, null, 51),
    },
    {
      name: 'the province, walked from the first county holding households (one county, then the counties after it)',
      run: (db, w) => q.listHouseholds(db, { region: w.province, status: 'poor', registerYear: YEAR }, null, 51, [w.county]),
    },
  ],
  householdCounties: (db) => q.householdCounties(db),
  estimateHouseholds: (db, w) => q.estimateHouseholds(db, { region: w.city, gap: 'no_helper', registerYear: YEAR }),
  countHouseholds: [
    { name: 'a city, every row (Citus)', run: (db, w) => q.countHouseholds(db, { region: w.city, registerYear: YEAR }, 10_000, 0, true) },
    { name: 'a county', run: (db, w) => q.countHouseholds(db, { region: w.county, registerYear: YEAR }, 10_000, 0) },
    {
      name: 'a city with a gap',
      run: (db, w) => q.countHouseholds(db, { region: w.city, gap: 'no_helper', registerYear: YEAR }, 10_000, 0),
    },
  ],
});
