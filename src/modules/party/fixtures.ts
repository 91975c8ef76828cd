import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { EntityFixtures } from '../../server/fixtures.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';
import { fixtures as registry } from '../registry/fixtures.ts';
import { createBatch } from '../registry/import/service.ts';
import * as oq from './orgs/queries.ts';

/** An organisation, a member (a new person of the county) and a pairing with a household, in the county. */
export const fixtures: EntityFixtures = {
  party_org: async (db, county) => {
    const marker = `支${randomBytes(3).toString('hex')}`;
    const region = await sql<{ code: string }>`
      SELECT code FROM region r WHERE code LIKE ${`${county}%`} AND level = 5
        AND NOT EXISTS (SELECT 1 FROM party_org o WHERE o.county_code = ${county} AND o.region_code = r.code AND o.dissolved_on IS NULL)
      ORDER BY code LIMIT 1`.execute(db);
    const id = await oq.insertOrg(db, county, region.rows[0]?.code as string, {
      name: `中共${marker}支部委员会`,
      kind: 'branch',
      established_on: null,
    });
    return { id: String(id), marker };
  },
  party_member: async (db, county) => {
    const org = await fixtures.party_org?.(db, county);
    const marker = `员${randomBytes(3).toString('hex')}`;
    const id = await memberOf(db, county, Number(org?.id), marker);
    return { id: String(id), marker };
  },
  party_pairing: async (db, county) => {
    const org = await fixtures.party_org?.(db, county);
    const marker = `对${randomBytes(3).toString('hex')}`;
    const member = await memberOf(db, county, Number(org?.id), marker);
    const h = await registry.household?.(db, county);
    const r = await sql<{ id: number }>`INSERT INTO party_pairing (county_code, member_id, household_id, start_date)
      VALUES (${county}, ${member}, ${Number(h?.id)}, '2020-01-01') RETURNING id`.execute(db);
    return { id: String(r.rows[0]?.id), marker };
  },
};

for (const kind of ['party_orgs', 'party_members'] as const) {
  fixtures[kind === 'party_orgs' ? 'party_org_import' : 'party_member_import'] = async (db, county) => {
    const marker = `fx-${randomBytes(4).toString('hex')}.xlsx`;
    const id = await createBatch(db, { scopeCode: county, actor: SYSTEM_ACTOR, filename: marker, kind });
    return { id: String(id), marker };
  };
}

/** A member of the organisation: a person made for it (a hash nobody else has), the marker as the name. */
async function memberOf(db: Parameters<EntityFixtures[string]>[0], county: string, orgId: number, marker: string) {
  const hash = randomBytes(16).toString('hex');
  const p = await sql<{ id: number }>`
    WITH ins AS (
      INSERT INTO person (county_code, id_hash, id_cipher, id_masked, id_tail_hash, name, name_pinyin, name_initials, gender, birth_date)
      VALUES (${county}, ${hash}, 'x', ${`${county.slice(0, 4)}**************`}, ${hash}, ${marker}, '', '', 'M', '1970-01-01')
      RETURNING county_code, id, id_hash),
    ident AS (INSERT INTO person_identity (id_hash, county_code, person_id) SELECT id_hash, county_code, id FROM ins)
    SELECT id FROM ins`.execute(db);
  const m = await sql<{ id: number }>`INSERT INTO party_member (county_code, org_id, person_id, joined_on)
    VALUES (${county}, ${orgId}, ${p.rows[0]?.id}, '2000-07-01') RETURNING id`.execute(db);
  return Number(m.rows[0]?.id);
}
