import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './queries.ts';

export default defineCases(q, {
  locateVillageExit: (db) => q.locateVillageExit(db, '1'),
  poorVillages: (db, w) => q.poorVillages(db, w.county),
  insertVillageExit: async (db, w, quiet) => {
    await quiet(() => q.setVillageExitYear(db, w.county, w.village, 2099));
    return q
      .insertVillageExit(db, {
        county_code: w.county,
        village_code: w.village,
        year: 2098,
        poor_persons: 1,
        rural_population: 900,
        checklist: '{"roads":true}',
      })
      .catch(() => null);
  },
  villageExitById: (db) => q.villageExitById(db, 1),
  updateVillageExit: (db, w) =>
    q.updateVillageExit(db, w.county, 1, { verified: '{"roads":true}', notice_from: '2026-01-05', notice_until: '2026-01-11' }),
  setVillageExitYear: (db, w) => q.setVillageExitYear(db, w.county, w.village, 2026),
  locateCountyExit: (db) => q.locateCountyExit(db, '1'),
  povertyCounties: (db, w) => q.povertyCounties(db, w.county),
  insertCountyExit: (db, w) => q.insertCountyExit(db, { county_code: w.county, year: 2097, poor_persons: 10, rural_population: 9000 }),
  countyExitById: (db) => q.countyExitById(db, 1),
  updateCountyExit: (db, w) => q.updateCountyExit(db, w.county, 1, { announced_on: '2026-02-01' }),
});
