import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { householdBody } from '../support/exit.ts';
import { makeId } from '../support/ids.ts';

/**
 * Cross-department comparison on both engines: a department's list uploaded and previewed (per-row ID problems, the
 * numbers normalised as the register's: full-width, lowercase x, spaces), matched by keyed hash within the importer's
 * scope (compared with the hits computed here from the IDs the test registered), hits decided by the household's
 * county (a death ends the membership, a vehicle opens a monitoring case, a dismissal needs a reason), and scope.
 */
const VILLAGE = '211381109201';
const OTHER_VILLAGE = '210727101201';

const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe.each(engines())('exit comparison on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let other: Client;
  let province: Client;
  const bodies: Record<string, ReturnType<typeof householdBody>> = {};
  const ids: Record<string, number> = {};

  const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const upload = (c: Client, csv: string, query: string) => c.upload(`\ufeff${csv}`, 'list.csv', `/api/comparison/batches?${query}`);
  const idOf = (key: string, member = 0) => bodies[key]?.members[member]?.idNumber as string;

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    other = await loggedIn(t.app, 'yixian');
    province = await loggedIn(t.app, 'sheng');
    const make = async (c: Client, key: string, body: ReturnType<typeof householdBody>) => {
      bodies[key] = body;
      const r = await c.post('/api/registry/households', body);
      expect(r.status, r.text).toBe(200);
      ids[key] = r.body.id;
    };
    await make(county, 'a', householdBody(VILLAGE, 'C-A', 111, 'exited', 8000, '郑国强'));
    await make(county, 'b', householdBody(VILLAGE, 'C-B', 121, 'exited', 8000, '冯家旺'));
    await make(other, 'c', householdBody(OTHER_VILLAGE, 'C-C', 131, 'exited', 8000, '陈德顺'));
  });
  afterAll(() => t.close());

  it('previews a list with per-row problems, then matches it within the importer’s scope only', async () => {
    const stranger = makeId('211381', '1980-01-01', 901, true); // valid, registered nowhere
    const lower = idOf('a', 1).replace('X', 'x');
    const csv = [
      '姓名,证件号码,号牌号码,车辆类型,登记日期',
      `郑国强,${fullWidth(idOf('a'))},辽N12345,小型轿车,2025-03-01`,
      `郑小梅, ${lower} ,辽N22222,二轮摩托车,2024-05-01`,
      `陈德顺,${idOf('c')},辽G88888,小型轿车,2023-01-01`,
      `某某,${stranger},辽N00001,小型轿车,2022-01-01`,
      '错号,2.11381E+17,辽N00002,小型轿车,2022-01-01',
      `短号,21138119800101,辽N00003,小型轿车,2022-01-01`,
    ].join('\n');
    const up = await upload(county, csv, 'department=vehicle');
    expect(up.status, up.text).toBe(200);
    const batch = await county.get(`/api/comparison/batches/${up.body.id}`);
    expect(batch.body).toMatchObject({ status: 'previewed', totalRows: 6, problemRows: 2, hits: 0 });
    expect(batch.body.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [6, 'SCIENTIFIC_NOTATION'],
      [7, 'BAD_LENGTH'],
    ]);
    expect(batch.body.header).toEqual(['姓名', '证件号码', '号牌号码', '车辆类型', '登记日期']);
    // Nothing stored carries an ID number in full.
    const staged = await rows<{ record: string }>(sql`SELECT record::text AS record FROM comparison_row WHERE batch_id = ${up.body.id}`);
    expect(staged.some((s) => /\d{17}[\dXx]/.test(s.record))).toBe(false);
    expect(await rows(sql`SELECT 1 FROM comparison_hit`)).toEqual([]);

    const matched = await county.post(`/api/comparison/batches/${up.body.id}/match`);
    expect(matched.status, matched.text).toBe(200);
    // Expected: rows 2 and 3 name the two members of household a (北票市); row 4 is 义县's, outside the importer's scope.
    const expected = await rows<{ person_id: number }>(sql`
      SELECT p.id AS person_id FROM person p JOIN household_member m ON m.county_code = p.county_code AND m.person_id = p.id
      WHERE p.county_code = '211381' AND m.household_id = ${ids.a} ORDER BY p.id`);
    const hits = await rows<{ person_id: number; row_number: number; county_code: string }>(
      sql`SELECT person_id, row_number, county_code FROM comparison_hit WHERE batch_id = ${up.body.id} ORDER BY person_id`,
    );
    expect(hits.map((h) => Number(h.person_id))).toEqual(expected.map((e) => Number(e.person_id)));
    expect(hits.map((h) => h.row_number).sort()).toEqual([2, 3]);
    expect(matched.body).toEqual({ hits: 2, counties: [{ county: '211381', hits: 2 }] });
    expect(await rows(sql`SELECT 1 FROM comparison_row WHERE batch_id = ${up.body.id}`)).toEqual([]);
    expect((await county.post(`/api/comparison/batches/${up.body.id}/match`)).body.error.code).toBe('COMPARISON_BATCH_STATE');
  });

  it('gives each county only its own hits from a province-wide list', async () => {
    const csv = ['姓名,证件号码,死亡日期,备注', `冯家旺,${idOf('b')},2026-10-01,殡葬火化`, `陈德顺,${idOf('c')},2026-09-09,户籍注销`].join(
      '\n',
    );
    const up = await upload(province, csv, 'department=death');
    expect(up.status, up.text).toBe(200);
    const matched = await province.post(`/api/comparison/batches/${up.body.id}/match`);
    expect(matched.body).toEqual({
      hits: 2,
      counties: [
        { county: '210727', hits: 1 },
        { county: '211381', hits: 1 },
      ],
    });
    const mine = await county.get('/api/comparison/hits?department=death');
    expect(mine.body.items.map((h: { person: { name: string } }) => h.person.name)).toEqual(['冯家旺']);
    const theirs = await other.get('/api/comparison/hits');
    expect(theirs.body.items.map((h: { person: { name: string } }) => h.person.name)).toEqual(['陈德顺']);
    ids.death = mine.body.items[0].id;
    ids.theirs = theirs.body.items[0].id;
    expect((await county.get(`/api/comparison/hits/${ids.theirs}`)).status).toBe(404);
    expect((await county.post(`/api/comparison/hits/${ids.theirs}/decision`, { decision: 'dismiss', reason: 'x' })).status).toBe(404);
    expect((await other.get(`/api/comparison/batches/${up.body.id}`)).status).toBe(404);
    const hit = await county.get(`/api/comparison/hits/${ids.death}`);
    expect(hit.body.record).toEqual({ 姓名: '冯家旺', 死亡日期: '2026-10-01', 备注: '殡葬火化' });
    expect(hit.body.members.length).toBe(2);
    expect(JSON.stringify(hit.body)).not.toContain(idOf('b'));
  });

  it('confirms a death by ending the membership, a vehicle by opening a monitoring case; dismissal needs a reason', async () => {
    expect((await township.post(`/api/comparison/hits/${ids.death}/decision`, { decision: 'confirm' })).status).toBe(403);
    const death = await county.post(`/api/comparison/hits/${ids.death}/decision`, { decision: 'confirm', reason: '经核实已去世' });
    expect(death.status, death.text).toBe(200);
    expect(death.body.action).toBe('membership_ended');
    const [b] = await rows<{ members: number; member_count: number; head: number | null }>(sql`
      SELECT (SELECT count(*)::int FROM household_member m WHERE m.county_code = h.county_code AND m.household_id = h.id) AS members,
             h.member_count, h.head_person_id AS head FROM household h WHERE h.county_code = '211381' AND h.id = ${ids.b}`);
    expect(b).toEqual({ members: 1, member_count: 1, head: null });
    expect((await county.post(`/api/comparison/hits/${ids.death}/decision`, { decision: 'dismiss', reason: 'x' })).body.error.code).toBe(
      'COMPARISON_HIT_DECIDED',
    );

    const vehicles = (await county.get('/api/comparison/hits?department=vehicle&state=open')).body.items;
    expect(vehicles.length).toBe(2);
    const noReason = await county.post(`/api/comparison/hits/${vehicles[1].id}/decision`, { decision: 'dismiss' });
    expect(noReason.body.error.code).toBe('COMPARISON_REASON_REQUIRED');
    const dismissed = await county.post(`/api/comparison/hits/${vehicles[1].id}/decision`, {
      decision: 'dismiss',
      reason: '摩托车为生产用，价值低',
    });
    expect(dismissed.status).toBe(200);
    const car = await county.post(`/api/comparison/hits/${vehicles[0].id}/decision`, { decision: 'confirm' });
    expect(car.status, car.text).toBe(200);
    expect(car.body.action).toBe('monitoring_opened');
    const [m] = await rows<{ source: string; source_ref: number; kind: string; state: string; household_id: number }>(sql`
      SELECT m.source, m.source_ref, m.kind, c.state, m.household_id FROM monitoring_case m
      JOIN procedure_case c ON c.county_code = m.county_code AND c.procedure = 'exit_monitoring' AND c.subject_id = m.id
      WHERE m.id = ${car.body.monitoringCaseId}`);
    expect({ ...m, source_ref: Number(m?.source_ref), household_id: Number(m?.household_id) }).toEqual({
      source: 'comparison',
      source_ref: vehicles[0].id,
      kind: 'unstable',
      state: 'proposed',
      household_id: ids.a,
    });
    const states = await rows<{ state: string; n: number }>(
      sql`SELECT state, count(*)::int AS n FROM comparison_hit WHERE county_code = '211381' GROUP BY state ORDER BY state`,
    );
    expect(states).toEqual([
      { state: 'confirmed', n: 2 },
      { state: 'dismissed', n: 1 },
    ]);
    const audited = await rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity = 'comparison_hit' ORDER BY id`);
    expect(audited.map((a) => a.action)).toEqual(['confirm', 'dismiss', 'confirm']);
  });

  it('keeps every row of a list: duplicates each a hit, unreadable numbers each a problem, fields exactly as written', async () => {
    // A repeated header (the last value is kept, as for any JSON object), an unnamed column (#6), quotes, a backslash, a
    // tab and a line break inside cells; the same person twice (once in full-width digits); three unreadable numbers.
    const csv = [
      '姓名,证件号码,号牌号码,备注,备注,',
      `郑国强,${idOf('a')},"辽N""10001"" C:\\车库",第一个备注,第二个备注,尾列`,
      `郑国强,${fullWidth(idOf('a'))},辽N10002,"制表\t与\n换行",,`,
      '少一位,21138119800101123,辽N10003,,,',
      '无号,,辽N10004,,,',
      '字母,ABCDEFGHIJKLMNOPQR,辽N10005,,,',
    ].join('\n');
    const up = await upload(county, csv, 'department=other&label=测试部门');
    expect(up.status, up.text).toBe(200);
    const batch = await county.get(`/api/comparison/batches/${up.body.id}`);
    expect(batch.body).toMatchObject({ status: 'previewed', totalRows: 5, problemRows: 3 });
    expect(batch.body.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [4, 'BAD_LENGTH'],
      [5, 'EMPTY'],
      [6, 'BAD_CHARS'],
    ]);
    // A problem row keeps the department's fields (not the number); every staged row is there.
    const staged = await rows<{ row_number: number; problem: string | null; record: Record<string, string> }>(
      sql`SELECT row_number, problem, record FROM comparison_row WHERE batch_id = ${up.body.id} ORDER BY row_number`,
    );
    expect(staged.map((r) => [r.row_number, r.problem])).toEqual([
      [2, null],
      [3, null],
      [4, 'BAD_LENGTH'],
      [5, 'EMPTY'],
      [6, 'BAD_CHARS'],
    ]);
    expect(staged[2]?.record).toEqual({ 姓名: '少一位', 号牌号码: '辽N10003' });
    const matched = await county.post(`/api/comparison/batches/${up.body.id}/match`);
    expect(matched.body).toEqual({ hits: 2, counties: [{ county: '211381', hits: 2 }] });
    const hits = await rows<{ row_number: number; person_id: number; record: Record<string, string> }>(
      sql`SELECT row_number, person_id, record FROM comparison_hit WHERE batch_id = ${up.body.id} ORDER BY row_number`,
    );
    const [person] = await rows<{ id: number }>(
      sql`SELECT p.id FROM person p JOIN household_member m ON m.county_code = p.county_code AND m.person_id = p.id
          WHERE p.county_code = '211381' AND m.household_id = ${ids.a} AND p.name = '郑国强'`,
    );
    expect(hits.map((h) => [h.row_number, Number(h.person_id)])).toEqual([
      [2, Number(person?.id)],
      [3, Number(person?.id)],
    ]);
    const masked = `${idOf('a').slice(0, 4)}${'*'.repeat(14)}`;
    expect(hits[0]?.record).toEqual({
      姓名: '郑国强',
      号牌号码: '辽N"10001" C:\\车库',
      备注: '第二个备注',
      '#6': '尾列',
      __id: masked,
    });
    expect(hits[1]?.record).toEqual({ 姓名: '郑国强', 号牌号码: '辽N10002', 备注: '制表\t与\n换行', __id: masked });
    const detail = await county.get(`/api/comparison/hits?batch=${up.body.id}`);
    expect(detail.body.items.map((h: { record: Record<string, string> }) => h.record.备注)).toEqual(['第二个备注', '制表\t与\n换行']);
    expect(detail.body.items[0].departmentLabel).toBe('测试部门');
  });
});
