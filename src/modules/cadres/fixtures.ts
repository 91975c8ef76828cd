import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { EntityFixtures } from '../../server/fixtures.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';
import { parseKey } from '../pii/crypto.ts';
import { checkDigit } from '../registry/idcard.ts';
import { createBatch } from '../registry/import/service.ts';
import { requestLeave } from './leave.ts';
import { upsertPoints } from './points/points.queries.ts';
import * as q from './queries.ts';
import { createPosting, postingStep } from './service.ts';

// Fixture data only needs to be consistent with itself; production keys never see it.
const KEYS = parseKey(randomBytes(64).toString('base64'));
const tag = () => randomBytes(4).toString('hex');

type Db = Parameters<EntityFixtures[string]>[0];

/** A posting in post in the county's first village, proposed and confirmed as the county would. */
async function makePosting(db: Db, county: string) {
  const actor = {
    id: null,
    username: 'fixture',
    role: 'county_operator',
    scope: county,
    permissions: ['data.read', 'data.write'] as const,
  };
  const village = await db
    .selectFrom('region')
    .select('code')
    .where('code', 'like', `${county}%`)
    .where('level', '=', 5)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const unit = (await q.insertUnit(db, { name: `测试单位${tag()}`, level: 'county', region_code: county })) ?? { id: 0 };
  const body = `${county}19800101${String(randomInt(0, 999)).padStart(3, '0')}`;
  const name = `驻${tag()}`;
  const { id } = await createPosting(
    db,
    KEYS,
    { ...actor, permissions: [...actor.permissions] },
    {
      cadre: { name, idNumber: body + checkDigit(body), unitId: Number(unit.id), post: '科员', partyMember: true },
      villageCode: village.code,
      role: 'team_member',
      startDate: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
    },
  );
  await postingStep(db, { ...actor, permissions: [...actor.permissions] }, id, { action: 'confirm', version: 1 });
  return { id, name, actor: { ...actor, permissions: [...actor.permissions] } };
}

export const fixtures: EntityFixtures = {
  async cadre_posting(db, county) {
    const p = await makePosting(db, county);
    return { id: String(p.id), marker: p.name };
  },
  async posting_import(db, county) {
    const marker = `fx-postings-${tag()}.xlsx`;
    const id = await createBatch(db, { kind: 'postings', scopeCode: county, actor: SYSTEM_ACTOR, filename: marker });
    return { id: String(id), marker };
  },
  async village_point(db, county) {
    const village = await db
      .selectFrom('region')
      .select('code')
      .where('code', 'like', `${county}%`)
      .where('level', '=', 5)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    await upsertPoints(
      db,
      [{ village_code: village.code, lon: 121.1234567, lat: 41.7654321, source: 'imported', given_crs: 'wgs84' }],
      null,
    );
    return { id: village.code, marker: village.code };
  },
  async cadre_leave(db, county) {
    const p = await makePosting(db, county);
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const { id } = await requestLeave(db, p.actor, p.id, { kind: 'personal', startDate: day, endDate: day, reason: '事假' });
    return { id: String(id), marker: p.name };
  },
  async cadre_flag(db, county) {
    const p = await makePosting(db, county);
    const marker = `挂名核查${tag()}`;
    const r = await sql<{ id: string }>`
      INSERT INTO cadre_flag (county_code, posting_id, month, village_code, code, reason_zh, reason_en, evidence)
      SELECT county_code, id, date_trunc('month', now())::date, village_code, 'name_only', ${marker}, ${marker}, '{}'::jsonb
      FROM cadre_posting WHERE id = ${p.id} RETURNING id::text AS id`.execute(db);
    return { id: String(r.rows[0]?.id), marker };
  },
};
