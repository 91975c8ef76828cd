import { defineCases, type World } from '../../../db/sql-record/define.ts';
import type { Db } from '../../../db/types.ts';
import * as q from './queries.ts';

const row = (w: World, kind = 'hardship'): q.NewMonitoring => ({
  county_code: w.county,
  household_id: w.householdId,
  village_code: w.village,
  kind,
  source: 'application',
  source_ref: null,
  risk: '突发大病',
  income: 4000,
  monitoring_only: false,
  created_by: null,
});

let made: number | null = null;
/** A case of the recorded household, made once, quietly. */
async function fixture(db: Db, w: World) {
  made ??= await q.insertMonitoringCase(db, row(w));
  return made;
}

export default defineCases(q, {
  locateMonitoringCase: async (db, w, quiet) => q.locateMonitoringCase(db, String(await quiet(() => fixture(db, w)))),
  householdFacts: (db, w) => q.householdFacts(db, w.county, w.householdId),
  liveCaseOf: (db, w) => q.liveCaseOf(db, w.county, w.householdId),
  insertMonitoringCase: (db, w) => q.insertMonitoringCase(db, row(w)),
  insertMonitoringCases: (db, w) => q.insertMonitoringCases(db, [row(w, 'unstable')]),
  listMonitoring: [
    { name: 'a county, first page', run: (db, w) => q.listMonitoring(db, { region: w.county }, null, 51) },
    {
      name: 'a township, a state and a kind, after a cursor',
      run: (db, w) => q.listMonitoring(db, { region: w.township, state: 'notice', kind: 'marginal' }, { county: w.county, id: 1 }, 51),
    },
    { name: 'a city, overdue', run: (db, w) => q.listMonitoring(db, { region: w.city, overdue: { today: '2026-06-01' } }, null, 51) },
  ],
  monitoringById: async (db, w, quiet) => q.monitoringById(db, await quiet(() => fixture(db, w))),
  lockMonitoring: async (db, w, quiet) => q.lockMonitoring(db, w.county, await quiet(() => fixture(db, w))),
  setFacts: async (db, w, quiet) =>
    q.setFacts(db, w.county, await quiet(() => fixture(db, w)), { confirmed_on: '2026-06-01', decision_due: '2026-06-16' }),
  insertMeasure: async (db, w, quiet) =>
    q.insertMeasure(db, w.county, await quiet(() => fixture(db, w)), {
      type: 'health',
      started_on: '2026-06-01',
      amount: 3000,
      note: null,
    }),
  measuresOf: async (db, w, quiet) => q.measuresOf(db, w.county, await quiet(() => fixture(db, w))),
  systemCandidates: [
    { name: 'a county', run: (db, w) => q.systemCandidates(db, w.county, 5002.5, 5000) },
    { name: 'a city', run: (db, w) => q.systemCandidates(db, w.city, 5002.5, 5000) },
  ],
  noticesOfVillage: (db, w) => q.noticesOfVillage(db, w.village),
});
