import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './write.queries.ts';

export default defineCases(q, {
  lockHousehold: (db, w) => q.lockHousehold(db, w.county, w.householdId),
  snapshot: (db, w) => q.snapshot(db, w.county, w.householdId, w.registerYear),
  bumpVersion: (db, w) => q.bumpVersion(db, w.county, w.householdId),
  setStatus: [
    {
      name: 'a new status, with its dated history row',
      run: (db, w) =>
        q.setStatus(db, w.county, w.householdId, {
          status: 'exited',
          previous: 'poor',
          exitYear: w.registerYear,
          date: `${w.registerYear}-06-30`,
          reason: 'exit',
          statusChanged: true,
        }),
    },
    {
      name: 'the exit year only',
      run: (db, w) =>
        q.setStatus(db, w.county, w.householdId, {
          status: 'exited',
          previous: 'exited',
          exitYear: w.registerYear,
          date: `${w.registerYear}-06-30`,
          reason: 'exit',
          statusChanged: false,
        }),
    },
  ],
  removeMember: (db, w) => q.removeMember(db, w.county, w.householdId, w.personId),
});
