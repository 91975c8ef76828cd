import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { publicMonitoringNotices } from '../../src/modules/exit/monitoring/service.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { householdBody } from '../support/exit.ts';

/**
 * Return-to-poverty monitoring on both engines: proposals and their refusals, the system's income scan, a case from
 * proposal to leaving monitoring with the level of each step, the notice wait and the checklist, a monitoring-only
 * household, the public notices; scope (another county's case answers 404). Expected values by direct SQL.
 */
const VILLAGE = '211381109201'; // 海丰村, 东官营镇, 北票市
const OTHER_VILLAGE = '210727101201'; // 六台村, 义县
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

describe.each(engines())('exit monitoring on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let village: Client;
  let other: Client;
  const ids: Record<string, number> = {};

  const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const detail = (c: Client, id: number) => c.get(`/api/monitoring/cases/${id}`);
  const step = async (c: Client, id: number, action: string, extra: Record<string, unknown> = {}) => {
    const d = await detail(county, id);
    return c.post(`/api/monitoring/cases/${id}/steps`, { action, version: d.body.case.version, ...extra });
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    village = await loggedIn(t.app, 'haifeng');
    other = await loggedIn(t.app, 'yixian');
    const make = async (c: Client, key: string, body: ReturnType<typeof householdBody>) => {
      const r = await c.post('/api/registry/households', body);
      expect(r.status, r.text).toBe(200);
      ids[key] = r.body.id;
    };
    await make(county, 'low', householdBody(VILLAGE, 'M-LOW', 11, 'exited', 4000, '赵长山'));
    await make(county, 'high', householdBody(VILLAGE, 'M-HIGH', 21, 'exited', 9000, '钱有福'));
    await make(county, 'poor', householdBody(VILLAGE, 'M-POOR', 31, 'poor', 2000, '孙大成'));
    await make(other, 'away', householdBody(OTHER_VILLAGE, 'M-AWAY', 41, 'exited', 3000, '李守田'));
  });
  afterAll(() => t.close());

  it('refuses a poor household, a marginal one above the line, and a second live case', async () => {
    const poor = await village.post('/api/monitoring/cases', {
      villageCode: VILLAGE,
      kind: 'hardship',
      risk: '大病',
      householdId: ids.poor,
    });
    expect(poor.status).toBe(409);
    expect(poor.body.error.code).toBe('MONITORING_STILL_POOR');
    const above = await village.post('/api/monitoring/cases', {
      villageCode: VILLAGE,
      kind: 'marginal',
      risk: '收入波动',
      householdId: ids.high,
    });
    expect(above.status).toBe(409);
    expect(above.body.error.code).toBe('MONITORING_INCOME_ABOVE');
    // 9000 ≥ 1.5 × 3335 = 5002.5
    expect(above.body.error.message).toContain('5002.5');
    const made = await village.post('/api/monitoring/cases', {
      villageCode: VILLAGE,
      kind: 'hardship',
      risk: '户主突发重病，医疗支出大',
      householdId: ids.high,
    });
    expect(made.status, made.text).toBe(200);
    ids.case = made.body.id;
    const again = await county.post('/api/monitoring/cases', {
      villageCode: VILLAGE,
      kind: 'unstable',
      risk: '再次',
      householdId: ids.high,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MONITORING_CASE_EXISTS');
    // Another county's household is not found from here, like a missing one.
    const away = await county.post('/api/monitoring/cases', { villageCode: VILLAGE, kind: 'unstable', risk: 'x', householdId: ids.away });
    expect(away.status).toBe(404);
  });

  it('runs a case from proposal to leaving monitoring, each step at its level, the notice wait and the checklist', async () => {
    const id = ids.case as number;
    expect((await step(village, id, 'confirm')).status).toBe(200);
    const [m] = await rows<{ confirmed_on: string; decision_due: string }>(
      sql`SELECT to_char(confirmed_on, 'YYYY-MM-DD') AS confirmed_on, to_char(decision_due, 'YYYY-MM-DD') AS decision_due FROM monitoring_case WHERE id = ${id}`,
    );
    expect(m?.confirmed_on).toBe(ago(0));
    expect(m?.decision_due).toBe(new Date(Date.now() + 15 * DAY).toISOString().slice(0, 10));
    const noConsent = await step(village, id, 'consent');
    expect(noConsent.body.error.code).toBe('MONITORING_CONSENT_REQUIRED');
    expect((await step(village, id, 'consent', { consentSignedOn: ago(0) })).status).toBe(200);
    const early = await step(village, id, 'appraise');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PROCEDURE_TOO_EARLY');
    // In notice: the public board lists it with a masked name and the notice days.
    expect(await publicMonitoringNotices(db, VILLAGE)).toEqual([
      { name: '钱*福', from: ago(0), to: new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10) },
    ]);
    // …and the village's public board (no login) carries it as a section of its own, the masked name only.
    const board = await t.app.inject({ method: 'GET', url: `/api/public/villages/${VILLAGE}` });
    expect(board.statusCode).toBe(200);
    const section = (board.json().sections as { id: string; items: { heading: string }[] }[]).find((x) => x.id === 'monitoring-notice');
    expect(section?.items.map((i) => i.heading)).toEqual(['钱*福']);
    // Five days later (the notice step dated back), the village may close the notice.
    await sql`UPDATE procedure_step SET effective_date = ${ago(5)}::date
              WHERE case_id = (SELECT id FROM procedure_case WHERE procedure = 'exit_monitoring' AND subject_id = ${id}) AND to_state = 'notice'`.execute(
      db,
    );
    expect((await step(village, id, 'appraise')).status).toBe(200);
    const villageApproves = await step(village, id, 'approve');
    expect(villageApproves.status).toBe(403);
    expect(villageApproves.body.error.code).toBe('PROCEDURE_LEVEL');
    expect((await step(township, id, 'approve')).status).toBe(200);
    expect((await step(township, id, 'include')).status).toBe(403);
    expect((await step(county, id, 'include')).status).toBe(200);
    const measure = await county.post(`/api/monitoring/cases/${id}/measures`, {
      type: 'health',
      startedOn: ago(0),
      amount: 3000,
      note: '大病救助',
    });
    expect(measure.status, measure.text).toBe(200);
    const bad = await county.post(`/api/monitoring/cases/${id}/measures`, { type: 'nonsense', startedOn: ago(0) });
    expect(bad.body.error.code).toBe('MONITORING_MEASURE_TYPE');
    const half = await step(county, id, 'leave', {
      checklist: { income_stable: true, guarantees: true, safe_water: false, risk_gone: true },
    });
    expect(half.status).toBe(409);
    expect(half.body.error.code).toBe('MONITORING_CHECKLIST');
    expect(half.body.error.message).toContain('饮水安全');
    const left = await step(county, id, 'leave', {
      checklist: { income_stable: true, guarantees: true, safe_water: true, risk_gone: true },
    });
    expect(left.status).toBe(200);
    const history = await rows<{ action: string; actor_scope: string }>(sql`
      SELECT s.action, s.actor_scope FROM procedure_step s JOIN procedure_case c ON c.county_code = s.county_code AND c.id = s.case_id
      WHERE c.procedure = 'exit_monitoring' AND c.subject_id = ${id} ORDER BY s.seq`);
    expect(history.map((h) => h.action)).toEqual(['open', 'confirm', 'consent', 'appraise', 'approve', 'include', 'leave']);
    const [facts] = await rows<{ ended: string; checklist: Record<string, boolean>; measures: number; state: string }>(sql`
      SELECT to_char(m.ended_on, 'YYYY-MM-DD') AS ended, m.checklist, c.state,
             (SELECT count(*)::int FROM monitoring_measure x WHERE x.county_code = m.county_code AND x.case_id = m.id) AS measures
      FROM monitoring_case m JOIN procedure_case c ON c.county_code = m.county_code AND c.procedure = 'exit_monitoring' AND c.subject_id = m.id
      WHERE m.id = ${id}`);
    expect(facts).toEqual({
      ended: ago(0),
      checklist: { income_stable: true, guarantees: true, safe_water: true, risk_gone: true },
      measures: 1,
      state: 'left',
    });
    const audits = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'procedure_case' AND action LIKE 'exit_monitoring.%'`,
    );
    expect(audits[0]?.n).toBe(6);
  });

  it('proposes exited households under the monitoring line by itself, for a person to confirm', async () => {
    const expected = await rows<{ id: number }>(sql`
      SELECT h.id FROM household h JOIN household_income i ON i.county_code = h.county_code AND i.household_id = h.id
      WHERE h.county_code = '211381' AND h.status = 'exited' AND i.per_capita < 5002.5
        AND i.year = (SELECT max(year) FROM household_income x WHERE x.county_code = h.county_code AND x.household_id = h.id)
      ORDER BY h.id`);
    expect(expected.map((e) => Number(e.id))).toEqual([ids.low]);
    const scan = await county.post('/api/monitoring/scan', { region: '211381' });
    expect(scan.status, scan.text).toBe(200);
    expect(scan.body).toEqual({ proposed: 1, line: 5002.5 });
    const made = await rows<{ household_id: number; source: string; state: string }>(sql`
      SELECT m.household_id, m.source, c.state FROM monitoring_case m
      JOIN procedure_case c ON c.county_code = m.county_code AND c.procedure = 'exit_monitoring' AND c.subject_id = m.id
      WHERE m.source = 'system'`);
    expect(made.map((x) => ({ ...x, household_id: Number(x.household_id) }))).toEqual([
      { household_id: ids.low, source: 'system', state: 'proposed' },
    ]);
    expect((await county.post('/api/monitoring/scan', { region: '211381' })).body.proposed).toBe(0);
  });

  it('creates a monitoring-only household for a marginal one outside the register, in one transaction', async () => {
    const body = householdBody(VILLAGE, 'JC-0001', 51, 'monitored', 4200, '周立新');
    const { villageCode: _v, status: _s, ...household } = body;
    const made = await village.post('/api/monitoring/cases', {
      villageCode: VILLAGE,
      kind: 'marginal',
      risk: '收入不稳定',
      income: 4200,
      household,
    });
    expect(made.status, made.text).toBe(200);
    const [h] = await rows<{ status: string; monitoring_only: boolean; kind: string }>(sql`
      SELECT h.status, m.monitoring_only, m.kind FROM monitoring_case m JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id
      WHERE m.id = ${made.body.id}`);
    expect(h).toEqual({ status: 'monitored', monitoring_only: true, kind: 'marginal' });
    // A refused proposal leaves no household behind.
    const refused = await village.post('/api/monitoring/cases', {
      villageCode: VILLAGE,
      kind: 'marginal',
      risk: '收入不稳定',
      income: 9000,
      household: { ...householdBody(VILLAGE, 'JC-0002', 61, 'monitored', 9000, '吴家宝'), villageCode: undefined, status: undefined },
    });
    expect(refused.status).toBe(409);
    expect(await rows(sql`SELECT 1 FROM household WHERE household_no = 'JC-0002'`)).toEqual([]);
  });

  it('keeps each county to its own cases', async () => {
    const list = await other.get('/api/monitoring/cases');
    expect(list.body.items).toEqual([]);
    expect((await other.get(`/api/monitoring/cases/${ids.case}`)).status).toBe(404);
    expect((await other.post(`/api/monitoring/cases/${ids.case}/steps`, { action: 'reject', version: 1, reason: 'x' })).status).toBe(404);
    const mine = await county.get('/api/monitoring/cases');
    const [n] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM monitoring_case WHERE village_code LIKE '211381%'`);
    expect(mine.body.items.length).toBe(n?.n);
    const overdue = await county.get('/api/monitoring/cases?overdue=1');
    expect(overdue.status).toBe(200);
  });
});
