import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { EntityFixtures } from '../../../server/fixtures.ts';
import { SYSTEM_ACTOR } from '../../audit/service.ts';
import { openCase } from '../../procedures/service.ts';
import { fixtures as registry } from '../../registry/fixtures.ts';
import { MONITORING } from './procedures.ts';

const tag = () => randomBytes(4).toString('hex');
const ACTOR = { ...SYSTEM_ACTOR, role: 'county_operator', permissions: ['data.read', 'data.write'] as const };

async function household(db: Parameters<EntityFixtures[string]>[0], county: string) {
  const h = await registry.household?.(db, county);
  const r = await sql<{ id: number; village_code: string; head_person_id: number }>`
    SELECT id, village_code, head_person_id FROM household WHERE county_code = ${county} AND id = ${Number(h?.id)}`.execute(db);
  return r.rows[0] as { id: number; village_code: string; head_person_id: number };
}

/** A monitoring case, a department list and a hit in the county (the scope walk attacks them from a sibling county). */
export const fixtures: EntityFixtures = {
  monitoring_case: async (db, county) => {
    const h = await household(db, county);
    const marker = `监${tag()}`;
    const r = await sql<{ id: number }>`
      INSERT INTO monitoring_case (county_code, household_id, village_code, kind, source, risk)
      VALUES (${county}, ${h.id}, ${h.village_code}, 'hardship', 'application', ${marker}) RETURNING id`.execute(db);
    const id = Number(r.rows[0]?.id);
    await db
      .transaction()
      .execute((tx) => openCase(tx, MONITORING, { county, subjectId: id, region: h.village_code, actor: { ...ACTOR, scope: county } }));
    return { id: String(id), marker };
  },
  comparison_batch: async (db, county) => {
    const marker = `清单${tag()}`;
    const r = await sql<{ id: number }>`
      INSERT INTO comparison_batch (scope_code, department, label, filename, status, actor_name)
      VALUES (${county}, 'other', ${marker}, ${`${marker}.csv`}, 'previewed', 'fixture') RETURNING id`.execute(db);
    return { id: String(r.rows[0]?.id), marker };
  },
  comparison_hit: async (db, county) => {
    const h = await household(db, county);
    const marker = `比${tag()}`;
    const b = await sql<{ id: number }>`
      INSERT INTO comparison_batch (scope_code, department, label, filename, status, actor_name)
      VALUES (${county}, 'vehicle', NULL, 'fixture.csv', 'matched', 'fixture') RETURNING id`.execute(db);
    const r = await sql<{ id: number }>`
      INSERT INTO comparison_hit (county_code, batch_id, row_number, department, household_id, person_id, village_code, record)
      VALUES (${county}, ${Number(b.rows[0]?.id)}, 2, 'vehicle', ${h.id}, ${h.head_person_id}, ${h.village_code},
              jsonb_build_object('号牌号码', ${marker}::text)) RETURNING id`.execute(db);
    return { id: String(r.rows[0]?.id), marker };
  },
};
