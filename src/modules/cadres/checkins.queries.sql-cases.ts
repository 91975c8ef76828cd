import { defineCases, type World } from '../../db/sql-record/define.ts';
import type { Db } from '../../db/types.ts';
import * as cq from './checkins.queries.ts';
import { fixture as postingFixture } from './queries.sql-cases.ts';

const KEY = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
const UUID = '0b9d2f4e-6a3c-4c55-9f1e-2d7b8a1c0e11';

/** A device of the recorded posting, registered once. */
async function device(db: Db, w: World) {
  const { posting } = await postingFixture(db, w);
  const have = await cq.deviceByThumbprint(db, w.county, 'sql-record-thumb');
  if (have) return { posting: Number(posting), device: Number(have.id) };
  const d = await cq.insertDevice(db, {
    county_code: w.county,
    posting_id: Number(posting),
    user_id: w.userId,
    public_key: KEY,
    key_thumbprint: 'sql-record-thumb',
  });
  return { posting: Number(posting), device: Number(d?.id) };
}

export default defineCases(cq, {
  deviceByThumbprint: (db, w) => cq.deviceByThumbprint(db, w.county, 'no-such-thumb'),
  insertDevice: async (db, w, quiet) => {
    const { posting } = await quiet(() => postingFixture(db, w));
    return cq.insertDevice(db, {
      county_code: w.county,
      posting_id: Number(posting),
      user_id: w.userId,
      public_key: KEY,
      key_thumbprint: 'other',
    });
  },
  devicesByIds: async (db, w, quiet) => cq.devicesByIds(db, w.county, [(await quiet(() => device(db, w))).device, 999]),
  checkinsByClientIds: (db, w) => cq.checkinsByClientIds(db, w.county, [UUID]),
  insertCheckins: async (db, w, quiet) => {
    const d = await quiet(() => device(db, w));
    return cq.insertCheckins(db, [
      {
        county_code: w.county,
        posting_id: d.posting,
        client_id: UUID,
        device_id: d.device,
        device_time: '2026-11-20T01:02:03.000Z',
        lat: 41.8,
        lon: 120.77,
        accuracy_m: 12,
        signature: 'c2ln',
        flags: [],
      },
    ]);
  },
  checkinsOfPosting: async (db, w, quiet) =>
    cq.checkinsOfPosting(db, w.county, (await quiet(() => device(db, w))).posting, '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'),
});
