import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { metres, wgsToGcjPublished } from '../support/gcj.ts';
import { makeId } from '../support/ids.ts';

/**
 * Check-ins exported from another attendance app, on both engines: each row finds its cadre by ID number and the
 * posting in post that day in the user's scope; problems name the row; the commit writes all or nothing; the same
 * records twice are stored once; GCJ-02 is converted; the rows are stored as imported (no device, no signature).
 */
const VILLAGE = '211381109201'; // 海丰村, 北票市
const IMPORT = '/api/cadres/checkins/import';
const HEADER = '姓名,证件号码,打卡时间,经度,纬度,精度(米),设备号,坐标系';
const DAY = 86_400_000;
/** Beijing wall-clock text of an instant, as the other app writes it. */
const beijing = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
const daysAgo = (n: number, hour = 8) => {
  const d = new Date(Date.now() - n * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour - 8, 5, 7));
};
const csv = (...lines: string[]) => `\ufeff${[HEADER, ...lines].join('\r\n')}`;

describe.each(engines())('foreign check-ins import on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  const idA = makeId('211302', '1983-03-03', 41, true);
  const idB = makeId('211302', '1984-04-04', 42, false);
  const idStranger = makeId('211302', '1985-05-05', 43, true);

  const imported = async () =>
    (
      await sql<{
        device_time: string;
        lon: number;
        lat: number;
        accuracy_m: number;
        device_id: number | null;
        signature: string | null;
        foreign_device: string | null;
        source: string;
        posting_id: number;
      }>`SELECT device_time, lon, lat, accuracy_m, device_id, signature, foreign_device, source, posting_id::int AS posting_id
         FROM cadre_checkin WHERE source = 'imported' ORDER BY device_time`.execute(db)
    ).rows;

  async function posting(client: Client, village: string, unitId: number, name: string, idNumber: string, startDaysAgo: number) {
    const p = await client.post('/api/cadres/postings', {
      villageCode: village,
      role: 'team_member',
      startDate: new Date(Date.now() - startDaysAgo * DAY).toISOString().slice(0, 10),
      cadre: { name, idNumber, unitId, post: '科员', partyMember: true },
    });
    expect(p.status, p.text).toBe(200);
    const d = await client.get(`/api/cadres/postings/${p.body.id}`);
    const s = await client.post(`/api/cadres/postings/${p.body.id}/steps`, { action: 'confirm', version: d.body.case.version });
    expect(s.status, s.text).toBe(200);
    return Number(p.body.id);
  }

  let postingA: number;
  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    const u = await county.post('/api/cadres/units', { name: '北票市打卡导入测试局', level: 'county', regionCode: '211381' });
    expect(u.status, u.text).toBe(200);
    postingA = await posting(county, VILLAGE, u.body.id, '导入甲', idA, 30);
    // B is in post in another county (义县): unknown to 北票.
    const other = await loggedIn(t.app, 'yixian');
    const ou = await other.post('/api/cadres/units', { name: '义县打卡导入测试局', level: 'county', regionCode: '210727' });
    const yVillage = (
      await sql<{ code: string }>`SELECT code FROM region WHERE code LIKE '210727%' AND level = 5 ORDER BY code LIMIT 1`.execute(db)
    ).rows[0]?.code as string;
    await posting(other, yVillage, ou.body.id, '导入乙', idB, 30);
  });
  afterAll(() => t.close());

  it('previews, commits, converts GCJ-02, stores a repeated record once, and the same file again adds nothing', async () => {
    const gcj = wgsToGcjPublished(120.7734, 41.8012);
    const t1 = daysAgo(5, 7);
    const t2 = daysAgo(4, 21);
    const file = csv(
      `导入甲,${idA},${beijing(t1)},120.7734,41.8012,15,DEV-001,WGS-84`,
      `导入甲,${idA},${beijing(t2)},${gcj[0].toFixed(7)},${gcj[1].toFixed(7)},30.5,DEV-001,GCJ-02`,
      `导入甲,${idA},${beijing(t1)},120.7734,41.8012,15,DEV-001,WGS-84`,
    );
    const preview = await county.upload(file, 'kaoqin.csv', IMPORT);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({
      rows: 3,
      rowsWithProblems: 0,
      committed: false,
      counts: { new: 2, duplicate: 1, unchanged: 0, rejected: 0 },
    });
    expect(preview.body.preview[0]).toMatchObject({ name: '导入甲', villageCode: VILLAGE, time: t1.toISOString(), outcome: 'new' });
    expect(preview.body.preview[0].idMasked).not.toContain(idA.slice(6, 14));
    expect(await imported()).toEqual([]);

    const commit = await county.upload(file, 'kaoqin.csv', `${IMPORT}?commit=1`);
    expect(commit.body).toMatchObject({ committed: true, counts: { new: 2, duplicate: 1 } });
    const rows = await imported();
    expect(rows).toHaveLength(2);
    expect(
      rows.map((r) => [
        new Date(r.device_time).toISOString(),
        r.posting_id,
        r.device_id,
        r.signature,
        r.foreign_device,
        Number(r.accuracy_m),
      ]),
    ).toEqual([
      [t1.toISOString(), postingA, null, null, 'DEV-001', 15],
      [t2.toISOString(), postingA, null, null, 'DEV-001', 30.5],
    ]);
    expect([Number(rows[0]?.lon), Number(rows[0]?.lat)]).toEqual([120.7734, 41.8012]);
    expect(metres([Number(rows[1]?.lon), Number(rows[1]?.lat)], [120.7734, 41.8012])).toBeLessThan(1);
    const audit = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'cadre_checkin_import'`.execute(db))
      .rows[0]?.n;
    expect(audit).toBe(1);

    const again = await county.upload(file, 'kaoqin.csv', `${IMPORT}?commit=1`);
    // Every row is now on file, the repeated one too.
    expect(again.body).toMatchObject({ committed: true, counts: { new: 0, unchanged: 3, duplicate: 0 } });
    expect(await imported()).toHaveLength(2);
  });

  it('refuses unknown cadres, another county’s, a day without a posting, and bad values; nothing is written', async () => {
    const before = (await imported()).length;
    const ok = beijing(daysAgo(3, 9));
    const file = csv(
      `导入甲,${idA},${ok},120.7734,41.8012,12,DEV-001,`, // 2: fine on its own
      `陌生人,${idStranger},${ok},120.7734,41.8012,12,,`, // 3: not a cadre
      `导入乙,${idB},${ok},121.2,41.5,12,,`, // 4: a cadre of 义县: unknown here
      `导入甲,${idA},${beijing(daysAgo(60))},120.7734,41.8012,12,,`, // 5: before the posting
      `导入丙,${idA},${ok},120.7734,41.8012,12,,`, // 6: another name
      `导入甲,${idA},昨天早上,120.7734,41.8012,12,,`, // 7: not a time
      `导入甲,${idA},${ok},41.8012,120.7734,12,,`, // 8: swapped
      `导入甲,${idA},${ok},120.7734,41.8012,-3,,`, // 9: accuracy
      `导入甲,${idA},${ok},120.7734,41.8012,12,,BD-09`, // 10: datum
      `导入甲,${idA.slice(0, 17)}${idA.endsWith('1') ? '2' : '1'},${ok},120.7734,41.8012,12,,`, // 11: checksum
      `导入甲,${idA},${beijing(new Date(Date.now() + 2 * DAY))},120.7734,41.8012,12,,`, // 12: future
    );
    const r = await county.upload(file, 'bad.csv', `${IMPORT}?commit=1`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.committed).toBe(false);
    expect(r.body.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [3, 'CADRE_UNKNOWN'],
      [4, 'CADRE_UNKNOWN'],
      [5, 'NO_POSTING_ON_DATE'],
      [6, 'NAME_MISMATCH'],
      [7, 'BAD_TIME'],
      [8, 'OUTSIDE_CHINA'],
      [9, 'BAD_ACCURACY'],
      [10, 'DATUM_UNKNOWN'],
      [11, 'ID_BAD_CHECKSUM'],
      [12, 'FUTURE_TIME'],
    ]);
    // Neither the name on file nor the county of 乙 is told; the ID number stays masked.
    const texts = r.body.problems.map((p: { message: string }) => p.message).join('\n');
    expect(texts).not.toContain(idB);
    expect(texts).not.toContain(idStranger);
    expect(texts).not.toContain('义县');
    expect(texts).not.toContain('导入甲');
    expect((await imported()).length).toBe(before);
  });

  it('is county work, inside the user’s scope', async () => {
    const file = csv(`导入甲,${idA},${beijing(daysAgo(2))},120.7734,41.8012,12,,`);
    const township = await loggedIn(t.app, 'dongguanying');
    const refused = await township.upload(file, 'x.csv', `${IMPORT}?commit=1`);
    expect(refused.status).toBe(403);
    const other = await loggedIn(t.app, 'yixian');
    const outside = await other.upload(file, 'x.csv', `${IMPORT}?commit=1`);
    expect(outside.body.problems.map((p: { code: string }) => p.code)).toEqual(['CADRE_UNKNOWN']);
    expect((await other.upload(file, 'x.csv', `${IMPORT}?commit=1&region=211381`)).status).toBe(404);
  });

  it('judges imported records by the same rules: one device number of the other app for two cadres is flagged for both', async () => {
    const unit = (await sql<{ id: number }>`SELECT id FROM dispatch_unit WHERE name = '北票市打卡导入测试局'`.execute(db)).rows[0]
      ?.id as number;
    const idC = makeId('211381', '1986-06-06', 44, true);
    const otherVillage = (
      await sql<{
        code: string;
      }>`SELECT code FROM region WHERE code LIKE '211381%' AND level = 5 AND code <> ${VILLAGE} ORDER BY code LIMIT 1`.execute(db)
    ).rows[0]?.code as string;
    const postingC = await posting(county, otherVillage, unit, '导入丙', idC, 30);
    const at = daysAgo(6, 9);
    const file = csv(
      `导入甲,${idA},${beijing(at)},120.7734,41.8012,16,DEV-SHARED,WGS-84`,
      `导入丙,${idC},${beijing(new Date(at.getTime() + 600_000))},120.7001,41.7001,18,DEV-SHARED,WGS-84`,
    );
    const commit = await county.upload(file, 'shared.csv', `${IMPORT}?commit=1`);
    expect(commit.body, commit.text).toMatchObject({ committed: true, counts: { new: 2 } });
    const month = beijing(at).slice(0, 7);
    const { computeMonth } = await import('../../src/modules/cadres/attendance/compute.ts');
    await computeMonth(db, '211381', month);
    const flagged = (
      await sql<{ posting_id: number; evidence: { devices: { foreignDevice?: string; otherPostings: number[] }[] } }>`
        SELECT posting_id::int AS posting_id, evidence FROM cadre_flag
        WHERE county_code = '211381' AND code = 'forged_shared_device' AND month = ${`${month}-01`}::date ORDER BY posting_id`.execute(db)
    ).rows;
    expect(flagged.map((f) => f.posting_id)).toEqual([postingA, postingC].sort((a, b) => a - b));
    const ofA = flagged.find((f) => f.posting_id === postingA);
    expect(ofA?.evidence.devices).toEqual([{ foreignDevice: 'DEV-SHARED', otherPostings: [postingC] }]);
  });
});
