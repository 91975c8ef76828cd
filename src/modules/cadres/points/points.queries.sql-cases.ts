import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './points.queries.ts';

export default defineCases(q, {
  locateVillage: (db, w) => q.locateVillage(db, w.village),
  regionsByCodes: (db, w) => q.regionsByCodes(db, [w.village, w.otherVillage]),
  pointsOf: (db, w) => q.pointsOf(db, [w.village], true),
  upsertPoints: (db, w) =>
    q.upsertPoints(db, [{ village_code: w.village, lon: 120.7734, lat: 41.8012, source: 'imported', given_crs: 'gcj02' }], w.userId),
  listVillagePoints: (db, w) => q.listVillagePoints(db, { region: w.county, missing: true }, w.village, 50),
});
