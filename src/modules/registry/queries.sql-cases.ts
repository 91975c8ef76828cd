import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './queries.ts';

const YEAR = 2017;

export default defineCases(q, {
  startsWith: { noSql: 'builds a LIKE condition for householdWhere and the search' },
  personSearch: { noSql: 'builds the search condition that listHouseholds sends' },
  householdWhere: { noSql: 'builds the WHERE clause that listHouseholds, countHouseholds and countPersons send' },
  countyScope: { noSql: 'builds the county part of the scope for householdWhere and the list’s search keys' },
  anyProject: { noSql: 'builds the project condition of householdWhere, coverage and the list’s rows' },
  villageNames: (db, w) => q.villageNames(db, [w.village, w.otherVillage]),
  coverage: (db, w) => q.coverage(db, w.county, YEAR),
  householdById: (db, w) => q.householdById(db, w.householdId),
  members: (db, w) => q.members(db, w.county, w.householdId),
  locateHousehold: (db, w) => q.locateHousehold(db, String(w.householdId)),
  locatePerson: (db, w) => q.locatePerson(db, String(w.personId)),
  locatePoorVillage: (db, w) => q.locatePoorVillage(db, w.village),
  locateImport: (db, w) => q.locateImport(db, String(w.batchId)),
  anyHousehold: (db) => q.anyHousehold(db),
  recentImports: (db, w) => q.recentImports(db, w.county),
  householdIdsOfVillage: (db, w) => q.householdIdsOfVillage(db, w.village),
  countPersons: (db, w) => q.countPersons(db, { region: w.county, status: 'poor', registerYear: YEAR }),
});
