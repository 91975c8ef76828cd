import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';
import { cookieHeader, upload, waitPreview } from '../support/imports.ts';

const VILLAGE = '211381109201';
const household = (no: string, helper: string, members: { name: string; id: string; relation: string; gender: string }[]) => ({
  villageCode: VILLAGE,
  householdNo: no,
  category: 'ordinary',
  cause: 'illness',
  yearIdentified: 2016,
  plannedExitYear: 2019,
  status: 'poor',
  helper,
  members: members.map((m) => ({ name: m.name, idNumber: m.id, relation: m.relation, gender: m.gender })),
});

/**
 * A masked export (ID numbers 2113**************) edited in a spreadsheet and imported again: rows update the members
 * they name by household number, name and the visible characters; a new member with a masked number, and a masked row
 * that two members fit, are problems that say so. The workbook is the server's own export, edited here with ExcelJS.
 */
describe.each(engines())('re-importing a masked export on %s', (engine) => {
  let t: TestApp;
  let beipiao: Client;
  const n = async (q: ReturnType<typeof sql>) => Number(((await q.execute(t.database.db)).rows[0] as { n: number }).n);
  const download = (c: Client, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(c) } });

  beforeAll(async () => {
    t = await openTestApp(engine);
    beipiao = await loggedIn(t.app, 'beipiao');
    for (const body of [
      household('MSK001', '钱帮扶', [
        { name: '赵大山', id: makeId('211381', '1955-04-04', 11, true), relation: 'head', gender: 'M' },
        { name: '赵小山', id: makeId('211381', '1980-08-08', 13, true), relation: 'son', gender: 'M' },
      ]),
      household('MSK002', '钱帮扶', [
        { name: '李明', id: makeId('211381', '1950-01-01', 21, true), relation: 'head', gender: 'M' },
        { name: '李明', id: makeId('211381', '1975-02-02', 23, true), relation: 'son', gender: 'M' },
      ]),
    ]) {
      const r = await beipiao.post('/api/registry/households', body);
      expect(r.status, r.text).toBe(200);
    }
    // Without a helper: the export's name and title say the filter (无帮扶人).
    const lone = household('MSK003', '', [{ name: '王五', id: makeId('211381', '1948-03-03', 31, true), relation: 'head', gender: 'M' }]);
    const r = await beipiao.post('/api/registry/households', { ...lone, helper: null });
    expect(r.status, r.text).toBe(200);
  });
  afterAll(() => t.close());

  it('names the export and its title row after the scope, the filter and the date', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await download(beipiao, '/api/registry/households/export?gap=no_helper');
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`北票市-贫困户-无帮扶人-${today}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const title = String(wb.worksheets[0]?.getRow(1).getCell(1).value);
    expect(title).toContain('北票市');
    expect(title).toContain('无帮扶人');
    expect(title).toContain(today);
    const csv = await download(beipiao, `/api/registry/households/export?format=csv&status=poor,returned&q=${encodeURIComponent('赵')}`);
    expect(decodeURIComponent(String(csv.headers['content-disposition']))).toContain(`北票市-贫困户-未脱贫-搜索“赵”-${today}.csv`);
  });

  it('updates members matched by household number, name and visible digits; refuses a new or ambiguous masked row precisely', async () => {
    const persons = await n(sql`SELECT count(*) AS n FROM person`);
    const membersBefore = (
      await sql<{ person_id: number }>`
      SELECT m.person_id FROM household_member m JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id WHERE h.household_no = 'MSK001' ORDER BY 1`.execute(
        t.database.db,
      )
    ).rows.map((r) => Number(r.person_id));

    const res = await download(beipiao, `/api/registry/households/export?q=MSK00`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const header = ws.getRow(2).values as unknown[];
    const col = (label: string) => {
      const i = header.findIndex((v) => String(v ?? '').startsWith(label));
      expect(i, label).toBeGreaterThan(0);
      return i;
    };
    const [noCol, nameCol, idCol, helperCol, ethnicityCol, relationCol] = [
      '户编号',
      '姓名',
      '证件号码',
      '帮扶责任人',
      '民族',
      '与户主关系',
    ].map(col);
    const dataRows: ExcelJS.Row[] = [];
    ws.eachRow((r, i) => {
      if (i > 2) dataRows.push(r);
    });
    expect(dataRows).toHaveLength(5);
    for (const r of dataRows) expect(String(r.getCell(idCol as number).value)).toMatch(/^2113\*{14}$/);

    // The clerk's edits: a new helper for MSK001, 赵小山 is Manchu; 王六 added to MSK003 with only a masked number.
    for (const r of dataRows.filter((r) => r.getCell(noCol as number).value === 'MSK001')) r.getCell(helperCol as number).value = '孙新帮';
    const son = dataRows.find((r) => r.getCell(nameCol as number).value === '赵小山');
    if (son) son.getCell(ethnicityCol as number).value = '满族';
    const wang = dataRows.find((r) => r.getCell(nameCol as number).value === '王五') as ExcelJS.Row;
    const added = ws.addRow((wang.values as unknown[]).slice(1));
    added.getCell(nameCol as number).value = '王六';
    added.getCell(relationCol as number).value = '之子';
    const addedRow = added.number;
    const edited = Buffer.from(await wb.xlsx.writeBuffer());

    const up = await upload(beipiao, t, edited, 'masked-edited.xlsx');
    expect(up.status).toBe(200);
    const batch = await waitPreview(beipiao, up.body.id);
    expect(batch.status).toBe('previewed');
    const problems = (await beipiao.get(`/api/registry/imports/${up.body.id}/problems`)).body.items as {
      row: number;
      code: string;
      message: string;
    }[];
    const lis = dataRows.filter((r) => r.getCell(nameCol as number).value === '李明').map((r) => r.number);
    for (const row of lis) {
      const p = problems.find((x) => x.row === row && x.code === 'MASKED_ID_AMBIGUOUS');
      expect(p?.message).toContain('2 名成员都叫“李明”');
    }
    const newMember = problems.find((x) => x.row === addedRow);
    expect(newMember?.code).toBe('MASKED_ID_NO_MATCH');
    expect(newMember?.message).toContain('新增成员须填写完整的 18 位证件号码');
    expect(newMember?.message).toContain('MSK003');
    expect(batch.summary.households).toMatchObject({ updated: 1, rejected: 2 });
    beipiao.lang = 'en';
    const en = (await beipiao.get(`/api/registry/imports/${up.body.id}/problems`)).body.items as { row: number; message: string }[];
    beipiao.lang = 'zh-CN';
    expect(en.find((x) => x.row === addedRow)?.message).toContain('a new member needs the full 18-character ID number');

    const done = await beipiao.post(`/api/registry/imports/${up.body.id}/commit`);
    expect(done.status, done.text).toBe(200);
    expect(await n(sql`SELECT count(*) AS n FROM person`)).toBe(persons);
    const membersAfter = (
      await sql<{ person_id: number }>`
      SELECT m.person_id FROM household_member m JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id WHERE h.household_no = 'MSK001' ORDER BY 1`.execute(
        t.database.db,
      )
    ).rows.map((r) => Number(r.person_id));
    expect(membersAfter).toEqual(membersBefore);
    expect(
      await n(sql`SELECT count(*) AS n FROM help_pairing hp JOIN household h ON h.county_code = hp.county_code AND h.id = hp.household_id
                  WHERE h.household_no = 'MSK001' AND hp.end_date IS NULL AND hp.helper_name = '孙新帮'`),
    ).toBe(1);
    expect(await n(sql`SELECT count(*) AS n FROM person WHERE name = '赵小山' AND ethnicity = '11'`)).toBe(1);
    expect(await n(sql`SELECT member_count AS n FROM household WHERE household_no = 'MSK003'`)).toBe(1);
    expect(await n(sql`SELECT count(*) AS n FROM person WHERE name = '王六'`)).toBe(0);
  });
});
