import { createHash, webcrypto } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { logCanonical } from '../../src/modules/cadres/fieldlog.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';
import { jpegWithExif, tinyPng } from '../support/jpeg-exif.ts';

/**
 * Work logs, visits and leave from the field app on both engines: a log with photos is stored once (idempotent by
 * its client id), its photos as files named by their SHA-256 under DATA_DIR with the EXIF signal on the row; bad
 * signatures, oversize and non-image photos are refused with nothing written; visits only to the village's
 * households, shown on the household's page; the photo route follows the posting's scope.
 */
const VILLAGE = '211381109201'; // 海丰村
const PASSWORD = 'Zhucun@2026field';
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Photo {
  bytes: Buffer;
  name: string;
  type?: string;
}

async function phoneKey() {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    jwk,
    async sign(text: string) {
      const sig = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(text));
      return Buffer.from(sig).toString('base64');
    },
  };
}

/** The multipart body the phone sends: meta first, then the photos. */
async function form(meta: unknown, photos: Photo[]) {
  const fd = new FormData();
  fd.append('meta', JSON.stringify(meta));
  for (const p of photos) fd.append('photo', new Blob([new Uint8Array(p.bytes)], { type: p.type ?? 'image/jpeg' }), p.name);
  const res = new Response(fd);
  return { payload: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') ?? '' };
}

describe.each(engines())('field work logs and visits on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let cadre: Client;
  let postingId: number;
  let deviceId: number;
  let key: Awaited<ReturnType<typeof phoneKey>>;
  let dataDir: string;

  const photoFiles = () => {
    const dir = path.join(dataDir, 'field-photos');
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name);
  };
  const count = async (table: 'cadre_work_log' | 'cadre_log_photo' | 'cadre_visit') =>
    Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)).rows[0]?.n);

  async function sendLog(over: {
    logDate?: string;
    text?: string;
    clientId?: string;
    photos?: Photo[];
    signWith?: string;
    client?: Client;
  }) {
    const clientId = over.clientId ?? webcrypto.randomUUID();
    const logDate = over.logDate ?? today();
    const text = over.text ?? '今天入户走访三户，了解春耕准备。';
    const photos = over.photos ?? [];
    const signature = await key.sign(
      over.signWith ??
        logCanonical(
          { clientId, logDate, text },
          photos.map((p) => sha(p.bytes)),
        ),
    );
    const meta = { clientId, deviceId, logDate, text, signature };
    const f = await form(meta, photos);
    const r = await (over.client ?? cadre).request('POST', '/api/field/logs', f.payload, { 'content-type': f.type });
    return { ...r, meta };
  }

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    dataDir = t.app.deps.dataDir as string;
    county = await loggedIn(t.app, 'beipiao');
    const u = await county.post('/api/cadres/units', { name: '北票市日志测试局', level: 'county', regionCode: '211381' });
    expect(u.status, u.text).toBe(200);
    const p = await county.post('/api/cadres/postings', {
      villageCode: VILLAGE,
      role: 'team_member',
      startDate: daysAgo(30),
      cadre: { name: '日志甲', idNumber: makeId('211302', '1986-05-03', 811, true), unitId: u.body.id, post: '科员', partyMember: true },
    });
    expect(p.status, p.text).toBe(200);
    postingId = Number(p.body.id);
    const d = await county.get(`/api/cadres/postings/${postingId}`);
    expect((await county.post(`/api/cadres/postings/${postingId}/steps`, { action: 'confirm', version: d.body.case.version })).status).toBe(
      200,
    );
    await db
      .transaction()
      .execute((tx) =>
        createUser(
          tx,
          SYSTEM_ACTOR,
          null,
          { username: 'field_log', displayName: '日志甲', role: 'resident_cadre', scopeCode: VILLAGE, password: PASSWORD },
          { mustChangePassword: false },
        ),
      );
    await sql`UPDATE app_user SET posting_county = '211381', posting_id = ${postingId} WHERE username = 'field_log'`.execute(db);
    cadre = await loggedIn(t.app, 'field_log', PASSWORD);
    key = await phoneKey();
    const dev = await cadre.post('/api/field/devices', { publicKey: key.jwk });
    expect(dev.status, dev.text).toBe(200);
    deviceId = dev.body.deviceId;
  });
  afterAll(() => t.close());

  it('stores a signed log with photos once: files by SHA-256, EXIF time and GPS on the photo row; again is a duplicate', async () => {
    const jpeg = jpegWithExif({
      dateTimeOriginal: '2026:11:20 09:30:15',
      lat: { dms: [41, 48, 4428], ref: 'N' }, // 41 + 48/60 + 4.428/3600 = 41.80123
      lon: { dms: [120, 46, 28416], ref: 'E' }, // 120 + 46/60 + 28.416/3600 = 120.77456
    });
    const png = tinyPng();
    const photos = [
      { bytes: jpeg, name: 'a.jpg' },
      { bytes: png, name: 'b.png', type: 'image/png' },
    ];
    const first = await sendLog({ logDate: daysAgo(1), photos });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ clientId: first.meta.clientId, status: 'accepted', reasonCode: null });
    const rows = (
      await sql<{
        seq: number;
        sha256: string;
        mime: string;
        bytes: number;
        exif_time: string | null;
        exif_lat: number | null;
        exif_lon: number | null;
      }>`
        SELECT ph.seq, ph.sha256, ph.mime, ph.bytes, to_char(ph.exif_time, 'YYYY-MM-DD HH24:MI:SS') AS exif_time, ph.exif_lat, ph.exif_lon
        FROM cadre_log_photo ph JOIN cadre_work_log l ON l.county_code = ph.county_code AND l.id = ph.log_id
        WHERE l.client_id = ${first.meta.clientId}::uuid ORDER BY ph.seq`.execute(db)
    ).rows;
    expect(
      rows.map((r) => ({
        ...r,
        exif_lat: r.exif_lat === null ? null : Number(r.exif_lat),
        exif_lon: r.exif_lon === null ? null : Number(r.exif_lon),
      })),
    ).toEqual([
      {
        seq: 1,
        sha256: sha(jpeg),
        mime: 'image/jpeg',
        bytes: jpeg.length,
        exif_time: '2026-11-20 09:30:15',
        exif_lat: expect.closeTo(41.80123, 9),
        exif_lon: expect.closeTo(120.77456, 9),
      },
      { seq: 2, sha256: sha(png), mime: 'image/png', bytes: png.length, exif_time: null, exif_lat: null, exif_lon: null },
    ]);
    const file = path.join(dataDir, 'field-photos', sha(jpeg).slice(0, 2), `${sha(jpeg)}.jpg`);
    expect(readFileSync(file).equals(jpeg)).toBe(true);
    expect(existsSync(path.join(dataDir, 'field-photos', sha(png).slice(0, 2), `${sha(png)}.png`))).toBe(true);

    const logs = await count('cadre_work_log');
    // The same upload again (the phone lost the answer): a duplicate, stored once.
    const f = await form(first.meta, photos);
    const again = await cadre.request('POST', '/api/field/logs', f.payload, { 'content-type': f.type });
    expect(again.body).toMatchObject({ status: 'duplicate', logId: first.body.logId });
    expect(await count('cadre_work_log')).toBe(logs);
    // Its id with other words: a replay.
    const replay = await sendLog({ clientId: first.meta.clientId, logDate: daysAgo(1), text: '改过的日志' });
    expect(replay.body).toMatchObject({ status: 'refused', reasonCode: 'FIELD_REPLAYED' });
    // A second log of that day: one a day.
    const second = await sendLog({ logDate: daysAgo(1), text: '第二篇' });
    expect(second.body).toMatchObject({ status: 'refused', reasonCode: 'FIELD_LOG_EXISTS' });
    expect(second.body.reason).toContain(daysAgo(1));
    // The same photo in another day's log is one file.
    const filesBefore = photoFiles().length;
    const other = await sendLog({ logDate: daysAgo(2), photos: [{ bytes: jpeg, name: 'same.jpg' }] });
    expect(other.body.status).toBe('accepted');
    expect(photoFiles().length).toBe(filesBefore);
    expect(await count('cadre_work_log')).toBe(logs + 1);
  });

  it('refuses a bad signature, an unknown device and a day outside the late limit, storing nothing', async () => {
    const logs = await count('cadre_work_log');
    const files = photoFiles().length;
    const jpeg = jpegWithExif({ dateTimeOriginal: '2026:11:21 10:00:00' });
    // Signed over other photo hashes than those sent.
    const bad = await sendLog({
      logDate: daysAgo(3),
      photos: [{ bytes: jpeg, name: 'x.jpg' }],
      signWith: logCanonical({ clientId: '00000000-0000-4000-8000-000000000000', logDate: daysAgo(3), text: 'x' }, []),
    });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ status: 'refused', reasonCode: 'FIELD_BAD_SIGNATURE' });
    expect(bad.body.reason).toMatch(/签名/);
    const late = await sendLog({ logDate: daysAgo(20) });
    expect(late.body).toMatchObject({ status: 'refused', reasonCode: 'FIELD_TOO_LATE' });
    const saved = deviceId;
    deviceId = 999_999;
    const unknown = await sendLog({ logDate: daysAgo(3) });
    deviceId = saved;
    expect(unknown.body).toMatchObject({ status: 'refused', reasonCode: 'FIELD_DEVICE_UNKNOWN' });
    expect(await count('cadre_work_log')).toBe(logs);
    expect(photoFiles().length).toBe(files);
  });

  it('refuses an oversize photo (413, the limit named), a non-image and a fourth photo, with no row and no file', async () => {
    const logs = await count('cadre_work_log');
    const photos = await count('cadre_log_photo');
    const files = photoFiles().length;
    const good = jpegWithExif({ dateTimeOriginal: '2026:11:22 08:00:00', padding: 100 });
    // 5 MB is the default limit: one byte over it.
    const big = jpegWithExif({ padding: 5 * 1024 * 1024 });
    const tooBig = await sendLog({
      logDate: daysAgo(4),
      photos: [
        { bytes: good, name: 'ok.jpg' },
        { bytes: big, name: 'big.jpg' },
      ],
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('FIELD_PHOTO_TOO_LARGE');
    expect(tooBig.body.error.message).toContain('5 MB');
    // A GIF named .jpg: judged by its first bytes.
    const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(64, 1)]);
    const notImage = await sendLog({
      logDate: daysAgo(4),
      photos: [
        { bytes: good, name: 'ok.jpg' },
        { bytes: gif, name: 'fake.jpg' },
      ],
    });
    expect(notImage.status).toBe(400);
    expect(notImage.body.error.code).toBe('FIELD_PHOTO_TYPE');
    expect(notImage.body.error.message).toContain('fake.jpg');
    const four = await sendLog({ logDate: daysAgo(4), photos: [0, 1, 2, 3].map((i) => ({ bytes: good, name: `${i}.jpg` })) });
    expect(four.status).toBe(400);
    expect(four.body.error.code).toBe('FIELD_TOO_MANY_PHOTOS');
    // A declared length beyond 3 photos' worth is refused before the body is read.
    const f = await form({}, []);
    const huge = await cadre.request('POST', '/api/field/logs', f.payload, {
      'content-type': f.type,
      'content-length': String(16 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('FIELD_LOG_TOO_LARGE');
    expect(await count('cadre_work_log')).toBe(logs);
    expect(await count('cadre_log_photo')).toBe(photos);
    expect(photoFiles().length).toBe(files);
  });

  it('leaves neither a row nor a file when the database fails after the photos were written', async () => {
    const logs = await count('cadre_work_log');
    const files = photoFiles().length;
    // A constraint no new row meets, not a trigger: Citus has no triggers on distributed tables.
    await sql`ALTER TABLE cadre_log_photo ADD CONSTRAINT fail_photo CHECK (false) NOT VALID`.execute(db);
    try {
      const fresh = jpegWithExif({ dateTimeOriginal: '2026:11:23 07:00:00', padding: 333 });
      const r = await sendLog({ logDate: daysAgo(5), photos: [{ bytes: fresh, name: 'f.jpg' }] });
      expect(r.status).toBe(500);
      expect(existsSync(path.join(dataDir, 'field-photos', sha(fresh).slice(0, 2), `${sha(fresh)}.jpg`))).toBe(false);
    } finally {
      await sql`ALTER TABLE cadre_log_photo DROP CONSTRAINT fail_photo`.execute(db);
    }
    expect(await count('cadre_work_log')).toBe(logs);
    expect(photoFiles().length).toBe(files);
  });

  it('serves a photo only inside the posting scope: the county and the village see it, another county gets 404', async () => {
    const jpeg = jpegWithExif({ dateTimeOriginal: '2026:11:24 12:00:00', padding: 77 });
    const sent = await sendLog({ logDate: daysAgo(6), photos: [{ bytes: jpeg, name: 'p.jpg' }] });
    expect(sent.body.status).toBe('accepted');
    const month = daysAgo(6).slice(0, 7);
    const list = await county.get(`/api/cadres/postings/${postingId}/field-records?month=${month}`);
    expect(list.status, list.text).toBe(200);
    const log = list.body.logs.find((l: { id: number }) => l.id === sent.body.logId);
    expect(log.photos).toHaveLength(1);
    const url = log.photos[0].url as string;
    expect(url).toBe(`/api/cadres/postings/${postingId}/logs/${sent.body.logId}/photos/1`);
    const got = await t.app.inject({ method: 'GET', url, headers: { cookie: await cookieOf(county) } });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.rawPayload.equals(jpeg)).toBe(true);
    const village = await loggedIn(t.app, 'haifeng');
    expect((await village.get(url)).status).toBe(200);
    const other = await loggedIn(t.app, 'yixian');
    expect((await other.get(url)).status).toBe(404);
    expect((await other.get(`/api/cadres/postings/${postingId}/field-records`)).status).toBe(404);
    // A log of this posting under another posting's URL is not found either.
    expect((await county.get(`/api/cadres/postings/${postingId}/logs/${sent.body.logId}/photos/2`)).status).toBe(404);
  });

  it("records visits only to the village's households; the household's page shows them", async () => {
    const villageOf = async (prefix: string) =>
      (
        await sql<{
          code: string;
        }>`SELECT code FROM region WHERE code LIKE ${`${prefix}%`} AND length(code) = 12 AND code <> ${VILLAGE} ORDER BY code LIMIT 1`.execute(
          db,
        )
      ).rows[0]?.code as string;
    const household = async (c: Client, villageCode: string, no: string, name: string, seq: number) => {
      const r = await c.post('/api/registry/households', {
        villageCode,
        householdNo: no,
        category: 'ordinary',
        cause: 'illness',
        yearIdentified: 2016,
        status: 'poor',
        members: [{ name, idNumber: makeId(villageCode.slice(0, 6), '1970-03-04', seq, true), relation: 'head', gender: 'M' }],
      });
      expect(r.status, r.text).toBe(200);
      return { id: Number(r.body.id) };
    };
    const inVillage = await household(county, VILLAGE, 'FLV2026001', '走访甲', 901);
    const sameCounty = await household(county, await villageOf('211381'), 'FLV2026002', '走访乙', 902);
    const otherCounty = await household(await loggedIn(t.app, 'yixian'), await villageOf('210727'), 'FLV2026003', '走访丙', 903);
    const picker = await cadre.get('/api/field/households');
    expect(picker.status, picker.text).toBe(200);
    const expected = Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM household WHERE village_code = ${VILLAGE}`.execute(db)).rows[0]?.n,
    );
    expect(picker.body.items).toHaveLength(expected);
    expect(Object.keys(picker.body.items[0]).sort()).toEqual(['headInitials', 'headName', 'headPinyin', 'householdNo', 'id']);
    // 走访甲 → zoufangjia / zfj, as the register's search keys (pinyin-pro).
    expect(picker.body.items.find((h: { id: number }) => h.id === inVillage.id)).toMatchObject({
      headName: '走访甲',
      headPinyin: 'zoufangjia',
      headInitials: 'zfj',
    });
    expect(picker.text).not.toMatch(/\d{17}[\dX]/);

    const visit = {
      clientId: webcrypto.randomUUID(),
      householdId: Number(inVillage?.id),
      visitDate: daysAgo(1),
      note: '了解务工和医保情况',
      withLog: true,
    };
    const outside = { ...visit, clientId: webcrypto.randomUUID(), householdId: Number(sameCounty?.id) };
    const foreign = { ...visit, clientId: webcrypto.randomUUID(), householdId: Number(otherCounty?.id) };
    const r = await cadre.post('/api/field/visits', { records: [visit, outside, foreign] });
    expect(r.status, r.text).toBe(200);
    expect(r.body.results.map((x: { status: string; reasonCode: string | null }) => [x.status, x.reasonCode])).toEqual([
      ['accepted', null],
      ['refused', 'FIELD_HOUSEHOLD_NOT_IN_VILLAGE'],
      ['refused', 'FIELD_HOUSEHOLD_NOT_IN_VILLAGE'],
    ]);
    const again = await cadre.post('/api/field/visits', { records: [visit, { ...visit, note: '改写' }] });
    expect(again.body.results.map((x: { status: string }) => x.status)).toEqual(['duplicate', 'refused']);
    const stored = (
      await sql<{ n: number; log_id: number | null }>`
        SELECT count(*)::int AS n, max(log_id)::int AS log_id FROM cadre_visit WHERE household_id IN (${visit.householdId}, ${outside.householdId}, ${foreign.householdId})`.execute(
        db,
      )
    ).rows[0];
    const logOfDay = (
      await sql<{
        id: number;
      }>`SELECT id::int AS id FROM cadre_work_log WHERE posting_id = ${postingId} AND log_date = ${daysAgo(1)}::date`.execute(db)
    ).rows[0];
    expect(stored).toEqual({ n: 1, log_id: logOfDay?.id });

    const trail = (
      await sql<{ entity: string; action: string }>`
        SELECT entity, action FROM audit_log WHERE (entity = 'cadre_visit' OR (entity = 'household' AND entity_id = ${String(visit.householdId)} AND action = 'visit')) ORDER BY id`.execute(
        db,
      )
    ).rows;
    expect(trail).toEqual([
      { entity: 'cadre_visit', action: 'create' },
      { entity: 'household', action: 'visit' },
    ]);
    const page = await county.get(`/api/registry/households/${visit.householdId}`);
    expect(page.status, page.text).toBe(200);
    expect(page.body.visits).toEqual([{ id: expect.any(Number), date: daysAgo(1), cadreName: '日志甲', note: '了解务工和医保情况' }]);
    const records = await county.get(`/api/cadres/postings/${postingId}/field-records?month=${daysAgo(1).slice(0, 7)}`);
    expect(records.body.visits.map((v: { householdId: number }) => v.householdId)).toContain(visit.householdId);
  });

  it("asks for leave from the phone: the township's list shows it, the phone sees its state", async () => {
    const start = today();
    const r = await cadre.post('/api/field/leave', { kind: 'personal', startDate: start, endDate: start, reason: '家中有事' });
    expect(r.status, r.text).toBe(200);
    const mine = await cadre.get('/api/field/leave');
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: r.body.id, state: 'requested', stateLabel: '待审批', kind: 'personal' }),
    ]);
    const township = await loggedIn(t.app, 'dongguanying');
    const list = await township.get('/api/cadres/leave?state=requested');
    expect(list.body.items.map((l: { id: number }) => l.id)).toContain(r.body.id);
    const clash = await cadre.post('/api/field/leave', { kind: 'sick', startDate: start, endDate: start, reason: '重复' });
    expect(clash.status).toBe(409);
    const plain = await loggedIn(t.app, 'haifeng');
    expect((await plain.get('/api/field/leave')).status).toBe(403);
  });
});

async function cookieOf(c: Client) {
  // The test client keeps its cookies private; a GET through it shows the same session to inject.
  return (c as unknown as { cookies: Map<string, string> }).cookies
    ? [...(c as unknown as { cookies: Map<string, string> }).cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    : '';
}
