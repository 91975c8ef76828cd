import { defineCases, type World } from '../../db/sql-record/define.ts';
import type { Db } from '../../db/types.ts';
import * as cq from './checkins.queries.ts';
import * as dq from './devices.queries.ts';
import { fixture as postingFixture } from './queries.sql-cases.ts';

const KEY = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };

/** A device of the recorded posting, registered once. */
async function device(db: Db, w: World) {
  const { posting } = await postingFixture(db, w);
  const have = await cq.deviceByThumbprint(db, w.county, 'sql-record-revoke');
  if (have) return { posting: Number(posting), device: Number(have.id) };
  const d = await cq.insertDevice(db, {
    county_code: w.county,
    posting_id: Number(posting),
    user_id: w.userId,
    public_key: KEY,
    key_thumbprint: 'sql-record-revoke',
  });
  return { posting: Number(posting), device: Number(d?.id) };
}

export default defineCases(dq, {
  devicesOfPosting: async (db, w, quiet) => dq.devicesOfPosting(db, w.county, (await quiet(() => device(db, w))).posting),
  revokeDevice: async (db, w, quiet) =>
    dq.revokeDevice(db, { county: w.county, id: (await quiet(() => device(db, w))).device, reason: '手机遗失', byName: 'beipiao' }),
});
