import { sql } from 'kysely';
import { defineCases } from '../../db/sql-record/define.ts';
import * as q from './queries.ts';

/** A case of a made-up procedure in the recorded village (created quietly, once). */
async function aCase(db: Parameters<typeof q.caseById>[0], village: string) {
  const found = await sql<{ id: number }>`SELECT id FROM procedure_case WHERE procedure = 'sql.case' LIMIT 1`.execute(db);
  if (found.rows[0]) return Number(found.rows[0].id);
  const c = await q.insertCase(db, {
    county_code: village.slice(0, 6),
    procedure: 'sql.case',
    subject_id: 1,
    region_code: village,
    state: 'a',
    due_date: null,
  });
  return Number(c.id);
}

export default defineCases(q, {
  insertCase: (db, w) =>
    q.insertCase(db, {
      county_code: w.county,
      procedure: 'sql.insert',
      subject_id: 7,
      region_code: w.village,
      state: 'a',
      due_date: '2026-12-31',
    }),
  caseById: async (db, w, quiet) => q.caseById(db, w.county, await quiet(() => aCase(db, w.village))),
  caseOfSubject: (db, w) => q.caseOfSubject(db, w.county, 'sql.case', 1),
  moveCase: async (db, w, quiet) => {
    const id = await quiet(() => aCase(db, w.village));
    return q.moveCase(db, { county_code: w.county, id, state: 'a', version: 1 }, { state: 'b', due_date: null, closed: false });
  },
  insertStep: async (db, w, quiet) => {
    const id = await quiet(() => aCase(db, w.village));
    return q.insertStep(db, {
      county_code: w.county,
      case_id: id,
      seq: 1,
      action: 'open',
      from_state: null,
      to_state: 'a',
      effective_date: '2026-12-01',
      actor_id: w.userId,
      actor_name: 'beipiao',
      actor_scope: w.county,
      reason: null,
      note: null,
    });
  },
  steps: async (db, w, quiet) => q.steps(db, w.county, await quiet(() => aCase(db, w.village))),
  countOverdue: (db, w) => q.countOverdue(db, 'sql.case', w.county, '2026-12-01'),
  insertCases: (db, w) =>
    q.insertCases(db, 'sql.many', 'a', [
      { county_code: w.county, subject_id: 8, region_code: w.village, due_date: '2026-12-31' },
      { county_code: w.county, subject_id: 9, region_code: w.village, due_date: null },
    ]),
  casesByKeys: async (db, w, quiet) => q.casesByKeys(db, [{ county_code: w.county, id: await quiet(() => aCase(db, w.village)) }]),
  moveCases: async (db, w, quiet) => {
    const id = await quiet(() => aCase(db, w.village));
    return q.moveCases(db, [{ county_code: w.county, id, from: 'a', version: 1, to: 'b', due_date: null, closed: false }]);
  },
  insertSteps: async (db, w, quiet) => {
    const id = await quiet(() => aCase(db, w.village));
    return q.insertSteps(db, [
      {
        county_code: w.county,
        case_id: id,
        seq: 2,
        action: 'open',
        from_state: null,
        to_state: 'a',
        effective_date: '2026-12-01',
        actor_id: w.userId,
        actor_name: 'beipiao',
        actor_scope: w.county,
        reason: null,
        note: null,
      },
    ]);
  },
});
