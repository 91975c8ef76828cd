import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { type EntityFixtures, fixtureYear } from '../../server/fixtures.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';
import { openCase } from '../procedures/service.ts';
import { fixtures as registry } from '../registry/fixtures.ts';
import { EXIT_COMPLAINT } from './complaints/procedure.ts';
import { HOUSEHOLD_EXIT } from './households/procedure.ts';
import { COUNTY_EXIT, VILLAGE_EXIT } from './villages/procedure.ts';

const ACTOR = { ...SYSTEM_ACTOR, role: 'county_operator', permissions: ['data.read', 'data.write'] as const };

/**
 * A household of the county proposed for exit in a batch of its village (any year, so fixtures do not collide), with
 * its case opened. The marker is the household number, which the exit's pages show.
 */
export async function exitFixture(db: Db, county: string, opts: { year?: number; householdId?: number } = {}) {
  const made = opts.householdId ? null : await registry.household?.(db, county);
  const householdId = opts.householdId ?? Number(made?.id);
  const h = await sql<{ village_code: string; household_no: string }>`
    SELECT village_code, household_no FROM household WHERE county_code = ${county} AND id = ${householdId}`.execute(db);
  const { village_code: village, household_no: no } = h.rows[0] as { village_code: string; household_no: string };
  const year = opts.year ?? fixtureYear();
  const b = await sql<{ id: number }>`
    INSERT INTO exit_batch (county_code, village_code, year, proposed_on) VALUES (${county}, ${village}, ${year}, CURRENT_DATE)
    ON CONFLICT (county_code, village_code, year) DO UPDATE SET note = exit_batch.note RETURNING id`.execute(db);
  const batchId = Number(b.rows[0]?.id);
  const e = await sql<{ id: number }>`
    INSERT INTO exit_household (county_code, batch_id, household_id, village_code, year, income_per_capita, poverty_line)
    VALUES (${county}, ${batchId}, ${householdId}, ${village}, ${year}, 5000, 3335) RETURNING id`.execute(db);
  const id = Number(e.rows[0]?.id);
  await db
    .transaction()
    .execute((tx) => openCase(tx, HOUSEHOLD_EXIT, { county, subjectId: id, region: village, actor: { ...ACTOR, scope: county } }));
  return { id, batchId, householdId, village, marker: no };
}

export const fixtures: EntityFixtures = {
  exit_household: async (db, county) => {
    const f = await exitFixture(db, county);
    return { id: String(f.id), marker: f.marker };
  },
  exit_batch: async (db, county) => {
    const f = await exitFixture(db, county);
    return { id: String(f.batchId), marker: f.marker };
  },
};

/** A complaint from a village of the county's public page (the scope walk attacks the county's complaint routes). */
export async function complaintFixture(db: Db, county: string) {
  const v = await sql<{
    code: string;
  }>`SELECT code FROM region WHERE code LIKE ${`${county}%`} AND level = 5 ORDER BY code LIMIT 1`.execute(db);
  const village = v.rows[0]?.code as string;
  const marker = `投诉${randomInt(100000, 999999)}`;
  const ref = `${county}-${String(randomInt(0, 2 ** 31))
    .padStart(10, 'A')
    .slice(0, 10)}`;
  const r = await sql<{ id: number }>`
    INSERT INTO exit_complaint (county_code, reference, village_code, kind, content, client_digest)
    VALUES (${county}, ${ref}, ${village}, 'complaint', ${`${marker} 的情况`}, 'fixture') RETURNING id`.execute(db);
  const id = Number(r.rows[0]?.id);
  await db
    .transaction()
    .execute((tx) => openCase(tx, EXIT_COMPLAINT, { county, subjectId: id, region: village, actor: { ...ACTOR, scope: county } }));
  return { id: String(id), marker };
}
fixtures.exit_complaint = complaintFixture;

/** A poor village of the county (listed here if the county has none) in an exit procedure of a year of its own. */
export async function villageExitFixture(db: Db, county: string) {
  const v = await sql<{ code: string }>`
    SELECT coalesce((SELECT village_code FROM poor_village WHERE county_code = ${county} ORDER BY village_code LIMIT 1),
                    (SELECT code FROM region WHERE code LIKE ${`${county}%`} AND level = 5 ORDER BY code LIMIT 1)) AS code`.execute(db);
  const village = v.rows[0]?.code as string;
  await sql`INSERT INTO poor_village (county_code, village_code, year_listed, rural_population)
    VALUES (${county}, ${village}, 2014, 1000) ON CONFLICT DO NOTHING`.execute(db);
  const year = fixtureYear();
  // The marker: a rural population no other record has (the detail shows it beside the poor persons).
  const rural = randomInt(9_100_000, 9_999_999);
  const r = await sql<{ id: number }>`
    INSERT INTO exit_village (county_code, village_code, year, poor_persons, rural_population)
    VALUES (${county}, ${village}, ${year}, 5, ${rural})
    ON CONFLICT (county_code, village_code, year) DO UPDATE SET rural_population = excluded.rural_population RETURNING id`.execute(db);
  const id = Number(r.rows[0]?.id);
  await db
    .transaction()
    .execute((tx) => openCase(tx, VILLAGE_EXIT, { county, subjectId: id, region: village, actor: { ...ACTOR, scope: county } }));
  return { id: String(id), marker: String(rural) };
}
fixtures.exit_village = villageExitFixture;

/** The county's own exit procedure of a year of its own. */
export async function countyExitFixture(db: Db, county: string) {
  const year = fixtureYear();
  const rural = randomInt(9_100_000, 9_999_999);
  const r = await sql<{ id: number }>`
    INSERT INTO exit_county (county_code, year, poor_persons, rural_population) VALUES (${county}, ${year}, 5, ${rural})
    ON CONFLICT (county_code, year) DO UPDATE SET rural_population = excluded.rural_population RETURNING id`.execute(db);
  const id = Number(r.rows[0]?.id);
  await db
    .transaction()
    .execute((tx) => openCase(tx, COUNTY_EXIT, { county, subjectId: id, region: county, actor: { ...ACTOR, scope: county } }));
  return { id: String(id), marker: String(rural) };
}
fixtures.exit_county = countyExitFixture;
