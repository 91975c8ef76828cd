import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';
import { upload, waitPreview } from '../support/imports.ts';

const HEADERS = [
  '市',
  '县(市、区)',
  '乡(镇)',
  '行政村',
  '村代码',
  '户编号',
  '姓名',
  '证件号码',
  '与户主关系',
  '性别',
  '民族',
  '贫困户属性',
  '主要致贫原因',
  '识别年度',
  '计划脱贫年度',
  '户状态',
  '人均纯收入(元)',
  '帮扶责任人',
];

/** A hand-made workbook as a clerk sends it: a merged title row, then the header, then one row per person. */
async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['北票市建档立卡贫困人口花名册']);
  ws.mergeCells(1, 1, 1, HEADERS.length);
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const person = (
  no: string,
  name: string,
  id: string | number,
  relation: string,
  gender: string,
  extra: Partial<Record<number, unknown>> = {},
) => {
  const row: unknown[] = [
    '朝阳市',
    '北票市',
    '东官营镇',
    '海丰村',
    '',
    no,
    name,
    id,
    relation,
    gender,
    '汉族',
    '一般贫困户',
    '因病',
    2015,
    2018,
    '未脱贫',
    2900,
    '赵刚',
  ];
  for (const [k, v] of Object.entries(extra)) row[Number(k)] = v;
  return row;
};

/** The single value of a one-row, one-column query, as a number. */
const n = async (t: TestApp, q: ReturnType<typeof sql>) => {
  const row = (await q.execute(t.database.db)).rows[0] as Record<string, unknown> | undefined;
  return Number(row ? Object.values(row)[0] : Number.NaN);
};

describe.each(engines())('registry API on %s', (engine) => {
  let t: TestApp;
  let beipiao: Client;
  beforeAll(async () => {
    t = await openTestApp(engine);
    beipiao = await loggedIn(t.app, 'beipiao');
  });
  afterAll(() => t.close());

  it('uploads a file with errors, lists them by row, writes the error report, then commits the valid households', async () => {
    const file = await workbook([
      person('BP001', '孙立军', makeId('211381', '1958-05-01', 101, true), '户主', '男'),
      person('BP001', '马秀英', makeId('211381', '1960-09-09', 102, false), '配偶', '女'),
      person('BP002', '周建国', makeId('211381', '1949-12-12', 201, true), '户主', '男'),
      person('BP002', '周小红', 2.11381200501011e17, '之女', '女'),
      person('BP003', '吴桂芝', makeId('211381', '1944-02-02', 301, false), '户主', '女', { 2: '', 15: '已脱贫' }),
    ]);
    const up = await upload(beipiao, t, file, '花名册.xlsx');
    expect(up.status).toBe(200);
    const batch = await waitPreview(beipiao, up.body.id);
    expect(batch.status).toBe('previewed');
    // BP003's village cannot be placed (ambiguous): its household is rejected and counted as such, with BP002.
    expect(batch.summary.households).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 2 });
    expect(batch.summary.rowsWithProblems).toBe(3);
    const problems = (await beipiao.get(`/api/registry/imports/${up.body.id}/problems`)).body.items;
    const byRow = (row: number) => problems.filter((p: { row: number }) => p.row === row).map((p: { code: string }) => p.code);
    // Row numbers are the file's: title row 1, header row 2, data from row 3.
    expect(byRow(6)).toContain('ID_EXCEL_NUMBER');
    expect(byRow(5)).toContain('HOUSEHOLD_REJECTED');
    expect(byRow(7)).toEqual(expect.arrayContaining(['VILLAGE_AMBIGUOUS', 'EXIT_YEAR_REQUIRED']));
    expect(problems.find((p: { row: number }) => p.row === 6).message).toMatch(/Excel/);

    const report = await t.app.inject({
      method: 'GET',
      url: `/api/registry/imports/${up.body.id}/report`,
      headers: { cookie: [...beipiao.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as never);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const reasonCol = ws.getRow(1).cellCount;
    expect(String(ws.getRow(1).getCell(reasonCol).value)).toBe('错误原因');
    // The file's own row numbers (title row 1, header row 2) in a column of their own, before the file's columns.
    expect(String(ws.getRow(1).getCell(1).value)).toBe('原文件行号');
    expect([2, 3, 4, 5, 6].map((i) => ws.getRow(i).getCell(1).value)).toEqual([3, 4, 5, 6, 7]);
    const found = [2, 3, 4, 5, 6, 7].map((i) => ws.getRow(i)).find((r) => r.getCell(8).value === '周小红');
    expect(found?.getCell(1).value).toBe(6);
    expect(String(found?.getCell(reasonCol).value ?? '')).toMatch(/Excel/);

    const onlyProblems = await t.app.inject({
      method: 'GET',
      url: `/api/registry/imports/${up.body.id}/report?rows=problems`,
      headers: { cookie: [...beipiao.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(decodeURIComponent(String(onlyProblems.headers['content-disposition']))).toContain('仅问题行');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(onlyProblems.rawPayload as never);
    const ws2 = wb2.worksheets[0];
    const listed: unknown[] = [];
    ws2?.eachRow((r, i) => {
      if (i > 1) listed.push(r.getCell(1).value);
    });
    // Rows 5, 6 (BP002) and 7 have problems; rows 3 and 4 (BP001) have none.
    expect(listed).toEqual([5, 6, 7]);

    const before = await n(t, sql`SELECT count(*) FROM household`);
    const done = await beipiao.post(`/api/registry/imports/${up.body.id}/commit`);
    expect(done.status).toBe(200);
    expect(await n(t, sql`SELECT count(*) FROM household`)).toBe(before + 1);
    expect(await n(t, sql`SELECT count(*) FROM household WHERE household_no = 'BP001' AND member_count = 2`)).toBe(1);
    expect((await beipiao.post(`/api/registry/imports/${up.body.id}/commit`)).status).toBe(409);
  });

  it('refuses a file that is no spreadsheet, and one without a header row, with a clear message', async () => {
    const junk = await upload(beipiao, t, Buffer.from('PK\u0003\u0004 not really a zip'), 'x.xlsx');
    const failed = await waitPreview(beipiao, junk.body.id);
    expect(failed.status).toBe('failed');
    expect(String(failed.summary.error)).toMatch(/.{6,}/);
    const wrongType = await upload(beipiao, t, Buffer.from('x'), 'register.xls');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.code).toBe('IMPORT_BAD_TYPE');
  });

  it('keeps a county operator out of other counties: rows there are rejected, nothing is written', async () => {
    const file = await workbook([
      person('CY001', '郑强', makeId('211321', '1970-01-01', 11, true), '户主', '男', { 1: '朝阳县', 2: '', 3: '', 4: '211321100201' }),
    ]);
    const before = await n(t, sql`SELECT count(*) FROM household`);
    const up = await upload(beipiao, t, file, 'other.xlsx');
    const b = await waitPreview(beipiao, up.body.id);
    expect(b.summary.rowsWithProblems).toBe(1);
    expect(b.summary.households.new).toBe(0);
    const codes = (await beipiao.get(`/api/registry/imports/${up.body.id}/problems`)).body.items.map((p: { code: string }) => p.code);
    expect(codes).toContain('VILLAGE_OUT_OF_SCOPE');
    await beipiao.post(`/api/registry/imports/${up.body.id}/commit`);
    expect(await n(t, sql`SELECT count(*) FROM household`)).toBe(before);
  });

  it('creates and edits a household through the form with the import rules, field errors named', async () => {
    const body = {
      villageCode: '211381109201',
      householdNo: 'FORM01',
      category: 'ordinary',
      cause: 'illness',
      yearIdentified: 2016,
      plannedExitYear: 2019,
      status: 'poor',
      income: 2500,
      helper: '钱进',
      members: [
        { name: '冯大海', idNumber: makeId('211381', '1965-06-06', 501, true), relation: 'head', gender: 'M' },
        { name: '冯小海', idNumber: '211381200001011230', relation: 'son', gender: 'M' },
      ],
    };
    const bad = await beipiao.post('/api/registry/households', body);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('members.1.idNumber');
    expect(await n(t, sql`SELECT count(*) FROM household WHERE household_no = 'FORM01'`)).toBe(0);

    body.members[1] = { name: '冯小海', idNumber: makeId('211381', '2000-01-01', 503, true), relation: 'son', gender: 'M' };
    const ok = await beipiao.post('/api/registry/households', body);
    expect(ok.status).toBe(200);
    const detail = (await beipiao.get(`/api/registry/households/${ok.body.id}`)).body;
    expect(detail.members.map((m: { name: string }) => m.name)).toEqual(['冯大海', '冯小海']);
    expect(detail.members[0].idMasked).toMatch(/^2113\*{10}/);
    expect(JSON.stringify(detail)).not.toContain(body.members[0]?.idNumber);

    const edited = await beipiao.put(`/api/registry/households/${ok.body.id}`, {
      ...body,
      status: 'exited',
      exitYear: 2018,
      members: detail.members.map((m: { personId: number; name: string; relation: string }) => ({
        personId: m.personId,
        name: m.name,
        relation: m.relation,
        idNumber: '',
      })),
    });
    expect(edited.status).toBe(200);
    const after = (await beipiao.get(`/api/registry/households/${ok.body.id}`)).body;
    expect(after.status).toBe('exited');
    expect(after.statusHistory.map((s: { status: string }) => s.status)).toEqual(['poor', 'exited']);
    expect(after.members.map((m: { personId: number }) => m.personId)).toEqual(detail.members.map((m: { personId: number }) => m.personId));

    const dup = await beipiao.post('/api/registry/households', body);
    expect(dup.body.error.code).toBe('HOUSEHOLD_EXISTS');
  });

  it('unmasks an ID number only with the permission, and audits every unmasking', async () => {
    const h = await sql<{ head_person_id: number }>`SELECT head_person_id FROM household WHERE household_no = 'FORM01'`.execute(
      t.database.db,
    );
    const pid = h.rows[0]?.head_person_id;
    const r = await beipiao.post(`/api/registry/persons/${pid}/unmask`);
    expect(r.body.idNumber).toBe(makeId('211381', '1965-06-06', 501, true));
    expect(
      await n(t, sql`SELECT count(*) FROM audit_log WHERE entity = 'person' AND action = 'unmask_id' AND entity_id = ${String(pid)}`),
    ).toBe(1);
    const township = await loggedIn(t.app, 'dongguanying');
    expect((await township.post(`/api/registry/persons/${pid}/unmask`)).status).toBe(403);
  });

  it('lists with filters that agree with direct counts, searches by name, initials and ID, and pages by keyset', async () => {
    const all = await beipiao.get('/api/registry/households?limit=200');
    expect(all.body.items).toHaveLength(await n(t, sql`SELECT count(*) FROM household WHERE village_code LIKE '211381%'`));
    const noHelper = await beipiao.get('/api/registry/households?gap=no_helper&limit=200');
    expect(noHelper.body.items).toHaveLength(
      await n(
        t,
        sql`SELECT count(*) FROM household h WHERE h.village_code LIKE '211381%' AND h.status IN ('poor','returned')
            AND NOT EXISTS (SELECT 1 FROM help_pairing p WHERE p.county_code = h.county_code AND p.household_id = h.id AND p.end_date IS NULL)`,
      ),
    );
    expect(
      (await beipiao.get(`/api/registry/households?q=${encodeURIComponent('孙立')}`)).body.items.map(
        (i: { householdNo: string }) => i.householdNo,
      ),
    ).toEqual(['BP001']);
    expect((await beipiao.get('/api/registry/households?q=MXY')).body.items.map((i: { householdNo: string }) => i.householdNo)).toEqual([
      'BP001',
    ]);
    const id = makeId('211381', '1960-09-09', 102, false);
    expect((await beipiao.get(`/api/registry/households?q=${id}`)).body.items.map((i: { householdNo: string }) => i.householdNo)).toEqual([
      'BP001',
    ]);
    const p1 = await beipiao.get('/api/registry/households?limit=1');
    const p2 = await beipiao.get(`/api/registry/households?limit=1&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items[0].id).not.toBe(p1.body.items[0].id);
    const both = (await beipiao.get('/api/registry/households?limit=2')).body.items.map((i: { id: number }) => i.id);
    expect([p1.body.items[0].id, p2.body.items[0].id]).toEqual(both);
    const cov = (await beipiao.get('/api/registry/coverage')).body;
    expect(cov.stillPoor).toBe(
      await n(t, sql`SELECT count(*) FROM household WHERE village_code LIKE '211381%' AND status IN ('poor','returned')`),
    );
  });

  it('a search is a prefix of a member name, its pinyin or initials, or a village name, exactly, whatever characters the prefix ends with', async () => {
    for (const q of ['孙', '孙立', '王', '海丰', 'm', 'mx', 'ma', 'z', '%', '_', '孙%']) {
      const latin = /^[a-z]+$/.test(q);
      const k = [...q].length;
      const got = (await beipiao.get(`/api/registry/households?limit=200&q=${encodeURIComponent(q)}`)).body.items.map((i: { id: number }) =>
        Number(i.id),
      );
      const want = (
        await sql<{ id: number }>`
          SELECT h.id FROM household h
          WHERE h.village_code LIKE '211381%' AND (EXISTS (
            SELECT 1 FROM household_member m JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
            WHERE m.county_code = h.county_code AND m.household_id = h.id AND ${latin ? sql`(left(p.name_pinyin, ${k}) = ${q} OR left(p.name_initials, ${k}) = ${q})` : sql`left(p.name, ${k}) = ${q}`})
            OR ${latin ? sql`FALSE` : sql`EXISTS (SELECT 1 FROM region v WHERE v.code = h.village_code AND left(v.name, ${k}) = ${q})`})
          ORDER BY h.county_code, h.id`.execute(t.database.db)
      ).rows.map((r) => Number(r.id));
      expect(got, q).toEqual(want);
    }
  });

  it('exports (unmasked, audited) in the import format, and the export imports back as unchanged', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/registry/households/export?unmask=1',
      headers: { cookie: [...beipiao.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.statusCode).toBe(200);
    expect(await n(t, sql`SELECT count(*) FROM audit_log WHERE action = 'export_unmasked'`)).toBe(1);
    const up = await upload(beipiao, t, res.rawPayload, 'export.xlsx');
    const b = await waitPreview(beipiao, up.body.id);
    const households = await n(t, sql`SELECT count(*) FROM household WHERE village_code LIKE '211381%'`);
    expect(b.summary.households).toEqual({ new: 0, updated: 0, unchanged: households, rejected: 0 });
    expect(b.summary.rowsWithProblems).toBe(0);
    const masked = await t.app.inject({
      method: 'GET',
      url: '/api/registry/households/export',
      headers: { cookie: [...beipiao.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(masked.rawPayload as never);
    const text = JSON.stringify(wb.worksheets[0]?.getSheetValues());
    expect(text).not.toContain(makeId('211381', '1958-05-01', 101, true));
    expect(text).toMatch(/2113\*{10}/);
  });
});
