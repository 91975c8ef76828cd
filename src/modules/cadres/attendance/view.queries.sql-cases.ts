import { defineCases } from '../../../db/sql-record/define.ts';
import * as v from './view.queries.ts';

const M = '2026-11-01';

export default defineCases(v, {
  locateFlag: (db) => v.locateFlag(db, '1'),
  listAttendance: [
    { name: 'first page', run: (db, w) => v.listAttendance(db, { region: w.county, month: M }, null, 51) },
    {
      name: 'filtered, next page',
      run: (db, w) =>
        v.listAttendance(db, { region: w.province, month: M, compliant: false, flagged: true }, { county: w.county, id: 1 }, 51),
    },
  ],
  computedAt: (db, w) => v.computedAt(db, w.county, M),
  attendanceOf: (db, w) => v.attendanceOf(db, w.county, 1, M),
  flagsOfPosting: (db, w) => v.flagsOfPosting(db, w.county, 1, M),
  flagsOfRegion: (db, w) => v.flagsOfRegion(db, w.county, M),
  flagById: (db) => v.flagById(db, 1),
  replacementGrounds: (db, w) => v.replacementGrounds(db, w.county, 1),
  decideFlag: (db, w) =>
    v.decideFlag(db, { county: w.county, id: 1, version: 1, state: 'dismissed', outcome: null, by: null, byName: 'x', note: 'n' }),
  refreshOpenFlags: (db, w) => v.refreshOpenFlags(db, w.county, 1, M),
  setFlagAbsence: (db, w) => v.setFlagAbsence(db, w.county, 1, 1),
  absenceDayFor: (db, w) => v.absenceDayFor(db, { county: w.county, postingId: 1, first: M, last: '2026-11-30', prefer: [], avoid: [] }),
});
