import { defineCases } from '../../../db/sql-record/define.ts';
import * as q from './attendance.queries.ts';

const M = '2026-11-01';

export default defineCases(q, {
  regionWhere: { noSql: 'builds a condition' },
  monthPostings: [
    { name: 'county', run: (db, w) => q.monthPostings(db, w.county, M, '2026-11-30') },
    { name: 'province', run: (db, w) => q.monthPostings(db, w.province, M, '2026-11-30') },
  ],
  checkinFact: { noSql: "turns a row monthCheckins read into the rules' fact" },
  monthDevices: [
    { name: 'county', run: (db, w) => q.monthDevices(db, w.county) },
    { name: 'province', run: (db, w) => q.monthDevices(db, w.province) },
  ],
  monthCheckins: [
    { name: 'county', run: (db, w) => q.monthCheckins(db, w.county, '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00') },
    { name: 'province', run: (db, w) => q.monthCheckins(db, w.province, '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00') },
    { name: 'village', run: (db, w) => q.monthCheckins(db, w.village, '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00') },
  ],
  monthLeave: (db, w) => q.monthLeave(db, w.county, M, '2026-11-30'),
  monthAbsences: (db, w) => q.monthAbsences(db, w.county, M, '2026-11-30'),
  upsertAttendance: (db) => q.upsertAttendance(db, M, []),
  deleteStaleAttendance: (db, w) => q.deleteStaleAttendance(db, w.county, M, []),
  upsertFlags: (db) => q.upsertFlags(db, M, []),
  monthDecidedFlags: [
    { name: 'county', run: (db, w) => q.monthDecidedFlags(db, w.county, M) },
    { name: 'province', run: (db, w) => q.monthDecidedFlags(db, w.province, M) },
  ],
  deleteStaleFlags: (db, w) => q.deleteStaleFlags(db, w.county, M, []),
  lockMonth: [
    { name: 'compute', run: (db) => q.lockMonth(db, '2026-11') },
    { name: 'decide', run: (db) => q.lockMonth(db, '2026-11', 'decide') },
  ],
});
