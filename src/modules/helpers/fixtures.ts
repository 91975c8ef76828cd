import { randomBytes } from 'node:crypto';
import type { EntityFixtures } from '../../server/fixtures.ts';
import * as q from './queries.ts';

/** A helper known by name only, in the county (the scope walk attacks it from the sibling county). */
export const fixtures: EntityFixtures = {
  helper: async (db, county) => {
    const marker = `帮${randomBytes(3).toString('hex')}`;
    const id = await q.insertHelper(db, county, {
      person_id: null,
      name: marker,
      work_unit: null,
      phone_cipher: null,
      phone_masked: null,
      phone_hash: null,
    });
    return { id: String(id), marker };
  },
};
