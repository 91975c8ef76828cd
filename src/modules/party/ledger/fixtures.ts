import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../db/types.ts';
import { type EntityFixtures, fixtureYear } from '../../../server/fixtures.ts';
import { SYSTEM_ACTOR } from '../../audit/service.ts';
import { type PiiKeys, parseKey } from '../../pii/crypto.ts';
import { openCase } from '../../procedures/service.ts';
import { checkDigit } from '../../registry/idcard.ts';
import { createBatch } from '../../registry/import/service.ts';
import { personByIdNumber } from '../screening/person.ts';
import { ADJUSTMENT } from '../screening/procedures.ts';
import { RECTIFICATION } from './procedures.ts';

// Fixture data only needs to be consistent with itself; production keys never see it.
const KEYS = parseKey(randomBytes(64).toString('base64'));
const tag = () => randomBytes(4).toString('hex');
const ACTOR = { ...SYSTEM_ACTOR, role: 'county_operator', scope: '', permissions: ['data.read', 'data.write'] as const };

/**
 * A valid ID number of the county (birth 1970–1989), for fixtures and tests. A test's own numbers (a given `seq`) are
 * born on 1 January; drawn ones on another day, so a drawn secretary never takes a number a test means to use.
 */
export function fixtureIdNumber(county: string, seq?: number) {
  const n = seq ?? randomInt(0, 1000);
  const day = seq === undefined ? `${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(2, 29)).padStart(2, '0')}` : '0101';
  const body = `${county}${1970 + (n % 20)}${day}${String(n % 1000).padStart(3, '0')}`;
  return body + checkDigit(body);
}

/**
 * A village made ready for the party records (tests and fixtures; the party core's own pages make them in the
 * product): listed poor, with an organisation and a current secretary. Returns the organisation and the term.
 */
export async function partyVillage(db: Db, village: string, opts: { keys?: PiiKeys; secretary?: string; idNumber?: string } = {}) {
  const county = village.slice(0, 6);
  await sql`INSERT INTO poor_village (county_code, village_code, year_listed, rural_population)
            VALUES (${county}, ${village}, 2014, 1000) ON CONFLICT DO NOTHING`.execute(db);
  const org = await sql<{ id: number }>`
    INSERT INTO party_org (county_code, region_code, name, kind, established_on, updated_at)
    SELECT ${county}, ${village}, name || '党支部', 'branch', '2000-01-01', now() FROM region WHERE code = ${village}
    ON CONFLICT (county_code, region_code) WHERE dissolved_on IS NULL DO UPDATE SET updated_at = excluded.updated_at
    RETURNING id`.execute(db);
  const orgId = Number(org.rows[0]?.id);
  const current = await sql<{ id: number }>`
    SELECT id FROM party_secretary_term WHERE county_code = ${county} AND org_id = ${orgId} AND end_date IS NULL`.execute(db);
  if (current.rows[0]) return { orgId, termId: Number(current.rows[0].id) };
  const personId = await db
    .transaction()
    .execute((tx) =>
      personByIdNumber(
        tx,
        opts.keys ?? KEYS,
        county,
        opts.secretary ?? `书记${tag()}`.slice(0, 8),
        opts.idNumber ?? fixtureIdNumber(county),
      ),
    );
  const term = await sql<{ id: number }>`
    INSERT INTO party_secretary_term (county_code, org_id, person_id, start_date) VALUES (${county}, ${orgId}, ${personId}, '2018-01-01')
    RETURNING id`.execute(db);
  return { orgId, termId: Number(term.rows[0]?.id) };
}

async function firstVillage(db: Db, county: string) {
  const r = await sql<{
    code: string;
  }>`SELECT code FROM region WHERE code LIKE ${`${county}%`} AND level = 5 ORDER BY code LIMIT 1`.execute(db);
  return r.rows[0]?.code as string;
}

/** A rectification case, a screening with its adjustment, a ledger import batch, in the county (the scope walk attacks them). */
export const fixtures: EntityFixtures = {
  party_ledger_import: async (db, county) => {
    const marker = `fx-ledger-${tag()}.xlsx`;
    const id = await createBatch(db, { kind: 'party_ledger', scopeCode: county, actor: SYSTEM_ACTOR, filename: marker });
    return { id: String(id), marker };
  },
  party_rectification: async (db, county) => {
    const village = await firstVillage(db, county);
    const marker = `整${tag()}`;
    const year = fixtureYear();
    const r = await sql<{ id: number }>`
      INSERT INTO party_rectification (county_code, village_code, year, causes, problems)
      VALUES (${county}, ${village}, ${year}, ARRAY['formality'], ${marker}) RETURNING id`.execute(db);
    const id = Number(r.rows[0]?.id);
    await db
      .transaction()
      .execute((tx) => openCase(tx, RECTIFICATION, { county, subjectId: id, region: village, actor: { ...ACTOR, scope: county } }));
    return { id: String(id), marker };
  },
  party_screening: async (db, county) => {
    const village = await firstVillage(db, county);
    const marker = `研${tag()}`;
    const { orgId, termId } = await partyVillage(db, village);
    const year = fixtureYear();
    const round = await sql<{ id: number }>`
      INSERT INTO party_screening_round (county_code, year, opened_on) VALUES (${county}, ${year}, '2020-01-01')
      ON CONFLICT (county_code, year) DO UPDATE SET note = excluded.note RETURNING id`.execute(db);
    const s = await sql<{ id: number }>`
      INSERT INTO party_screening (county_code, round_id, village_code, org_id, term_id, result, opinion, note, assessed_on, assessed_by, adjust_by)
      VALUES (${county}, ${Number(round.rows[0]?.id)}, ${village}, ${orgId}, ${termId}, 'incompetent', 'dissatisfied', ${marker},
              '2020-02-01', 'fixture', '2020-12-31') RETURNING id`.execute(db);
    const id = Number(s.rows[0]?.id);
    await db
      .transaction()
      .execute((tx) => openCase(tx, ADJUSTMENT, { county, subjectId: id, region: village, actor: { ...ACTOR, scope: county } }));
    return { id: String(id), marker };
  },
};
