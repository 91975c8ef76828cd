import { defineCases, type World } from '../../../db/sql-record/define.ts';
import type { Db } from '../../../db/types.ts';
import { fixtures, partyVillage } from '../ledger/fixtures.ts';
import * as q from './queries.ts';

let made: { id: number; orgId: number; termId: number } | null = null;
/** An organisation with its secretary and an unfit screening in the world's village, made once, quietly. */
async function fixture(db: Db, w: World) {
  if (!made) {
    const v = await partyVillage(db, w.village);
    made = { id: Number((await fixtures.party_screening?.(db, w.county))?.id), ...v };
  }
  return made;
}

export default defineCases(q, {
  locateScreening: async (db, w, quiet) => q.locateScreening(db, String((await quiet(() => fixture(db, w))).id)),
  rounds: [
    { name: 'a county', run: (db, w) => q.rounds(db, w.county, null) },
    { name: 'one round inside a township', run: (db, w) => q.rounds(db, w.township, 1) },
  ],
  roundOfYear: (db, w) => q.roundOfYear(db, w.county, 2026),
  insertRound: (db, w) => q.insertRound(db, w.county, 2030, '2030-01-02', null),
  listSecretaries: async (db, w, quiet) =>
    q.listSecretaries(db, w.county, await quiet(() => q.insertRound(db, w.county, 2031, '2031-01-02', null))),
  villagesWithoutSecretary: (db, w) => q.villagesWithoutSecretary(db, w.county),
  screeningsOfRound: (db, w) => q.screeningsOfRound(db, w.county, 1, w.township),
  screeningById: async (db, w, quiet) => q.screeningById(db, (await quiet(() => fixture(db, w))).id),
  screeningsOfVillage: (db, w) => q.screeningsOfVillage(db, w.county, w.village),
  lockScreening: async (db, w, quiet) => q.lockScreening(db, w.county, (await quiet(() => fixture(db, w))).id),
  assess: async (db, w, quiet) =>
    q.assess(db, w.county, (await quiet(() => fixture(db, w))).id, {
      result: 'competent',
      opinion: 'satisfied',
      note: null,
      on: '2026-03-01',
      by: 'recorder',
      adjustBy: null,
    }),
  setAdjusted: async (db, w, quiet) => {
    const f = await quiet(() => fixture(db, w));
    return q.setAdjusted(db, w.county, f.id, f.termId, '2026-03-01');
  },
  endTerm: async (db, w, quiet) => q.endTerm(db, w.county, (await quiet(() => fixture(db, w))).termId, '2026-03-01', 'adjusted', null),
  insertTerm: async (db, w, quiet) =>
    q.insertTerm(db, w.county, (await quiet(() => fixture(db, w))).orgId, w.personId, false, '2026-03-02'),
  secretaryHistory: (db, w) => q.secretaryHistory(db, w.county, w.village),
});
