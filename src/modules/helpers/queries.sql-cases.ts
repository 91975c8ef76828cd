import { defineCases, type World } from '../../db/sql-record/define.ts';
import type { Db } from '../../db/types.ts';
import * as q from './queries.ts';

/** The world's helper: the one its import made for the recorded household (李帮扶). */
async function helperId(db: Db, w: World) {
  const rows = await q.listHelpers(db, { region: w.county }, null, 1);
  return Number(rows[0]?.id ?? 0);
}

const values = { person_id: null, name: '录制帮扶人', work_unit: '县农业农村局', phone_cipher: null, phone_masked: null, phone_hash: null };

export default defineCases(q, {
  locateHelper: async (db, w, quiet) => q.locateHelper(db, String(await quiet(() => helperId(db, w)))),
  listHelpers: [
    { name: 'a county, first page', run: (db, w) => q.listHelpers(db, { region: w.county }, null, 51) },
    {
      name: 'a city, a name prefix, after a cursor',
      run: (db, w) => q.listHelpers(db, { region: w.city, name: '李' }, { county: w.county, id: 1 }, 51),
    },
    { name: 'a township: its county', run: (db, w) => q.listHelpers(db, { region: w.township }, null, 51) },
  ],
  helperById: async (db, w, quiet) => q.helperById(db, await quiet(() => helperId(db, w))),
  lockHelper: async (db, w, quiet) => q.lockHelper(db, w.county, await quiet(() => helperId(db, w))),
  helperPairings: async (db, w, quiet) => q.helperPairings(db, w.county, await quiet(() => helperId(db, w)), 1000),
  sameHelper: (db, w) => q.sameHelper(db, w.county, '李帮扶', null, 1),
  helperOfPerson: (db, w) => q.helperOfPerson(db, w.county, w.personId),
  insertHelper: (db, w) => q.insertHelper(db, w.county, values),
  updateHelper: async (db, w, quiet) => q.updateHelper(db, w.county, await quiet(() => helperId(db, w)), { ...values, name: '李帮扶' }),
  householdsInRegion: (db, w) => q.householdsInRegion(db, w.county, [w.householdId, 999_999_999]),
  endPairings: async (db, w, quiet) => q.endPairings(db, w.county, [w.householdId], await quiet(() => helperId(db, w)), '2026-01-01'),
  insertPairings: async (db, w, quiet) =>
    q.insertPairings(db, w.county, [w.householdId], { id: await quiet(() => helperId(db, w)), name: '李帮扶' }, '2026-01-01'),
  helpersWithoutPhoneHash: (db) => q.helpersWithoutPhoneHash(db, 2000),
  setPhoneHashes: (db, w) => q.setPhoneHashes(db, [{ county: w.county, id: 1, hash: 'hash' }]),
});
