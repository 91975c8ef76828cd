import { defineCases, type World } from '../../db/sql-record/define.ts';
import type { Db } from '../../db/types.ts';
import * as cq from './checkins.queries.ts';
import * as fq from './fieldlog.queries.ts';
import { fixture as postingFixture } from './queries.sql-cases.ts';

const KEY = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
const LOG_UUID = '5f0c6a1e-2b7d-4c3a-8e9f-0a1b2c3d4e5f';
const VISIT_UUID = '7a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d';
const HASH = 'ab'.repeat(32);

/** A device and a log of the recorded posting, made once. */
async function log(db: Db, w: World) {
  const { posting } = await postingFixture(db, w);
  const have = await fq.logByClientId(db, w.county, LOG_UUID);
  if (have) return { posting: Number(posting), log: Number(have.id) };
  const device =
    (await cq.deviceByThumbprint(db, w.county, 'fieldlog-thumb')) ??
    (await cq.insertDevice(db, {
      county_code: w.county,
      posting_id: Number(posting),
      user_id: w.userId,
      public_key: KEY,
      key_thumbprint: 'fieldlog-thumb',
    }));
  const id = await fq.insertLog(db, {
    county_code: w.county,
    posting_id: Number(posting),
    client_id: LOG_UUID,
    device_id: Number(device?.id),
    log_date: '2026-11-20',
    body: '走访了三户',
    signature: 'c2ln',
  });
  return { posting: Number(posting), log: Number(id) };
}

export default defineCases(fq, {
  logByClientId: (db, w) => fq.logByClientId(db, w.county, LOG_UUID),
  logOfDay: async (db, w, quiet) => fq.logOfDay(db, w.county, (await quiet(() => log(db, w))).posting, '2026-11-20'),
  insertLog: async (db, w, quiet) => {
    const { posting } = await quiet(() => log(db, w));
    const device = await quiet(() => cq.deviceByThumbprint(db, w.county, 'fieldlog-thumb'));
    return fq.insertLog(db, {
      county_code: w.county,
      posting_id: posting,
      client_id: '6f0c6a1e-2b7d-4c3a-8e9f-0a1b2c3d4e5f',
      device_id: Number(device?.id),
      log_date: '2026-11-21',
      body: '整理档案',
      signature: 'c2ln',
    });
  },
  insertPhotos: async (db, w, quiet) =>
    fq.insertPhotos(db, [
      {
        county_code: w.county,
        log_id: (await quiet(() => log(db, w))).log,
        seq: 1,
        sha256: HASH,
        mime: 'image/jpeg',
        bytes: 1234,
        exif_time: '2026-11-20T09:30:00',
        exif_lat: 41.8,
        exif_lon: 120.77,
      },
    ]),
  photoHashUsed: (db) => fq.photoHashUsed(db, HASH),
  photoFiles: (db) => fq.photoFiles(db),
  logsOfPosting: async (db, w, quiet) =>
    fq.logsOfPosting(db, w.county, (await quiet(() => log(db, w))).posting, '2026-11-01', '2026-11-30'),
  photosOfLogs: async (db, w, quiet) => fq.photosOfLogs(db, w.county, [(await quiet(() => log(db, w))).log]),
  photoOfPosting: async (db, w, quiet) => {
    const l = await quiet(() => log(db, w));
    return fq.photoOfPosting(db, w.county, l.posting, l.log, 1);
  },
  villageHouseholds: (db, w) => fq.villageHouseholds(db, w.county, w.village),
  householdPlace: (db, w) => fq.householdPlace(db, w.county, w.householdId),
  visitByClientId: (db, w) => fq.visitByClientId(db, w.county, VISIT_UUID),
  insertVisit: async (db, w, quiet) => {
    const l = await quiet(() => log(db, w));
    return fq.insertVisit(db, {
      county_code: w.county,
      posting_id: l.posting,
      client_id: VISIT_UUID,
      household_id: w.householdId,
      visit_date: '2026-11-20',
      note: '了解务工情况',
      log_id: l.log,
      created_by: w.userId,
    });
  },
  visitsOfPosting: async (db, w, quiet) =>
    fq.visitsOfPosting(db, w.county, (await quiet(() => log(db, w))).posting, '2026-11-01', '2026-11-30'),
});
