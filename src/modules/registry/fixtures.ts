import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { EntityFixtures } from '../../server/fixtures.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';
import { parseKey } from '../pii/crypto.ts';
import { checkDigit } from './idcard.ts';
import { commit, createBatch, stage } from './import/service.ts';

// Fixture data only needs to be consistent with itself; production keys never see it.
const KEYS = parseKey(randomBytes(64).toString('base64'));
const tag = () => randomBytes(4).toString('hex');

/**
 * A random valid ID number of the county. The birth date is random too: with one date and 999 sequence numbers, the
 * fixtures a scope walk makes in one county now and then drew the same number twice, and the second fixture's import
 * found its person in another household and committed nothing ("no result" in scope-walk, 2026-12-04).
 */
function idNumber(county: string): string {
  const born = new Date(Date.UTC(1950, 0, 1) + randomInt(0, 50 * 365) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `${county}${born}${String(randomInt(0, 999)).padStart(3, '0')}`;
  return body + checkDigit(body);
}

async function makeHousehold(db: Parameters<EntityFixtures[string]>[0], county: string) {
  const v = await db
    .selectFrom('region')
    .select('code')
    .where('code', 'like', `${county}%`)
    .where('level', '=', 5)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const no = `FXH${tag()}`;
  const name = `测${tag()}`;
  const { batchId } = await stage(db, KEYS, { scopeCode: county, actor: SYSTEM_ACTOR, filename: 'fixture' }, [
    {
      rowNumber: 2,
      cells: {
        village_code: v.code,
        household_no: no,
        name,
        id_number: idNumber(county),
        relation: '户主',
        category: '一般贫困户',
        poverty_cause: '因病',
        year_identified: 2015,
        household_status: '未脱贫',
      },
    },
  ]);
  await commit(db, batchId, SYSTEM_ACTOR);
  const h = await db
    .selectFrom('household')
    .select(['id', 'head_person_id', 'village_code'])
    .where('household_no', '=', no)
    .executeTakeFirstOrThrow();
  return { ...h, no, name };
}

export const fixtures: EntityFixtures = {
  async household(db, county) {
    const h = await makeHousehold(db, county);
    return { id: String(h.id), marker: h.no };
  },
  async person(db, county) {
    const h = await makeHousehold(db, county);
    return { id: String(h.head_person_id), marker: h.name };
  },
  async poor_village(db, county) {
    const v = await db
      .selectFrom('region')
      .select('code')
      .where('code', 'like', `${county}%`)
      .where('level', '=', 5)
      .orderBy('code', 'desc')
      .executeTakeFirstOrThrow();
    await sql`INSERT INTO poor_village (county_code, village_code, year_listed, rural_population) VALUES (${county}, ${v.code}, 2015, 900)
              ON CONFLICT DO NOTHING`.execute(db);
    return { id: v.code, marker: v.code };
  },
  async import(db, county) {
    const marker = `fx-${tag()}.xlsx`;
    const id = await createBatch(db, { scopeCode: county, actor: SYSTEM_ACTOR, filename: marker });
    return { id: String(id), marker };
  },
};
