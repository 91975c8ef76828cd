import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './queries.ts';

export default defineCases(q, {
  villageOf: (db, w) => q.villageOf(db, w.village),
  villageFigures: (db, w) => q.villageFigures(db, w.county, w.village),
  residentTeam: (db, w) => q.residentTeam(db, w.county, w.village, '2026-03-15'),
  memberFigures: (db, w) => q.memberFigures(db, w.county, 1, 20),
});
