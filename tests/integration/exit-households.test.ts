import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { clearSettingsCache } from '../../src/modules/settings.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { settled } from '../support/figures.ts';

/**
 * Household exit on both engines: eligibility (SQL-checked), a batch from appraisal to 销号 in the register, the
 * notice counted in calendar days (announcement refused before it ends), objections (upheld sends back, open blocks
 * the announcement), levels, and scope (another county's exit answers 404 like a missing one).
 */
const VILLAGE = '211381109201'; // 海丰村
const COUNTY = '211381';
const TODAY = new Date().toISOString().slice(0, 10);
const YEAR = Number(TODAY.slice(0, 4));
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe.each(engines())('household exit on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let village: Client;
  let other: Client;
  let leader: Client;
  let ids: number[] = [];
  let poorId = 0;
  let batchId = 0;

  const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const exitOf = async (householdId: number) =>
    (await rows<{ id: number }>(sql`SELECT id FROM exit_household WHERE household_id = ${householdId} AND year = ${YEAR}`))[0]
      ?.id as number;
  const detail = (c: Client, id: number) => c.get(`/api/exit/households/${id}`);
  const step = async (c: Client, id: number, action: string, extra: Record<string, unknown> = {}) => {
    const d = await detail(county, id);
    return c.post(`/api/exit/households/${id}/steps`, { action, version: d.body.case.version, ...extra });
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    village = await loggedIn(t.app, 'haifeng');
    other = await loggedIn(t.app, 'yixian');
    leader = await loggedIn(t.app, 'leader');
    // Four poor households of the village: three made eligible (income above the line, guarantees), one below the line.
    const hs = await rows<{ id: number }>(sql`
      INSERT INTO household (county_code, household_no, village_code, category, cause, year_identified, status, member_count)
      SELECT ${COUNTY}, 'EXT' || n, ${VILLAGE}, 'ordinary', 'illness', 2015, 'poor', 3 FROM generate_series(1, 4) n RETURNING id`);
    expect(hs.length).toBe(4);
    const all = hs.map((h) => Number(h.id));
    ids = all.slice(0, 3);
    poorId = all[3] as number;
    await sql`INSERT INTO setting (key, scope_code, year, value) VALUES ('registry.poverty_line', '', ${YEAR}, '4000')
              ON CONFLICT (key, scope_code, year) DO UPDATE SET value = excluded.value`.execute(db);
    clearSettingsCache();
    await sql`UPDATE household SET guarantee_food = true, guarantee_clothing = true, guarantee_education = true,
              guarantee_medical = true, guarantee_housing = true WHERE county_code = ${COUNTY} AND id = ANY(${all}::bigint[])`.execute(db);
    await sql`DELETE FROM household_income WHERE county_code = ${COUNTY} AND household_id = ANY(${all}::bigint[]) AND year = ${YEAR}`.execute(
      db,
    );
    await sql`INSERT INTO household_income (county_code, household_id, year, per_capita)
              SELECT ${COUNTY}, id, ${YEAR}, CASE WHEN id = ${poorId} THEN 4000 ELSE 6500 END FROM unnest(${all}::bigint[]) AS id`.execute(
      db,
    );
  });
  afterAll(() => t.close());

  it('computes eligibility against the line of the year and names what fails', async () => {
    const r = await village.get(`/api/exit/candidates?region=${VILLAGE}&year=${YEAR}`);
    expect(r.status).toBe(200);
    expect(r.body.povertyLine).toBe(4000);
    const expected = await rows<{ id: number; ok: boolean }>(sql`
      SELECT h.id, (i.per_capita > 4000 AND h.guarantee_food AND h.guarantee_clothing AND h.guarantee_education
                    AND h.guarantee_medical AND h.guarantee_housing) IS TRUE AS ok
      FROM household h LEFT JOIN household_income i ON i.county_code = h.county_code AND i.household_id = h.id AND i.year = ${YEAR}
      WHERE h.county_code = ${COUNTY} AND h.village_code = ${VILLAGE} AND h.status IN ('poor', 'returned') ORDER BY h.id`);
    const got = r.body.items
      .map((i: { id: number; eligible: boolean }) => ({ id: i.id, ok: i.eligible }))
      .sort((a: { id: number }, b: { id: number }) => a.id - b.id);
    expect(got).toEqual(expected.map((e) => ({ id: Number(e.id), ok: e.ok })));
    const below = r.body.items.find((i: { id: number }) => i.id === poorId);
    expect(below.fails.map((f: { code: string }) => f.code)).toEqual(['income']);
    expect(below.fails[0].label).toBe('人均纯收入未超过当年贫困线');
  });

  it('refuses a batch with an ineligible household and saves nothing; then proposes the eligible ones', async () => {
    const bad = await village.post('/api/exit/batches', { villageCode: VILLAGE, year: YEAR, householdIds: [...ids, poorId] });
    expect(bad.status).toBe(409);
    expect(bad.body.error.code).toBe('EXIT_NOT_ELIGIBLE');
    expect(await rows(sql`SELECT 1 FROM exit_household WHERE year = ${YEAR}`)).toEqual([]);
    const made = await village.post('/api/exit/batches', { villageCode: VILLAGE, year: YEAR, householdIds: ids });
    expect(made.status).toBe(200);
    batchId = made.body.id;
    const again = await village.post('/api/exit/batches', { villageCode: VILLAGE, year: YEAR, householdIds: [ids[0]] });
    expect(again.status).toBe(409);
    const cases = await rows<{ state: string; n: number }>(sql`
      SELECT c.state, count(*)::int AS n FROM exit_household e
      JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'household_exit' AND c.subject_id = e.id
      WHERE e.batch_id = ${batchId} GROUP BY c.state`);
    expect(cases).toEqual([{ state: 'proposed', n: 3 }]);
  });

  it('moves the batch through the village steps; the village may not announce, the leader writes nothing', async () => {
    for (const action of ['appraise', 'verify', 'agree']) {
      const r = await village.post(`/api/exit/batches/${batchId}/steps`, { action });
      expect(r.status, action).toBe(200);
      expect(r.body.moved).toBe(3);
    }
    const ro = await leader.post(`/api/exit/batches/${batchId}/steps`, { action: 'publish' });
    expect(ro.status).toBe(403);
    const pub = await village.post(`/api/exit/batches/${batchId}/steps`, { action: 'publish' });
    expect(pub.status).toBe(200);
    const d = await village.get(`/api/exit/batches/${batchId}`);
    expect(d.body.items.map((i: { state: string }) => i.state)).toEqual(['notice', 'notice', 'notice']);
    expect(d.body.items[0].noticeFrom).toBe(TODAY);
    const untilExpected = new Date(Date.parse(`${TODAY}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    expect(d.body.items[0].noticeUntil).toBe(untilExpected);
    const byVillage = await village.post(`/api/exit/batches/${batchId}/steps`, { action: 'announce' });
    expect(byVillage.status).toBe(403);
    expect(byVillage.body.error.code).toBe('PROCEDURE_LEVEL');
  });

  it('refuses the announcement before the notice ends (calendar days), allows it the day after', async () => {
    const early = await township.post(`/api/exit/batches/${batchId}/steps`, { action: 'announce' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PROCEDURE_TOO_EARLY');
    // Re-publish one household six days ago (sent back, then through again, dated): still one day short.
    const first = await exitOf(ids[0] as number);
    expect((await step(township, first, 'return', { reason: '重新公示' })).status).toBe(200);
    for (const a of ['appraise', 'verify', 'agree']) expect((await step(village, first, a)).status).toBe(200);
    expect((await step(village, first, 'publish', { date: daysAgo(6) })).status).toBe(200);
    const short = await step(township, first, 'announce');
    expect(short.status).toBe(409);
    expect(short.body.error.code).toBe('PROCEDURE_TOO_EARLY');
    expect((await step(township, first, 'return', { reason: '日期更正' })).status).toBe(200);
    for (const a of ['appraise', 'verify', 'agree']) expect((await step(village, first, a)).status).toBe(200);
    expect((await step(village, first, 'publish', { date: daysAgo(7) })).status).toBe(200);
    const d = await detail(county, first);
    expect(d.body.noticeUntil).toBe(daysAgo(1));
    const ok = await step(township, first, 'announce');
    expect(ok.status).toBe(200);
    const future = await step(village, await exitOf(ids[1] as number), 'return', { reason: 'x', date: '2999-01-01' });
    expect(future.status).toBe(400);
  });

  it('records objections; an open one blocks the announcement, an upheld one sends the household back', async () => {
    const second = await exitOf(ids[1] as number);
    const third = await exitOf(ids[2] as number);
    // Move both to a notice that has run its days.
    for (const id of [second, third]) {
      expect((await step(township, id, 'return', { reason: '补充材料' })).status).toBe(200);
      for (const a of ['appraise', 'verify', 'agree']) expect((await step(village, id, a)).status).toBe(200);
      expect((await step(village, id, 'publish', { date: daysAgo(8) })).status).toBe(200);
    }
    const o = await village.post(`/api/exit/households/${second}/objections`, { source: 'visit', content: '其家庭有经营性收入未计入' });
    expect(o.status).toBe(200);
    const blocked = await step(township, second, 'announce');
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('EXIT_OBJECTION_OPEN');
    const byVillage = await village.post(`/api/exit/households/${second}/objections/${o.body.id}/decision`, {
      outcome: 'upheld',
      reason: 'x',
    });
    expect(byVillage.status).toBe(403);
    const upheld = await township.post(`/api/exit/households/${second}/objections/${o.body.id}/decision`, {
      outcome: 'upheld',
      reason: '经核实收入计算有误',
    });
    expect(upheld.status).toBe(200);
    const d = await detail(county, second);
    expect(d.body.state).toBe('proposed');
    expect(d.body.noticeFrom).toBeNull();
    expect(d.body.case.history.at(-1).reason).toBe('经核实收入计算有误');
    expect(d.body.objections[0].outcome).toBe('upheld');
    // A dismissed objection lets the third go on.
    const o3 = await village.post(`/api/exit/households/${third}/objections`, { source: 'letter', content: '有异议' });
    await township.post(`/api/exit/households/${third}/objections/${o3.body.id}/decision`, { outcome: 'dismissed', reason: '经核实无误' });
    expect((await step(township, third, 'announce')).status).toBe(200);
  });

  it('closes in the register: exited with the exit year and a dated status row; only the county may', async () => {
    const first = await exitOf(ids[0] as number);
    const third = await exitOf(ids[2] as number);
    const byTownship = await township.post(`/api/exit/batches/${batchId}/steps`, { action: 'close' });
    expect(byTownship.status).toBe(403);
    const r = await county.post(`/api/exit/batches/${batchId}/steps`, { action: 'close' });
    expect(r.status).toBe(200);
    expect(r.body.moved).toBe(2);
    const hs = await rows<{ id: number; status: string; exit_year: number }>(sql`
      SELECT id, status, exit_year FROM household WHERE county_code = ${COUNTY} AND id = ANY(${[ids[0], ids[2]]}::bigint[]) ORDER BY id`);
    expect(hs.map((h) => [h.status, h.exit_year])).toEqual([
      ['exited', YEAR],
      ['exited', YEAR],
    ]);
    const hist = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM household_status_history
      WHERE county_code = ${COUNTY} AND household_id = ANY(${[ids[0], ids[2]]}::bigint[]) AND status = 'exited'
        AND previous_status = 'poor' AND changed_on = ${TODAY}::date`);
    expect(hist[0]?.n).toBe(2);
    for (const id of [first, third]) expect((await detail(county, id)).body.state).toBe('closed');
    const audit = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'household_exit.close'`);
    expect(audit[0]?.n).toBe(2);
  });

  it('shows the figures in the command centre as SQL counts them, with an alert for an open objection', async () => {
    const second = await exitOf(ids[1] as number);
    await village.post(`/api/exit/households/${second}/steps`, {
      action: 'appraise',
      version: (await detail(county, second)).body.case.version,
    });
    const dash = (await settled(county, `/api/command/dashboard?region=${COUNTY}`)).body;
    const fig = (id: string) => dash.figures.find((f: { id: string }) => f.id === id)?.value;
    const [open] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM procedure_case WHERE procedure = 'household_exit' AND closed_at IS NULL AND region_code LIKE ${`${COUNTY}%`}`);
    const [closed] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM exit_household WHERE county_code = ${COUNTY} AND extract(year FROM closed_on) = ${YEAR}`);
    expect(fig('exit_hh_in_procedure')).toBe(open?.n);
    expect(fig('exit_hh_closed_year')).toBe(closed?.n);
    expect(closed?.n).toBe(2);
    expect(fig('exit_objections_open')).toBe(0);
  });

  it('keeps other counties out: 404 like a missing record, no batches listed', async () => {
    const first = await exitOf(ids[0] as number);
    expect((await other.get(`/api/exit/households/${first}`)).status).toBe(404);
    expect((await other.get('/api/exit/households/99999999')).status).toBe(404);
    expect((await other.get(`/api/exit/batches/${batchId}`)).status).toBe(404);
    expect((await other.post(`/api/exit/batches/${batchId}/steps`, { action: 'close' })).status).toBe(404);
    const list = await other.get('/api/exit/batches');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const mine = await county.get('/api/exit/batches');
    expect(mine.body.items.map((b: { id: number }) => b.id)).toContain(batchId);
  });
});
