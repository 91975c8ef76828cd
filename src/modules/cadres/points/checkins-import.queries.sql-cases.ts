import { defineCases } from '../../../db/sql-record/define.ts';
import { fixture as postingFixture } from '../queries.sql-cases.ts';
import * as q from './checkins-import.queries.ts';

const UUID = '2f1c5c8e-3b7a-5d4e-8f6a-1c2b3d4e5f60';

export default defineCases(q, {
  cadresByIdHash: (db, w) => q.cadresByIdHash(db, w.county, ['no-such-hash']),
  confirmedPostings: async (db, w, quiet) => {
    const { cadre } = await quiet(() => postingFixture(db, w));
    return q.confirmedPostings(db, w.township, [{ county_code: w.county, cadre_id: Number(cadre) }]);
  },
  storedClientIds: (db, w) => q.storedClientIds(db, [{ county_code: w.county, client_id: UUID }]),
  insertImportedCheckins: async (db, w, quiet) => {
    const { posting } = await quiet(() => postingFixture(db, w));
    return q.insertImportedCheckins(db, [
      {
        county_code: w.county,
        posting_id: Number(posting),
        client_id: UUID,
        device_time: '2026-11-20T01:02:03.000Z',
        lat: 41.8,
        lon: 120.77,
        accuracy_m: 25,
        foreign_device: 'DD-20391',
      },
    ]);
  },
});
