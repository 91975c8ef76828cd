import { randomBytes } from 'node:crypto';
import type { EntityFixtures } from '../../server/fixtures.ts';
import { record, SYSTEM_ACTOR } from './service.ts';

export const fixtures: EntityFixtures = {
  async audit(db, countyCode) {
    const marker = `fx_audit_${randomBytes(5).toString('hex')}`;
    await record(db, SYSTEM_ACTOR, { scopeCode: countyCode, entity: 'fixture', entityId: marker, action: 'create', after: { marker } });
    const row = await db.selectFrom('audit_log').select('id').where('entity_id', '=', marker).executeTakeFirstOrThrow();
    return { id: String(row.id), marker };
  },
};
