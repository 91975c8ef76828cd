import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { settled } from '../support/figures.ts';

/**
 * County exit in the command centre on both engines: the county list's incidence over the rural population of all
 * the county's villages, the figures "poverty counties under the threshold / in the exit procedure / exited this year"
 * at the province, the city and the county and never at a township, a closed month's snapshot, and scope. Every
 * expected value is counted with direct SQL.
 */
const COUNTY = '211381'; // 北票市, a provincial poverty county
const OTHER = '210727'; // 义县, another one
const POOR_VILLAGE = '211381109201';
const PLAIN_VILLAGE = '211381109202';
const YEAR = new Date().getUTCFullYear();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const lastMonth = (() => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
})();
const monthEnd = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};

describe.each(engines())('county exit figures on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let sheng: Client;
  let city: Client;
  let county: Client;
  let township: Client;
  let other: Client;
  let exitId = 0;
  let otherVillage = '';
  const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];

  /** Per poverty county: persons still poor (as of `asOf`, else now) and rural population of all its villages. */
  async function countyFigures(asOf: string | null) {
    const status = asOf
      ? sql`(SELECT s.status FROM household_status_history s WHERE s.county_code = h.county_code AND s.household_id = h.id
             AND s.changed_on <= ${asOf}::date ORDER BY s.changed_on DESC, s.id DESC LIMIT 1)`
      : sql`h.status`;
    // County by county, each read naming its county: Citus runs these as router queries (a correlated subquery over a
    // reference table is refused there).
    const counties = await rows<{ code: string }>(sql`SELECT code FROM region WHERE level = 3 AND is_poverty_county ORDER BY code`);
    const out: { code: string; poor: number; pop: number }[] = [];
    for (const { code } of counties) {
      const [poor] = await rows<{ n: number }>(sql`
        SELECT coalesce(sum(h.member_count), 0)::int AS n FROM household h WHERE h.county_code = ${code} AND ${status} IN ('poor', 'returned')`);
      const [pop] = await rows<{ n: number }>(sql`
        SELECT coalesce(sum(coalesce(pv.rural_population, vp.rural_population)), 0)::int AS n
        FROM region v
        LEFT JOIN poor_village pv ON pv.county_code = ${code} AND pv.village_code = v.code
        LEFT JOIN village_population vp ON vp.county_code = ${code} AND vp.village_code = v.code
        WHERE v.level = 5 AND v.code LIKE ${`${code}%`}`);
      out.push({ code, poor: poor?.n ?? 0, pop: pop?.n ?? 0 });
    }
    return out;
  }
  /** The poverty counties (in a region) not announced exited whose incidence is under the threshold (2 %). */
  async function meeting(prefix: string, asOf: string | null) {
    const exited = await rows<{ code: string }>(sql`
      SELECT e.county_code AS code FROM exit_county e JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'county_exit'
      AND c.subject_id = e.id WHERE c.state = 'announced' AND (${asOf}::date IS NULL OR e.announced_on <= ${asOf}::date)`);
    return (await countyFigures(asOf)).filter(
      (c) => c.code.startsWith(prefix) && c.pop > 0 && (100 * c.poor) / c.pop < 2 && !exited.some((e) => e.code === c.code),
    ).length;
  }
  const caseCount = async (prefix: string, states: string[]) =>
    Number(
      (
        await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM procedure_case WHERE procedure = 'county_exit'
          AND county_code LIKE ${`${prefix}%`} AND state = ANY(${states}::text[])`)
      )[0]?.n,
    );
  const OPEN = ['proposed', 'prechecked', 'verified', 'notice'];
  const figures = async (c: Client, region: string, month?: string) => {
    const r = await settled(c, `/api/command/dashboard?region=${region}${month ? `&month=${month}` : ''}`);
    expect(r.status).toBe(200);
    const fig = (id: string) => r.body.figures.find((f: { id: string }) => f.id === id)?.value;
    return { meeting: fig('exit_counties_meeting'), open: fig('exit_counties_in_procedure'), exited: fig('exit_counties_exited_year') };
  };
  const step = async (c: Client, action: string, extra: Record<string, unknown> = {}) => {
    const version = (await sheng.get(`/api/exit/counties/${exitId}`)).body.case.version;
    const r = await c.post(`/api/exit/counties/${exitId}/steps`, { action, version, ...extra });
    expect(r.status, r.text).toBe(200);
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    sheng = await loggedIn(t.app, 'sheng');
    city = await loggedIn(t.app, 'chaoyang');
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    other = await loggedIn(t.app, 'yixian');
    const [v] = await rows<{ code: string }>(sql`SELECT min(code) AS code FROM region WHERE level = 5 AND code LIKE ${`${OTHER}%`}`);
    otherVillage = v?.code ?? '';
    // 北票市: a poor village of 1000 and a village of 500 (village_population), 8 persons still poor (0.53 %).
    // 义县: one village of 100 with 10 persons still poor (10 %).
    await sql`INSERT INTO poor_village (county_code, village_code, year_listed, rural_population) VALUES (${COUNTY}, ${POOR_VILLAGE}, 2014, 1000)
              ON CONFLICT DO NOTHING`.execute(db);
    await sql`INSERT INTO village_population (county_code, village_code, rural_population, year) VALUES
              (${COUNTY}, ${PLAIN_VILLAGE}, 500, ${YEAR}), (${OTHER}, ${otherVillage}, 100, ${YEAR}) ON CONFLICT DO NOTHING`.execute(db);
    await sql`INSERT INTO household (county_code, household_no, village_code, category, cause, year_identified, status, member_count) VALUES
              (${COUNTY}, 'CF1', ${POOR_VILLAGE}, 'ordinary', 'illness', 2015, 'poor', 5),
              (${COUNTY}, 'CF2', ${PLAIN_VILLAGE}, 'ordinary', 'illness', 2015, 'poor', 3),
              (${COUNTY}, 'CF3', ${PLAIN_VILLAGE}, 'ordinary', 'illness', 2015, 'exited', 4),
              (${OTHER}, 'CF4', ${otherVillage}, 'ordinary', 'illness', 2015, 'poor', 10)`.execute(db);
  });
  afterAll(() => t.close());

  it("lists the poverty counties with the incidence over all their villages' rural population", async () => {
    const r = await sheng.get('/api/exit/counties');
    expect(r.status).toBe(200);
    const expected = await countyFigures(null);
    expect(
      r.body.items.map((i: { code: string; poorPersons: number; ruralPopulation: number }) => [i.code, i.poorPersons, i.ruralPopulation]),
    ).toEqual(expected.map((e) => [e.code, e.poor, e.pop]));
    const bp = r.body.items.find((i: { code: string }) => i.code === COUNTY);
    expect(bp).toMatchObject({ poorPersons: 8, ruralPopulation: 1500, incidence: 0.53, meetsThreshold: true });
    expect(r.body.items.find((i: { code: string }) => i.code === OTHER)).toMatchObject({ incidence: 10, meetsThreshold: false });
  });

  it('counts the counties under the threshold at the province, the city and the county, and none at a township', async () => {
    expect((await figures(sheng, '21')).meeting).toBe(await meeting('21', null));
    expect(await meeting('21', null)).toBe(1);
    expect((await figures(sheng, '2113')).meeting).toBe(await meeting('2113', null));
    expect((await figures(county, COUNTY)).meeting).toBe(1);
    expect((await figures(other, OTHER)).meeting).toBe(0);
    expect(await figures(township, '211381109')).toMatchObject({ meeting: 0, open: 0, exited: 0 });
  });

  it('follows the county through its procedure: in procedure after the application, exited this year when announced', async () => {
    const made = await county.post('/api/exit/counties', { countyCode: COUNTY, year: YEAR });
    expect(made.status, made.text).toBe(200);
    exitId = made.body.id;
    await step(city, 'precheck');
    for (const [c, region] of [
      [sheng, '21'],
      [city, '2113'],
      [county, COUNTY],
    ] as const) {
      const f = await figures(c, region);
      expect(f.open).toBe(await caseCount(region, OPEN));
      expect(f.open).toBe(1);
      expect(f.meeting).toBe(await meeting(region, null));
    }
    expect((await figures(township, '211381109')).open).toBe(0);
    await step(sheng, 'verify');
    await step(sheng, 'publish', { date: daysAgo(7) });
    await step(sheng, 'announce');
    const f = await figures(sheng, '21');
    expect(f.open).toBe(await caseCount('21', OPEN));
    expect(f.open).toBe(0);
    expect(f.exited).toBe(await caseCount('21', ['announced']));
    expect(f.exited).toBe(1);
    expect(f.meeting).toBe(await meeting('21', null));
    expect(f.meeting).toBe(0);
    const again = await county.post('/api/exit/counties', { countyCode: COUNTY, year: YEAR + 1 });
    expect(again.body.error.code).toBe('EXIT_COUNTY_EXITED');
  });

  it("keeps a closed month's snapshot as it stood then: no county in procedure or exited last month", async () => {
    const f = await figures(sheng, '21', lastMonth);
    expect(f.open).toBe(0);
    expect(f.exited).toBe(0);
    expect(f.meeting).toBe(await meeting('21', monthEnd(lastMonth)));
  });

  it("answers another county's county and village exits as not found", async () => {
    expect((await other.get(`/api/exit/counties/${exitId}`)).status).toBe(404);
    expect((await other.post(`/api/exit/counties/${exitId}/steps`, { action: 'withdraw', version: 1, reason: 'x' })).status).toBe(404);
    const v = await township.post('/api/exit/villages', {
      villageCode: POOR_VILLAGE,
      year: YEAR,
      checklist: { roads: true },
    });
    expect(v.status, v.text).toBe(200);
    expect((await other.get(`/api/exit/villages/${v.body.id}`)).status).toBe(404);
    expect((await county.get(`/api/exit/villages/${v.body.id}`)).status).toBe(200);
  });
});
