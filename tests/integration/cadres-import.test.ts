import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { decrypt } from '../../src/modules/pii/crypto.ts';
import { ID_PROBLEM_MESSAGES } from '../../src/modules/registry/idcard.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';
import { FIRST_ROW, POSTING_HEADER, type PostingFileRow, postingsXlsx, sheetRows } from '../support/postings-file.ts';

/**
 * Postings from a hand-made spreadsheet over HTTP on both engines: the preview's counts and problems against what the
 * file holds (each row says which problems it must get), the commit read back with SQL (postings, cases, steps,
 * units, persons), the same file again changing nothing, scope, the problem report's row numbers, and the export
 * parsed and compared with SQL, imported again unchanged (unmasked and masked).
 */
const BASE = '/api/cadres/imports';
const V1 = '211381109201'; // 海丰村, 东官营镇, 北票市
const V2 = '211381109203'; // 土洞子村
const V3 = '211381109202'; // 三家村
const YIXIAN_VILLAGE = '210727101201'; // 六台村, 义县
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const TODAY = day(0);
const ROLE_CODES: Record<string, string> = { 第一书记: 'first_secretary', 工作队队长: 'team_leader', 工作队员: 'team_member' };

type Rows = Record<string, unknown>[];
const rows = async (db: Database['db'], q: ReturnType<typeof sql>) => (await q.execute(db)).rows as Rows;
const TABLES = ['cadre_posting', 'procedure_case', 'procedure_step', 'person', 'person_identity', 'cadre', 'dispatch_unit', 'audit_log'];
const counts = async (db: Database['db']) => {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await rows(db, sql`SELECT count(*)::int AS n FROM ${sql.table(t)}`))[0]?.n);
  return out;
};

describe.each(engines())('postings import and export on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  const id = (n: number, male = true) => makeId('211302', `1980-0${(n % 9) + 1}-1${n % 10}`, 100 + n, male);
  const P1 = { name: '钱在岗', id: id(1) }; // in post in 三家村 before the import
  const P2 = { name: '孙义县', id: id(2) }; // a person of 义县
  const P3 = { name: '周撤回', id: id(3, false) }; // a withdrawn proposal in 三家村
  const D = id(4);
  const good = {
    unit: '北票市农业农村局',
    level: '县级',
    post: '科员',
    party: '是',
    code: V1,
    role: '工作队员',
    start: '2024-06-01',
    expect: [],
  };
  let ROWS: PostingFileRow[];
  let fileBuf: Buffer;
  let batchId: number;

  const upload = async (c: Client, buf: Buffer, name = 'postings.xlsx') => {
    const r = await c.upload(buf, name, BASE);
    expect(r.status, r.text).toBe(200);
    const b = await c.waitPreview(r.body.id, 600, BASE);
    expect(b.status, JSON.stringify(b.summary)).toBe('previewed');
    return b;
  };
  const propose = async (c: Client, body: Record<string, unknown>) => {
    const r = await c.post('/api/cadres/postings', { role: 'team_member', ...body });
    expect(r.status, r.text).toBe(200);
    return r.body.id as number;
  };
  const step = async (c: Client, postingId: number, action: string, extra: Record<string, unknown> = {}) => {
    const d = await c.get(`/api/cadres/postings/${postingId}`);
    const r = await c.post(`/api/cadres/postings/${postingId}/steps`, { action, version: d.body.case.version, ...extra });
    expect(r.status, r.text).toBe(200);
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    const yixian = await loggedIn(t.app, 'yixian');
    const unit = (await county.post('/api/cadres/units', { name: '北票市组织部', level: 'county', regionCode: '211381' })).body.id;
    const yUnit = (await yixian.post('/api/cadres/units', { name: '义县农业农村局', level: 'county', regionCode: '210727' })).body.id;
    const cadre = (p: { name: string; id: string }, unitId: number) => ({
      name: p.name,
      idNumber: p.id,
      unitId,
      post: '干部',
      partyMember: true,
    });
    await step(county, await propose(county, { cadre: cadre(P1, unit), villageCode: V3, startDate: day(-100) }), 'confirm');
    await step(county, await propose(county, { cadre: cadre(P3, unit), villageCode: V3, startDate: day(10) }), 'withdraw', {
      reason: '人选调整',
    });
    await propose(yixian, { cadre: cadre(P2, yUnit), villageCode: YIXIAN_VILLAGE, startDate: day(-10) });

    const badChecksum = `${id(5).slice(0, 17)}${id(5).endsWith('0') ? '1' : '0'}`;
    ROWS = [
      // Three good rows: a date cell and a phone; a future start (stays proposed) from a city unit; a village by its names.
      { ...good, name: '吴第一', id: id(10), gender: '男', role: '第一书记', start: new Date(Date.UTC(2024, 2, 1)), phone: '13911112222' },
      { ...good, name: '郑未到', id: id(11), unit: '朝阳市财政局', level: '市级', start: day(40) },
      {
        ...good,
        name: '王队长',
        id: id(12),
        unit: '北票市组织部',
        role: '工作队队长',
        code: undefined,
        city: '朝阳市',
        county: '北票市',
        township: '东官营镇',
        village: '土洞子村',
        start: '2023-05-01',
        end: '2025-05-01',
        phone: '0421-1234567',
      },
      { ...good, name: '冯校验', id: badChecksum, expect: ['ID_BAD_CHECKSUM'] },
      { ...good, name: '陈村码', id: id(13), code: '211381109299', expect: ['VILLAGE_CODE_UNKNOWN'] },
      { ...good, name: '褚村名', id: id(14), code: undefined, township: '东官营镇', village: '不存在村', expect: ['VILLAGE_NOT_FOUND'] },
      { ...good, name: '卫外县', id: id(15), code: YIXIAN_VILLAGE, expect: ['VILLAGE_OUT_OF_SCOPE'] },
      { ...good, name: '蒋身份', id: id(16), role: '村支书', expect: ['ROLE_UNKNOWN'] },
      { ...good, name: '沈日期', id: id(17), start: '2023-13-45', expect: ['BAD_DATE'] },
      { ...good, name: '韩倒序', id: id(18), start: '2023-05-01', end: '2023-04-01', expect: ['END_BEFORE_START'] },
      { ...good, name: '杨重复', id: D, expect: ['DUPLICATE_PERSON'] },
      { ...good, name: '杨重复', id: D, code: V2, expect: ['DUPLICATE_PERSON'] },
      { ...good, name: P1.name, id: P1.id, expect: ['ALREADY_POSTED'] },
      { ...good, name: P2.name, id: P2.id, expect: ['PERSON_IN_OTHER_COUNTY'] },
      { ...good, name: '朱层级', id: id(19), level: '部级', expect: ['UNIT_LEVEL_UNKNOWN'] },
      { ...good, name: '改名字', id: P3.id, expect: ['NAME_MISMATCH'] },
      { ...good, name: '秦党员', id: id(20), party: '也许', expect: ['PARTY_MEMBER_UNKNOWN'] },
      { ...good, name: '尤数字', id: 211302198001011230, expect: ['ID_EXCEL_NUMBER'] }, // Excel kept 15 digits
    ];
    fileBuf = await postingsXlsx(ROWS);
  });
  afterAll(() => t.close());

  it('previews a hand-made file: the counts and problems the file holds, nothing written', async () => {
    const before = await counts(db);
    const b = await upload(county, fileBuf);
    batchId = b.id;
    const goodRows = ROWS.filter((r) => r.expect.length === 0);
    const startOf = (r: PostingFileRow) => (r.start instanceof Date ? r.start.toISOString().slice(0, 10) : String(r.start));
    const newUnits = new Set(goodRows.filter((r) => r.unit !== '北票市组织部').map((r) => r.unit));
    expect(b.summary).toMatchObject({
      rows: ROWS.length,
      rowsWithProblems: ROWS.length - goodRows.length,
      postings: { new: goodRows.length, unchanged: 0, rejected: ROWS.length - goodRows.length },
      inPost: goodRows.filter((r) => startOf(r) <= TODAY).length,
      proposed: goodRows.filter((r) => startOf(r) > TODAY).length,
      persons: { new: goodRows.length },
      units: { new: newUnits.size },
    });
    expect(b.summary.unitsToCreate.map((u: { name: string }) => u.name).sort()).toEqual([...newUnits].sort());
    expect(b.summary.unitsToCreate).toContainEqual({ name: '朝阳市财政局', level: 'city', regionCode: '2113', regionName: '朝阳市' });

    const list = (await county.get(`${BASE}/${batchId}/problems?limit=1000`)).body.items as {
      row: number;
      code: string;
      message: string;
    }[];
    const expected = ROWS.flatMap((r, i) => r.expect.map((code) => `${i + FIRST_ROW}:${code}`)).sort();
    expect(list.map((p) => `${p.row}:${p.code}`).sort()).toEqual(expected);
    // The ID number's problems are the register's precise words; the others are said in both languages.
    expect(list.find((p) => p.code === 'ID_BAD_CHECKSUM')?.message).toBe(ID_PROBLEM_MESSAGES.BAD_CHECKSUM[0]);
    expect(list.find((p) => p.code === 'ALREADY_POSTED')?.message).toBe('此人已在三家村民委员会驻村（在岗），同一时间只能在一个村驻村');
    county.lang = 'en';
    const en = (await county.get(`${BASE}/${batchId}/problems?limit=1000`)).body.items as { code: string; message: string }[];
    county.lang = 'zh-CN';
    expect(en.find((p) => p.code === 'ROLE_UNKNOWN')?.message).toMatch(/^The role "村支书" must be/);
    expect(en.find((p) => p.code === 'BAD_DATE')?.message).toBe('"Start date" must be a date such as 2021-03-01, not "2023-13-45"');
    expect(await counts(db)).toEqual(before);
  });

  it('writes the problem report with the rows of the file and their own row numbers', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `${BASE}/${batchId}/report`,
      headers: { cookie: [...county.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(r.statusCode).toBe(200);
    const report = await sheetRows(r.rawPayload);
    expect(report[0]).toEqual(['原文件行号', ...POSTING_HEADER, '错误原因']);
    const byFileRow = new Map(report.slice(1).map((cells) => [Number(cells[0]), cells]));
    ROWS.forEach((row, i) => {
      const cells = byFileRow.get(i + FIRST_ROW);
      expect(cells?.[1], `row ${i + FIRST_ROW}`).toBe(row.name);
      const reason = cells?.[POSTING_HEADER.length + 1];
      if (row.expect.length) expect(reason, `row ${i + FIRST_ROW}`).toEqual(expect.any(String));
      else expect(reason ?? null).toBeNull();
    });
  });

  it('commits the new postings: units, persons, postings, cases and steps as SQL reads them', async () => {
    const before = await counts(db);
    const c = await county.post(`${BASE}/${batchId}/commit`);
    expect(c.status, c.text).toBe(200);
    expect(c.body.counts.postings).toEqual({ new: 3, unchanged: 0, rejected: ROWS.length - 3 });
    const after = await counts(db);
    expect(after.cadre_posting - before.cadre_posting).toBe(3);
    expect(after.procedure_case - before.procedure_case).toBe(3);
    // Opened (3), and confirmed in post for the two whose start has come.
    expect(after.procedure_step - before.procedure_step).toBe(5);
    expect(after.person - before.person).toBe(3);
    expect(after.dispatch_unit - before.dispatch_unit).toBe(2);

    const got = await rows(
      db,
      sql`
      SELECT pe.name, p.village_code, p.role, u.name AS unit, to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
             to_char(p.planned_end_date, 'YYYY-MM-DD') AS planned_end, to_char(p.confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
             c.state, c.version, k.party_member, pe.phone_masked,
             (SELECT string_agg(s.action || '@' || to_char(s.effective_date, 'YYYY-MM-DD'), ' ' ORDER BY s.seq)
              FROM procedure_step s WHERE s.county_code = c.county_code AND s.case_id = c.id) AS steps
      FROM cadre_posting p
      JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
      JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
      JOIN dispatch_unit u ON u.id = p.unit_id
      JOIN procedure_case c ON c.county_code = p.county_code AND c.procedure = 'cadres.posting' AND c.subject_id = p.id
      WHERE pe.name IN ('吴第一', '郑未到', '王队长') ORDER BY p.start_date`,
    );
    const plus730 = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 730 * 86_400_000).toISOString().slice(0, 10);
    expect(got).toEqual([
      {
        name: '王队长',
        village_code: V2,
        role: 'team_leader',
        unit: '北票市组织部',
        start_date: '2023-05-01',
        planned_end: '2025-05-01',
        confirmed_on: '2023-05-01',
        state: 'in_post',
        version: 2,
        party_member: true,
        phone_masked: '042****4567',
        steps: 'open@2023-05-01 confirm@2023-05-01',
      },
      {
        name: '吴第一',
        village_code: V1,
        role: 'first_secretary',
        unit: '北票市农业农村局',
        start_date: '2024-03-01',
        planned_end: plus730('2024-03-01'),
        confirmed_on: '2024-03-01',
        state: 'in_post',
        version: 2,
        party_member: true,
        phone_masked: '139****2222',
        steps: 'open@2024-03-01 confirm@2024-03-01',
      },
      {
        name: '郑未到',
        village_code: V1,
        role: 'team_member',
        unit: '朝阳市财政局',
        start_date: day(40),
        planned_end: plus730(day(40)),
        confirmed_on: null,
        state: 'proposed',
        version: 1,
        party_member: true,
        phone_masked: null,
        steps: `open@${day(40)}`,
      },
    ]);
    const units = await rows(
      db,
      sql`SELECT name, level, region_code FROM dispatch_unit WHERE name IN ('北票市农业农村局', '朝阳市财政局') ORDER BY region_code`,
    );
    expect(units).toEqual([
      { name: '朝阳市财政局', level: 'city', region_code: '2113' },
      { name: '北票市农业农村局', level: 'county', region_code: '211381' },
    ]);
    const audited = await rows(
      db,
      sql`SELECT entity, action, count(*)::int AS n FROM audit_log WHERE action = 'import_create' GROUP BY 1, 2 ORDER BY entity COLLATE "C"`,
    );
    expect(audited).toEqual([
      { entity: 'cadre_posting', action: 'import_create', n: 3 },
      { entity: 'dispatch_unit', action: 'import_create', n: 2 },
    ]);
    // Nothing of the rejected rows landed: no posting outside the scope, no person of a refused row.
    expect(await rows(db, sql`SELECT 1 FROM cadre_posting WHERE village_code = ${YIXIAN_VILLAGE} AND county_code = '211381'`)).toEqual([]);
    expect(await rows(db, sql`SELECT name FROM person WHERE name IN ('卫外县', '杨重复', '改名字', '冯校验')`)).toEqual([]);
    expect((await county.get(`${BASE}/${batchId}`)).body.status).toBe('committed');
  });

  it('imports the same file again: every posting on file unchanged, nothing written', async () => {
    const before = await counts(db);
    const b = await upload(county, fileBuf, 'again.xlsx');
    expect(b.summary.postings).toEqual({ new: 0, unchanged: 3, rejected: ROWS.length - 3 });
    expect(b.summary.unitsToCreate).toEqual([]);
    const c = await county.post(`${BASE}/${b.id}/commit`);
    expect(c.status).toBe(200);
    expect(await counts(db)).toEqual(before);
  });

  it('refuses a township user the upload and an unmasked export, and another county reaches no batch of this one', async () => {
    const township = await loggedIn(t.app, 'dongguanying');
    const r = await township.upload(fileBuf, 'postings.xlsx', BASE);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('PROCEDURE_LEVEL');
    // Full ID numbers need pii.unmask, which a township operator lacks; the masked export is theirs to take.
    expect((await township.get('/api/cadres/postings/export?region=211381109&unmask=1')).status).toBe(403);
    expect((await township.get('/api/cadres/postings/export?region=211381109')).status).toBe(200);
    const other = await loggedIn(t.app, 'yixian');
    expect((await other.get(`${BASE}/${batchId}`)).status).toBe(404);
    // A postings batch is not a register batch: the register's routes do not know it.
    expect((await county.get(`/api/registry/imports/${batchId}`)).status).toBe(404);
  });

  it('exports the postings as SQL holds them, unmasked (audited) and masked, and both import again unchanged', async () => {
    const download = async (query: string) => {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/cadres/postings/export?region=211381${query}`,
        headers: { cookie: [...county.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'accept-language': 'zh-CN' },
      });
      expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
      return r;
    };
    const events = async () => Number((await rows(db, sql`SELECT count(*)::int AS n FROM security_event WHERE kind = 'unmask'`))[0]?.n);
    const unmaskedBefore = await events();
    const full = await download('&unmask=1');
    expect(await events()).toBe(unmaskedBefore + 1);
    expect(await rows(db, sql`SELECT entity, action FROM audit_log WHERE action = 'export_unmasked'`)).toEqual([
      { entity: 'cadre_postings', action: 'export_unmasked' },
    ]);
    expect(decodeURIComponent(String(full.headers['content-disposition']))).toContain(`北票市-驻村干部-${TODAY}.xlsx`);
    const sheet = await sheetRows(full.rawPayload);
    expect(String(sheet[0]?.[0])).toBe(`北票市驻村干部花名册（全部）　导出日期 ${TODAY}`);
    expect(sheet[1]).toEqual([...POSTING_HEADER]);

    const want = await rows(
      db,
      sql`
      SELECT pe.name, pe.id_cipher, p.village_code, p.role, to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
             to_char(p.planned_end_date, 'YYYY-MM-DD') AS end_date
      FROM cadre_posting p JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
      JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
      WHERE p.county_code = '211381' ORDER BY p.county_code, p.id`,
    );
    const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    const data = sheet.slice(2);
    expect(
      data.map((c) => ({
        name: c[0],
        id: c[1],
        village_code: c[12],
        role: ROLE_CODES[String(c[13])],
        start_date: iso(c[14]),
        end_date: iso(c[15]),
      })),
    ).toEqual(
      want.map((w) => ({
        name: w.name,
        id: decrypt(TEST_KEYS, String(w.id_cipher)),
        village_code: w.village_code,
        role: w.role,
        start_date: w.start_date,
        end_date: w.end_date,
      })),
    );

    const again = await upload(county, full.rawPayload, 'export.xlsx');
    expect(again.summary).toMatchObject({
      rows: want.length,
      rowsWithProblems: 0,
      postings: { new: 0, unchanged: want.length, rejected: 0 },
    });

    const masked = await download('&format=csv');
    const text = masked.rawPayload.toString('utf8');
    expect(text).not.toContain(P1.id);
    expect(text).toContain('2113**************');
    expect(text).toContain('139****2222');
    const before = await counts(db);
    const maskedAgain = await upload(county, masked.rawPayload, 'export.csv');
    expect(maskedAgain.summary).toMatchObject({ rowsWithProblems: 0, postings: { new: 0, unchanged: want.length, rejected: 0 } });
    expect((await county.post(`${BASE}/${maskedAgain.id}/commit`)).status).toBe(200);
    expect(await counts(db)).toEqual(before);
  });
});
