import { defineCases, type World } from '../../../db/sql-record/define.ts';
import type { Db } from '../../../db/types.ts';
import * as q from './queries.ts';

let made: { id: number } | null = null;
async function fixture(db: Db, w: World) {
  made ??= await q.insertComplaint(db, {
    county_code: w.county,
    reference: `${w.county}-ABCDEFGHJK`,
    village_code: w.village,
    kind: 'complaint',
    exit_household_id: null,
    content: '帮扶干部很少到户',
    contact: null,
    client_digest: 'fixture',
  });
  return made;
}

export default defineCases(q, {
  locateComplaint: async (db, w, quiet) => q.locateComplaint(db, String((await quiet(() => fixture(db, w))).id)),
  insertComplaint: (db, w) =>
    q.insertComplaint(db, {
      county_code: w.county,
      reference: `${w.county}-ZZZZZZZZZZ`,
      village_code: w.village,
      kind: 'objection',
      exit_household_id: null,
      content: '对公示有异议',
      contact: null,
      client_digest: 'fixture',
    }),
  noticeEntry: (db, w) => q.noticeEntry(db, w.county, w.village, 1),
  complaints: [
    { name: 'all', run: (db, w) => q.complaints(db, w.county, false) },
    { name: 'open', run: (db, w) => q.complaints(db, w.township, true) },
  ],
  complaintById: async (db, w, quiet) => q.complaintById(db, Number((await quiet(() => fixture(db, w))).id)),
  complaintByReference: (db, w) => q.complaintByReference(db, w.county, `${w.county}-ABCDEFGHJK`),
  setAnswer: async (db, w, quiet) => q.setAnswer(db, w.county, Number((await quiet(() => fixture(db, w))).id), '已核实处理', '2026-01-10'),
});
