import { sql } from 'kysely';
import { defineCases, type World } from '../../db/sql-record/define.ts';
import type { Db } from '../../db/types.ts';
import * as q from './queries.ts';

/** A unit, a cadre (the recorded household's head), a posting and a leave request with their cases: made once, quietly. */
export async function fixture(db: Db, w: World) {
  const have = await sql<{ posting: number; leave: number; unit: number; cadre: number }>`
    SELECT p.id AS posting, l.id AS leave, p.unit_id AS unit, p.cadre_id AS cadre FROM cadre_posting p JOIN cadre_leave l ON l.posting_id = p.id LIMIT 1`.execute(
    db,
  );
  if (have.rows[0]) return have.rows[0];
  const unit = (await q.insertUnit(db, { name: '录制用派出单位', level: 'county', region_code: w.county })) ?? { id: 0 };
  const cadre = await q.upsertCadre(db, {
    county_code: w.county,
    person_id: w.personId,
    unit_id: unit.id,
    post: '科员',
    rank: null,
    party_member: true,
  });
  const posting = await q.insertPosting(db, {
    county_code: w.county,
    cadre_id: cadre,
    village_code: w.village,
    role: 'first_secretary',
    unit_id: unit.id,
    start_date: '2025-03-01',
    planned_end_date: '2027-03-01',
    replaces_id: null,
  });
  await sql`INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state) VALUES (${w.county}, 'cadres.posting', ${posting}, ${w.village}, 'in_post')`.execute(
    db,
  );
  const leave = await q.insertLeave(db, {
    county_code: w.county,
    posting_id: posting,
    kind: 'sick',
    start_date: '2026-11-02',
    end_date: '2026-11-03',
    reason: '感冒',
  });
  await sql`INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state) VALUES (${w.county}, 'cadres.leave', ${leave}, ${w.village}, 'requested')`.execute(
    db,
  );
  return { posting, leave, unit: unit.id, cadre };
}

export default defineCases(q, {
  postingConditions: { noSql: 'builds the WHERE conditions listPostings and the export send' },
  locatePosting: async (db, w, quiet) => q.locatePosting(db, String((await quiet(() => fixture(db, w))).posting)),
  locateLeave: async (db, w, quiet) => q.locateLeave(db, String((await quiet(() => fixture(db, w))).leave)),
  leaveOfPosting: async (db, w, quiet) => q.leaveOfPosting(db, w.county, Number((await quiet(() => fixture(db, w))).posting)),
  listUnits: (db, w) => q.listUnits(db, w.county),
  unitById: async (db, w, quiet) => q.unitById(db, Number((await quiet(() => fixture(db, w))).unit)),
  insertUnit: (db, w) => q.insertUnit(db, { name: '县委组织部', level: 'county', region_code: w.county }),
  lockIdentity: (db) => q.lockIdentity(db, 'no-such-hash'),
  identityOf: (db) => q.identityOf(db, 'no-such-hash'),
  personName: (db, w) => q.personName(db, w.county, w.personId),
  insertPerson: (db, w) =>
    q.insertPerson(db, {
      county_code: w.county,
      id_hash: 'sql-record-hash',
      id_cipher: 'sealed',
      id_masked: '2113**************',
      id_tail_hash: 'tail',
      name: '李干部',
      name_pinyin: 'liganbu',
      name_initials: 'lgb',
      gender: 'M',
      birth_date: '1985-01-01',
      phone_cipher: null,
      phone_masked: null,
      phone_hash: null,
    }),
  setPhone: (db, w) => q.setPhone(db, w.county, w.personId, { cipher: 'sealed', masked: '139****5678', hash: 'h' }),
  upsertCadre: async (db, w, quiet) => {
    const f = await quiet(() => fixture(db, w));
    return q.upsertCadre(db, {
      county_code: w.county,
      person_id: w.personId,
      unit_id: Number(f.unit),
      post: '副科长',
      rank: '四级主任科员',
      party_member: true,
    });
  },
  openPostingsOf: async (db, w, quiet) => q.openPostingsOf(db, w.county, Number((await quiet(() => fixture(db, w))).cadre)),
  insertPosting: async (db, w, quiet) => {
    const f = await quiet(() => fixture(db, w));
    return q.insertPosting(db, {
      county_code: w.county,
      cadre_id: Number(f.cadre),
      village_code: w.village,
      role: 'team_member',
      unit_id: Number(f.unit),
      start_date: '2026-01-01',
      planned_end_date: '2028-01-01',
      replaces_id: null,
    });
  },
  confirmPosting: async (db, w, quiet) => q.confirmPosting(db, w.county, Number((await quiet(() => fixture(db, w))).posting), '2025-03-01'),
  endPosting: async (db, w, quiet) =>
    q.endPosting(db, w.county, Number((await quiet(() => fixture(db, w))).posting), {
      end_date: '2026-11-30',
      end_kind: 'finished',
      end_reason_code: null,
      end_reason: null,
    }),
  disablePostingUsers: (db, w) => q.disablePostingUsers(db, w.county, 1),
  postingById: async (db, w, quiet) => q.postingById(db, Number((await quiet(() => fixture(db, w))).posting)),
  listPostings: [
    { name: 'a county, first page', run: (db, w) => q.listPostings(db, { region: w.county }, null, 51) },
    {
      name: 'a city, every filter, next page',
      run: (db, w) =>
        q.listPostings(db, { region: w.city, state: 'in_post', role: 'first_secretary', name: '李' }, { county: w.county, id: 1 }, 51),
    },
    { name: 'a village, by pinyin', run: (db, w) => q.listPostings(db, { region: w.village, pinyin: 'li' }, null, 51) },
  ],
  leaveById: async (db, w, quiet) => q.leaveById(db, Number((await quiet(() => fixture(db, w))).leave)),
  leavesOfPosting: async (db, w, quiet) => q.leavesOfPosting(db, w.county, Number((await quiet(() => fixture(db, w))).posting)),
  listLeave: [
    { name: 'a county', run: (db, w) => q.listLeave(db, { region: w.county }, null, 51) },
    {
      name: 'a township awaiting approval, next page',
      run: (db, w) => q.listLeave(db, { region: w.township, state: 'requested' }, { county: w.county, id: 1 }, 51),
    },
  ],
  lockPosting: (db, w) => db.transaction().execute((tx) => q.lockPosting(tx, w.county, 1)),
  overlappingLeave: async (db, w, quiet) =>
    q.overlappingLeave(db, w.county, Number((await quiet(() => fixture(db, w))).posting), '2026-11-01', '2026-11-05'),
  insertLeave: async (db, w, quiet) =>
    q.insertLeave(db, {
      county_code: w.county,
      posting_id: Number((await quiet(() => fixture(db, w))).posting),
      kind: 'personal',
      start_date: '2026-12-10',
      end_date: '2026-12-11',
      reason: '家事',
    }),
});
