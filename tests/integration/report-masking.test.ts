import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * The problem report is the uploaded file with a reason column. Its uploader gets it back as written; a user above
 * who may download it but may not unmask (a township operator over a village user's import) sees ID numbers and
 * phones masked.
 */
const ID = makeId('211381', '1971-05-04', 321, true);
const PHONE = '13912345678';
const CSV = [
  '市,县(市、区),乡(镇),行政村,村代码,户编号,姓名,证件号码,与户主关系,性别,贫困户属性,主要致贫原因,识别年度,计划脱贫年度,户状态,人均纯收入(元),联系电话',
  // 与户主关系 is not a known relation: the row has a problem, so the report lists it.
  `,,,,211381109201,MASKREP1,冯报告,${ID},邻居,男,一般贫困户,因病,2016,2020,未脱贫,2800,${PHONE}`,
].join('\n');

async function upload(c: Client, _t: TestApp) {
  const r = await c.upload(CSV, 'report.csv');
  expect(r.status, r.text).toBe(200);
  const id = (r.body as { id: number }).id;
  await c.waitPreview(id, 300);
  return id;
}

async function reportText(c: Client, t: TestApp, id: number): Promise<string> {
  const r = await t.app.inject({
    method: 'GET',
    url: `/api/registry/imports/${id}/report`,
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  expect(r.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  return cells.join('|');
}

describe.each(engines())('problem report masking on %s', (engine) => {
  let t: TestApp;
  let id: number;
  beforeAll(async () => {
    t = await openTestApp(engine);
    id = await upload(await loggedIn(t.app, 'haifeng'), t);
  });
  afterAll(() => t.close());

  it('gives the uploader the file as written', async () => {
    const text = await reportText(await loggedIn(t.app, 'haifeng'), t, id);
    expect(text).toContain('冯报告');
    expect(text).toContain(ID);
    expect(text).toContain(PHONE);
  });

  it('masks ID numbers and phones for a township operator who may not unmask', async () => {
    const text = await reportText(await loggedIn(t.app, 'dongguanying'), t, id);
    expect(text).toContain('冯报告');
    expect(text).not.toContain(ID);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(ID.slice(4));
    expect(text).toContain(`${ID.slice(0, 4)}${'*'.repeat(14)}`);
  });

  it('gives a county operator who may unmask the file as written', async () => {
    const text = await reportText(await loggedIn(t.app, 'beipiao'), t, id);
    expect(text).toContain(ID);
  });
});
