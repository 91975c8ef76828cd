import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { thisDay, thisYear } from '../../src/server/clock.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * Party gaps on both engines. A masked export of organisations and members (ID numbers 2113**************) imported
 * again matches the records on file by village organisation, name and mask — unchanged, nothing written — and refuses,
 * saying why, a masked row that names no one or two people; no person is made and no ID number is overwritten. A
 * reserve cadre leaves the reserve dated with a reason, the row kept; scope and read-only users are refused.
 */
const V1 = '211381109201'; // 海丰村
const YEAR = thisYear();
const ORG_HEADER = ['村代码', '行政村', '组织名称', '组织类型', '成立日期', '书记姓名', '书记证件号码', '是否一肩挑', '书记任职日期'];
const MEMBER_HEADER = ['姓名', '证件号码', '性别', '村代码', '行政村', '入党日期'];

async function xlsx(header: string[], rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.addRow(header);
  for (const r of rows)
    ws.addRow(r).eachCell((c) => {
      c.numFmt = '@';
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(engines())('party gaps on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let other: Client;
  let leader: Client;

  const one = async <T>(q: ReturnType<typeof sql>) => ((await q.execute(db)).rows as T[])[0] as T;
  const upload = async (kind: 'orgs' | 'members', buf: Buffer, name = 'f.xlsx') => {
    const base = `/api/party/imports/${kind}`;
    const r = await county.upload(buf, name, base);
    expect(r.status, r.text).toBe(200);
    const b = await county.waitPreview(r.body.id, 600, base);
    expect(b.status, JSON.stringify(b.summary)).toBe('previewed');
    return b;
  };
  const problems = async (kind: string, id: number) =>
    ((await county.get(`/api/party/imports/${kind}/${id}/problems`)).body.items as { row: number; code: string }[])
      .map((p) => `${p.row}:${p.code}`)
      .sort();
  const exportMasked = async (kind: 'orgs' | 'members') => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/party/${kind}/export?region=211381&format=csv`,
      headers: { cookie: [...county.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'accept-language': 'zh-CN' },
    });
    expect(res.statusCode).toBe(200);
    const text = res.rawPayload.toString('utf8');
    expect(text).toContain('2113**************');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    return text;
  };
  // What must not change: who is on file, and the sealed ID numbers.
  const fingerprint = () =>
    one<{ members: number; persons: number; ids: string }>(sql`
      SELECT (SELECT count(*)::int FROM party_member) AS members, (SELECT count(*)::int FROM person) AS persons,
             (SELECT md5(string_agg(id_cipher || id_masked, ',' ORDER BY county_code, id)) FROM person) AS ids`);

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    other = await loggedIn(t.app, 'yixian');
    leader = await loggedIn(t.app, 'leader');
    const orgs = await upload(
      'orgs',
      await xlsx(ORG_HEADER, [
        [
          V1,
          '海丰村',
          '中共海丰村支部委员会',
          '党支部',
          '1998-07-01',
          '赵书记',
          makeId('211381', '1968-02-02', 301, true),
          '是',
          '2021-01-05',
        ],
      ]),
    );
    expect((await county.post(`/api/party/imports/orgs/${orgs.id}/commit`)).status).toBe(200);
    const id = (n: number) => makeId('211381', '1980-06-06', 500 + 2 * n, true);
    const members = await upload(
      'members',
      await xlsx(MEMBER_HEADER, [
        ['钱党员', id(1), '男', V1, null, '2001-07-01'],
        ['孙党员', id(2), '男', V1, null, '2010-07-01'],
        ['张同名', id(3), '男', V1, null, '2012-07-01'],
        ['张同名', id(4), '男', V1, null, '2013-07-01'],
      ]),
    );
    expect(members.summary).toMatchObject({ records: { new: 4 } });
    expect((await county.post(`/api/party/imports/members/${members.id}/commit`)).status).toBe(200);
  });
  afterAll(() => t.close());

  it('a masked members export imports back unchanged by its stable key; an ambiguous or unknown masked row is refused', async () => {
    const before = await fingerprint();
    const text = await exportMasked('members');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(5);
    // The file as exported, plus a row someone added with a masked number: a new person cannot come from a mask.
    const added = lines[1]?.replace('钱党员', '冯新人') ?? '';
    const file = [...lines, added].join('\n');
    const b = await upload('members', Buffer.from(file), 'masked.csv');
    expect(b.summary).toMatchObject({ rows: 5, rowsWithProblems: 3, records: { new: 0, unchanged: 2, rejected: 3 }, persons: { new: 0 } });
    const codes = await problems('members', b.id);
    // Row numbers count the header as row 1: lines[i] is row i + 1.
    const twins = lines.flatMap((l, i) => (l.includes('张同名') ? [`${i + 1}:PARTY_MASKED_AMBIGUOUS`] : []));
    expect(twins).toHaveLength(2);
    expect(codes).toEqual([...twins, '6:PARTY_MASKED_ID'].sort());
    county.lang = 'en';
    const en = (await county.get(`/api/party/imports/members/${b.id}/problems`)).body.items as { code: string; message: string }[];
    county.lang = 'zh-CN';
    expect(en.find((p) => p.code === 'PARTY_MASKED_AMBIGUOUS')?.message).toMatch(/2 members .* masked number/);
    const c = await county.post(`/api/party/imports/members/${b.id}/commit`);
    expect(c.status, c.text).toBe(200);
    expect(await fingerprint()).toEqual(before);
  });

  it('a masked organisations export imports back unchanged; a masked secretary who is not the one on file is refused', async () => {
    const before = await fingerprint();
    const text = await exportMasked('orgs');
    const b = await upload('orgs', Buffer.from(text), 'orgs.csv');
    expect(b.summary).toMatchObject({ rows: 1, rowsWithProblems: 0, records: { new: 0, unchanged: 1, rejected: 0 } });
    const wrong = await upload('orgs', Buffer.from(text.replace('赵书记', '钱书记')), 'orgs2.csv');
    expect(wrong.summary).toMatchObject({ rows: 1, records: { new: 0, unchanged: 0, rejected: 1 } });
    expect(await problems('orgs', wrong.id)).toContain('2:PARTY_MASKED_ID');
    expect((await county.post(`/api/party/imports/orgs/${b.id}/commit`)).status).toBe(200);
    expect(await fingerprint()).toEqual(before);
  });

  it('a reserve cadre leaves the reserve dated with a reason; the row stays; refusals name the rule; scope holds', async () => {
    const since = `${YEAR}-01-01`;
    const r = await county.post('/api/party/reserve', {
      villageCode: V1,
      name: '周后备',
      idNumber: makeId('211381', '1992-05-05', 61, true),
      since,
    });
    expect(r.status, r.text).toBe(200);
    const id = (r.body as { id: number }).id;
    const leave = (c: Client, body: Record<string, unknown>) => c.post(`/api/party/reserve/${id}/leave`, body);
    expect((await leave(other, { leftOn: thisDay(), reason: 'elected' })).status).toBe(404);
    expect((await leave(leader, { leftOn: thisDay(), reason: 'elected' })).status).toBe(403);
    expect((await leave(county, { leftOn: thisDay(), reason: 'retired' })).status).toBe(400);
    const early = await leave(county, { leftOn: `${YEAR - 1}-12-31`, reason: 'elected' });
    expect(early.body).toMatchObject({ error: { code: 'PARTY_RESERVE_LEFT_BEFORE', details: [{ path: 'leftOn' }] } });
    const future = await leave(county, { leftOn: `${YEAR + 1}-01-01`, reason: 'elected' });
    expect(future.body).toMatchObject({ error: { code: 'PARTY_DAY_FUTURE' } });
    expect(await one(sql`SELECT left_on FROM party_reserve_cadre WHERE id = ${id}`)).toEqual({ left_on: null });
    const ok = await leave(county, { leftOn: thisDay(), reason: 'elected', note: '当选村委委员' });
    expect(ok.status, ok.text).toBe(200);
    expect(await one(sql`SELECT left_on::text AS left_on, left_reason, left_note FROM party_reserve_cadre WHERE id = ${id}`)).toEqual({
      left_on: thisDay(),
      left_reason: 'elected',
      left_note: '当选村委委员',
    });
    const again = await leave(county, { leftOn: thisDay(), reason: 'moved' });
    expect(again.status).toBe(409);
    expect((again.body as { error: { code: string } }).error.code).toBe('PARTY_RESERVE_ALREADY_LEFT');
    const training = await county.post(`/api/party/reserve/${id}/trainings`, { trainedOn: thisDay(), course: '培训班', hours: 2 });
    expect(training.status).toBe(409);
    const listed = (await county.get(`/api/party/reserve?region=${V1}`)).body as {
      items: { id: number; leftOn: string; leftReason: string }[];
    };
    expect(listed.items.find((i) => i.id === id)).toMatchObject({ leftOn: thisDay(), leftReason: 'elected' });
    const audit = await one<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'party_reserve_cadre' AND entity_id = ${String(id)} AND action = 'leave'`,
    );
    expect(audit.n).toBe(1);
  });
});
