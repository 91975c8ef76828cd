import { sql } from 'kysely';
import { defineCases, type World } from '../../../db/sql-record/define.ts';
import type { Db } from '../../../db/types.ts';
import * as q from './queries.ts';

/** The world's person as a member of a branch in its village (the orgs and members part builds these; made here by hand). */
async function member(db: Db, w: World) {
  const org = await sql<{ id: number }>`INSERT INTO party_org (county_code, region_code, name, kind)
    VALUES (${w.county}, ${w.village}, '录制村党支部', 'branch') RETURNING id`.execute(db);
  const m = await sql<{ id: number }>`INSERT INTO party_member (county_code, org_id, person_id, joined_on)
    VALUES (${w.county}, ${org.rows[0]?.id}, ${w.personId}, '2010-07-01') RETURNING id`.execute(db);
  return Number(m.rows[0]?.id);
}

export default defineCases(q, {
  locateCommitment: (db) => q.locateCommitment(db, '1'),
  memberOf: (db) => q.memberOf(db, 1),
  listCommitments: [
    { name: 'a county, a year', run: (db, w) => q.listCommitments(db, { region: w.county, year: 2026 }, 2000) },
    { name: 'by status', run: (db, w) => q.listCommitments(db, { region: w.village, year: 2026, status: 'fulfilled' }, 2000) },
  ],
  commitmentById: (db) => q.commitmentById(db, 1),
  insertCommitment: async (db, w, quiet) =>
    q.insertCommitment(db, {
      county_code: w.county,
      member_id: await quiet(() => member(db, w)),
      region_code: w.village,
      year: 2026,
      content: '带头发展庭院经济',
    }),
  updateCommitment: (db, w) => q.updateCommitment(db, w.county, 1, 1, { status: 'fulfilled', evidence: '种植木耳 3 亩' }),
});
