import { webcrypto } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { canonical } from '../../src/modules/cadres/checkins.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { buildApp } from '../../src/server/app.ts';
import { Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * The field app's API on both engines: a resident cadre's login registers its phone's key and sends signed
 * check-ins; each record is accepted, a duplicate or refused with a reason, and the county reads them by month.
 */
const VILLAGE = '211381109201'; // 海丰村, 东官营镇, 北票市
const PASSWORD = 'Zhucun@2026field';
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
// Days and months are the village's (Asia/Shanghai, UTC+8); the tests run at any hour, midnight included.
const BEIJING_MS = 8 * 3_600_000;
const localMidnight = () => Date.now() - ((Date.now() + BEIJING_MS) % 86_400_000);
const localMonth = (iso: string) => new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 7);
/** A few minutes ago, but never before the village's midnight ("today's check-ins" must hold it). */
const recently = () => new Date(Math.min(Date.now(), Math.max(Date.now() - 5 * 60_000, localMidnight() + 1_000))).toISOString();

async function phoneKey() {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    jwk,
    async record(deviceId: number, over: Record<string, unknown> = {}) {
      const r = { clientId: webcrypto.randomUUID(), deviceId, deviceTime: recently(), lat: 41.8012, lon: 120.7734, accuracy: 18, ...over };
      const sig = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(canonical(r)));
      return { ...r, signature: Buffer.from(sig).toString('base64') };
    },
  };
}

describe.each(engines())('field check-ins on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let cadre: Client;
  let second: Client;
  let postingId: number;
  let unitId: number;

  const stored = async (clientId: string) =>
    Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM cadre_checkin WHERE client_id = ${clientId}::uuid`.execute(db)).rows[0]?.n,
    );

  async function postingUser(username: string, posting: number) {
    await db
      .transaction()
      .execute((tx) =>
        createUser(
          tx,
          SYSTEM_ACTOR,
          null,
          { username, displayName: '驻村测试', role: 'resident_cadre', scopeCode: VILLAGE, password: PASSWORD },
          { mustChangePassword: false },
        ),
      );
    await sql`UPDATE app_user SET posting_county = '211381', posting_id = ${posting} WHERE username = ${username}`.execute(db);
    return loggedIn(t.app, username, PASSWORD);
  }

  async function confirmedPosting(name: string, seq: number, unitId: number) {
    const p = await county.post('/api/cadres/postings', {
      villageCode: VILLAGE,
      role: 'team_member',
      startDate: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      cadre: { name, idNumber: makeId('211302', `1986-05-0${(seq % 9) + 1}`, seq, true), unitId, post: '科员', partyMember: true },
    });
    expect(p.status, p.text).toBe(200);
    const d = await county.get(`/api/cadres/postings/${p.body.id}`);
    const s = await county.post(`/api/cadres/postings/${p.body.id}/steps`, { action: 'confirm', version: d.body.case.version });
    expect(s.status, s.text).toBe(200);
    return Number(p.body.id);
  }

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    const u = await county.post('/api/cadres/units', { name: '北票市驻村测试局', level: 'county', regionCode: '211381' });
    expect(u.status, u.text).toBe(200);
    unitId = u.body.id;
    postingId = await confirmedPosting('签到甲', 701, unitId);
    cadre = await postingUser('field_a', postingId);
    second = await postingUser('field_b', await confirmedPosting('签到乙', 702, u.body.id));
  });
  afterAll(() => t.close());

  it('registers a device only for a login with a posting; the same key twice is one device', async () => {
    const k = await phoneKey();
    const plain = await loggedIn(t.app, 'haifeng');
    expect((await plain.post('/api/field/devices', { publicKey: k.jwk })).status).toBe(403);
    const a = await cadre.post('/api/field/devices', { publicKey: k.jwk });
    expect(a.status, a.text).toBe(200);
    const b = await cadre.post('/api/field/devices', { publicKey: k.jwk });
    expect(b.body.deviceId).toBe(a.body.deviceId);
    expect((await second.post('/api/field/devices', { publicKey: k.jwk })).status).toBe(409);
    expect(
      (await cadre.post('/api/field/devices', { publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) } })).status,
    ).toBe(400);
    const me = await cadre.get('/api/field/me');
    expect(me.body.posting).toMatchObject({ id: postingId, villageCode: VILLAGE, state: 'in_post' });
    expect((await plain.get('/api/field/me')).body.posting).toBeNull();
  });

  it('gives a posting its login from the county; the login checks in only after changing its password', async () => {
    const fresh = await confirmedPosting('签到丙', 703, unitId);
    const village = await loggedIn(t.app, 'haifeng');
    const body = { username: 'field_c', password: PASSWORD };
    expect((await village.post(`/api/cadres/postings/${fresh}/login`, body)).status).toBe(403);
    const other = await loggedIn(t.app, 'yixian');
    expect((await other.post(`/api/cadres/postings/${fresh}/login`, body)).status).toBe(404);
    const made = await county.post(`/api/cadres/postings/${fresh}/login`, body);
    expect(made.status, made.text).toBe(200);
    const [u] = (
      await sql<{ role: string; posting_id: number; scope_code: string }>`
      SELECT role, posting_id::int AS posting_id, scope_code FROM app_user WHERE username = 'field_c'`.execute(db)
    ).rows;
    expect(u).toEqual({ role: 'resident_cadre', posting_id: fresh, scope_code: VILLAGE });
    const c = await loggedIn(t.app, 'field_c', PASSWORD);
    const k = await phoneKey();
    expect((await c.post('/api/field/devices', { publicKey: k.jwk })).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await c.post('/api/auth/change-password', { currentPassword: PASSWORD, newPassword: `${PASSWORD}x` });
    expect(changed.status, changed.text).toBe(200);
    expect((await c.post('/api/field/devices', { publicKey: k.jwk })).status).toBe(200);
  });

  it('answers each record of a batch: accepted, duplicate, replayed, bad signature, unknown or foreign device, late, future', async () => {
    const k = await phoneKey();
    const device = (await cadre.post('/api/field/devices', { publicKey: k.jwk })).body.deviceId as number;
    const k2 = await phoneKey();
    const foreign = (await second.post('/api/field/devices', { publicKey: k2.jwk })).body.deviceId as number;

    const good = await k.record(device);
    const first = await cadre.post('/api/field/checkins', { records: [good] });
    expect(first.body.results).toEqual([{ clientId: good.clientId, status: 'accepted', reasonCode: null, reason: null }]);

    const replay = await k.record(device, { clientId: good.clientId, lat: 40 });
    const tampered = { ...(await k.record(device)), lat: 39.9 };
    const unknown = await k.record(999_999);
    const othersDevice = await k2.record(foreign);
    const late = await k.record(device, { deviceTime: new Date(Date.now() - 8 * 86_400_000).toISOString() });
    const future = await k.record(device, { deviceTime: minutes(11) });
    const fresh = await k.record(device);
    const batch = [good, replay, tampered, unknown, othersDevice, late, future, fresh];
    const r = await cadre.post('/api/field/checkins', { records: batch });
    expect(r.status, r.text).toBe(200);
    expect(r.body.results.map((x: { status: string; reasonCode: string | null }) => `${x.status}:${x.reasonCode}`)).toEqual([
      'duplicate:null',
      'refused:FIELD_REPLAYED',
      'refused:FIELD_BAD_SIGNATURE',
      'refused:FIELD_DEVICE_UNKNOWN',
      'refused:FIELD_DEVICE_OTHER_USER',
      'refused:FIELD_TOO_LATE',
      'refused:FIELD_FUTURE',
      'accepted:null',
    ]);
    expect(r.body.results[5].reason).toContain('7 天');
    expect(await stored(good.clientId)).toBe(1);
    expect(await stored(fresh.clientId)).toBe(1);
    for (const x of [tampered, unknown, othersDevice, late, future]) expect(await stored(x.clientId)).toBe(0);
    const [kept] = (
      await sql<{ lat: number; has_received: boolean }>`
      SELECT lat, received_at >= device_time AS has_received FROM cadre_checkin WHERE client_id = ${good.clientId}::uuid`.execute(db)
    ).rows;
    expect(kept).toEqual({ lat: 41.8012, has_received: true });
    // The accepted records marked their county's month (Beijing time) for the attendance worker.
    const month = localMonth(good.deviceTime);
    const marks = (await sql<{ county_code: string; month: string }>`SELECT county_code, month FROM cadre_attendance_dirty`.execute(db))
      .rows;
    expect(marks).toContainEqual({ county_code: '211381', month });

    cadre.lang = 'en';
    const en = await cadre.post('/api/field/checkins', { records: [late] });
    expect(en.body.results[0].reason).toBe('Check-ins older than 7 days are not accepted');
    cadre.lang = 'zh-CN';
    expect((await cadre.post('/api/field/checkins', { records: [] })).status).toBe(400);

    const me = await cadre.get('/api/field/me');
    expect(me.body.today.map((c: { clientId: string }) => c.clientId)).toEqual(expect.arrayContaining([good.clientId, fresh.clientId]));
  });

  it("counts today's check-ins by the village's day (Asia/Shanghai), not UTC's", async () => {
    const k = await phoneKey();
    const device = (await cadre.post('/api/field/devices', { publicKey: k.jwk })).body.deviceId as number;
    const midnight = localMidnight();
    // Just after the village's midnight (at most 10 minutes ahead, which is accepted) and just before it.
    const afterMidnight = await k.record(device, { deviceTime: new Date(midnight + 30_000).toISOString() });
    const beforeMidnight = await k.record(device, { deviceTime: new Date(midnight - 30_000).toISOString() });
    const r = await cadre.post('/api/field/checkins', { records: [afterMidnight, beforeMidnight] });
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted']);
    const today = (await cadre.get('/api/field/me')).body.today.map((c: { clientId: string }) => c.clientId);
    expect(today).toContain(afterMidnight.clientId);
    expect(today).not.toContain(beforeMidnight.clientId);
    // The county's month view is by the village's month as well: the record before midnight is in its local month.
    const before = localMonth(beforeMidnight.deviceTime);
    const list = await county.get(`/api/cadres/postings/${postingId}/checkins?month=${before}`);
    expect(list.body.items.map((c: { clientId: string }) => c.clientId)).toContain(beforeMidnight.clientId);
    // A month that is not one, or carries a NUL byte, is refused before anything is read.
    for (const bad of ['2026-13', '2026-1', '2026-12%00', '2026-12-01']) {
      const r = await county.get(`/api/cadres/postings/${postingId}/checkins?month=${bad}`);
      expect(r.status, bad).toBe(400);
    }
  });

  it("shows the county a posting's check-ins by month; another county gets 404", async () => {
    const k = await phoneKey();
    const device = (await cadre.post('/api/field/devices', { publicKey: k.jwk })).body.deviceId as number;
    const rec = await k.record(device);
    await cadre.post('/api/field/checkins', { records: [rec] });
    const month = localMonth(rec.deviceTime);
    const list = await county.get(`/api/cadres/postings/${postingId}/checkins?month=${month}`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((c: { clientId: string }) => c.clientId)).toContain(rec.clientId);
    expect((await county.get(`/api/cadres/postings/${postingId}/checkins?month=2020-01`)).body.items).toEqual([]);
    const other = await loggedIn(t.app, 'yixian');
    const out = await other.get(`/api/cadres/postings/${postingId}/checkins`);
    expect(out.status).toBe(404);
  });

  it('marks the village for the figures only with the first check-in of a posting and day that counts in the village', async () => {
    // "In the village today": accuracy ≤ 200 m within 2,000 m of the village point, distinct postings per local day.
    await sql`
      INSERT INTO village_point (county_code, village_code, lon, lat, source) VALUES ('211381', ${VILLAGE}, 120.7734, 41.8012, 'edited')
      ON CONFLICT (county_code, village_code) DO UPDATE SET lon = excluded.lon, lat = excluded.lat`.execute(db);
    const own = await postingUser('field_d', await confirmedPosting('签到丁', 704, unitId));
    const k = await phoneKey();
    const device = (await own.post('/api/field/devices', { publicKey: k.jwk })).body.deviceId as number;
    const marked = async () =>
      Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM rollup_dirty WHERE village_code = ${VILLAGE}`.execute(db)).rows[0]?.n,
      );
    const send = async (over: Record<string, unknown>) => {
      await sql`DELETE FROM rollup_dirty`.execute(db);
      const r = await own.post('/api/field/checkins', { records: [await k.record(device, over)] });
      expect(r.body.results[0].status, r.text).toBe('accepted');
      return marked();
    };
    expect(await send({ lat: 42.3, lon: 121.5 })).toBe(0); // 60 km away: counts nowhere
    expect(await send({ accuracy: 500 })).toBe(0); // too vague to count
    // Noon in Beijing two days ago, and a minute later.
    const noon = Date.parse(`${new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)}T04:00:00Z`);
    // A day already over moves no live figure ("today" is the present's local day): its first check-in marks nothing.
    expect(await send({ deviceTime: new Date(noon).toISOString() })).toBe(0);
    expect(await send({ deviceTime: new Date(localMidnight() - 60_000).toISOString() })).toBe(0); // yesterday's last minute
    expect(await send({})).toBe(1); // today's first that counts
    expect(await send({ lat: 41.8052 })).toBe(0); // counted already today (450 m north, still in)
    expect(await send({ deviceTime: new Date(noon + 60_000).toISOString() })).toBe(0);
  });

  it('serves the field app its own shell under /field/, the admin app elsewhere', async () => {
    const webDir = mkdtempSync(path.join(os.tmpdir(), 'fupin-web-'));
    mkdirSync(path.join(webDir, 'field'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>admin</title>');
    writeFileSync(path.join(webDir, 'field', 'index.html'), '<!doctype html><title>field</title>');
    const web = await buildApp({ database: t.database, keys: TEST_KEYS, webDir, dataDir: webDir });
    try {
      const c = new Client(web);
      for (const url of ['/field/', '/field', '/field/today']) expect((await c.get(url)).text, url).toContain('field');
      expect((await c.get('/cadres/postings')).text).toContain('admin');
      expect((await c.get('/field/missing.js')).status).toBe(404);
    } finally {
      await web.close();
    }
  });
});
