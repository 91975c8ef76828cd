import { defineCases, type World } from '../../../db/sql-record/define.ts';
import type { Db } from '../../../db/types.ts';
import * as q from './queries.ts';

/** The world's village organisation, made once (quietly) for the cases that need one. */
async function orgId(db: Db, w: World) {
  const found = await q.currentOrgOf(db, w.county, w.village);
  if (found) return Number(found.id);
  return q.insertOrg(db, w.county, w.village, { name: '中共录制村支部委员会', kind: 'branch', established_on: '2000-07-01' });
}

export default defineCases(q, {
  locateOrg: async (db, w, quiet) => q.locateOrg(db, String(await quiet(() => orgId(db, w)))),
  listOrgs: [
    { name: 'a county, first page', run: (db, w) => q.listOrgs(db, { region: w.county }, null, 51) },
    {
      name: 'a city, weak ones of a kind, after a cursor',
      run: (db, w) => q.listOrgs(db, { region: w.city, kind: 'branch', state: 'weak' }, { region: w.village, id: 1 }, 51),
    },
    {
      name: 'a township, normal, dissolved',
      run: (db, w) => q.listOrgs(db, { region: w.township, state: 'normal', dissolved: true }, null, 51),
    },
  ],
  orgById: async (db, w, quiet) => q.orgById(db, await quiet(() => orgId(db, w))),
  currentOrgOf: (db, w) => q.currentOrgOf(db, w.county, w.village),
  lockOrg: async (db, w, quiet) => q.lockOrg(db, w.county, await quiet(() => orgId(db, w))),
  insertOrg: (db, w) => q.insertOrg(db, w.county, w.township, { name: '中共录制镇委员会', kind: 'committee', established_on: null }),
  updateOrg: async (db, w, quiet) =>
    q.updateOrg(db, w.county, await quiet(() => orgId(db, w)), {
      name: '中共录制村支部委员会',
      kind: 'branch',
      established_on: '2000-07-01',
    }),
  dissolveOrg: (db, w) => q.dissolveOrg(db, w.county, 0, '2024-01-01'),
  secretaryTerms: async (db, w, quiet) => q.secretaryTerms(db, w.county, await quiet(() => orgId(db, w))),
  currentTerm: async (db, w, quiet) => q.currentTerm(db, w.county, await quiet(() => orgId(db, w))),
  insertTerm: async (db, w, quiet) =>
    q.insertTerm(db, w.county, {
      org_id: await quiet(() => orgId(db, w)),
      person_id: w.personId,
      one_shoulder: true,
      start_date: '2021-01-01',
    }),
  endTerm: (db, w) => q.endTerm(db, w.county, 0, { date: '2024-01-01', reason: 'term_end', note: null }),
  touchOrg: async (db, w, quiet) => q.touchOrg(db, w.county, await quiet(() => orgId(db, w))),
  regionOf: (db, w) => q.regionOf(db, w.village),
});
