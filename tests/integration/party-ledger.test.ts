import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { partyVillage } from '../../src/modules/party/ledger/fixtures.ts';
import { clearSettingsCache } from '../../src/modules/settings.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { settled } from '../support/figures.ts';

/**
 * The weak-and-lax rectification ledger on both engines: a case from identification to consolidation and back, the
 * plan's checks, the county's steps, the follow-up wait, the list and the export, the alerts and figures, and scope
 * (another county's case answers 404 like a missing one, a township sees only its villages, the leader writes nothing).
 * Expected values are read with direct SQL.
 */
const VILLAGE = '211381109201'; // 海丰村, 东官营镇, 北票市
const TODAY = new Date().toISOString().slice(0, 10);
const YEAR = Number(TODAY.slice(0, 4));

describe.each(engines())('party ledger on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let other: Client;
  let leader: Client;
  let caseId = 0;

  const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const detail = (c: Client, id = caseId) => c.get(`/api/party/rectifications/${id}`);
  const step = async (c: Client, action: string, extra: Record<string, unknown> = {}) => {
    const d = await detail(county);
    return c.post(`/api/party/rectifications/${caseId}/steps`, { action, version: d.body.case.version, ...extra });
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    other = await loggedIn(t.app, 'yixian');
    leader = await loggedIn(t.app, 'leader');
    await partyVillage(db, VILLAGE);
  });
  afterAll(() => t.close());

  it('identifies a case with causes from the standard list, once per village and year', async () => {
    const causes = await township.get('/api/party/rectification-causes');
    expect(causes.body.items.length).toBeGreaterThanOrEqual(14);
    const bad = await township.post('/api/party/rectifications', { villageCode: VILLAGE, year: YEAR, causes: ['nonsense'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('PARTY_CAUSE_UNKNOWN');
    const made = await township.post('/api/party/rectifications', {
      villageCode: VILLAGE,
      year: YEAR,
      causes: ['formality', 'no_venue'],
      problems: '组织生活不正常，无活动场所',
    });
    expect(made.status).toBe(200);
    caseId = made.body.id;
    const again = await county.post('/api/party/rectifications', { villageCode: VILLAGE, year: YEAR, causes: ['divided'] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PARTY_CASE_EXISTS');
    const [c] = await rows<{ state: string; region_code: string }>(
      sql`SELECT state, region_code FROM procedure_case WHERE procedure = 'party_rectification' AND subject_id = ${caseId}`,
    );
    expect(c).toEqual({ state: 'identified', region_code: VILLAGE });
    const d = await detail(township);
    expect(d.body.causes.map((x: { label: string }) => x.label)).toEqual(['组织生活流于形式', '无活动场所']);
  });

  it('refuses the plan step until the measures are complete, then runs to consolidation', async () => {
    const early = await step(township, 'plan');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PARTY_PLAN_INCOMPLETE');
    const saved = await township.put(`/api/party/rectifications/${caseId}/plan`, {
      plan: '选优配强班子，建设活动场所',
      countyLeader: '王县长',
      townshipMember: '李委员',
      deadline: `${YEAR}-11-30`,
    });
    expect(saved.status).toBe(200);
    expect((await step(township, 'plan')).status).toBe(200);
    expect((await step(township, 'start')).status).toBe(200);
    const progress = await township.post(`/api/party/rectifications/${caseId}/progress`, { date: TODAY, content: '新建活动场所已开工' });
    expect(progress.status).toBe(200);

    const byTownship = await step(township, 'close');
    expect(byTownship.status).toBe(403);
    expect(byTownship.body.error.code).toBe('PROCEDURE_LEVEL');
    expect((await step(county, 'close')).status).toBe(200);

    const tooEarly = await step(county, 'consolidate');
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.code).toBe('PROCEDURE_TOO_EARLY');
    await sql`INSERT INTO setting (key, scope_code, year, value) VALUES ('party.rectification_follow_up_days', '', 0, '0'::jsonb)`.execute(
      db,
    );
    clearSettingsCache();
    expect((await step(county, 'consolidate')).status).toBe(200);

    const [r] = await rows<{ closed_on: string; consolidated_on: string; state: string; n: number }>(sql`
      SELECT to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on, to_char(r.consolidated_on, 'YYYY-MM-DD') AS consolidated_on, c.state,
             (SELECT count(*)::int FROM procedure_step s WHERE s.county_code = c.county_code AND s.case_id = c.id) AS n
      FROM party_rectification r JOIN procedure_case c ON c.county_code = r.county_code AND c.procedure = 'party_rectification' AND c.subject_id = r.id
      WHERE r.id = ${caseId}`);
    expect(r).toEqual({ closed_on: TODAY, consolidated_on: TODAY, state: 'consolidated', n: 5 });
  });

  it('reopens a consolidated case with a reason, recorded in the history', async () => {
    const noReason = await step(county, 'reopen');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('PROCEDURE_REASON_REQUIRED');
    expect((await step(county, 'reopen', { reason: '回访发现问题反弹' })).status).toBe(200);
    const d = await detail(county);
    expect(d.body.state).toBe('rectifying');
    expect(d.body.closedOn).toBeNull();
    expect(d.body.case.history.at(-1)).toMatchObject({ action: 'reopen', reason: '回访发现问题反弹' });
    expect(d.body.progress).toEqual([expect.objectContaining({ date: TODAY, content: '新建活动场所已开工' })]);
  });

  it('keeps the scope: another county 404 as a missing id, a township only its villages, the leader reads only', async () => {
    const foreign = await detail(other);
    const missing = await detail(county, 999_999_999);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await other.post(`/api/party/rectifications/${caseId}/progress`, { date: TODAY, content: 'x' })).status).toBe(404);

    const [elsewhereVillage] = await rows<{ code: string }>(
      sql`SELECT code FROM region WHERE level = 5 AND code LIKE '211381%' AND code NOT LIKE '211381109%' ORDER BY code LIMIT 1`,
    );
    const OTHER_TOWNSHIP_VILLAGE = elsewhereVillage?.code as string;
    await partyVillage(db, OTHER_TOWNSHIP_VILLAGE);
    const elsewhere = await county.post('/api/party/rectifications', {
      villageCode: OTHER_TOWNSHIP_VILLAGE,
      year: YEAR,
      causes: ['divided'],
    });
    expect(elsewhere.status).toBe(200);
    expect((await detail(township, elsewhere.body.id)).status).toBe(404);
    const mine = await township.get('/api/party/rectifications');
    expect(mine.body.items.map((i: { id: number }) => i.id)).toEqual([caseId]);
    const outside = await township.post('/api/party/rectifications', {
      villageCode: OTHER_TOWNSHIP_VILLAGE,
      year: YEAR - 1,
      causes: ['divided'],
    });
    expect(outside.status).toBe(404);

    const villageUser = await loggedIn(t.app, 'haifeng');
    const byVillage = await villageUser.put(`/api/party/rectifications/${caseId}/plan`, {
      plan: 'x',
      countyLeader: 'x',
      townshipMember: 'x',
    });
    expect(byVillage.status).toBe(403);
    expect((await detail(leader)).status).toBe(200);
    expect((await leader.post(`/api/party/rectifications/${caseId}/progress`, { date: TODAY, content: 'x' })).status).toBe(403);
    expect((await leader.post('/api/party/rectifications', { villageCode: VILLAGE, year: YEAR - 2, causes: ['divided'] })).status).toBe(
      403,
    );
  });

  it('lists by keyset as the database holds them, and exports the ledger form', async () => {
    for (const [i, v] of ['211381109202', '211381109203', '211381109204'].entries()) {
      await partyVillage(db, v);
      expect((await county.post('/api/party/rectifications', { villageCode: v, year: YEAR - i, causes: ['divided'] })).status).toBe(200);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await county.get(`/api/party/rectifications?region=211381&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { id: number }) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const expected = await rows<{ id: number }>(sql`SELECT id FROM party_rectification WHERE village_code LIKE '211381%' ORDER BY id`);
    expect(seen).toEqual(expected.map((r) => Number(r.id)));

    const csv = await county.get('/api/party/rectifications/export?region=211381&format=csv');
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n(?=[^\n]*,)/);
    expect(csv.text).toContain('整顿年度');
    expect(csv.text).toContain('软弱涣散类型');
    expect(csv.text).toContain('海丰');
    expect(lines.length).toBeGreaterThan(expected.length);
    const xlsx = await county.get('/api/party/rectifications/export?region=211381');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheet');
  });

  it('raises alerts for an overdue case and a case of a past year not closed, and counts them', async () => {
    const late = await county.get(`/api/party/rectifications?region=211381&year=${YEAR - 1}`);
    const lateId = late.body.items[0].id;
    await county.put(`/api/party/rectifications/${lateId}/plan`, {
      plan: '整顿',
      countyLeader: '赵县长',
      townshipMember: '钱委员',
      deadline: `${YEAR - 1}-06-30`,
    });
    const over = (await county.get('/api/command/alerts?region=211381&rule=party_rectification_overdue')).body;
    expect(over.items.map((a: { key: string }) => a.key)).toContain(`211381-${lateId}`);
    const item = over.items.find((a: { key: string }) => a.key === `211381-${lateId}`);
    expect(item.link).toEqual({ kind: 'page', path: `/party/ledger/${lateId}` });
    const yearEnd = (await county.get('/api/command/alerts?region=211381&rule=party_rectification_year_end')).body;
    const expectedLate = await rows<{ id: number }>(sql`
      SELECT r.id FROM party_rectification r JOIN procedure_case c ON c.county_code = r.county_code AND c.procedure = 'party_rectification' AND c.subject_id = r.id
      WHERE r.year < ${YEAR} AND c.state IN ('identified', 'planned', 'rectifying') ORDER BY r.id`);
    expect(yearEnd.items.map((a: { key: string }) => a.key).sort()).toEqual(expectedLate.map((r) => `211381-${r.id}`).sort());

    const [open] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM procedure_case WHERE procedure = 'party_rectification' AND region_code LIKE '211381%'
        AND state IN ('identified', 'planned', 'rectifying')`);
    const dash = (await settled(county, '/api/command/dashboard?region=211381')).body;
    expect(dash.figures.find((f: { id: string }) => f.id === 'party_weak_open')?.value).toBe(open?.n);
    const [overdue] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM party_rectification r JOIN procedure_case c ON c.county_code = r.county_code AND c.procedure = 'party_rectification' AND c.subject_id = r.id
      WHERE c.state IN ('identified', 'planned', 'rectifying') AND r.deadline < current_date`);
    expect(overdue?.n).toBeGreaterThan(0);
    expect(dash.figures.find((f: { id: string }) => f.id === 'party_weak_overdue')?.value).toBe(overdue?.n);
  });
});
