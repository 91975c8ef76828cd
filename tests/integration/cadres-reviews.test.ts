import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * Spot checks, unexcused absences, reviews by the dispatching level with the rating cap, and a resident cadre's login
 * that ends with the posting — over HTTP on both engines, read back with SQL.
 */
const VILLAGE = '211381109201';
const YEAR = new Date().getUTCFullYear();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const rows = async (db: Database['db'], q: ReturnType<typeof sql>) => (await q.execute(db)).rows as Record<string, unknown>[];

describe.each(engines())('cadre reviews on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let city: Client;
  let township: Client;
  let countyUnit: number;
  let cityUnit: number;
  let seq = 300;
  // makeId moves an odd sequence to the next even one (female): step by two so no two cadres share a number.
  const nextSeq = () => {
    seq += 2;
    return seq;
  };

  /** A posting in post since `since` days ago, dispatched by `unit`. */
  async function inPost(name: string, unit: number, since = 200) {
    const made = await county.post('/api/cadres/postings', {
      cadre: { name, idNumber: makeId('211302', '1982-03-03', nextSeq(), false), unitId: unit, post: '科员', partyMember: true },
      villageCode: VILLAGE,
      role: 'team_member',
      startDate: daysAgo(since),
    });
    expect(made.status).toBe(200);
    const d = await county.get(`/api/cadres/postings/${made.body.id}`);
    expect(
      (await county.post(`/api/cadres/postings/${made.body.id}/steps`, { action: 'confirm', version: d.body.case.version })).status,
    ).toBe(200);
    return made.body.id as number;
  }
  const spot = (c: Client, id: number, date: string, found: boolean) => c.post(`/api/cadres/postings/${id}/spot-checks`, { date, found });
  const review = (c: Client, id: number, rating: string, period = 'year') =>
    c.post(`/api/cadres/postings/${id}/reviews`, { year: YEAR, period, rating });

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    city = await loggedIn(t.app, 'chaoyang');
    township = await loggedIn(t.app, 'dongguanying');
    countyUnit = (await county.post('/api/cadres/units', { name: '北票市统计局', level: 'county', regionCode: '211381' })).body.id;
    cityUnit = (await city.post('/api/cadres/units', { name: '朝阳市财政局', level: 'city', regionCode: '2113' })).body.id;
  });
  afterAll(() => t.close());

  it('makes a "not found" spot check an unexcused absence unless approved leave covers the day', async () => {
    const id = await inPost('韩抽查', countyUnit);
    // Approved leave on one day (asked from the county, approved by the township: 1 day).
    const leave = await county.post(`/api/cadres/postings/${id}/leave`, {
      kind: 'personal',
      startDate: daysAgo(10),
      endDate: daysAgo(10),
      reason: '家事',
    });
    const ld = await township.get(`/api/cadres/leave/${leave.body.id}`);
    expect(
      (await township.post(`/api/cadres/leave/${leave.body.id}/steps`, { action: 'approve', version: ld.body.case.version })).status,
    ).toBe(200);

    expect((await spot(township, id, daysAgo(10), false)).body.absence).toBe(false);
    expect((await spot(township, id, daysAgo(9), true)).body.absence).toBe(false);
    expect((await spot(township, id, daysAgo(8), false)).body.absence).toBe(true);
    const [n] = await rows(db, sql`SELECT count(*)::int AS n FROM cadre_absence WHERE posting_id = ${id} AND NOT excused`);
    expect(n?.n).toBe(1);
    const [checks] = await rows(db, sql`SELECT count(*)::int AS n FROM cadre_spot_check WHERE posting_id = ${id}`);
    expect(checks?.n).toBe(3);

    // A date before the posting or in the future is refused and writes nothing.
    expect((await spot(township, id, daysAgo(-1), false)).status).toBe(400);
    expect((await spot(township, id, daysAgo(500), false)).status).toBe(400);
    const village = await loggedIn(t.app, 'haifeng');
    expect((await spot(village, id, daysAgo(7), false)).body.error.code).toBe('CADRE_SPOT_CHECK_LEVEL');
    const [after] = await rows(db, sql`SELECT count(*)::int AS n FROM cadre_spot_check WHERE posting_id = ${id}`);
    expect(after?.n).toBe(3);
  });

  it('caps the rating: one absence refuses 优秀 and allows 称职; the summary says so', async () => {
    const id = await inPost('曹评议', countyUnit);
    await spot(township, id, daysAgo(3), false);
    const summary = (await county.get(`/api/cadres/postings/${id}/reviews?year=${YEAR}`)).body;
    expect(summary.absences).toHaveLength(1);
    expect(summary.cap).toBe('competent');
    expect(summary.capLabel).toBe('称职');

    const refused = await review(county, id, 'excellent');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CADRE_RATING_CAPPED');
    expect(refused.body.error.message).toBe('本年度有 1 次无故缺勤，评议等次最高为“称职”');
    expect((await review(county, id, 'competent')).status).toBe(200);
    expect((await review(county, id, 'basic')).body.error.code).toBe('CADRE_REVIEW_EXISTS');
    const stored = await rows(db, sql`SELECT rating, reviewer_name FROM cadre_review WHERE posting_id = ${id}`);
    expect(stored).toEqual([{ rating: 'competent', reviewer_name: 'beipiao' }]);

    // Three absences: only 不称职.
    await spot(township, id, daysAgo(4), false);
    await spot(township, id, daysAgo(5), false);
    expect((await review(county, id, 'basic', 'q4')).body.error.code).toBe('CADRE_RATING_CAPPED');
    expect((await review(county, id, 'incompetent', 'q4')).status).toBe(200);
  });

  it('lets only the dispatching level review (哪一级派出，哪一级为主考核)', async () => {
    const byCity = await inPost('魏市派', cityUnit);
    const countyTries = await review(county, byCity, 'competent');
    expect(countyTries.status).toBe(403);
    expect(countyTries.body.error.code).toBe('CADRE_REVIEW_LEVEL');
    expect(countyTries.body.error.message).toContain('朝阳市财政局');
    expect((await review(city, byCity, 'excellent')).status).toBe(200);

    const byCounty = await inPost('蒋县派', countyUnit);
    expect((await review(township, byCounty, 'competent')).body.error.code).toBe('CADRE_REVIEW_LEVEL');
    expect((await review(city, byCounty, 'competent')).body.error.code).toBe('CADRE_REVIEW_LEVEL');
    const [n] = await rows(db, sql`SELECT count(*)::int AS n FROM cadre_review WHERE posting_id = ${byCounty}`);
    expect(n?.n).toBe(0);
  });

  it('gives a cadre in post a village login that stops when the posting ends', async () => {
    const id = await inPost('沈账号', countyUnit, 900);
    const made = await county.post(`/api/cadres/postings/${id}/login`, { username: 'shen.zhanghao', password: 'Zhucun#2026a' });
    expect(made.status).toBe(200);
    const [u] = await rows(
      db,
      sql`SELECT role, scope_code, posting_id::int AS posting_id, disabled FROM app_user WHERE username = 'shen.zhanghao'`,
    );
    expect(u).toEqual({ role: 'resident_cadre', scope_code: VILLAGE, posting_id: id, disabled: false });
    expect((await township.post(`/api/cadres/postings/${id}/login`, { username: 'shen2', password: 'Zhucun#2026a' })).status).toBe(403);

    // The login works while in post (the same name and password fail below only because the posting ended).
    expect((await new Client(t.app).post('/api/auth/login', { username: 'shen.zhanghao', password: 'Zhucun#2026a' })).status).toBe(200);
    const d = await county.get(`/api/cadres/postings/${id}`);
    expect((await county.post(`/api/cadres/postings/${id}/steps`, { action: 'finish', version: d.body.case.version })).status).toBe(200);
    const [after] = await rows(db, sql`SELECT disabled FROM app_user WHERE username = 'shen.zhanghao'`);
    expect(after?.disabled).toBe(true);
    const login = await new Client(t.app).post('/api/auth/login', { username: 'shen.zhanghao', password: 'Zhucun#2026a' });
    expect(login.body.error.code).toBe('INVALID_CREDENTIALS');
  });
});
