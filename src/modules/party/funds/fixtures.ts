import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { EntityFixtures } from '../../../server/fixtures.ts';
import { SYSTEM_ACTOR } from '../../audit/service.ts';
import { parseKey } from '../../pii/crypto.ts';
import { checkDigit } from '../../registry/idcard.ts';
import { createBatch } from '../../registry/import/service.ts';
import { insertCommitment } from '../commitments/queries.ts';
import { personByIdNumber } from '../reserve/person.ts';
import { insertReserve } from '../reserve/queries.ts';
import { insertPay } from './pay.queries.ts';
import { insertPayment } from './queries.ts';

// Fixture data only needs to be consistent with itself; production keys never see it.
const KEYS = parseKey(randomBytes(64).toString('base64'));
const tag = () => randomBytes(4).toString('hex');
type Db = Parameters<EntityFixtures[string]>[0];

async function firstVillage(db: Db, county: string) {
  const r = await sql<{
    code: string;
  }>`SELECT code FROM region WHERE code LIKE ${`${county}%`} AND level = 5 ORDER BY code LIMIT 1`.execute(db);
  return r.rows[0]?.code as string;
}

async function person(db: Db, county: string, name: string) {
  const body = `${county}19850101${String(randomInt(0, 999)).padStart(3, '0')}`;
  return db.transaction().execute((tx) => personByIdNumber(tx, KEYS, county, name, body + checkDigit(body)));
}

/** One record of each party-funds entity in the county's first village (the scope walk attacks them from a sibling county). */
export const fixtures: EntityFixtures = {
  async party_fund_payment(db, county) {
    const marker = `经费${tag()}`;
    const village = await firstVillage(db, county);
    const id = await insertPayment(db, county, {
      village_code: village,
      paid_on: '2025-03-15',
      amount_fen: randomInt(1, 1_000_000),
      purpose: 'other',
      source: '',
      note: marker,
    });
    return { id: String(id), marker };
  },
  async party_cadre_pay(db, county) {
    const marker = `报${tag()}`;
    const village = await firstVillage(db, county);
    const personId = await person(db, county, marker);
    const id = await insertPay(db, {
      county_code: county,
      village_code: village,
      person_id: personId,
      post: '村委会主任',
      month: '2025-03-01',
      amount_due_fen: 300_000,
      due_on: '2025-03-10',
      paid_on: null,
    });
    return { id: String(id), marker };
  },
  async party_reserve_cadre(db, county) {
    const marker = `备${tag()}`;
    const village = await firstVillage(db, county);
    const personId = await person(db, county, marker);
    const id = await insertReserve(db, {
      county_code: county,
      village_code: village,
      person_id: personId,
      since: '2025-01-01',
      source: null,
      education: null,
    });
    return { id: String(id), marker };
  },
  async party_commitment(db, county) {
    const marker = `诺${tag()}`;
    const village = await firstVillage(db, county);
    const personId = await person(db, county, `党员${tag()}`);
    const org = await sql<{ id: number }>`INSERT INTO party_org (county_code, region_code, name, kind)
      VALUES (${county}, ${village}, ${`测试党支部${tag()}`}, 'branch') ON CONFLICT DO NOTHING RETURNING id`.execute(db);
    const orgId =
      org.rows[0]?.id ??
      (
        await sql<{
          id: number;
        }>`SELECT id FROM party_org WHERE county_code = ${county} AND region_code = ${village} AND dissolved_on IS NULL`.execute(db)
      ).rows[0]?.id;
    const m = await sql<{ id: number }>`INSERT INTO party_member (county_code, org_id, person_id, joined_on)
      VALUES (${county}, ${orgId}, ${personId}, '2010-07-01') RETURNING id`.execute(db);
    const id = await insertCommitment(db, {
      county_code: county,
      member_id: Number(m.rows[0]?.id),
      region_code: village,
      year: 2025,
      content: marker,
    });
    return { id: String(id), marker };
  },
  async party_funds_import(db, county) {
    const marker = `fx-funds-${tag()}.xlsx`;
    const id = await createBatch(db, { kind: 'party_funds', scopeCode: county, actor: SYSTEM_ACTOR, filename: marker });
    return { id: String(id), marker };
  },
};
