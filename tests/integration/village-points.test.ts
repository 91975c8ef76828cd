import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { metres, wgsToGcjPublished } from '../support/gcj.ts';

/**
 * Village points on both engines: the import's preview and all-or-nothing commit (each problem kind, scope,
 * idempotence, GCJ-02 converted), the county's edit on the map (audited), and another county refused without learning
 * whether the village exists.
 */
const HAIFENG = '211381109201'; // 海丰村, 东官营镇, 北票市
const SANJIA = '211381109202';
const csv = (...lines: string[]) => `\ufeff${['村代码,村名,经度,纬度,坐标系', ...lines].join('\r\n')}`;
const IMPORT = '/api/cadres/village-points/import';

describe.each(engines())('village points on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let otherVillage: string;

  const pointsOf = async (codes: string[]) =>
    (
      await sql<{ village_code: string; lon: number; lat: number; source: string; given_crs: string; updated_at: string }>`
        SELECT village_code, lon, lat, source, given_crs, updated_at::text AS updated_at FROM village_point
        WHERE village_code IN (${sql.join(codes)}) ORDER BY village_code`.execute(db)
    ).rows;
  const auditCount = async () =>
    Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'village_point'`.execute(db)).rows[0]?.n);
  const pointCount = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM village_point`.execute(db)).rows[0]?.n);

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    otherVillage = (
      await sql<{ code: string }>`SELECT code FROM region WHERE code LIKE '210727%' AND level = 5 ORDER BY code LIMIT 1`.execute(db)
    ).rows[0]?.code as string;
  });
  afterAll(() => t.close());

  it('previews without writing, commits WGS-84 as given and GCJ-02 converted, and the same file again changes nothing', async () => {
    const gcj = wgsToGcjPublished(120.7811, 41.7903); // the surveyed WGS-84 point of 三家村, as a Chinese map app shows it
    const file = csv(`${HAIFENG},海丰村,120.7734,41.8012,WGS-84`, `${SANJIA},三家村,${gcj[0].toFixed(7)},${gcj[1].toFixed(7)},火星坐标`);
    const before = await auditCount();

    const preview = await county.upload(file, 'points.csv', IMPORT);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({
      rows: 2,
      rowsWithProblems: 0,
      committed: false,
      counts: { new: 2, updated: 0, unchanged: 0, rejected: 0 },
    });
    const names = (await sql<{ name: string }>`SELECT name FROM region WHERE code IN (${HAIFENG}, ${SANJIA}) ORDER BY code`.execute(db))
      .rows;
    expect(preview.body.preview.map((p: { villageName: string; outcome: string }) => [p.villageName, p.outcome])).toEqual([
      [names[0]?.name, 'new'],
      [names[1]?.name, 'new'],
    ]);
    expect(await pointsOf([HAIFENG, SANJIA])).toEqual([]);

    const commit = await county.upload(file, 'points.csv', `${IMPORT}?commit=1`);
    expect(commit.status, commit.text).toBe(200);
    expect(commit.body).toMatchObject({ committed: true, counts: { new: 2 } });
    const stored = await pointsOf([HAIFENG, SANJIA]);
    expect(stored.map((p) => [p.village_code, p.source, p.given_crs])).toEqual([
      [HAIFENG, 'imported', 'wgs84'],
      [SANJIA, 'imported', 'gcj02'],
    ]);
    expect([Number(stored[0]?.lon), Number(stored[0]?.lat)]).toEqual([120.7734, 41.8012]);
    // Converted back to the surveyed point (within 1 m), not kept as the shifted one (100–700 m away).
    const sanjia: [number, number] = [Number(stored[1]?.lon), Number(stored[1]?.lat)];
    expect(metres(sanjia, [120.7811, 41.7903])).toBeLessThan(1);
    expect(metres(sanjia, gcj)).toBeGreaterThan(100);
    expect(await auditCount()).toBe(before + 2);

    const again = await county.upload(file, 'points.csv', `${IMPORT}?commit=1`);
    expect(again.body).toMatchObject({ committed: true, counts: { new: 0, updated: 0, unchanged: 2, rejected: 0 } });
    expect(await pointsOf([HAIFENG, SANJIA])).toEqual(stored);
    expect(await auditCount()).toBe(before + 2);
  });

  it('names each problem by row, in the user’s language, and writes nothing when one row is wrong', async () => {
    const before = { points: await pointCount(), audit: await auditCount() };
    const file = csv(
      `${HAIFENG},海丰村,120.70,41.80,WGS84`, // row 2: fine on its own
      '211381109999,,120.7,41.8,', // 3: no such village
      `${otherVillage},,121.2,41.5,`, // 4: another county
      '211381109,东官营镇,120.7,41.8,', // 5: a township, not a village code
      `${SANJIA},三家村,东经120度,41.8,`, // 6: not a number
      '211381109203,,41.8,120.7,', // 7: swapped: outside China
      '211381109204,,120.7,41.8,BD-09', // 8: unknown datum
      '211381109205,,120.7,41.8,', // 9 and 10: the same village twice
      '211381109205,,120.71,41.81,',
    );
    const r = await county.upload(file, 'bad.csv', `${IMPORT}?commit=1`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.committed).toBe(false);
    expect(r.body.rowsWithProblems).toBe(8);
    expect(r.body.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [3, 'VILLAGE_CODE_UNKNOWN'],
      [4, 'VILLAGE_OUT_OF_SCOPE'],
      [5, 'NOT_A_VILLAGE_CODE'],
      [6, 'BAD_COORDINATE'],
      [7, 'OUTSIDE_CHINA'],
      [8, 'DATUM_UNKNOWN'],
      [9, 'DUPLICATE_VILLAGE'],
      [10, 'DUPLICATE_VILLAGE'],
    ]);
    expect(r.body.problems[3].message).toBe('“经度”应为以度为单位的数字（如 120.7734），不是“东经120度”');
    expect(r.body.problems[6].message).toContain('第 9, 10 行');
    expect({ points: await pointCount(), audit: await auditCount() }).toEqual(before);
    const stillOld = await pointsOf([HAIFENG]);
    expect(Number(stillOld[0]?.lon)).toBe(120.7734);

    county.lang = 'en';
    const en = await county.upload(file, 'bad.csv', IMPORT);
    county.lang = 'zh-CN';
    expect(en.body.problems[1].message).toBe(`Village code ${otherVillage} is outside your scope`);
  });

  it('refuses a file that is not a points file, with a clear message, writing nothing', async () => {
    const before = await pointCount();
    const noHeader = await county.upload('a,b,c\r\n1,2,3\r\n', 'x.csv', `${IMPORT}?commit=1`);
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.code).toBe('IMPORT_FILE_REJECTED');
    const type = await county.upload('hello', 'points.pdf', `${IMPORT}?commit=1`);
    expect(type.body.error.code).toBe('IMPORT_BAD_TYPE');
    const nul = await county.upload(
      csv(`${HAIFENG},海\u0000丰村,120.7,41.8,`, '211381109\u0000201,,120.7,41.8,'),
      'nul.csv',
      `${IMPORT}?commit=1`,
    );
    expect(nul.status, nul.text).toBe(200);
    expect(nul.body.committed).toBe(false);
    expect(nul.body.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([[3, 'NOT_A_VILLAGE_CODE']]);
    // Too many rows (a province has ~17,000 villages; the limit is 25,000) and too many bytes (20 MB).
    const rows = Array.from({ length: 25_001 }, () => `${HAIFENG},,120.7,41.8,`);
    const many = await county.upload(csv(...rows), 'many.csv', `${IMPORT}?commit=1`);
    expect(many.status).toBe(400);
    expect(many.body.error.code).toBe('IMPORT_FILE_REJECTED');
    expect(many.body.error.message).toContain('25,000');
    const huge = await county.upload(
      `${csv(`${HAIFENG},,120.7,41.8,`)}\r\n${'x,'.repeat(11 * 1024 * 1024)}`,
      'huge.csv',
      `${IMPORT}?commit=1`,
    );
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('IMPORT_FILE_TOO_LARGE');
    const township = await loggedIn(t.app, 'dongguanying');
    const refused = await township.upload(csv(`${HAIFENG},,120.7,41.8,`), 'p.csv', `${IMPORT}?commit=1`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('POINT_LEVEL');
    expect(await pointCount()).toBe(before);
  });

  it('lets the county place a point on the map (audited before/after); others are refused without confirming the village', async () => {
    const put = await county.put(`/api/cadres/village-points/${HAIFENG}`, { lon: 120.7801, lat: 41.8055 });
    expect(put.status, put.text).toBe(200);
    const [p] = await pointsOf([HAIFENG]);
    expect([Number(p?.lon), Number(p?.lat), p?.source, p?.given_crs]).toEqual([120.7801, 41.8055, 'edited', 'wgs84']);
    const [a] = (
      await sql<{ action: string; before: { lon: number; source: string }; after: { lon: number; source: string }; scope_code: string }>`
        SELECT action, before, after, scope_code FROM audit_log WHERE entity = 'village_point' AND entity_id = ${HAIFENG}
        ORDER BY id DESC LIMIT 1`.execute(db)
    ).rows;
    expect(a).toMatchObject({
      action: 'update',
      before: { lon: 120.7734, source: 'imported' },
      after: { lon: 120.7801, source: 'edited' },
    });

    const other = await loggedIn(t.app, 'yixian');
    const foreign = await other.put(`/api/cadres/village-points/${HAIFENG}`, { lon: 121, lat: 41 });
    const missing = await other.put('/api/cadres/village-points/210727999999', { lon: 121, lat: 41 });
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    expect(foreign.body.error.code).toBe(missing.body.error.code);
    expect((await other.get('/api/cadres/village-points?region=211381')).status).toBe(404);
    const township = await loggedIn(t.app, 'dongguanying');
    expect((await township.put(`/api/cadres/village-points/${HAIFENG}`, { lon: 121, lat: 41 })).status).toBe(403);
    expect((await county.put(`/api/cadres/village-points/${HAIFENG}`, { lon: 200, lat: 41 })).status).toBe(400);
    expect((await county.put('/api/cadres/village-points/211381109', { lon: 121, lat: 41 })).status).toBe(404);
    const [still] = await pointsOf([HAIFENG]);
    expect(Number(still?.lon)).toBe(120.7801);
  });

  it('lists the villages of a region with their point or none, in pages', async () => {
    const all = (
      await sql<{ code: string }>`SELECT code FROM region WHERE code LIKE '211381109%' AND level = 5 ORDER BY code`.execute(db)
    ).rows.map((r) => r.code);
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 50; i++) {
      const page = await county.get(`/api/cadres/village-points?region=211381109&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status, page.text).toBe(200);
      seen.push(...page.body.items.map((x: { villageCode: string }) => x.villageCode));
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual(all);
    const first = await county.get('/api/cadres/village-points?region=211381109&limit=5');
    const name = (await sql<{ name: string }>`SELECT name FROM region WHERE code = ${HAIFENG}`.execute(db)).rows[0]?.name;
    expect(first.body.items.find((x: { villageCode: string }) => x.villageCode === HAIFENG)).toMatchObject({
      villageCode: HAIFENG,
      villageName: name,
      townshipName: '东官营镇',
      point: { lon: 120.7801, lat: 41.8055, source: 'edited', givenCrs: 'wgs84', updatedBy: 'beipiao' },
    });
    const missing = await county.get('/api/cadres/village-points?region=211381109&missing=1&limit=500');
    expect(missing.body.items.map((x: { villageCode: string }) => x.villageCode)).not.toContain(HAIFENG);
    expect(missing.body.items.every((x: { point: unknown }) => x.point === null)).toBe(true);
  });
});
