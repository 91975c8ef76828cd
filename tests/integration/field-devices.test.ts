import { webcrypto } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { canonical } from '../../src/modules/cadres/checkins.ts';
import { createUser } from '../../src/modules/users/service.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * Revoking a field device from the posting page (decision 0014, "Revoking a device") on both engines: the county
 * sees a posting's devices with what they signed, revokes one with a reason (audited, the login's sessions end);
 * the key's next batch is refused saying when and why, what it signed before keeps its judgement; another county's
 * device answers 404 and a township user may not revoke.
 */
const VILLAGE = '211381109201'; // 海丰村, 东官营镇, 北票市
const PASSWORD = 'Zhucun@2026field';
const POINT = { lat: 41.8012, lon: 120.7734 };
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
// Attendance months are Beijing months (decision 0016).
const MONTH = new Date(Date.now() - 5 * 60_000 + 8 * 3_600_000).toISOString().slice(0, 7);

async function phoneKey() {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    jwk,
    async record(deviceId: number) {
      const r = { clientId: webcrypto.randomUUID(), deviceId, deviceTime: minutes(-5), ...POINT, accuracy: 18 };
      const sig = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(canonical(r)));
      return { ...r, signature: Buffer.from(sig).toString('base64') };
    },
  };
}

describe.each(engines())('revoking field devices on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let unitId: number;

  const count = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db)).rows[0]?.n);

  async function confirmedPosting(name: string, seq: number) {
    const p = await county.post('/api/cadres/postings', {
      villageCode: VILLAGE,
      role: 'team_member',
      startDate: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      cadre: { name, idNumber: makeId('211302', `1987-04-0${(seq % 9) + 1}`, seq, true), unitId, post: '科员', partyMember: true },
    });
    expect(p.status, p.text).toBe(200);
    const d = await county.get(`/api/cadres/postings/${p.body.id}`);
    const s = await county.post(`/api/cadres/postings/${p.body.id}/steps`, { action: 'confirm', version: d.body.case.version });
    expect(s.status, s.text).toBe(200);
    return Number(p.body.id);
  }

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

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    const u = await county.post('/api/cadres/units', { name: '北票市设备测试局', level: 'county', regionCode: '211381' });
    expect(u.status, u.text).toBe(200);
    unitId = u.body.id;
    await sql`INSERT INTO village_point (county_code, village_code, lon, lat, source)
      VALUES ('211381', ${VILLAGE}, ${POINT.lon}, ${POINT.lat}, 'edited')
      ON CONFLICT (county_code, village_code) DO UPDATE SET lon = EXCLUDED.lon, lat = EXCLUDED.lat`.execute(db);
  });
  afterAll(() => t.close());

  it('lists the devices with what they signed; revoking refuses the next batch with the reason and keeps what came before', async () => {
    const postingId = await confirmedPosting('设备甲', 801);
    let cadre = await postingUser('device_a', postingId);
    const k = await phoneKey();
    const reg = await cadre.post('/api/field/devices', { publicKey: k.jwk });
    expect(reg.status, reg.text).toBe(200);
    const deviceId = Number(reg.body.deviceId);
    const first = await k.record(deviceId);
    const sent = await cadre.post('/api/field/checkins', { records: [first, await k.record(deviceId)] });
    expect(sent.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);

    const listed = await county.get(`/api/cadres/postings/${postingId}/devices`);
    expect(listed.status, listed.text).toBe(200);
    const [row] = (
      await sql<{ registered_at: Date; thumb: string; last: Date }>`
        SELECT d.registered_at, d.key_thumbprint AS thumb,
          (SELECT max(received_at) FROM cadre_checkin c WHERE c.county_code = d.county_code AND c.device_id = d.id) AS last
        FROM cadre_device d WHERE d.id = ${deviceId}`.execute(db)
    ).rows;
    expect(listed.body.items).toEqual([
      {
        id: deviceId,
        fingerprint: row?.thumb.slice(0, 12),
        username: 'device_a',
        ofThisPosting: true,
        registeredAt: new Date(row?.registered_at as Date).toISOString(),
        lastUsedAt: new Date(row?.last as Date).toISOString(),
        checkins: 2,
        logs: 0,
        revokedAt: null,
        revokeReason: null,
        revokedBy: null,
      },
    ]);

    // The month judged before the revocation.
    expect((await county.post('/api/cadres/attendance/compute', { region: '211381', month: MONTH })).status).toBe(200);
    const before = await county.get(`/api/cadres/postings/${postingId}/attendance?month=${MONTH}`);
    expect(before.status, before.text).toBe(200);
    expect(before.body.checkins.filter((c: { inVillage: boolean }) => c.inVillage)).toHaveLength(2);

    // Only the county's organisation department revokes; a reason is required.
    const township = await loggedIn(t.app, 'dongguanying');
    const lower = await township.post(`/api/cadres/postings/${postingId}/devices/${deviceId}/revoke`, { reason: '手机遗失' });
    expect(lower.status, lower.text).toBe(403);
    expect(lower.body.error.code).toBe('CADRE_DEVICE_LEVEL');
    const blank = await county.post(`/api/cadres/postings/${postingId}/devices/${deviceId}/revoke`, { reason: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.code).toBe('CADRE_DEVICE_REASON');
    expect(await count(sql`SELECT count(*)::int AS n FROM cadre_device WHERE id = ${deviceId} AND revoked_at IS NULL`)).toBe(1);

    const revoked = await county.post(`/api/cadres/postings/${postingId}/devices/${deviceId}/revoke`, { reason: '手机遗失' });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body).toMatchObject({ id: deviceId, revokeReason: '手机遗失', revokedBy: 'beipiao', checkins: 2 });
    const [stored] = (
      await sql<{
        revoked_at: Date;
        revoke_reason: string;
      }>`SELECT revoked_at, revoke_reason FROM cadre_device WHERE id = ${deviceId}`.execute(db)
    ).rows;
    expect(revoked.body.revokedAt).toBe(new Date(stored?.revoked_at as Date).toISOString());
    expect(
      await count(sql`SELECT count(*)::int AS n FROM audit_log
        WHERE entity = 'cadre_device' AND entity_id = ${String(deviceId)} AND action = 'revoke' AND actor_name = 'beipiao'
          AND scope_code = ${VILLAGE} AND after->>'reason' = '手机遗失'`),
    ).toBe(1);
    const again = await county.post(`/api/cadres/postings/${postingId}/devices/${deviceId}/revoke`, { reason: '再次' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CADRE_DEVICE_REVOKED_ALREADY');

    // The login's sessions ended: whoever holds the phone signs in with the password again.
    expect((await cadre.get('/api/field/me')).status).toBe(401);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'device_a'`),
    ).toBe(0);
    cadre = await loggedIn(t.app, 'device_a', PASSWORD);

    const late = await k.record(deviceId);
    const refused = await cadre.post('/api/field/checkins', { records: [late] });
    expect(refused.status, refused.text).toBe(200);
    const day = new Date(stored?.revoked_at as Date).toISOString().slice(0, 10);
    expect(refused.body.results).toEqual([
      {
        clientId: late.clientId,
        status: 'refused',
        reasonCode: 'FIELD_DEVICE_REVOKED',
        reason: `该设备已于 ${day} 被县委组织部停用（手机遗失），此后签名的记录不予接收；请重新登录以登记新设备`,
      },
    ]);
    const en = await cadre.request('POST', '/api/field/checkins', { records: [await k.record(deviceId)] }, { 'accept-language': 'en' });
    expect(en.body.results[0].reason).toContain(`revoked by the county on ${day} (手机遗失)`);
    expect(await count(sql`SELECT count(*)::int AS n FROM cadre_checkin WHERE device_id = ${deviceId} AND county_code = '211381'`)).toBe(2);
    // The first record sent again is still a duplicate of what is stored, not a refusal: it keeps its judgement.
    expect((await cadre.post('/api/field/checkins', { records: [first] })).body.results[0].status).toBe('duplicate');

    // The same key cannot come back; a new key is a new device, visible to the county.
    const back = await cadre.post('/api/field/devices', { publicKey: k.jwk });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('FIELD_DEVICE_REVOKED');
    const k2 = await phoneKey();
    const reg2 = await cadre.post('/api/field/devices', { publicKey: k2.jwk });
    expect(reg2.status, reg2.text).toBe(200);
    expect(
      (await cadre.post('/api/field/checkins', { records: [await k2.record(Number(reg2.body.deviceId))] })).body.results[0].status,
    ).toBe('accepted');
    const after = await county.get(`/api/cadres/postings/${postingId}/devices`);
    expect(
      after.body.items.map((d: { id: number; revokedAt: string | null; checkins: number }) => [d.id, d.revokedAt !== null, d.checkins]),
    ).toEqual([
      [Number(reg2.body.deviceId), false, 1],
      [deviceId, true, 2],
    ]);

    // The records signed before the revocation are judged as before.
    expect((await county.post('/api/cadres/attendance/compute', { region: '211381', month: MONTH })).status).toBe(200);
    const judged = await county.get(`/api/cadres/postings/${postingId}/attendance?month=${MONTH}`);
    const earlier = (judged.body.checkins as { id: number; inVillage: boolean }[]).filter((c) =>
      (before.body.checkins as { id: number }[]).some((b) => b.id === c.id),
    );
    expect(earlier).toEqual(
      before.body.checkins.map((c: { id: number; inVillage: boolean }) => expect.objectContaining({ id: c.id, inVillage: c.inVillage })),
    );
    expect(judged.body.figures.daysInVillage).toBe(before.body.figures.daysInVillage);
  });

  it("answers 404 for another county's posting and for a device of another posting", async () => {
    const a = await confirmedPosting('设备乙', 802);
    const b = await confirmedPosting('设备丙', 803);
    const cadreB = await postingUser('device_b', b);
    const kb = await phoneKey();
    const regB = await cadreB.post('/api/field/devices', { publicKey: kb.jwk });
    expect(regB.status, regB.text).toBe(200);
    const other = await loggedIn(t.app, 'yixian');
    expect((await other.get(`/api/cadres/postings/${b}/devices`)).status).toBe(404);
    expect((await other.post(`/api/cadres/postings/${b}/devices/${regB.body.deviceId}/revoke`, { reason: '越权' })).status).toBe(404);
    // Through another posting's page the device is not found either.
    expect((await county.post(`/api/cadres/postings/${a}/devices/${regB.body.deviceId}/revoke`, { reason: '错页' })).status).toBe(404);
    expect((await county.get(`/api/cadres/postings/${a}/devices`)).body.items).toEqual([]);
    expect(await count(sql`SELECT count(*)::int AS n FROM cadre_device WHERE id = ${regB.body.deviceId} AND revoked_at IS NULL`)).toBe(1);
  });
});
