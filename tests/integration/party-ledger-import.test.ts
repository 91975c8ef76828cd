import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { partyVillage } from '../../src/modules/party/ledger/fixtures.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { type HandCell, writeHandXlsx } from '../support/hand-xlsx.ts';

/**
 * The rectification ledger's spreadsheet (软弱涣散村党组织整顿台账) on both engines: a hand-made xlsx in the counties'
 * headers with good rows in every state and one row for each kind of problem; the committed cases, their procedure
 * steps (dated by the file, noted as imported), progress and audit read back by direct SQL; the same file again changes
 * nothing; a case on file that the file contradicts is a problem naming the value on file; scope (a village outside the
 * uploader's region is a problem that does not tell whether it exists; a township cannot import a county's step; a
 * read-only leader cannot upload; another county's batch is 404); and the export (csv and xlsx) imports back unchanged.
 */
const BASE = '/api/party/imports/ledger';
const V1 = '211381109201'; // 海丰村, 东官营镇, 北票市
const TODAY = new Date().toISOString().slice(0, 10);
const YEAR = Number(TODAY.slice(0, 4));
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const HEADER = [
  '序号',
  '市',
  '县(市、区)',
  '乡(镇)',
  '行政村',
  '村代码',
  '党组织名称',
  '整顿年度',
  '认定日期',
  '软弱涣散类型',
  '主要问题',
  '整顿措施(一村一策)',
  '县级联系领导',
  '乡镇包村干部',
  '第一书记',
  '整顿时限',
  '整顿进展',
  '状态',
  '销号日期',
  '巩固日期',
  '备注',
];
type Row = Partial<Record<(typeof HEADER)[number], string | number>>;
const line = (r: Row): HandCell[] => HEADER.map((h) => r[h] ?? null);

describe.each(engines())('party ledger import on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let other: Client;
  let leader: Client;
  let v2 = ''; // a second village of 东官营镇
  let v3 = ''; // a village of another township of 北票市
  let otherVillage = ''; // a village of 义县
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-ledger-'));

  const q = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const plan = { '整顿措施(一村一策)': '调整班子，建强支部，每月开展主题党日', 县级联系领导: '王县长', 乡镇包村干部: '李委员' };
  const good = (): Row[] => [
    // 3: rectifying, identified on a day, two dated progress entries
    {
      序号: 1,
      '乡(镇)': '东官营镇',
      行政村: '海丰村',
      村代码: V1,
      整顿年度: YEAR - 1,
      认定日期: day(-200),
      软弱涣散类型: '组织生活流于形式；无活动场所',
      主要问题: '三会一课不正常',
      ...plan,
      整顿时限: `${YEAR}-12-31`,
      整顿进展: `${day(-150)} 召开党员大会\n${day(-100)} 新建村级活动场所`,
      状态: '整顿中',
    },
    // 4: identified only; causes separated by 、 though one cause contains 、
    { 序号: 2, 村代码: '', 整顿年度: YEAR, 软弱涣散类型: '宗族、宗教、黑恶势力干扰渗透、班子不团结、内耗严重', 状态: '已认定' },
    // 5: consolidated, 巩固 more than the follow-up wait after 销号
    {
      序号: 3,
      整顿年度: YEAR - 2,
      软弱涣散类型: '书记不胜任现职',
      ...plan,
      整顿时限: `${YEAR - 2}-12-31`,
      整顿进展: `${day(-400)}：选派新书记`,
      状态: '已巩固',
      销号日期: day(-300),
      巩固日期: day(-100),
      备注: '回访群众满意',
    },
    // 6: closed (已销号)
    {
      序号: 4,
      村代码: V1,
      整顿年度: YEAR - 2,
      软弱涣散类型: '群众满意度低于60%',
      ...plan,
      整顿时限: `${YEAR - 2}-12-31`,
      状态: '已销号',
      销号日期: day(-30),
    },
  ];
  const bad = (): Row[] => [
    { 村代码: '', 整顿年度: YEAR - 3, 软弱涣散类型: '村干部年龄偏大' }, // 7: a cause off the list
    { 村代码: '', 整顿年度: YEAR - 4, 软弱涣散类型: '无活动场所', 状态: '基本完成' }, // 8: an unknown state
    { 村代码: '', 整顿年度: YEAR, 软弱涣散类型: '无活动场所' }, // 9: a village of another county
    { 村代码: '210727999999', 整顿年度: YEAR, 软弱涣散类型: '无活动场所' }, // 10: a code that exists nowhere, outside the scope
    { 村代码: '', 整顿年度: YEAR - 5, 软弱涣散类型: '无活动场所', ...plan, 县级联系领导: '', 整顿时限: `${YEAR}-12-31`, 状态: '整顿中' }, // 11
    {
      村代码: '',
      整顿年度: YEAR - 6,
      软弱涣散类型: '无活动场所',
      ...plan,
      整顿时限: `${YEAR}-12-31`,
      状态: '已巩固',
      销号日期: day(-60),
      巩固日期: day(-10),
    }, // 12: 巩固 before the follow-up wait is over
    { 村代码: V1, 整顿年度: YEAR - 1, 软弱涣散类型: '无活动场所' }, // 13: the same village and year as row 3
    {
      村代码: '',
      整顿年度: YEAR - 7,
      软弱涣散类型: '无活动场所',
      ...plan,
      整顿时限: `${YEAR}-12-31`,
      整顿进展: '已召开会议',
      状态: '整顿中',
    }, // 14
    { 村代码: '', 软弱涣散类型: '无活动场所' }, // 15: no year
  ];
  const rowsOf = () => {
    const g = good();
    (g[1] as Row).村代码 = v2;
    (g[2] as Row).村代码 = v3;
    const b = bad();
    for (const r of b) if (r.村代码 === '') r.村代码 = v2;
    (b[2] as Row).村代码 = otherVillage;
    return [...g, ...b];
  };
  const xlsx = async (name: string, rows: Row[]) => {
    const file = path.join(dir, name);
    await writeHandXlsx(file, { rows: [['北票市软弱涣散村党组织整顿台账'], HEADER, ...rows.map(line)] });
    return readFileSync(file);
  };
  const importFile = async (c: Client, file: Buffer, name: string) => {
    const up = await c.upload(file, name, BASE);
    expect(up.status, up.text).toBe(200);
    const id = (up.body as { id: number }).id;
    const batch = (await c.waitPreview(id, 600, BASE)) as unknown as { status: string; summary: Record<string, unknown> };
    return { id, batch };
  };
  const count = async (table: 'party_rectification' | 'procedure_step' | 'party_rectification_progress') =>
    (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.table(table)}`))[0]?.n ?? 0;

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    other = await loggedIn(t.app, 'yixian');
    leader = await loggedIn(t.app, 'leader');
    const first = async (like: string, not: string) =>
      (
        await q<{ code: string }>(
          sql`SELECT code FROM region WHERE level = 5 AND code LIKE ${like} AND code NOT LIKE ${not} ORDER BY code LIMIT 1`,
        )
      )[0]?.code ?? '';
    v2 = await first('211381109%', V1);
    v3 = await first('211381%', '211381109%');
    otherVillage = await first('210727%', 'x');
    await partyVillage(db, V1);
  });
  afterAll(() => t.close());

  it('previews per-row problems in both languages, commits the good rows into the procedure, and the same file again adds nothing', async () => {
    const file = await xlsx('ledger.xlsx', rowsOf());
    const { id, batch } = await importFile(county, file, 'ledger.xlsx');
    expect(batch.status).toBe('previewed');
    expect(batch.summary).toMatchObject({
      rows: 13,
      rowsWithProblems: 9,
      records: { new: 4, updated: 0, unchanged: 0, rejected: 9 },
      progressEntries: 3,
    });
    const problems = (await county.get(`${BASE}/${id}/problems`)).body as {
      items: { row: number; column: string; code: string; message: string }[];
    };
    expect(problems.items.map((p) => [p.row, p.code])).toEqual([
      [7, 'PARTY_LEDGER_CAUSE_UNKNOWN'],
      [8, 'PARTY_LEDGER_STATE_UNKNOWN'],
      [9, 'VILLAGE_OUT_OF_SCOPE'],
      [10, 'VILLAGE_OUT_OF_SCOPE'],
      [11, 'PARTY_LEDGER_NEEDS'],
      [12, 'PARTY_LEDGER_FOLLOW_UP'],
      [13, 'DUPLICATE_ROW'],
      [14, 'PARTY_LEDGER_PROGRESS_UNDATED'],
      [15, 'REQUIRED'],
    ]);
    const msg = (row: number) => problems.items.find((p) => p.row === row)?.message ?? '';
    expect(msg(7)).toContain('村干部年龄偏大');
    expect(msg(11)).toContain('县级联系领导');
    expect(msg(13)).toContain('第 3 行');
    // A village of another county and a code that exists nowhere read the same: nothing says which one exists.
    expect(msg(9).replace(otherVillage, 'X')).toBe(msg(10).replace('210727999999', 'X'));
    county.lang = 'en';
    const en = (await county.get(`${BASE}/${id}/problems`)).body as { items: { message: string }[] };
    county.lang = 'zh-CN';
    expect(en.items[4]?.message).toContain('"County leader" is required when the state is "Rectifying"');
    expect((await other.get(`${BASE}/${id}`)).status).toBe(404);

    const before = { cases: await count('party_rectification'), steps: await count('procedure_step') };
    const done = await county.post(`${BASE}/${id}/commit`);
    expect(done.status, done.text).toBe(200);
    expect(await count('party_rectification')).toBe(before.cases + 4);

    const caseOf = async (village: string, year: number) =>
      (
        await q<{
          id: number;
          state: string;
          causes: string[];
          closed_on: string | null;
          consolidated_on: string | null;
          note: string | null;
          case_id: number;
        }>(
          sql`SELECT r.id, c.state, r.causes, to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on,
                     to_char(r.consolidated_on, 'YYYY-MM-DD') AS consolidated_on, r.note, c.id AS case_id
              FROM party_rectification r JOIN procedure_case c ON c.county_code = r.county_code AND c.procedure = 'party_rectification'
                AND c.subject_id = r.id
              WHERE r.village_code = ${village} AND r.year = ${year}`,
        )
      )[0];
    const stepsOf = async (caseId: number) =>
      q<{ action: string; to_state: string; effective: string; note: string | null }>(
        sql`SELECT action, to_state, to_char(effective_date, 'YYYY-MM-DD') AS effective, note FROM procedure_step
            WHERE county_code = '211381' AND case_id = ${caseId} ORDER BY seq`,
      );

    const rect = await caseOf(V1, YEAR - 1);
    expect(rect?.state).toBe('rectifying');
    expect(rect?.causes.sort()).toEqual(['formality', 'no_venue']);
    const rs = await stepsOf(Number(rect?.case_id));
    expect(rs.map((s) => [s.action, s.to_state, s.effective])).toEqual([
      ['open', 'identified', day(-200)],
      ['plan', 'planned', day(-150)],
      ['start', 'rectifying', day(-150)],
    ]);
    expect(rs.every((s) => s.note?.includes('台账导入') && s.note.includes('ledger.xlsx'))).toBe(true);
    const progress = await q<{ d: string; content: string }>(
      sql`SELECT to_char(entry_date, 'YYYY-MM-DD') AS d, content FROM party_rectification_progress WHERE case_id = ${Number(rect?.id)} ORDER BY entry_date`,
    );
    expect(progress).toEqual([
      { d: day(-150), content: '召开党员大会' },
      { d: day(-100), content: '新建村级活动场所' },
    ]);

    const ident = await caseOf(v2, YEAR);
    expect(ident?.state).toBe('identified');
    expect(ident?.causes.sort()).toEqual(['divided', 'interference']);
    expect((await stepsOf(Number(ident?.case_id))).map((s) => [s.action, s.effective])).toEqual([['open', TODAY]]);

    const cons = await caseOf(v3, YEAR - 2);
    expect(cons).toMatchObject({ state: 'consolidated', closed_on: day(-300), consolidated_on: day(-100), note: '回访群众满意' });
    expect((await stepsOf(Number(cons?.case_id))).map((s) => [s.action, s.effective])).toEqual([
      ['open', day(-400)],
      ['plan', day(-400)],
      ['start', day(-400)],
      ['close', day(-300)],
      ['consolidate', day(-100)],
    ]);
    const closed = await caseOf(V1, YEAR - 2);
    expect(closed).toMatchObject({ state: 'closed', closed_on: day(-30) });
    expect(await count('procedure_step')).toBe(before.steps + 3 + 1 + 5 + 4);
    const audit = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'party_rectification' AND action = 'import_create'`,
    );
    expect(audit[0]?.n).toBe(4);
    // The list shows them (the township's part of them to the township).
    const list = await township.get('/api/party/rectifications?limit=200');
    const years = (list.body.items as { village: { code: string }; year: number }[]).map((i) => `${i.village.code}/${i.year}`);
    expect(years).toEqual(expect.arrayContaining([`${V1}/${YEAR - 1}`, `${v2}/${YEAR}`, `${V1}/${YEAR - 2}`]));
    expect(years).not.toContain(`${v3}/${YEAR - 2}`);

    const again = await importFile(county, file, 'ledger.xlsx');
    expect(again.batch.summary).toMatchObject({ records: { new: 0, unchanged: 4, rejected: 9 } });
    const commit2 = await county.post(`${BASE}/${again.id}/commit`);
    expect(commit2.status).toBe(200);
    expect(await count('party_rectification')).toBe(before.cases + 4);
    expect(await count('procedure_step')).toBe(before.steps + 13);
  });

  it('a row contradicting the case on file is refused naming the value on file (a state forward alone is an update)', async () => {
    const rows = good().slice(0, 1);
    (rows[0] as Row).县级联系领导 = '赵县长';
    (rows[0] as Row).状态 = '已销号';
    (rows[0] as Row).销号日期 = day(-1);
    const { id, batch } = await importFile(county, await xlsx('changed.xlsx', rows), 'changed.xlsx');
    expect(batch.summary).toMatchObject({ records: { new: 0, updated: 0, unchanged: 0, rejected: 1 } });
    const p = (await county.get(`${BASE}/${id}/problems`)).body.items as { column: string; code: string; message: string }[];
    expect(p.map((x) => [x.column, x.code])).toEqual([['county_leader', 'PARTY_LEDGER_DIFFERS']]);
    expect(p[0]?.message).toContain('王县长');
    const back = good().slice(0, 1);
    (back[0] as Row).状态 = '已定措施';
    (back[0] as Row).整顿进展 = '';
    const b = await importFile(county, await xlsx('back.xlsx', back), 'back.xlsx');
    const pb = (await county.get(`${BASE}/${b.id}/problems`)).body.items as { column: string; code: string; message: string }[];
    expect(pb.map((x) => [x.column, x.code])).toEqual([['state', 'PARTY_LEDGER_STATE_BACKWARD']]);
    expect(pb[0]?.message).toContain('当前为“整顿中”');
  });

  it('scope: a township imports its villages only and not the county steps; a leader cannot upload', async () => {
    const rows = [
      { 村代码: v2, 整顿年度: YEAR - 8, 软弱涣散类型: '无活动场所', ...plan, 整顿时限: `${YEAR}-12-31`, 状态: '已定措施' },
      { 村代码: v3, 整顿年度: YEAR - 8, 软弱涣散类型: '无活动场所' },
      { 村代码: v2, 整顿年度: YEAR - 9, 软弱涣散类型: '无活动场所', ...plan, 整顿时限: `${YEAR}-12-31`, 状态: '已销号', 销号日期: day(-5) },
    ];
    const { id, batch } = await importFile(township, await xlsx('township.xlsx', rows), 'township.xlsx');
    expect(batch.summary).toMatchObject({ records: { new: 1, rejected: 2 } });
    const p = (await township.get(`${BASE}/${id}/problems`)).body.items as { row: number; code: string; message: string }[];
    expect(p.map((x) => [x.row, x.code])).toEqual([
      [4, 'VILLAGE_OUT_OF_SCOPE'],
      [5, 'PARTY_LEDGER_LEVEL'],
    ]);
    expect(p[1]?.message).toContain('县级');
    expect((await township.post(`${BASE}/${id}/commit`)).status).toBe(200);
    const planned = await q<{ state: string }>(
      sql`SELECT c.state FROM party_rectification r JOIN procedure_case c ON c.county_code = r.county_code
            AND c.procedure = 'party_rectification' AND c.subject_id = r.id WHERE r.village_code = ${v2} AND r.year = ${YEAR - 8}`,
    );
    expect(planned).toEqual([{ state: 'planned' }]);
    const up = await leader.upload(Buffer.from(`${HEADER.join(',')}\n`), 'l.csv', BASE);
    expect(up.status).toBe(403);
  });

  it('the export (csv and xlsx, the same headers) imports back unchanged', async () => {
    const n =
      (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_rectification WHERE village_code LIKE '211381%'`))[0]?.n ?? 0;
    expect(n).toBeGreaterThanOrEqual(5);
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/party/rectifications/export?format=${format}`,
        headers: { cookie: [...county.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      expect(res.statusCode).toBe(200);
      const body = res.rawPayload;
      if (format === 'csv') expect(res.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(HEADER.join(','));
      const { batch } = await importFile(county, body, `export.${format}`);
      expect(batch.summary).toMatchObject({ rowsWithProblems: 0, records: { new: 0, unchanged: n, rejected: 0 } });
    }
  });
});
