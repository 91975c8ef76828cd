import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * The party spreadsheets on both engines, through the register's batch routes: organisations and members uploaded as
 * .xlsx with Chinese headers, previewed with per-row problems (each row says which it must get), committed, imported
 * again unchanged (idempotent), exported unmasked and imported back unchanged, and scoped (another county's villages are
 * problems, the read-only leader cannot upload). Expected counts come from the files and from direct SQL.
 */
const V1 = '211381109201'; // 海丰村
const V2 = '211381109202';
const ORG_HEADER = ['村代码', '行政村', '组织名称', '组织类型', '成立日期', '书记姓名', '书记证件号码', '是否一肩挑', '书记任职日期'];
const MEMBER_HEADER = [
  '姓名',
  '证件号码',
  '性别',
  '村代码',
  '行政村',
  '入党日期',
  '党员类别',
  '岗位',
  '职责',
  '是否致富带头人',
  '致富产业',
  '联系电话',
];

async function xlsx(header: string[], rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.addRow(['党建表格（测试）']);
  ws.addRow(header);
  for (const r of rows) {
    const row = ws.addRow(r);
    row.eachCell((c) => {
      c.numFmt = '@';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(engines())('party spreadsheets on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let other: Client;
  let leader: Client;
  let yixianVillage: string;

  const one = async <T>(q: ReturnType<typeof sql>) => ((await q.execute(db)).rows as T[])[0] as T;
  const upload = async (c: Client, kind: 'orgs' | 'members', buf: Buffer, name = 'f.xlsx') => {
    const base = `/api/party/imports/${kind}`;
    const r = await c.upload(buf, name, base);
    expect(r.status, r.text).toBe(200);
    const b = await c.waitPreview(r.body.id, 600, base);
    expect(b.status, JSON.stringify(b.summary)).toBe('previewed');
    return b;
  };
  const problemCodes = async (c: Client, kind: string, id: number) => {
    const r = await c.get(`/api/party/imports/${kind}/${id}/problems`);
    expect(r.status, r.text).toBe(200);
    return (r.body.items as { row: number; code: string }[]).map((p) => `${p.row}:${p.code}`).sort();
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    other = await loggedIn(t.app, 'yixian');
    leader = await loggedIn(t.app, 'leader');
    yixianVillage = (
      await one<{ code: string }>(sql`SELECT code FROM region WHERE code LIKE '210727%' AND level = 5 ORDER BY code LIMIT 1`)
    ).code;
  });
  afterAll(() => t.close());

  it('imports organisations with their secretaries; row problems; again unchanged', async () => {
    const sec = makeId('211381', '1968-02-02', 301, true);
    const rows = [
      [V1, '海丰村', '中共海丰村支部委员会', '党支部', '1998-07-01', '赵书记', sec, '是', '2021-01-05'], // row 3: new
      [V1, '海丰村', '中共海丰村总支', '党总支', null, null, null, null, null], // row 4: village twice
      [yixianVillage, null, '中共外县支部委员会', '党支部', null, null, null, null, null], // row 5: outside the scope
      [V2, null, '中共二村支部委员会', '大队', null, null, null, null, null], // row 6: unknown kind
      [V2, null, '中共二村支部委员会', '党总支', '2030-01-01', null, null, null, null], // row 7: future date
    ];
    const b = await upload(county, 'orgs', await xlsx(ORG_HEADER, rows));
    expect(b.summary).toMatchObject({ rows: 5, rowsWithProblems: 4, records: { new: 1, unchanged: 0, rejected: 4 }, persons: { new: 1 } });
    const codes = await problemCodes(county, 'orgs', b.id);
    expect(codes).toContain('4:PARTY_VILLAGE_TWICE');
    expect(codes).toContain('6:PARTY_VALUE_UNKNOWN');
    expect(codes).toContain('7:BAD_DATE');
    expect(codes.some((c) => c.startsWith('5:'))).toBe(true);
    const c = await county.post(`/api/party/imports/orgs/${b.id}/commit`);
    expect(c.status, c.text).toBe(200);
    const org = await one<{ n: number; secretary: string; one_shoulder: boolean; since: string }>(sql`
      SELECT count(*) OVER ()::int AS n, p.name AS secretary, t.one_shoulder, t.start_date::text AS since
      FROM party_org o JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id
      JOIN person p ON p.county_code = t.county_code AND p.id = t.person_id WHERE o.region_code = ${V1}`);
    expect(org).toEqual({ n: 1, secretary: '赵书记', one_shoulder: true, since: '2021-01-05' });
    const again = await upload(county, 'orgs', await xlsx(ORG_HEADER, rows.slice(0, 1)), 'again.xlsx');
    expect(again.summary).toMatchObject({ rows: 1, rowsWithProblems: 0, records: { new: 0, unchanged: 1, rejected: 0 } });
    await county.post(`/api/party/imports/orgs/${again.id}/commit`);
    expect(Number((await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_org`)).n)).toBe(1);
  });

  it('imports members to the village organisation; problems per row; idempotent', async () => {
    const id = (n: number, male = true) => makeId('211381', '1980-06-06', 400 + 2 * n, male);
    const rows = [
      ['钱党员', id(1), '男', V1, null, '2001-07-01', '正式党员', '产业发展岗', '带动5户', '是', '肉牛养殖', '13900001111'], // 3 new
      ['孙党员', id(2, false), '女', V1, null, '2010-07-01', '预备党员', null, null, '否', null, null], // 4 new
      ['李党员', id(3), null, V1, null, '2012-07-01', null, null, null, null, null, null], // 5 new
      ['钱党员', id(1), '男', V1, null, '2001-07-01', null, null, null, null, null, null], // 6 duplicate person
      ['周党员', '21138119800606123', null, V1, null, '2001-07-01', null, null, null, null, null, null], // 7 bad ID
      ['吴党员', id(4), null, V1, null, '2001-07-01', null, null, null, '否', '养殖', null], // 8 industry without leader
      ['郑党员', id(5), null, V2, null, '2001-07-01', null, null, null, null, null, null], // 9 village without an organisation
      ['王党员', id(6), '女', V1, null, '2001-07-01', null, null, null, null, null, null], // 10 gender mismatch
    ];
    const b = await upload(county, 'members', await xlsx(MEMBER_HEADER, rows));
    expect(b.summary).toMatchObject({ rows: 8, rowsWithProblems: 5, records: { new: 3, unchanged: 0, rejected: 5 }, persons: { new: 3 } });
    const codes = await problemCodes(county, 'members', b.id);
    expect(codes).toEqual(
      expect.arrayContaining(['6:DUPLICATE_PERSON', '8:PARTY_INDUSTRY_NEEDS_LEADER', '9:PARTY_NO_ORG', '10:GENDER_MISMATCH']),
    );
    expect(codes.some((c) => c.startsWith('7:ID_'))).toBe(true);
    expect((await county.post(`/api/party/imports/members/${b.id}/commit`)).status).toBe(200);
    const m = (
      await sql<{ name: string; standing: string; post: string | null; wealth_leader: boolean; wealth_industry: string | null }>`
        SELECT p.name, m.standing, m.post, m.wealth_leader, m.wealth_industry FROM party_member m
        JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id ORDER BY m.id`.execute(db)
    ).rows;
    expect(m).toEqual([
      { name: '钱党员', standing: 'full', post: '产业发展岗', wealth_leader: true, wealth_industry: '肉牛养殖' },
      { name: '孙党员', standing: 'probationary', post: null, wealth_leader: false, wealth_industry: null },
      { name: '李党员', standing: 'full', post: null, wealth_leader: false, wealth_industry: null },
    ]);
    const again = await upload(county, 'members', await xlsx(MEMBER_HEADER, rows.slice(0, 3)), 'again.xlsx');
    expect(again.summary).toMatchObject({ rows: 3, rowsWithProblems: 0, records: { new: 0, unchanged: 3, rejected: 0 } });
  });

  it('exports members masked by default and unmasked on request; the unmasked file imports back unchanged', async () => {
    const get = async (query: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/party/members/export?region=211381${query}`,
        headers: { cookie: [...county.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'accept-language': 'zh-CN' },
      });
    const masked = await get('&format=csv');
    expect(masked.statusCode, masked.body.slice(0, 200)).toBe(200);
    const text = masked.rawPayload.toString('utf8');
    expect(text).toContain('入党日期');
    expect(text).toContain('2113**************');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    const full = await get('&unmask=1');
    expect(full.statusCode).toBe(200);
    const back = await upload(county, 'members', full.rawPayload, 'export.xlsx');
    const n = Number((await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_member WHERE left_on IS NULL`)).n);
    expect(back.summary).toMatchObject({ rows: n, rowsWithProblems: 0, records: { new: 0, unchanged: n, rejected: 0 } });
    const audited = await one<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'export_unmasked' AND entity = 'party_members'`,
    );
    expect(Number(audited.n)).toBe(1);
  });

  it('keeps scope: another county cannot reach these batches or villages; the leader cannot upload', async () => {
    const mine = (await county.get('/api/party/imports/members')).body;
    const id = (mine.items ?? mine)[0]?.id;
    expect(id).toBeTruthy();
    expect((await other.get(`/api/party/imports/members/${id}`)).status).toBe(404);
    const rows = [['外县党员', makeId('210727', '1980-01-01', 5, true), null, V1, null, '2001-07-01', null, null, null, null, null, null]];
    const b = await upload(other, 'members', await xlsx(MEMBER_HEADER, rows));
    expect(b.summary).toMatchObject({ rows: 1, rowsWithProblems: 1, records: { new: 0 } });
    const r = await leader.upload(await xlsx(MEMBER_HEADER, rows), 'x.xlsx', '/api/party/imports/members');
    expect(r.status).toBe(403);
  });
});
