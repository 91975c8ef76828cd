import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commit, type InputRow, stage } from '../../src/modules/registry/import/service.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * Issue 9 item 4: writing a person or household number registered outside the writer's scope must not tell where
 * (no household number, village, township or county), must be recorded as a security event, and many such
 * conflicts in a day raise one burst event. An in-scope conflict still says which household.
 */

// 义县 刘龙台镇 六台村, and two villages of 北票市 东官营镇: 海丰村 (haifeng's) and 三家村.
const YIXIAN_VILLAGE = '210727101201';
const HAIFENG = '211381109201';
const SANJIA = '211381109202';
const YIXIAN_NO = `${YIXIAN_VILLAGE}0001`;
const SANJIA_NO = `${SANJIA}0001`;
const YIXIAN_ID = makeId('210727', '1955-01-01', 11, true);
const SANJIA_ID = makeId('211381', '1957-02-02', 21, true);
/** Words that would tell where the conflicting household is. */
const PLACE = [
  YIXIAN_NO,
  SANJIA_NO,
  'BPX01',
  '210727',
  '义县',
  '刘龙台',
  '六台',
  '三家',
  '其他县',
  '管辖范围以外',
  'another county',
  'outside your scope',
  '已存在',
  'exists',
];

const form = (householdNo: string, ids: string[], villageCode = HAIFENG) => ({
  villageCode,
  householdNo,
  category: 'ordinary',
  cause: 'illness',
  yearIdentified: 2016,
  status: 'poor',
  members: ids.map((idNumber, i) => ({ name: i === 0 ? '韩德胜' : '韩小东', idNumber, relation: i === 0 ? 'head' : 'son', gender: 'M' })),
});

const HEADERS = ['村代码', '户编号', '姓名', '证件号码', '与户主关系', '性别', '民族', '贫困户属性', '主要致贫原因', '识别年度', '户状态'];
const csvRow = (village: string, no: string, name: string, id: string, relation = '户主') =>
  [village, no, name, id, relation, '男', '汉族', '一般贫困户', '因病', 2016, '未脱贫'].join(',');
const csv = (rows: string[]) => Buffer.from(`${HEADERS.join(',')}\n${rows.join('\n')}\n`);

async function upload(c: Client, _t: TestApp, file: Buffer, name: string): Promise<number> {
  const r = await c.upload(file, name);
  expect(r.status).toBe(200);
  return (r.body as { id: number }).id;
}

async function preview(c: Client, t: TestApp, rows: string[]) {
  const id = await upload(c, t, csv(rows), '花名册.csv');
  for (let i = 0; i < 1200; i++) {
    const b = await c.get(`/api/registry/imports/${id}`);
    if (b.body.status !== 'staging') {
      expect(b.body.status).toBe('previewed');
      const problems = await c.get(`/api/registry/imports/${id}/problems`);
      return { id, batch: b, problems };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('preview did not finish');
}

/** Every cell of the problem report, as text. */
async function reportText(c: Client, t: TestApp, id: number): Promise<string> {
  const r = await t.app.inject({
    method: 'GET',
    url: `/api/registry/imports/${id}/report`,
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'accept-language': c.lang },
  });
  expect(r.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as never);
  const cells: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
  return cells.join('\n');
}

const expectNoPlace = (text: string) => {
  for (const word of PLACE) expect(text, `"${word}" in ${text}`).not.toContain(word);
};

describe.each(engines())('no cross-scope existence oracle on %s', (engine) => {
  let t: TestApp;
  let haifeng: Client;
  let beipiao: Client;
  const num = async (q: ReturnType<typeof sql>) => Number(Object.values((await q.execute(t.database.db)).rows[0] as object)[0]);
  const conflicts = (user: string) => num(sql`SELECT count(*) FROM security_event WHERE kind = 'scope_conflict' AND actor_name = ${user}`);

  beforeAll(async () => {
    t = await openTestApp(engine);
    const yixian = await loggedIn(t.app, 'yixian');
    beipiao = await loggedIn(t.app, 'beipiao');
    haifeng = await loggedIn(t.app, 'haifeng');
    expect((await yixian.post('/api/registry/households', form(YIXIAN_NO, [YIXIAN_ID], YIXIAN_VILLAGE))).status).toBe(200);
    expect((await beipiao.post('/api/registry/households', form(SANJIA_NO, [SANJIA_ID], SANJIA))).status).toBe(200);
    expect((await beipiao.post('/api/registry/households', form('BPX01', [makeId('211381', '1958-03-03', 31, true)], SANJIA))).status).toBe(
      200,
    );
  });
  afterAll(() => t.close());

  it('the form answers a village user the same for a person of another county and of another village, telling no place', async () => {
    const before = await conflicts('haifeng');
    const households = await num(sql`SELECT count(*) FROM household`);
    const otherCounty = await haifeng.post('/api/registry/households', form('HF01', [YIXIAN_ID]));
    const otherVillage = await haifeng.post('/api/registry/households', form('HF01', [SANJIA_ID]));
    expect(otherCounty.status).toBe(400);
    expect(otherCounty.body.error.details).toEqual([expect.objectContaining({ path: 'members.0.idNumber', code: 'PERSON_NOT_ALLOWED' })]);
    expect(otherCounty.body.error.message).toContain('该人员不能在此登记，请联系上级（县级）扶贫办核实');
    expectNoPlace(otherCounty.text);
    // Byte for byte the same answer: nothing tells whether the person is in this county or another.
    expect(otherVillage.status).toBe(otherCounty.status);
    expect(otherVillage.text).toBe(otherCounty.text);

    haifeng.lang = 'en';
    const en = await haifeng.post('/api/registry/households', form('HF01', [YIXIAN_ID]));
    haifeng.lang = 'zh-CN';
    expect(en.body.error.message).toContain('cannot be registered here');
    expectNoPlace(en.text);

    expect(await num(sql`SELECT count(*) FROM household`)).toBe(households);
    expect(await conflicts('haifeng')).toBe(before + 3);
    // The event keeps the ID number masked only.
    expect(
      await num(
        sql`SELECT count(*) FROM security_event WHERE details::text LIKE ${`%${YIXIAN_ID}%`} OR details::text LIKE ${`%${SANJIA_ID}%`}`,
      ),
    ).toBe(0);
  });

  it('the form answers a county user without place for another county, and names the household in its own county', async () => {
    const before = await conflicts('beipiao');
    const otherCounty = await beipiao.post('/api/registry/households', form('BP01', [YIXIAN_ID], HAIFENG));
    expect(otherCounty.status).toBe(400);
    expect(otherCounty.body.error.message).toContain('该人员不能在此登记，请联系上级（市级）扶贫办核实');
    expectNoPlace(otherCounty.text);
    expect(await conflicts('beipiao')).toBe(before + 1);

    const inScope = await beipiao.post('/api/registry/households', form('BP01', [SANJIA_ID], HAIFENG));
    expect(inScope.status).toBe(400);
    expect(inScope.body.error.details[0].code).toBe('PERSON_IN_OTHER_HOUSEHOLD');
    expect(inScope.body.error.message).toContain(SANJIA_NO);
    expect(await conflicts('beipiao')).toBe(before + 1);
  });

  it('a household number used outside the scope is refused like any number of another village, telling nothing', async () => {
    const before = await conflicts('haifeng');
    const existing = await haifeng.post('/api/registry/households', form(SANJIA_NO, [makeId('211381', '1961-01-01', 41, true)]));
    const free = await haifeng.post('/api/registry/households', form('BPX01', [makeId('211381', '1961-01-01', 41, true)]));
    const unused = await haifeng.post('/api/registry/households', form(`${SANJIA}9999`, [makeId('211381', '1961-01-01', 41, true)]));
    expect(existing.status).toBe(400);
    expect(existing.body.error.details).toEqual([expect.objectContaining({ path: 'householdNo', code: 'HOUSEHOLD_NOT_ALLOWED' })]);
    expectNoPlace(existing.text);
    expect(free.text).toBe(existing.text);
    expect(unused.text).toBe(existing.text);
    expect(await conflicts('haifeng')).toBe(before + 3);
    expect(await num(sql`SELECT count(*) FROM household WHERE household_no = ${`${SANJIA}9999`}`)).toBe(0);

    // Naming an out-of-scope household together with one of its members tells no more than naming anyone else.
    const member = await haifeng.post('/api/registry/households', form(SANJIA_NO, [SANJIA_ID]));
    expect(member.body.error.details.map((d: { code: string }) => d.code)).toEqual(['PERSON_NOT_ALLOWED', 'HOUSEHOLD_NOT_ALLOWED']);
    expect((await haifeng.post('/api/registry/households', form(`${SANJIA}9999`, [SANJIA_ID]))).text).toBe(member.text);
    expect((await haifeng.post('/api/registry/households', form(SANJIA_NO, [YIXIAN_ID]))).text).toBe(member.text);
    expect((await haifeng.post('/api/registry/households', form('BPX01', [YIXIAN_ID]))).text).toBe(member.text);
    expectNoPlace(member.text);
    expect(await conflicts('haifeng')).toBe(before + 3 + 4 * 2);

    // In the county's own scope the number is simply taken.
    const dup = await beipiao.post('/api/registry/households', form(SANJIA_NO, [makeId('211381', '1961-01-01', 41, true)]));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('HOUSEHOLD_EXISTS');
  });

  it('an import preview tells a village user no place, in the problem list and in the report', async () => {
    const before = await conflicts('haifeng');
    const { id, batch, problems } = await preview(haifeng, t, [
      csvRow(HAIFENG, 'HFI01', '韩一', YIXIAN_ID),
      csvRow(HAIFENG, 'HFI02', '韩二', SANJIA_ID),
      csvRow(HAIFENG, 'BPX01', '韩三', makeId('211381', '1962-01-01', 51, true)),
      csvRow(HAIFENG, 'HFI04', '韩四', makeId('211381', '1963-01-01', 61, true)),
    ]);
    const byRow = Object.fromEntries(
      [2, 3, 4].map((row) => [row, problems.body.items.filter((p: { row: number }) => p.row === row).map((p: { code: string }) => p.code)]),
    );
    expect(byRow).toEqual({ 2: ['PERSON_NOT_ALLOWED'], 3: ['PERSON_NOT_ALLOWED'], 4: ['HOUSEHOLD_NOT_ALLOWED'] });
    expect(problems.body.items[0].message).toBe('该人员不能在此登记，请联系上级（县级）扶贫办核实');
    expectNoPlace(problems.text);
    expectNoPlace(JSON.stringify(batch.body));
    expect(batch.body.summary.households).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 3 });
    const report = await reportText(haifeng, t, id);
    expect(report).toContain('该人员不能在此登记');
    // The report repeats the file's own cells (BPX01 and the ID numbers were typed by the user); nothing else.
    for (const word of PLACE.filter((w) => w !== 'BPX01' && w !== '210727')) expect(report).not.toContain(word);
    expect(await conflicts('haifeng')).toBe(before + 3);
  });

  it('an import preview by a county user hides another county and explains its own', async () => {
    const before = await conflicts('beipiao');
    const { id, problems } = await preview(beipiao, t, [
      csvRow(HAIFENG, 'BPI01', '韩一', YIXIAN_ID),
      csvRow(HAIFENG, 'BPI02', '韩二', SANJIA_ID),
    ]);
    const row2 = problems.body.items.filter((p: { row: number }) => p.row === 2);
    const row3 = problems.body.items.filter((p: { row: number }) => p.row === 3);
    expect(row2.map((p: { code: string }) => p.code)).toEqual(['PERSON_NOT_ALLOWED']);
    expect(row2[0].message).toContain('上级（市级）扶贫办');
    expect(row3.map((p: { code: string }) => p.code)).toEqual(['PERSON_IN_OTHER_HOUSEHOLD']);
    expect(row3[0].message).toContain(SANJIA_NO);
    expectNoPlace(JSON.stringify(row2));
    const report = await reportText(beipiao, t, id);
    for (const word of ['义县', '刘龙台', YIXIAN_NO, '其他县']) expect(report).not.toContain(word);
    expect(await conflicts('beipiao')).toBe(before + 1);
  });

  it('10,000 foreign ID numbers in one preview are 10,000 conflicts and one burst event a day', async () => {
    // Register 10,000 persons in 义县 (set-up through the import service, one person per household).
    const ids = Array.from({ length: 10_000 }, (_, i) => {
      const birth = new Date(Date.UTC(1950, 0, 1 + Math.floor(i / 500))).toISOString().slice(0, 10);
      return makeId('210727', birth, (i % 500) * 2 + 1, true);
    });
    const rows: InputRow[] = ids.map((id, i) => ({
      rowNumber: i + 2,
      cells: {
        village_code: YIXIAN_VILLAGE,
        household_no: `YX${i}`,
        name: '李四',
        id_number: id,
        relation: '户主',
        category: '一般贫困户',
        poverty_cause: '因病',
        year_identified: 2016,
        household_status: '未脱贫',
      },
    }));
    const actor = { id: null, username: 'setup' };
    const staged = await stage(t.database.db, TEST_KEYS, { scopeCode: '210727', actor, filename: 'yx.csv' }, rows);
    expect(staged.counts.rowsWithProblems).toBe(0);
    await commit(t.database.db, staged.batchId, actor);

    // The threshold for this township only: 25 conflicts a day.
    await sql`INSERT INTO setting (key, scope_code, value) VALUES ('security.scope_conflict_daily_alert', '211381109', '25')`.execute(
      t.database.db,
    );
    const dongguanying = await loggedIn(t.app, 'dongguanying');
    const bursts = () => num(sql`SELECT count(*) FROM security_event WHERE kind = 'scope_conflict_burst' AND actor_name = 'dongguanying'`);

    await preview(
      dongguanying,
      t,
      ids.slice(0, 3).map((id, i) => csvRow(HAIFENG, `DG${i}`, '王五', id)),
    );
    expect(await conflicts('dongguanying')).toBe(3);
    expect(await bursts()).toBe(0);

    const started = Date.now();
    const big = await preview(
      dongguanying,
      t,
      ids.map((id, i) => csvRow(HAIFENG, `DG${i}`, '王五', id)),
    );
    const ms = Date.now() - started;
    expect(big.batch.body.summary.rowsWithProblems).toBe(10_000);
    expect(await conflicts('dongguanying')).toBe(10_003);
    expect(await bursts()).toBe(1);
    console.log(`${engine}: preview of 10,000 foreign ID numbers ${ms} ms`);

    await preview(
      dongguanying,
      t,
      ids.slice(0, 30).map((id, i) => csvRow(HAIFENG, `DG${i}`, '王五', id)),
    );
    expect(await conflicts('dongguanying')).toBe(10_033);
    expect(await bursts()).toBe(1);
    const burst = await sql<{ scope_code: string; details: unknown }>`
      SELECT scope_code, details FROM security_event WHERE kind = 'scope_conflict_burst' AND actor_name = 'dongguanying'`.execute(
      t.database.db,
    );
    expect(burst.rows[0]?.scope_code).toBe('211381109');
  }, 240_000);
});
