import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './queries.ts';

export default defineCases(q, {
  villageOf: (db, w) => q.villageOf(db, w.village),
  registerFigures: (db, w) => q.registerFigures(db, w.county, w.village),
  poorVillage: (db, w) => q.poorVillage(db, w.county, w.village),
  residentTeam: (db, w) => q.residentTeam(db, w.county, w.village, '2026-03-15'),
  memberFigures: (db, w) => q.memberFigures(db, w.county, 1),
  wealthLeaders: (db, w) => q.wealthLeaders(db, w.county, 1, 20),
});
