import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { partyVillage } from '../../src/modules/party/ledger/fixtures.ts';
import { clearSettingsCache } from '../../src/modules/settings.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { type HandCell, writeHandXlsx } from '../support/hand-xlsx.ts';

/**
 * The rectification ledger re-imported (counties keep their 台账 in Excel and load it again each month), on both
 * engines: a row of a case on file appends its new dated progress lines once and moves the case forward through the
 * procedure's steps (dated by the file, the page's level rules), the preview says per row new / update (what) /
 * unchanged; two commits of the same village and year at once, and two commits of one batch at once, never answer 500
 * nor write twice; bad uploads (NUL bytes in cells, a file at the upload cap, a non-spreadsheet named .xlsx) are
 * refused precisely with nothing written. Expected values are read back by direct SQL.
 */
const BASE = '/api/party/imports/ledger';
const V1 = '211381109201'; // 海丰村, 东官营镇, 北票市
const TODAY = new Date().toISOString().slice(0, 10);
const YEAR = Number(TODAY.slice(0, 4));
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const HEADER = [
  '村代码',
  '整顿年度',
  '认定日期',
  '软弱涣散类型',
  '整顿措施(一村一策)',
  '县级联系领导',
  '乡镇包村干部',
  '整顿时限',
  '整顿进展',
  '状态',
  '销号日期',
  '备注',
] as const;
type Row = Partial<Record<(typeof HEADER)[number], string | number>>;
const plan = { '整顿措施(一村一策)': '调整班子，建强支部', 县级联系领导: '王县长', 乡镇包村干部: '李委员', 整顿时限: `${YEAR}-12-31` };

describe.each(engines())('party ledger re-import on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let v2 = '';
  let v3 = '';
  let importsDir = '';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-ledger-re-'));
  const q = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const xlsx = async (name: string, rows: Row[]) => {
    const file = path.join(dir, name);
    await writeHandXlsx(file, { rows: [[...HEADER], ...rows.map((r): HandCell[] => HEADER.map((h) => r[h] ?? null))] });
    return readFileSync(file);
  };
  const csv = (rows: Row[]) =>
    Buffer.from([HEADER.join(','), ...rows.map((r) => HEADER.map((h) => String(r[h] ?? '')).join(','))].join('\r\n'), 'utf8');
  const preview = async (c: Client, file: Buffer, name: string) => {
    const up = await c.upload(file, name, BASE);
    expect(up.status, up.text).toBe(200);
    const id = (up.body as { id: number }).id;
    const batch = (await c.waitPreview(id, 600, BASE)) as unknown as { status: string; summary: Record<string, unknown> };
    return { id, batch };
  };
  const caseOf = async (village: string, year: number) =>
    (
      await q<{ id: number; case_id: number; state: string; plan: string | null; closed_on: string | null }>(
        sql`SELECT r.id, c.id AS case_id, c.state, r.plan, to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on
            FROM party_rectification r JOIN procedure_case c ON c.county_code = r.county_code AND c.procedure = 'party_rectification'
              AND c.subject_id = r.id
            WHERE r.village_code = ${village} AND r.year = ${year}`,
      )
    )[0];
  const stepsOf = async (caseId: number) =>
    (
      await q<{ action: string; effective: string }>(
        sql`SELECT action, to_char(effective_date, 'YYYY-MM-DD') AS effective FROM procedure_step
            WHERE county_code = '211381' AND case_id = ${caseId} ORDER BY seq`,
      )
    ).map((s) => `${s.action} ${s.effective}`);
  const progressOf = async (id: number) =>
    (
      await q<{ d: string; content: string }>(
        sql`SELECT to_char(entry_date, 'YYYY-MM-DD') AS d, content FROM party_rectification_progress
            WHERE county_code = '211381' AND case_id = ${id} ORDER BY entry_date, id`,
      )
    ).map((p) => `${p.d} ${p.content}`);
  const totals = async () =>
    (
      await q<{ cases: number; steps: number; progress: number }>(
        sql`SELECT (SELECT count(*)::int FROM party_rectification) AS cases, (SELECT count(*)::int FROM procedure_step) AS steps,
                   (SELECT count(*)::int FROM party_rectification_progress) AS progress`,
      )
    )[0];

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    importsDir = path.join(t.app.deps.dataDir as string, 'imports');
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    const first = async (like: string, not: string) =>
      (
        await q<{ code: string }>(
          sql`SELECT code FROM region WHERE level = 5 AND code LIKE ${like} AND code NOT LIKE ${not} ORDER BY code LIMIT 1`,
        )
      )[0]?.code ?? '';
    v2 = await first('211381109%', V1);
    v3 = await first('211381%', '211381109%');
    await partyVillage(db, V1);
  });
  afterAll(() => t.close());

  it('refuses bad uploads precisely and writes nothing: a file over the upload cap, a non-spreadsheet named .xlsx, NUL bytes in cells', async () => {
    const before = await totals();
    // The cap an upload meets is the smaller of the size limit (200 MB) and the user's quota room: 0.25 MB here, so the
    // file at the cap stays small enough to preview on a loaded machine.
    const setQuota = async (mb: number) => {
      await sql`UPDATE setting SET value = ${JSON.stringify(mb)}::jsonb WHERE key = 'import.user_quota_mb' AND scope_code = '' AND year = 0`.execute(
        db,
      );
      clearSettingsCache();
    };
    await setQuota(0.25);
    try {
      const cap = 256 * 1024;
      const row = (n: number): Row => ({ 村代码: v3, 整顿年度: YEAR - 3, 软弱涣散类型: '无活动场所', 备注: 'x'.repeat(n) });
      const rows: Row[] = [{ 村代码: v3, 整顿年度: YEAR - 3, 软弱涣散类型: '无活动场所' }];
      while (csv(rows).length < cap - 2000) rows.push(row(990));
      rows.push(row(0));
      const pad = cap - 10 - csv(rows).length; // the last row's 备注 brings the file to 10 bytes under the cap
      rows[rows.length - 1] = row(pad);
      const under = csv(rows);
      expect(under.length).toBe(cap - 10);
      const over = Buffer.concat([under, Buffer.from('x'.repeat(11))]);
      const big = await county.upload(over, 'big.csv', BASE);
      expect(big.status).toBe(413);
      expect(big.body.error.code).toBe('IMPORT_QUOTA_EXCEEDED');
      expect(big.body.error.message).toMatch(/[\u4e00-\u9fff].*MB/);
      county.lang = 'en';
      const bigEn = await county.upload(over, 'big.csv', BASE);
      county.lang = 'zh-CN';
      expect(bigEn.body.error.code).toBe('IMPORT_QUOTA_EXCEEDED');
      expect(bigEn.body.error.message).toMatch(/^[\x20-\x7e]*MB[\x20-\x7e]*$/);
      const near = await preview(county, under, 'near.csv');
      expect(near.batch.status).toBe('previewed');
      expect(near.batch.summary).toMatchObject({ rows: rows.length, records: { new: 1, rejected: rows.length - 1 } });
      await county.post(`${BASE}/${near.id}/discard`);
    } finally {
      await setQuota(1024);
    }

    // A PDF renamed .xlsx: the preview fails with words saying so, in both languages; the stored file is removed.
    const junk = await preview(county, Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\n'), 'ledger.xlsx');
    expect(junk.batch.status).toBe('failed');
    const zh = String(junk.batch.summary.error);
    county.lang = 'en';
    const en = String(((await county.get(`${BASE}/${junk.id}`)).body as { summary: { error: string } }).summary.error);
    county.lang = 'zh-CN';
    expect(zh).toMatch(/xlsx|Excel|文件/);
    expect(en).toMatch(/xlsx|Excel|file/i);
    expect(zh).not.toBe(en);

    // NUL bytes in cells (PostgreSQL text cannot hold them): the cells are problems of their rows, not a failed preview.
    const nul = await preview(
      county,
      csv([
        { 村代码: v3, 整顿年度: YEAR - 4, 软弱涣散类型: '无活动场所', 备注: '回访\u0000满意' },
        { 村代码: v3, 整顿年度: YEAR - 5, 软弱涣散类型: '无活动\u0000场所' },
        { 村代码: v3, 整顿年度: YEAR - 6, 软弱涣散类型: '无活动场所', ...plan, 整顿进展: `${day(-9)} 召开\u0000会议`, 状态: '整顿中' },
      ]),
      'nul.csv',
    );
    expect(nul.batch.status).toBe('previewed');
    expect(nul.batch.summary).toMatchObject({ records: { new: 0, rejected: 3 } });
    const p = (await county.get(`${BASE}/${nul.id}/problems`)).body.items as {
      row: number;
      column: string;
      code: string;
      message: string;
    }[];
    expect(p.map((x) => [x.row, x.column, x.code])).toEqual([
      [2, 'note', 'CONTROL_CHARACTER'],
      [3, 'causes', 'CONTROL_CHARACTER'],
      [4, 'progress', 'CONTROL_CHARACTER'],
    ]);
    expect(p[0]?.message).toContain('备注');
    const done = await county.post(`${BASE}/${nul.id}/commit`);
    expect(done.status, done.text).toBe(200);
    expect(await totals()).toEqual(before);
    // Nothing is left of the refused and failed uploads; the committed one's file is removed too.
    expect(existsSync(importsDir) ? readdirSync(importsDir) : []).toEqual([]);
  }, 300_000);

  it('a re-import appends new dated progress once and moves cases forward through the procedure; the preview says per row what changes', async () => {
    const first: Row[] = [
      {
        村代码: V1,
        整顿年度: YEAR - 1,
        认定日期: day(-200),
        软弱涣散类型: '无活动场所',
        ...plan,
        整顿进展: `${day(-150)} 召开党员大会`,
        状态: '整顿中',
      },
      { 村代码: v2, 整顿年度: YEAR - 1, 认定日期: day(-100), 软弱涣散类型: '无活动场所', 状态: '已认定' },
      { 村代码: v3, 整顿年度: YEAR - 1, 认定日期: day(-100), 软弱涣散类型: '无活动场所', ...plan, 状态: '整顿中' },
    ];
    const a = await preview(county, await xlsx('m1.xlsx', first), 'm1.xlsx');
    expect(a.batch.summary).toMatchObject({ records: { new: 3, updated: 0, unchanged: 0, rejected: 0 } });
    expect((await county.post(`${BASE}/${a.id}/commit`)).status).toBe(200);

    // Next month's file: V1 gains a line (the old one written with other spacing) and is closed; v2 gets its measures
    // and two lines (one twice); v3 says 已认定, behind the case.
    const next: Row[] = [
      {
        ...first[0],
        整顿进展: `${day(-150)}  召开党员大会\n${day(-20)} 新建活动场所`,
        状态: '已销号',
        销号日期: day(-2),
      },
      { ...first[1], ...plan, 整顿进展: `${day(-30)} 选派新书记\n${day(-10)} 三会一课恢复\n${day(-10)} 三会一课恢复`, 状态: '整顿中' },
      { ...first[2], ...Object.fromEntries(Object.keys(plan).map((k) => [k, ''])), 状态: '已认定' },
    ];
    const before = await totals();
    const b = await preview(county, await xlsx('m2.xlsx', next), 'm2.xlsx');
    expect(b.batch.summary).toMatchObject({
      rows: 3,
      records: { new: 0, updated: 2, unchanged: 0, rejected: 1 },
      progressEntries: 3,
    });
    const rows = (await county.get(`${BASE}/${b.id}/rows`)).body.items as {
      row: number;
      outcome: string;
      changes: { text: string; steps: { action: string; date: string }[]; progress: unknown[] } | null;
    }[];
    expect(rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'update'],
      [3, 'update'],
      [4, 'rejected'],
    ]);
    expect(rows[0]?.changes?.text).toBe(`整顿中 → 已销号（验收销号 ${day(-2)}）；新增整顿进展 1 条；填写：销号日期`);
    expect(rows[1]?.changes?.steps).toEqual([
      { action: 'plan', label: '制定整顿方案', date: day(-30) },
      { action: 'start', label: '开始整顿', date: day(-30) },
    ]);
    county.lang = 'en';
    const en = (await county.get(`${BASE}/${b.id}/rows`)).body.items as { changes: { text: string } | null }[];
    const enProblems = (await county.get(`${BASE}/${b.id}/problems`)).body.items as { message: string }[];
    county.lang = 'zh-CN';
    expect(en[1]?.changes?.text).toContain('Identified → Rectifying');
    expect(en[1]?.changes?.text).toContain('2 new progress entries');
    expect(enProblems[0]?.message).toContain('is now "Rectifying"');
    const problems = (await county.get(`${BASE}/${b.id}/problems`)).body.items as { row: number; code: string; message: string }[];
    expect(problems.map((p) => [p.row, p.code])).toEqual([[4, 'PARTY_LEDGER_STATE_BACKWARD']]);
    expect(problems[0]?.message).toContain('当前为“整顿中”，不能退回“已排查认定”');
    // The preview wrote nothing.
    expect(await totals()).toEqual(before);

    expect((await county.post(`${BASE}/${b.id}/commit`)).status).toBe(200);
    const one = await caseOf(V1, YEAR - 1);
    expect(one).toMatchObject({ state: 'closed', closed_on: day(-2) });
    expect(await stepsOf(Number(one?.case_id))).toEqual([
      `open ${day(-200)}`,
      `plan ${day(-150)}`,
      `start ${day(-150)}`,
      `close ${day(-2)}`,
    ]);
    expect(await progressOf(Number(one?.id))).toEqual([`${day(-150)} 召开党员大会`, `${day(-20)} 新建活动场所`]);
    const two = await caseOf(v2, YEAR - 1);
    expect(two).toMatchObject({ state: 'rectifying', plan: '调整班子,建强支部' }); // full-width punctuation read half-width
    expect(await stepsOf(Number(two?.case_id))).toEqual([`open ${day(-100)}`, `plan ${day(-30)}`, `start ${day(-30)}`]);
    expect(await progressOf(Number(two?.id))).toEqual([`${day(-30)} 选派新书记`, `${day(-10)} 三会一课恢复`]);
    expect((await caseOf(v3, YEAR - 1))?.state).toBe('rectifying');
    const after = await totals();
    expect(after).toEqual({ cases: before?.cases, steps: Number(before?.steps) + 3, progress: Number(before?.progress) + 3 });
    const audit = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'party_rectification' AND action = 'import_update'`,
    );
    expect(audit[0]?.n).toBe(2);

    // The same file again: unchanged (idempotent), nothing written.
    const c = await preview(county, await xlsx('m2.xlsx', next.slice(0, 2)), 'm2.xlsx');
    expect(c.batch.summary).toMatchObject({ records: { new: 0, updated: 0, unchanged: 2, rejected: 0 }, progressEntries: 0 });
    expect((await county.post(`${BASE}/${c.id}/commit`)).status).toBe(200);
    expect(await totals()).toEqual(after);

    // A township re-imports the county's file: the closed case is unchanged (no step is asked of it), but it cannot
    // close a case (销号 is the county's), named in the problem; new lines of a closed case are refused.
    const d = await preview(township, await xlsx('t.xlsx', [next[0] as Row, { ...next[1], 状态: '已销号', 销号日期: day(-1) }]), 't.xlsx');
    expect(d.batch.summary).toMatchObject({ records: { new: 0, updated: 0, unchanged: 1, rejected: 1 } });
    const tp = (await township.get(`${BASE}/${d.id}/problems`)).body.items as { row: number; code: string; message: string }[];
    expect(tp.map((p) => [p.row, p.code])).toEqual([[3, 'PARTY_LEDGER_LEVEL']]);
    expect(tp[0]?.message).toContain('县级');
    const e = await preview(county, await xlsx('t2.xlsx', [{ ...next[0], 整顿进展: `${day(-3)} 回访` }]), 't2.xlsx');
    const ep = (await county.get(`${BASE}/${e.id}/problems`)).body.items as { row: number; code: string; message: string }[];
    expect(ep.map((p) => [p.row, p.code])).toEqual([[2, 'PARTY_LEDGER_PROGRESS_CLOSED']]);
    expect(ep[0]?.message).toContain('当前为“已销号”');
    await township.post(`${BASE}/${d.id}/discard`);
    await county.post(`${BASE}/${e.id}/discard`);
    expect(await totals()).toEqual(after);
  }, 180_000);

  it('two commits of the same village and year at once: one creates the case, the other finds it; one batch committed twice at once answers 409 once', async () => {
    const row: Row = {
      村代码: v2,
      整顿年度: YEAR - 2,
      认定日期: day(-300),
      软弱涣散类型: '无活动场所',
      ...plan,
      整顿进展: `${day(-200)} 召开党员大会\n${day(-100)} 换届选举`,
      状态: '整顿中',
    };
    const x = await preview(county, await xlsx('x.xlsx', [row]), 'x.xlsx');
    const y = await preview(county, await xlsx('y.xlsx', [row]), 'y.xlsx');
    expect(x.batch.summary).toMatchObject({ records: { new: 1 } });
    expect(y.batch.summary).toMatchObject({ records: { new: 1 } });
    const before = await totals();
    const [rx, ry] = await Promise.all([county.post(`${BASE}/${x.id}/commit`), county.post(`${BASE}/${y.id}/commit`)]);
    expect([rx.status, ry.status], `${rx.text} ${ry.text}`).toEqual([200, 200]);
    const outcomes = [rx, ry].map((r) => (r.body as { counts: { records: { new: number; unchanged: number } } }).counts.records);
    expect(outcomes.map((o) => o.new).sort()).toEqual([0, 1]);
    expect(outcomes.map((o) => o.unchanged).sort()).toEqual([0, 1]);
    const cases = await q<{ id: number; case_id: number }>(
      sql`SELECT r.id, c.id AS case_id FROM party_rectification r JOIN procedure_case c ON c.county_code = r.county_code
            AND c.procedure = 'party_rectification' AND c.subject_id = r.id WHERE r.village_code = ${v2} AND r.year = ${YEAR - 2}`,
    );
    expect(cases).toHaveLength(1);
    expect(await stepsOf(Number(cases[0]?.case_id))).toEqual([`open ${day(-300)}`, `plan ${day(-200)}`, `start ${day(-200)}`]);
    expect(await progressOf(Number(cases[0]?.id))).toEqual([`${day(-200)} 召开党员大会`, `${day(-100)} 换届选举`]);
    expect(await totals()).toEqual({
      cases: Number(before?.cases) + 1,
      steps: Number(before?.steps) + 3,
      progress: Number(before?.progress) + 2,
    });

    // One batch, committed twice at once (a double click, two tabs): one commit, the other 409 with words.
    const z = await preview(county, await xlsx('z.xlsx', [{ ...row, 整顿年度: YEAR - 3 }]), 'z.xlsx');
    const [c1, c2] = await Promise.all([county.post(`${BASE}/${z.id}/commit`), county.post(`${BASE}/${z.id}/commit`)]);
    expect([c1.status, c2.status].sort()).toEqual([200, 409]);
    const refused = c1.status === 409 ? c1 : c2;
    expect(refused.body.error.code).toBe('IMPORT_NOT_PREVIEWED');
    expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    county.lang = 'en';
    const again = await county.post(`${BASE}/${z.id}/commit`);
    county.lang = 'zh-CN';
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/committed/i);
    const zc = await caseOf(v2, YEAR - 3);
    expect(await stepsOf(Number(zc?.case_id))).toHaveLength(3);
    expect(await progressOf(Number(zc?.id))).toHaveLength(2);
  }, 180_000);
});
