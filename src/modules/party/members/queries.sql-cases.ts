import { defineCases, type World } from '../../../db/sql-record/define.ts';
import type { Db } from '../../../db/types.ts';
import * as oq from '../orgs/queries.ts';
import * as q from './queries.ts';

/** The world's village organisation with the world's person as a member and a pairing with the world's household. */
async function memberId(db: Db, w: World) {
  const org = await oq.currentOrgOf(db, w.county, w.village);
  const orgId = org
    ? Number(org.id)
    : await oq.insertOrg(db, w.county, w.village, { name: '中共录制村支部委员会', kind: 'branch', established_on: null });
  const current = await q.currentMembership(db, w.county, w.personId);
  if (current) return Number(current.id);
  const id = await q.insertMember(db, w.county, { ...values, org_id: orgId, person_id: w.personId, joined_on: '2001-07-01' });
  await q.insertPairing(db, w.county, { member_id: id, household_id: w.householdId, start_date: '2020-01-01' });
  return id;
}

const values = { standing: 'full', post: '政策宣传岗', duty: '宣传惠民政策', wealth_leader: true, wealth_industry: '设施蔬菜' };

export default defineCases(q, {
  locateMember: async (db, w, quiet) => q.locateMember(db, String(await quiet(() => memberId(db, w)))),
  locatePairing: (db) => q.locatePairing(db, '1'),
  listMembers: [
    { name: 'a county, first page', run: (db, w) => q.listMembers(db, { region: w.county }, null, 51) },
    {
      name: 'an organisation, wealth leaders by name, after a cursor',
      run: (db, w) => q.listMembers(db, { region: w.county, orgId: 1, wealth: true, name: '张' }, { county: w.county, org: 1, id: 1 }, 51),
    },
    { name: 'a city, members who left', run: (db, w) => q.listMembers(db, { region: w.city, left: true }, null, 51) },
  ],
  memberById: async (db, w, quiet) => q.memberById(db, await quiet(() => memberId(db, w))),
  currentMembership: (db, w) => q.currentMembership(db, w.county, w.personId),
  lockMember: async (db, w, quiet) => q.lockMember(db, w.county, await quiet(() => memberId(db, w))),
  insertMember: (db, w) => q.insertMember(db, w.county, { ...values, org_id: 0, person_id: 0, joined_on: '2001-07-01' }).catch(() => 0),
  updateMember: async (db, w, quiet) => q.updateMember(db, w.county, await quiet(() => memberId(db, w)), values),
  endMember: (db, w) => q.endMember(db, w.county, 0, { date: '2024-01-01', reason: 'moved', note: null }),
  endPairingsOfMember: (db, w) => q.endPairingsOfMember(db, w.county, 0, '2024-01-01'),
  movePairings: (db, w) => q.movePairings(db, w.county, 0, 0, '2024-01-01'),
  pairingsOfMember: async (db, w, quiet) => q.pairingsOfMember(db, w.county, await quiet(() => memberId(db, w))),
  pairingsOfHousehold: (db, w) => q.pairingsOfHousehold(db, w.county, w.householdId),
  pairingById: (db) => q.pairingById(db, 1),
  householdOf: (db, w) => q.householdOf(db, w.householdId),
  openPairing: (db, w) => q.openPairing(db, w.county, 1, w.householdId),
  insertPairing: (db, w) =>
    q.insertPairing(db, w.county, { member_id: 0, household_id: w.householdId, start_date: '2020-01-01' }).catch(() => 0),
  endPairing: (db, w) => q.endPairing(db, w.county, 0, '2024-01-01'),
});
