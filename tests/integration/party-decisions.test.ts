import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { decisionMeasures } from '../../src/modules/party/decisions/indicators.ts';
import { commit, type InputRow, stage } from '../../src/modules/registry/import/service.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * 四议一审两公开 on both engines: the steps in order (none skipped), the meetings' rules at work through the API
 * (refusals name the rule and write nothing; a vote lost ends the decision rejected), the joint meeting of an 一肩挑
 * village, scope (another county 404 like a missing id, a township only its villages, a leader reads only), and the
 * public page compared with the database, holding no ID number, phone or unmasked name of the village's persons.
 */
const VILLAGE = '211381109201'; // 海丰村, 东官营镇, 北票市
const TODAY = new Date().toISOString().slice(0, 10);
const MEMBERS = 30;

type Cells = InputRow['cells'];
const persons: { name: string; id: string; phone: string }[] = [];
function households(n: number): InputRow[] {
  const rows: InputRow[] = [];
  for (let i = 0; i < n; i++) {
    const p = {
      name: `党员${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'一二三'[Math.floor(i / 10)]}`,
      id: makeId('211381', '1970-05-01', 200 + i * 2, true),
      phone: `1390000${String(1000 + i)}`,
    };
    persons.push(p);
    rows.push({
      rowNumber: i + 2,
      cells: {
        village_code: VILLAGE,
        household_no: `PD${String(i).padStart(3, '0')}`,
        category: '一般贫困户',
        poverty_cause: '因病',
        year_identified: 2015,
        planned_exit_year: 2018,
        household_status: '未脱贫',
        name: p.name,
        id_number: p.id,
        phone: p.phone,
        relation: '户主',
        gender: '男',
      } as Cells,
    });
  }
  return rows;
}

describe.each(engines())('party decisions on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let village: Client;
  let other: Client;
  let leader: Client;
  let orgId: number;
  let elsewhere: string; // a village of the county outside the township

  const q = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const stepCount = async () => Number((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_decision_step`))[0]?.n);
  const create = (c: Client, body: Record<string, unknown> = {}) =>
    c.post('/api/party/decisions', {
      villageCode: VILLAGE,
      title: '村集体光伏电站收益分配',
      content: '将光伏电站年收益的 60% 用于公益岗位，联系人电话 13912345678。',
      category: 'funds',
      amount: 120000,
      source: 'village_cadres',
      proposedOn: '2026-01-05',
      ...body,
    });
  const detail = async (id: number) => (await county.get(`/api/party/decisions/${id}`)).body;
  const step = async (c: Client, id: number, body: Record<string, unknown>) => {
    const d = await detail(id);
    return c.post(`/api/party/decisions/${id}/steps`, { version: d.version, ...body });
  };
  const meeting = (action: string, heldOn: string, present: number, total: number | undefined, votesFor: number, extra = {}) => ({
    action,
    heldOn,
    present,
    ...(total === undefined ? {} : { total }),
    votesFor,
    votesAgainst: present - votesFor,
    votesAbstain: 0,
    ...extra,
  });

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    const { batchId } = await stage(
      db,
      TEST_KEYS,
      { scopeCode: '211381', actor: { id: null, username: 'tester' }, filename: 'p.xlsx' },
      households(MEMBERS),
    );
    await commit(db, batchId, { id: null, username: 'tester' });
    orgId = Number(
      (
        await q<{ id: number }>(
          sql`INSERT INTO party_org (county_code, region_code, name, kind) VALUES ('211381', ${VILLAGE}, '海丰村党支部', 'branch') RETURNING id`,
        )
      )[0]?.id,
    );
    await sql`INSERT INTO party_member (county_code, org_id, person_id, joined_on)
      SELECT county_code, ${orgId}, id, '2000-01-01' FROM person WHERE county_code = '211381'`.execute(db);
    elsewhere = (
      await q<{ code: string }>(
        sql`SELECT code FROM region WHERE level = 5 AND code LIKE '211381%' AND code NOT LIKE '211381109%' ORDER BY code LIMIT 1`,
      )
    )[0]?.code as string;
    await sql`INSERT INTO party_org (county_code, region_code, name, kind) VALUES ('211381', ${elsewhere}, '别村党支部', 'branch')`.execute(
      db,
    );
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    village = await loggedIn(t.app, 'haifeng');
    other = await loggedIn(t.app, 'yixian');
    leader = await loggedIn(t.app, 'leader');
  });
  afterAll(() => t.close());

  it('creates a proposal only for a village with an organisation; the case opens as proposed', async () => {
    const noOrg = await create(county, {
      villageCode: (
        await q<{ code: string }>(
          sql`SELECT code FROM region WHERE level = 5 AND code LIKE '211381109%' AND code <> ${VILLAGE} ORDER BY code LIMIT 1`,
        )
      )[0]?.code,
    });
    expect(noOrg.status).toBe(409);
    expect(noOrg.body.error.code).toBe('DECISION_NO_ORG');
    const notVillage = await create(county, { villageCode: '211381109' });
    expect(notVillage.status).toBe(400);
    const r = await create(village);
    expect(r.status).toBe(200);
    const row = await q(
      sql`SELECT c.state, d.org_id FROM party_decision d JOIN procedure_case c ON c.county_code = d.county_code AND c.subject_id = d.id AND c.procedure = 'party_decision' WHERE d.id = ${r.body.id}`,
    );
    expect(row[0]?.state).toBe('proposed');
    expect(Number(row[0]?.org_id)).toBe(orgId);
  });

  it('takes a decision through every step in order; skipping, stale versions, wrong levels and lost quorums are refused', async () => {
    const id = (await create(county)).body.id as number;
    const before = await stepCount();
    // Out of order: the members' meeting before the organisation's proposal.
    let r = await step(county, id, meeting('members_meeting', '2026-01-10', 25, undefined, 20));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('DECISION_WRONG_STEP');
    expect(r.body.error.message).toContain('村党组织提议');
    // Not 一肩挑: no joint meeting.
    r = await step(county, id, meeting('joint_meeting', '2026-01-06', 5, 7, 5));
    expect(r.body.error.code).toBe('DECISION_NOT_ONE_SHOULDER');
    // Stale version.
    r = await county.post(`/api/party/decisions/${id}/steps`, { version: 99, ...meeting('org_propose', '2026-01-06', 5, 7, 5) });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('PROCEDURE_CHANGED');
    // The organisation's meeting: exactly half present is no quorum (more than half needed).
    r = await step(county, id, meeting('org_propose', '2026-01-06', 3, 6, 3));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('DECISION_QUORUM');
    expect(await stepCount()).toBe(before);

    expect((await step(village, id, meeting('org_propose', '2026-01-06', 5, 7, 5))).status).toBe(200);
    expect((await step(village, id, meeting('committees', '2026-01-08', 9, 9, 8))).status).toBe(200);

    // Members' meeting: the total is the organisation's 30 members, whatever is typed; 19 present is one short of 2/3.
    r = await step(village, id, meeting('members_meeting', '2026-01-12', 19, 5, 19));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('DECISION_QUORUM');
    expect(r.body.error.message).toContain('2/3');
    expect(r.body.error.message).toContain('至少 20 人');
    county.lang = 'en';
    r = await step(county, id, meeting('members_meeting', '2026-01-12', 19, undefined, 19));
    expect(r.body.error.message).toContain('at least 2/3');
    county.lang = 'zh-CN';
    // Votes that add up to more than those present.
    r = await step(village, id, { ...meeting('members_meeting', '2026-01-12', 20, undefined, 16), votesAgainst: 5 });
    expect(r.body.error.code).toBe('DECISION_VOTES_EXCEED');
    expect(await stepCount()).toBe(before + 2);
    // Exactly 2/3 present, 16 of 30 in favour: passes.
    r = await step(village, id, meeting('members_meeting', '2026-01-12', 20, undefined, 16, { townshipAttendee: '王小明' }));
    expect(r.body).toEqual({ id, state: 'members_reviewed', outcome: 'passed' });
    const recorded = await q<{ total: number; present: number }>(
      sql`SELECT total, present FROM party_decision_step WHERE decision_id = ${id} AND step = 'members_meeting'`,
    );
    expect(recorded).toEqual([{ total: MEMBERS, present: 20 }]);

    expect((await step(village, id, meeting('villagers_meeting', '2026-01-15', 40, 60, 30, { townshipAttendee: '王小明' }))).status).toBe(
      200,
    );
    // The township review is the township's: a village user is refused, the township takes it.
    r = await step(village, id, { action: 'township_review', heldOn: '2026-01-18', approve: true, townshipAttendee: '王小明' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('PROCEDURE_LEVEL');
    r = await step(township, id, { action: 'township_review', heldOn: '2026-01-18', approve: true });
    expect(r.body.error.code).toBe('DECISION_FIELD_REQUIRED');
    expect(
      (await step(township, id, { action: 'township_review', heldOn: '2026-01-18', approve: true, townshipAttendee: '王小明' })).status,
    ).toBe(200);
    // A date before the previous step's.
    r = await step(village, id, { action: 'disclose_decision', heldOn: '2026-01-17', place: '村务公开栏' });
    expect(r.body.error.code).toBe('DECISION_DATE_ORDER');
    expect((await step(village, id, { action: 'disclose_decision', heldOn: '2026-01-20', place: '村务公开栏' })).status).toBe(200);
    r = await step(village, id, {
      action: 'disclose_result',
      heldOn: '2026-03-01',
      place: '村务公开栏',
      summary: '已发放公益岗位工资 72000 元，身份证 211381197005010011 的张三领取',
    });
    expect(r.body.state).toBe('result_disclosed');

    const d = await detail(id);
    expect(d.state).toBe('result_disclosed');
    expect(d.next).toEqual([]);
    expect(d.steps.map((s: { step: string }) => s.step)).toEqual([
      'org_propose',
      'committees',
      'members_meeting',
      'villagers_meeting',
      'township_review',
      'disclose_decision',
      'disclose_result',
    ]);
    const history = await q<{ action: string }>(sql`
      SELECT s.action FROM procedure_step s JOIN procedure_case c ON c.county_code = s.county_code AND c.id = s.case_id
      WHERE c.procedure = 'party_decision' AND c.subject_id = ${id} ORDER BY s.seq`);
    expect(history.map((h) => h.action)).toEqual(['open', ...d.steps.map((s: { step: string }) => s.step)]);
    r = await step(village, id, { action: 'disclose_result', heldOn: TODAY, place: 'x', summary: 'x' });
    expect(r.body.error.code).toBe('PROCEDURE_WRONG_STATE');
  });

  it("a lost vote ends the decision rejected: exactly half of all members in favour at the members' meeting", async () => {
    const id = (await create(county, { title: '村部改建' })).body.id as number;
    await step(county, id, meeting('org_propose', '2026-01-06', 5, 7, 5));
    await step(county, id, meeting('committees', '2026-01-08', 9, 9, 8));
    const r = await step(county, id, meeting('members_meeting', '2026-01-12', 30, undefined, 15));
    expect(r.body).toEqual({ id, state: 'rejected', outcome: 'rejected' });
    const row = await q<{ outcome: string }>(
      sql`SELECT outcome FROM party_decision_step WHERE decision_id = ${id} AND step = 'members_meeting'`,
    );
    expect(row).toEqual([{ outcome: 'rejected' }]);
    expect((await detail(id)).closed).toBe(true);
  });

  it('an 一肩挑 village holds one joint meeting that records both deliberations', async () => {
    const person = (await q<{ id: number }>(sql`SELECT id FROM person WHERE county_code = '211381' ORDER BY id LIMIT 1`))[0]?.id;
    await sql`INSERT INTO party_secretary_term (county_code, org_id, person_id, one_shoulder, start_date) VALUES ('211381', ${orgId}, ${person}, true, '2021-01-01')`.execute(
      db,
    );
    const id = (await create(county, { title: '道路硬化' })).body.id as number;
    const d = await detail(id);
    expect(d.oneShoulder).toBe(true);
    expect(d.next.map((n: { action: string }) => n.action)).toEqual(['org_propose', 'joint_meeting']);
    const r = await step(county, id, meeting('joint_meeting', '2026-01-06', 7, 9, 7));
    expect(r.body.state).toBe('committees_deliberated');
    const rows = await q<{ step: string; joint: boolean }>(
      sql`SELECT step, joint FROM party_decision_step WHERE decision_id = ${id} ORDER BY step`,
    );
    expect(rows).toEqual([
      { step: 'committees', joint: true },
      { step: 'org_propose', joint: true },
    ]);
  });

  it('scope: another county answers 404 as a missing id; a township sees only its villages; a leader only reads', async () => {
    const id = (await create(county, { title: '本镇事项' })).body.id as number;
    const far = (await create(county, { title: '外镇事项', villageCode: elsewhere })).body.id as number;
    const missing = await other.get('/api/party/decisions/999999999');
    const foreign = await other.get(`/api/party/decisions/${id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await other.post(`/api/party/decisions/${id}/steps`, meeting('org_propose', '2026-01-06', 5, 7, 5))).status).toBe(404);
    expect((await create(other)).status).toBe(404);
    expect((await other.get('/api/party/decisions')).body.items).toEqual([]);

    const list = (await township.get('/api/party/decisions?limit=100')).body.items as { id: number; village: { code: string } }[];
    expect(list.every((x) => x.village.code.startsWith('211381109'))).toBe(true);
    expect(list.map((x) => x.id)).toContain(id);
    expect(list.map((x) => x.id)).not.toContain(far);
    expect((await township.get(`/api/party/decisions/${far}`)).status).toBe(404);
    const all = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_decision WHERE village_code LIKE '211381109%'`);
    expect(list.length).toBe(all[0]?.n);

    expect((await leader.get(`/api/party/decisions/${id}`)).status).toBe(200);
    expect((await create(leader)).status).toBe(403);
    expect(
      (await leader.post(`/api/party/decisions/${id}/steps`, { version: 1, ...meeting('org_propose', '2026-01-06', 5, 7, 5) })).status,
    ).toBe(403);
  });

  it('lists by keyset with state, village and year filters', async () => {
    const all = await q<{ id: number }>(sql`SELECT id FROM party_decision WHERE county_code = '211381' ORDER BY id DESC`);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: { id: number }[]; nextCursor: string | null } } = await county.get(
        `/api/party/decisions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...r.body.items.map((x) => x.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((x) => Number(x.id)));
    const rejected = (await county.get('/api/party/decisions?state=rejected')).body.items;
    expect(rejected.map((x: { title: string }) => x.title)).toEqual(['村部改建']);
    expect((await county.get(`/api/party/decisions?village=${elsewhere}`)).body.items.length).toBe(1);
    expect((await county.get('/api/party/decisions?year=2025')).body.items).toEqual([]);
  });

  it('the public page shows the disclosed decisions as the database holds them, with no ID number, phone or unmasked name', async () => {
    const anon = new (county.constructor as new (app: unknown) => Client)(t.app);
    const r = await anon.get(`/api/public/villages/${VILLAGE}/disclosures`);
    expect(r.status).toBe(200);
    const expected = await q<{ id: number; title: string }>(sql`
      SELECT d.id, d.title FROM party_decision d JOIN procedure_case c ON c.county_code = d.county_code AND c.subject_id = d.id AND c.procedure = 'party_decision'
      WHERE d.village_code = ${VILLAGE} AND c.state IN ('decision_disclosed', 'result_disclosed') ORDER BY d.id DESC`);
    expect(r.body.decisions.map((x: { id: number; title: string }) => ({ id: x.id, title: x.title }))).toEqual(
      expected.map((e) => ({ id: Number(e.id), title: e.title })),
    );
    const first = r.body.decisions[0];
    const votes = await q<{ present: number; total: number; votes_for: number }>(
      sql`SELECT present, total, votes_for FROM party_decision_step WHERE decision_id = ${first.id} AND step = 'villagers_meeting'`,
    );
    expect(first.villagersMeeting).toMatchObject({ present: votes[0]?.present, total: votes[0]?.total, votesFor: votes[0]?.votes_for });
    expect(first.townshipReview.reviewer).toBe('王*明');
    const page = await anon.get(`/public/villages/${VILLAGE}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('村集体光伏电站收益分配');
    expect(page.text).toContain('/public/villages/211381109201/qr');
    // Every person of the village: their ID number and phone nowhere, their name nowhere in full.
    const people = await q<{ name: string }>(sql`SELECT p.name FROM person p WHERE p.county_code = '211381'`);
    expect(people.length).toBe(MEMBERS);
    for (const body of [r.text, page.text]) {
      for (const p of persons) {
        expect(body).not.toContain(p.id);
        expect(body).not.toContain(p.phone);
        expect(body).not.toContain(p.name);
      }
      expect(body).not.toContain('13912345678');
      expect(body).not.toContain('211381197005010011');
      expect(body).not.toContain('王小明');
    }
    // Names in full where the province says so.
    await sql`INSERT INTO setting (key, scope_code, year, value) VALUES ('party.public_full_names', '21', 0, '1'::jsonb)`.execute(db);
    const { clearSettingsCache } = await import('../../src/modules/settings.ts');
    clearSettingsCache();
    expect((await anon.get(`/api/public/villages/${VILLAGE}/disclosures`)).body.decisions[0].townshipReview.reviewer).toBe('王小明');
  });

  it("the village page's section counts the village's decisions by state and lists the newest five, as the database does", async () => {
    const s = (await county.get(`/api/villages/${VILLAGE}/profile`)).body.sections['party-decisions'];
    const direct = await q<{ state: string; n: number }>(sql`
      SELECT c.state, count(*)::int AS n FROM party_decision d
      JOIN procedure_case c ON c.county_code = d.county_code AND c.procedure = 'party_decision' AND c.subject_id = d.id
      WHERE d.village_code = ${VILLAGE} GROUP BY c.state ORDER BY c.state`);
    expect(direct.length).toBeGreaterThan(0);
    expect(s.byState.map((b: { state: string; count: number }) => [b.state, b.count])).toEqual(direct.map((d) => [d.state, d.n]));
    expect(s.total).toBe(direct.reduce((n, d) => n + d.n, 0));
    const newest = await q<{ id: number }>(sql`SELECT id FROM party_decision WHERE village_code = ${VILLAGE} ORDER BY id DESC LIMIT 5`);
    expect(s.recent.map((d: { id: number }) => d.id)).toEqual(newest.map((d) => Number(d.id)));
  });

  it('the measures count decisions by state as the database does; overdue cases are alerts', async () => {
    const measures = await sql<{ village_code: string; measure: string; value: number }>`${decisionMeasures(null, null)}`.execute(db);
    const byState = Object.fromEntries(
      measures.rows
        .filter((m) => m.measure.startsWith('party.decision.state.'))
        .map((m) => [`${m.village_code}/${m.measure.slice(21)}`, Number(m.value)]),
    );
    const direct = await q<{ k: string; n: number }>(sql`
      SELECT region_code || '/' || state AS k, count(*)::int AS n FROM procedure_case WHERE procedure = 'party_decision' GROUP BY 1`);
    expect(byState).toEqual(Object.fromEntries(direct.map((d) => [d.k, d.n])));
    const lag = measures.rows.filter((m) => m.measure.startsWith('party.decision.disclose_lag.'));
    expect(lag.map((m) => m.measure)).toEqual(['party.decision.disclose_lag.5']);

    const { partyDecisionsIndicators } = await import('../../src/modules/party/decisions/indicators.ts');
    const rule = partyDecisionsIndicators.alerts[0];
    await sql`UPDATE procedure_case SET due_date = '2026-01-01' WHERE procedure = 'party_decision' AND closed_at IS NULL`.execute(db);
    const items = await sql<{ link_path: string }>`${rule?.items('211381109', { year: 2026, settings: {} })}`.execute(db);
    const open = await q<{ subject_id: number }>(
      sql`SELECT subject_id FROM procedure_case WHERE procedure = 'party_decision' AND closed_at IS NULL AND region_code LIKE '211381109%' ORDER BY subject_id`,
    );
    expect(items.rows.map((i) => i.link_path).sort()).toEqual(open.map((o) => `/party/decisions/${o.subject_id}`).sort());
  });
});
