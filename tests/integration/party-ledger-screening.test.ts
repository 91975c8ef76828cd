import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { fixtureIdNumber, partyVillage } from '../../src/modules/party/ledger/fixtures.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

/**
 * Secretary screening (过筛子) and nomination bars on both engines: a county's round lists every poor village's current
 * secretary, assessments one by one, an unfit secretary's adjustment (overdue alert past year end, the term ended and
 * the successor's started in one step), nominations refused with the conditions named, the province's list, scope.
 */
const VILLAGES = ['211381109201', '211381109202', '211381109203'];
const TODAY = new Date().toISOString().slice(0, 10);
const LAST_YEAR = Number(TODAY.slice(0, 4)) - 1;

describe.each(engines())('party screening on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let other: Client;
  let leader: Client;
  let province: Client;
  let roundId = 0;
  const ids: Record<string, number> = {};

  const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    other = await loggedIn(t.app, 'yixian');
    leader = await loggedIn(t.app, 'leader');
    province = await loggedIn(t.app, 'sheng');
    for (const v of VILLAGES) await partyVillage(db, v, { keys: TEST_KEYS });
    // A poor village without an organisation is not listed (nobody to assess).
    await sql`INSERT INTO poor_village (county_code, village_code, year_listed, rural_population) VALUES ('211381', '211381109204', 2014, 800)`.execute(
      db,
    );
  });
  afterAll(() => t.close());

  it("opens a county's round listing every poor village's current secretary, once a year, by the county", async () => {
    // The county is above the township's region: outside it, as another county's would be.
    expect((await township.post('/api/party/screening/rounds', { countyCode: '211381', year: LAST_YEAR })).status).toBe(404);
    expect((await leader.post('/api/party/screening/rounds', { countyCode: '211381', year: LAST_YEAR })).status).toBe(403);
    const opened = await county.post('/api/party/screening/rounds', { countyCode: '211381', year: LAST_YEAR });
    expect(opened.status).toBe(200);
    roundId = opened.body.id;
    const [expected] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM poor_village pv JOIN party_org o ON o.county_code = pv.county_code AND o.region_code = pv.village_code
      JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id AND t.end_date IS NULL WHERE pv.county_code = '211381'`);
    expect(opened.body.listed).toBe(expected?.n);
    expect((await county.post('/api/party/screening/rounds', { countyCode: '211381', year: LAST_YEAR })).status).toBe(409);
    const round = await township.get(`/api/party/screening/rounds/${roundId}`);
    expect(round.status).toBe(200);
    expect(round.body).toMatchObject({ total: 3, assessed: 0 });
    for (const s of round.body.items) ids[s.village.code] = s.id;
    const full = await county.get(`/api/party/screening/rounds/${roundId}?region=211381`);
    expect(full.body.withoutSecretary.map((v: { village_code: string }) => v.village_code)).toEqual(['211381109204']);
    expect((await other.get(`/api/party/screening/rounds/${roundId}`)).status).toBe(404);
  });

  it('assesses one by one; 不胜任 opens an adjustment due by the year end, overdue now', async () => {
    const [a, b, c] = VILLAGES.map((v) => ids[v] as number);
    expect((await township.put(`/api/party/screening/${a}`, { result: 'competent', opinion: 'satisfied' })).status).toBe(200);
    expect((await township.put(`/api/party/screening/${a}`, { result: 'basically', opinion: 'satisfied' })).status).toBe(409);
    expect((await township.put(`/api/party/screening/${b}`, { result: 'basically', opinion: 'basically' })).status).toBe(200);
    const bad = await township.put(`/api/party/screening/${c}`, { result: 'bogus', opinion: 'satisfied' });
    expect(bad.status).toBe(400);
    expect((await leader.put(`/api/party/screening/${c}`, { result: 'incompetent', opinion: 'dissatisfied' })).status).toBe(403);
    expect((await other.put(`/api/party/screening/${c}`, { result: 'incompetent', opinion: 'dissatisfied' })).status).toBe(404);
    const unfit = await township.put(`/api/party/screening/${c}`, { result: 'incompetent', opinion: 'dissatisfied', note: '群众反映强烈' });
    expect(unfit.status).toBe(200);
    const [s] = await rows<{ adjust_by: string; state: string }>(sql`
      SELECT to_char(s.adjust_by, 'YYYY-MM-DD') AS adjust_by, c.state FROM party_screening s
      JOIN procedure_case c ON c.county_code = s.county_code AND c.procedure = 'party_adjustment' AND c.subject_id = s.id WHERE s.id = ${c}`);
    expect(s).toEqual({ adjust_by: `${LAST_YEAR}-12-31`, state: 'pending' });
    const round = await county.get(`/api/party/screening/rounds/${roundId}`);
    expect(round.body).toMatchObject({ total: 3, assessed: 3, unfit: 1, adjusted: 0 });
    const alerts = (await county.get('/api/command/alerts?region=211381&rule=party_adjustment_overdue')).body;
    const item = alerts.items.find((x: { key: string }) => x.key === `211381-${c}`);
    expect(item.link).toEqual({ kind: 'page', path: `/party/screening/secretary/${c}` });
  });

  it('adjusts: the term ends (adjusted) and the successor starts in one step; the history keeps both', async () => {
    const c = ids[VILLAGES[2] as string] as number;
    const d = await county.get(`/api/party/screening/${c}`);
    expect(d.body.case.steps.map((s: { action: string }) => s.action)).toEqual(['adjust', 'withdraw']);
    const noSuccessor = await county.post(`/api/party/screening/${c}/steps`, { action: 'adjust', version: d.body.case.version });
    expect(noSuccessor.status).toBe(400);
    const byTownship = await township.post(`/api/party/screening/${c}/steps`, {
      action: 'adjust',
      version: d.body.case.version,
      successor: { name: '新书记', idNumber: fixtureIdNumber('211381', 777) },
    });
    expect(byTownship.status).toBe(403);
    const done = await county.post(`/api/party/screening/${c}/steps`, {
      action: 'adjust',
      version: d.body.case.version,
      successor: { name: '新书记', idNumber: fixtureIdNumber('211381', 777), oneShoulder: true },
    });
    expect(done.status).toBe(200);
    const terms = await rows<{ name: string; end_reason: string | null; current: boolean }>(sql`
      SELECT p.name, t.end_reason, t.end_date IS NULL AS current FROM party_org o
      JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id
      JOIN person p ON p.county_code = t.county_code AND p.id = t.person_id
      WHERE o.region_code = ${VILLAGES[2]} ORDER BY t.start_date, t.id`);
    expect(terms.map((x) => [x.end_reason, x.current])).toEqual([
      ['adjusted', false],
      [null, true],
    ]);
    expect(terms[1]?.name).toBe('新书记');
    const history = await county.get(`/api/party/secretary-history?village=${VILLAGES[2]}`);
    expect(history.body.secretaries.map((x: { name: string }) => x.name)).toEqual(['新书记', terms[0]?.name]);
    expect(history.body.screenings[0]).toMatchObject({ result: 'incompetent', adjustment: 'adjusted', successor: '新书记' });
    const alerts = (await county.get('/api/command/alerts?region=211381&rule=party_adjustment_overdue')).body;
    expect(alerts.items.find((x: { key: string }) => x.key === `211381-${c}`)).toBeUndefined();
  });

  it('checks every condition of the province when nominating; a hit refuses with the condition named', async () => {
    const bars = await county.get('/api/party/nomination-bars');
    expect(bars.body.items).toHaveLength(10);
    const barred = await township.post('/api/party/nominations', {
      villageCode: VILLAGES[0],
      name: '候选甲',
      idNumber: fixtureIdNumber('211381', 801),
      hits: ['criminal', 'long_absent'],
    });
    expect(barred.status).toBe(409);
    expect(barred.body.error.code).toBe('PARTY_NOMINATION_BARRED');
    expect(barred.body.error.message).toContain('受过刑事处罚的');
    expect(barred.body.error.message).toContain('长期外出不能正常履职的');
    const ok = await township.post('/api/party/nominations', {
      villageCode: VILLAGES[0],
      name: '候选乙',
      idNumber: fixtureIdNumber('211381', 803),
      hits: [],
    });
    expect(ok.status).toBe(200);
    const recorded = await rows<{ nominated: boolean; n: number; hits: number }>(sql`
      SELECT nominated, jsonb_array_length(checks) AS n,
             (SELECT count(*)::int FROM jsonb_array_elements(checks) e WHERE (e->>'hit')::boolean) AS hits
      FROM party_nomination WHERE village_code = ${VILLAGES[0]} ORDER BY id`);
    expect(recorded).toEqual([
      { nominated: false, n: 10, hits: 2 },
      { nominated: true, n: 10, hits: 0 },
    ]);
    const list = await county.get(`/api/party/nominations?village=${VILLAGES[0]}`);
    expect(list.body.items[1].reasons).toEqual(['受过刑事处罚的', '长期外出不能正常履职的']);
    expect((await other.get(`/api/party/nominations?village=${VILLAGES[0]}`)).status).toBe(404);
  });

  it('lets the province edit its list (a retired condition is no longer checked); nobody else may', async () => {
    const items = (await province.get('/api/party/nomination-bars')).body.items
      .slice(0, 9)
      .map((b: { code: string; zh: string; en: string }) => ({ code: b.code, zh: b.zh, en: b.en }));
    expect((await county.put('/api/party/nomination-bars', { provinceCode: '21', items })).status).toBe(404);
    expect((await leader.put('/api/party/nomination-bars', { provinceCode: '21', items })).status).toBe(403);
    const saved = await province.put('/api/party/nomination-bars', { provinceCode: '21', items });
    expect(saved.status).toBe(200);
    expect(saved.body.count).toBe(9);
    const retired = await township.post('/api/party/nominations', {
      villageCode: VILLAGES[1],
      name: '候选丙',
      idNumber: fixtureIdNumber('211381', 805),
      hits: ['bad_credit'],
    });
    expect(retired.status).toBe(400);
    expect(retired.body.error.code).toBe('PARTY_BAR_UNKNOWN');
  });
});
