import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { settled } from '../support/figures.ts';
import { makeId } from '../support/ids.ts';

/**
 * Resident cadres over HTTP on both engines: units, postings through the shared procedure mechanism (who may take
 * which step, reasons, stale versions, two proposals at once), leave by level, overlaps, scope, and the overdue alert.
 * Expected figures are read back with direct SQL.
 */
const VILLAGE = '211381109201'; // 海丰村, 东官营镇, 北票市
const TODAY = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const rows = async (db: Database['db'], q: ReturnType<typeof sql>) => (await q.execute(db)).rows as Record<string, unknown>[];
const count = async (db: Database['db'], table: string) =>
  Number((await rows(db, sql`SELECT count(*)::int AS n FROM ${sql.table(table)}`))[0]?.n);

describe.each(engines())('resident cadres on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let village: Client;
  let other: Client;
  let unitId: number;
  let seq = 100;

  const cadre = (name: string, over: Record<string, unknown> = {}) => ({
    name,
    idNumber: makeId('211302', `1985-04-0${(seq % 9) + 1}`, seq++, true),
    phone: '13900001111',
    unitId,
    post: '科员',
    partyMember: true,
    ...over,
  });
  const propose = (c: Client, body: Record<string, unknown>) =>
    c.post('/api/cadres/postings', { villageCode: VILLAGE, role: 'team_member', startDate: daysAgo(400), ...body });
  const step = async (c: Client, id: number, action: string, extra: Record<string, unknown> = {}) => {
    const d = await c.get(`/api/cadres/postings/${id}`);
    return c.post(`/api/cadres/postings/${id}/steps`, { action, version: d.body.case.version, ...extra });
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    village = await loggedIn(t.app, 'haifeng');
    other = await loggedIn(t.app, 'yixian');
    const u = await county.post('/api/cadres/units', { name: '北票市农业农村局', level: 'county', regionCode: '211381' });
    expect(u.status).toBe(200);
    unitId = u.body.id;
  });
  afterAll(() => t.close());

  it('proposes and confirms a posting: the case moves, the history has both steps, the person is masked', async () => {
    const made = await propose(county, { cadre: cadre('王驻村'), role: 'first_secretary' });
    expect(made.status).toBe(200);
    const id = made.body.id;
    const confirmed = await step(county, id, 'confirm');
    expect(confirmed.status).toBe(200);

    const [c] = await rows(
      db,
      sql`SELECT state, version, closed_at FROM procedure_case WHERE procedure = 'cadres.posting' AND subject_id = ${id}`,
    );
    expect(c).toMatchObject({ state: 'in_post', version: 2, closed_at: null });
    const [p] = await rows(db, sql`SELECT to_char(confirmed_on, 'YYYY-MM-DD') AS confirmed_on FROM cadre_posting WHERE id = ${id}`);
    expect(p?.confirmed_on).toBe(daysAgo(400));

    const d = (await county.get(`/api/cadres/postings/${id}`)).body;
    expect(d.state).toBe('in_post');
    expect(d.stateLabel).toBe('在岗');
    expect(d.case.history.map((h: { action: string }) => h.action)).toEqual(['open', 'confirm']);
    expect(d.idMasked).toMatch(/^2113\*{14}$/);
    expect(d.birthYear).toBe(1985);
    expect(JSON.stringify(d)).not.toMatch(/1985-04/);
    expect(d.phoneMasked).toBe('139****1111');
    // The county may finish, rotate or replace it now; the reason is asked for (tenure 400 days < 730).
    const finish = d.case.steps.find((s: { action: string }) => s.action === 'finish');
    expect(finish).toMatchObject({ allowed: true, needsReason: true });

    const list = (await county.get('/api/cadres/postings?region=211381109&q=wangzhucun')).body;
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([id]);
  });

  it('keeps a person in one village at a time, also when two proposals arrive at once', async () => {
    const person = cadre('李唯一');
    const before = await count(db, 'cadre_posting');
    const [a, b] = await Promise.all([propose(county, { cadre: person }), propose(county, { cadre: person, villageCode: '211381109202' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.error.code).toBe('CADRE_ALREADY_POSTED');
    expect(refused.body.error.message).toMatch(/同一时间只能在一个村驻村/);
    expect(await count(db, 'cadre_posting')).toBe(before + 1);
    const [n] = await rows(db, sql`SELECT count(*)::int AS n FROM person WHERE name = '李唯一'`);
    expect(n?.n).toBe(1);
  });

  it('needs a reason to end a posting before two years, and ends it with the reason, the date and its logins', async () => {
    const id = (await propose(county, { cadre: cadre('赵提前') })).body.id;
    await step(county, id, 'confirm');
    await sql`UPDATE app_user SET posting_county = '211381', posting_id = ${id} WHERE username = 'haifeng'`.execute(db);
    const stepsBefore = await count(db, 'procedure_step');

    const noReason = await step(county, id, 'finish');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('PROCEDURE_REASON_REQUIRED');
    expect(await count(db, 'procedure_step')).toBe(stepsBefore);

    const ok = await step(county, id, 'finish', { reason: '因病无法继续驻村', date: TODAY });
    expect(ok.status).toBe(200);
    const [p] = await rows(
      db,
      sql`SELECT end_kind, end_reason, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM cadre_posting WHERE id = ${id}`,
    );
    expect(p).toEqual({ end_kind: 'finished', end_reason: '因病无法继续驻村', end_date: TODAY });
    const [u] = await rows(db, sql`SELECT disabled FROM app_user WHERE username = 'haifeng'`);
    expect(u?.disabled).toBe(true);
    await sql`UPDATE app_user SET disabled = false, posting_county = NULL, posting_id = NULL WHERE username = 'haifeng'`.execute(db);

    // A closed case takes no further step.
    const again = await step(county, id, 'rotate', { reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PROCEDURE_WRONG_STATE');
  });

  it('refuses a stale version, a township proposal and an unknown unit, and writes nothing', async () => {
    const id = (await propose(county, { cadre: cadre('孙版本') })).body.id;
    const stale = await county.post(`/api/cadres/postings/${id}/steps`, { action: 'confirm', version: 1 });
    expect(stale.status).toBe(200);
    const twice = await county.post(`/api/cadres/postings/${id}/steps`, { action: 'withdraw', version: 1, reason: '重复' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('PROCEDURE_CHANGED');

    const before = await count(db, 'cadre_posting');
    const byTownship = await propose(township, { cadre: cadre('周乡镇') });
    expect(byTownship.status).toBe(403);
    expect(byTownship.body.error.code).toBe('PROCEDURE_LEVEL');
    expect(byTownship.body.error.message).toBe('这一步须由县级及以上用户办理');
    const badUnit = await propose(county, { cadre: cadre('吴单位', { unitId: 999_999 }) });
    expect(badUnit.status).toBe(400);
    expect(badUnit.body.error.code).toBe('CADRE_UNIT_UNKNOWN');
    expect(await count(db, 'cadre_posting')).toBe(before);
    const [n] = await rows(db, sql`SELECT count(*)::int AS n FROM person WHERE name IN ('周乡镇', '吴单位')`);
    expect(n?.n).toBe(0);
  });

  it('answers another county 404 for a posting, its steps and its leave, as for a missing one', async () => {
    const id = (await propose(county, { cadre: cadre('钱范围') })).body.id;
    for (const r of [
      await other.get(`/api/cadres/postings/${id}`),
      await other.post(`/api/cadres/postings/${id}/steps`, { action: 'confirm', version: 1 }),
      await other.post(`/api/cadres/postings/${id}/leave`, { kind: 'sick', startDate: TODAY, endDate: TODAY, reason: 'x' }),
      await other.get('/api/cadres/postings?region=211381'),
      await other.post('/api/cadres/postings', { villageCode: VILLAGE, role: 'team_member', startDate: TODAY, cadre: cadre('越界') }),
    ]) {
      expect(r.status).toBe(404);
    }
    const missing = await other.get('/api/cadres/postings/999999');
    expect(missing.status).toBe(404);
    const [c] = await rows(db, sql`SELECT state FROM procedure_case WHERE procedure = 'cadres.posting' AND subject_id = ${id}`);
    expect(c?.state).toBe('proposed');
    expect((await other.get('/api/cadres/postings')).body.items).toEqual([]);
  });

  it('routes leave by length: the township approves 3 days, the county 5; overlaps and a reasonless rejection are refused', async () => {
    const id = (await propose(county, { cadre: cadre('郑请假'), startDate: daysAgo(100) })).body.id;
    await step(county, id, 'confirm');
    const ask = (c: Client, start: number, end: number, kind = 'personal') =>
      c.post(`/api/cadres/postings/${id}/leave`, { kind, startDate: daysAgo(-start), endDate: daysAgo(-end), reason: '家中有事' });
    const leaveStep = async (c: Client, leave: number, action: string, extra: Record<string, unknown> = {}) => {
      const d = await c.get(`/api/cadres/leave/${leave}`);
      return c.post(`/api/cadres/leave/${leave}/steps`, { action, version: d.body.case.version, ...extra });
    };

    const short = await ask(village, 10, 12);
    expect(short.status).toBe(200);
    expect((await leaveStep(township, short.body.id, 'approve')).status).toBe(200);

    const long = await ask(village, 20, 24);
    expect(long.status).toBe(200);
    const byTownship = await leaveStep(township, long.body.id, 'approve');
    expect(byTownship.status).toBe(403);
    expect(byTownship.body.error.code).toBe('PROCEDURE_LEVEL');
    expect((await leaveStep(county, long.body.id, 'approve')).status).toBe(200);

    const overlap = await ask(village, 12, 13, 'sick');
    expect(overlap.status).toBe(409);
    expect(overlap.body.error.code).toBe('LEAVE_OVERLAP');
    expect(overlap.body.error.message).toContain(daysAgo(-10));

    const third = await ask(village, 30, 30);
    const noReason = await leaveStep(township, third.body.id, 'reject');
    expect(noReason.status).toBe(400);
    expect((await leaveStep(township, third.body.id, 'reject', { reason: '村里有检查' })).status).toBe(200);

    const states = await rows(
      db,
      sql`SELECT c.state, count(*)::int AS n FROM cadre_leave l JOIN procedure_case c ON c.county_code = l.county_code AND c.procedure = 'cadres.leave' AND c.subject_id = l.id
          WHERE l.posting_id = ${id} GROUP BY 1 ORDER BY 1`,
    );
    expect(states).toEqual([
      { state: 'approved', n: 2 },
      { state: 'rejected', n: 1 },
    ]);
    const listed = (await township.get('/api/cadres/leave?state=approved')).body.items.filter(
      (l: { postingId: number }) => l.postingId === id,
    );
    expect(listed.map((l: { days: number }) => l.days).sort()).toEqual([3, 5]);

    // The county's list pages newest first, two at a time, to exactly the requests SQL finds in its villages.
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await county.get(`/api/cadres/leave?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      paged.push(...page.body.items.map((l: { id: number }) => l.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const inCounty = await rows(
      db,
      sql`SELECT l.id FROM cadre_leave l JOIN cadre_posting p ON p.county_code = l.county_code AND p.id = l.posting_id
          WHERE p.village_code LIKE '211381%' ORDER BY l.id DESC`,
    );
    expect(paged).toEqual(inCounty.map((r) => r.id));
  });

  it('raises an overdue alert for leave not decided in time, and the command centre counts cadres in post', async () => {
    const id = (await propose(county, { cadre: cadre('冯逾期'), startDate: daysAgo(50) })).body.id;
    await step(county, id, 'confirm');
    const leave = (
      await village.post(`/api/cadres/postings/${id}/leave`, { kind: 'sick', startDate: daysAgo(-3), endDate: daysAgo(-3), reason: '看病' })
    ).body.id;
    await sql`UPDATE procedure_case SET due_date = ${daysAgo(1)} WHERE procedure = 'cadres.leave' AND subject_id = ${leave}`.execute(db);
    const caseId = await caseIdOf(leave);
    const alerts = (await county.get('/api/command/alerts?region=211381&rule=cadre_leave_overdue')).body;
    const item = alerts.items.find((a: { key: string }) => a.key === `211381-${caseId}`);
    expect(item).toBeDefined();
    expect(item.link).toEqual({ kind: 'page', path: `/cadres/leave/${leave}` });
    expect(item.what).toContain('待审批');

    const [expected] = await rows(
      db,
      sql`SELECT count(*)::int AS n FROM cadre_posting p WHERE p.village_code LIKE '211381%' AND p.confirmed_on <= current_date
          AND p.start_date <= current_date AND (p.end_date IS NULL OR p.end_date >= current_date)`,
    );
    const dash = (await settled(county, '/api/command/dashboard?region=211381')).body;
    const figure = dash.figures.find((f: { id: string }) => f.id === 'cadre_in_post');
    expect(figure?.value).toBe(expected?.n);
    expect(expected?.n).toBeGreaterThan(0);
  });

  async function caseIdOf(leave: number) {
    const [c] = await rows(db, sql`SELECT id FROM procedure_case WHERE procedure = 'cadres.leave' AND subject_id = ${leave}`);
    return Number(c?.id);
  }
});
