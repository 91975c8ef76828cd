import { sql } from 'kysely';
import { defineCases, type World } from '../../../db/sql-record/define.ts';
import type { Db } from '../../../db/types.ts';
import * as q from './queries.ts';

/** The world's village with an organisation and one decision (made quietly, once per run). */
async function decision(db: Db, w: World) {
  const org = await q.villageOrg(db, w.village);
  const orgId =
    org?.id ??
    (
      await sql<{
        id: number;
      }>`INSERT INTO party_org (county_code, region_code, name, kind) VALUES (${w.county}, ${w.village}, '录制党支部', 'branch') RETURNING id`.execute(
        db,
      )
    ).rows[0]?.id;
  const existing = await q.villageDecisions(db, w.village, 1);
  if (existing[0]) return { county: w.county, id: Number(existing[0].id), org: Number(orgId) };
  const id = await q.insertDecision(db, {
    county_code: w.county,
    village_code: w.village,
    org_id: Number(orgId),
    title: '录制事项',
    content: '录制',
    category: 'project',
    amount: null,
    source: 'village_cadres',
    proposed_on: '2026-01-01',
  });
  await sql`INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state) VALUES (${w.county}, 'party_decision', ${id}, ${w.village}, 'proposed')`.execute(
    db,
  );
  return { county: w.county, id, org: Number(orgId) };
}

const step = (w: World, id: number): q.NewStep => ({
  county_code: w.county,
  decision_id: id,
  village_code: w.village,
  step: 'org_propose',
  held_on: '2026-01-02',
  present: 5,
  total: 7,
  votes_for: 5,
  votes_against: 0,
  votes_abstain: 0,
  township_attendee: null,
  joint: false,
  outcome: 'passed',
  summary: null,
  place: null,
});

export default defineCases(q, {
  locateDecision: async (db, w, quiet) => q.locateDecision(db, String((await quiet(() => decision(db, w))).id)),
  villageOrg: (db, w) => q.villageOrg(db, w.village),
  memberCount: async (db, w, quiet) => q.memberCount(db, w.county, (await quiet(() => decision(db, w))).org, '2026-01-01'),
  regionOf: (db, w) => q.regionOf(db, w.village),
  insertDecision: async (db, w, quiet) => {
    const { org } = await quiet(() => decision(db, w));
    return q.insertDecision(db, {
      county_code: w.county,
      village_code: w.village,
      org_id: org,
      title: '录制事项二',
      content: '录制',
      category: 'funds',
      amount: '1000.00',
      source: 'higher_level',
      proposed_on: '2026-01-01',
    });
  },
  decisionById: async (db, w, quiet) => q.decisionById(db, (await quiet(() => decision(db, w))).id),
  lockDecision: async (db, w, quiet) => q.lockDecision(db, w.county, (await quiet(() => decision(db, w))).id),
  listDecisions: [
    { name: 'a county, first page', run: (db, w) => q.listDecisions(db, { region: w.county }, null, 51) },
    {
      name: 'a city, a state, a year, after a cursor',
      run: (db, w) => q.listDecisions(db, { region: w.city, state: 'proposed', year: 2026 }, 1000, 51),
    },
    { name: 'a township, one village', run: (db, w) => q.listDecisions(db, { region: w.township, village: w.village }, null, 51) },
  ],
  decisionSteps: async (db, w, quiet) => q.decisionSteps(db, w.county, (await quiet(() => decision(db, w))).id),
  insertStep: async (db, w, quiet) => q.insertStep(db, step(w, (await quiet(() => decision(db, w))).id)),
  disclosedDecisions: (db, w) => q.disclosedDecisions(db, w.village, 100),
  stepsOf: async (db, w, quiet) => q.stepsOf(db, w.county, [(await quiet(() => decision(db, w))).id]),
  villageDecisions: (db, w) => q.villageDecisions(db, w.village, 5),
});
