import { randomBytes } from 'node:crypto';
import type { EntityFixtures } from '../../server/fixtures.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';
import { createUser } from './service.ts';

export const fixtures: EntityFixtures = {
  async user(db, countyCode) {
    const username = `fx_${randomBytes(5).toString('hex')}`;
    const row = await db.transaction().execute((tx) =>
      createUser(tx, SYSTEM_ACTOR, null, {
        username,
        displayName: username,
        role: 'leader',
        scopeCode: countyCode,
        password: 'Fixture#2024',
      }),
    );
    return { id: String(row.id), marker: username };
  },
};
