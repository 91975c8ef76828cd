import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

/**
 * Village and county exit on both engines: incidence against the threshold (SQL-computed), the township's proposal,
 * the county's check of the checklist, the notice counted in calendar days, the announcement setting the poor
 * village's exit year; a county's exit through the city and the province; scope.
 */
const VILLAGE = '211381109201';
const BUSY = '211381109202';
const COUNTY = '211381';
const YEAR = new Date().getUTCFullYear();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const ALL = {
  collective_income: true,
  roads: true,
  drinking_water: true,
  electricity: true,
  housing: true,
  clinic: true,
  activity_venue: true,
};

describe.each(engines())('village and county exit on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let city: Client;
  let province: Client;
  let other: Client;
  let exitId = 0;
  const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const step = async (c: Client, base: string, id: number, action: string, extra: Record<string, unknown> = {}) => {
    const d = await county.get(`${base}/${id}`);
    const v = d.status === 200 ? d.body.case.version : (await province.get(`${base}/${id}`)).body.case.version;
    return c.post(`${base}/${id}/steps`, { action, version: v, ...extra });
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    city = await loggedIn(t.app, 'chaoyang');
    province = await loggedIn(t.app, 'sheng');
    other = await loggedIn(t.app, 'yixian');
    await sql`INSERT INTO poor_village (county_code, village_code, year_listed, rural_population) VALUES
              (${COUNTY}, ${VILLAGE}, 2014, 1000), (${COUNTY}, ${BUSY}, 2014, 100) ON CONFLICT DO NOTHING`.execute(db);
    // 海丰村: 5 poor persons of 1000 (0.5 %); the other village 5 of 100 (5 %).
    await sql`INSERT INTO household (county_code, household_no, village_code, category, cause, year_identified, status, member_count) VALUES
              (${COUNTY}, 'VX1', ${VILLAGE}, 'ordinary', 'illness', 2015, 'poor', 5),
              (${COUNTY}, 'VX2', ${BUSY}, 'ordinary', 'illness', 2015, 'poor', 5)`.execute(db);
  });
  afterAll(() => t.close());

  it('lists the poor villages with the incidence computed as SQL computes it, and the threshold', async () => {
    const r = await township.get('/api/exit/villages');
    expect(r.status).toBe(200);
    expect(r.body.threshold).toBe(2);
    const expected = await rows<{ code: string; inc: string }>(sql`
      SELECT pv.village_code AS code, round(100.0 * coalesce(sum(h.member_count) FILTER (WHERE h.status IN ('poor', 'returned')), 0) / pv.rural_population, 2) AS inc
      FROM poor_village pv LEFT JOIN household h ON h.county_code = pv.county_code AND h.village_code = pv.village_code
      WHERE pv.village_code LIKE '211381109%' GROUP BY pv.village_code, pv.rural_population ORDER BY 1`);
    expect(r.body.items.map((i: { code: string; incidence: number }) => [i.code, i.incidence])).toEqual(
      expected.map((e) => [e.code, Number(e.inc)]),
    );
    const busy = r.body.items.find((i: { code: string }) => i.code === BUSY);
    expect(busy.meetsThreshold).toBe(false);
  });

  it('refuses a village above the threshold; the township proposes one below', async () => {
    const above = await township.post('/api/exit/villages', { villageCode: BUSY, year: YEAR, checklist: ALL });
    expect(above.status).toBe(409);
    expect(above.body.error.code).toBe('EXIT_ABOVE_THRESHOLD');
    const made = await township.post('/api/exit/villages', { villageCode: VILLAGE, year: YEAR, checklist: { ...ALL, clinic: false } });
    expect(made.status).toBe(200);
    exitId = made.body.id;
  });

  it('needs the whole checklist verified by the county, counts the notice, and sets the exit year when announced', async () => {
    const base = '/api/exit/villages';
    expect((await step(township, base, exitId, 'check', { verified: ALL })).status).toBe(403);
    const partial = await step(county, base, exitId, 'check', { verified: { ...ALL, clinic: false } });
    expect(partial.status).toBe(409);
    expect(partial.body.error.code).toBe('EXIT_CHECKLIST_INCOMPLETE');
    expect(partial.body.error.message).toContain('有标准化卫生室');
    expect((await step(county, base, exitId, 'check', { verified: ALL })).status).toBe(200);
    expect((await step(county, base, exitId, 'publish', { date: daysAgo(6) })).status).toBe(200);
    const early = await step(county, base, exitId, 'announce');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PROCEDURE_TOO_EARLY');
    expect((await step(county, base, exitId, 'return', { reason: '公示日期有误' })).status).toBe(200);
    expect((await step(county, base, exitId, 'check', { verified: ALL })).status).toBe(200);
    expect((await step(county, base, exitId, 'publish', { date: daysAgo(7) })).status).toBe(200);
    expect((await step(county, base, exitId, 'announce')).status).toBe(200);
    const [pv] = await rows<{ exit_year: number }>(
      sql`SELECT exit_year FROM poor_village WHERE county_code = ${COUNTY} AND village_code = ${VILLAGE}`,
    );
    expect(pv?.exit_year).toBe(YEAR);
    const d = await county.get(`${base}/${exitId}`);
    expect(d.body.case.state).toBe('announced');
    expect(d.body.verified.every((c: { ok: boolean }) => c.ok)).toBe(true);
    expect((await other.get(`${base}/${exitId}`)).status).toBe(404);
  });

  it("takes a poverty county through the city's pre-check and the province's verification", async () => {
    const list = await province.get('/api/exit/counties');
    expect(list.status).toBe(200);
    const n = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM region WHERE level = 3 AND is_poverty_county AND code LIKE '21%'`,
    );
    expect(list.body.items.length).toBe(n[0]?.n);
    const candidate = list.body.items.find((c: { meetsThreshold: boolean; code: string }) => c.code === COUNTY);
    if (!candidate) {
      // 北票市 is not a provincial poverty county: its operator is refused.
      expect((await county.post('/api/exit/counties', { countyCode: COUNTY, year: YEAR })).body.error.code).toBe(
        'EXIT_COUNTY_NOT_CANDIDATE',
      );
      return;
    }
    const made = await county.post('/api/exit/counties', { countyCode: COUNTY, year: YEAR });
    expect(made.status).toBe(200);
    const base = '/api/exit/counties';
    const id = made.body.id;
    expect((await step(county, base, id, 'precheck')).status).toBe(403);
    expect((await step(city, base, id, 'precheck')).status).toBe(200);
    expect((await step(city, base, id, 'verify')).status).toBe(403);
    expect((await step(province, base, id, 'verify')).status).toBe(200);
    expect((await step(province, base, id, 'publish', { date: daysAgo(7) })).status).toBe(200);
    expect((await step(province, base, id, 'announce')).status).toBe(200);
    expect((await other.get(`${base}/${id}`)).status).toBe(404);
  });
});
