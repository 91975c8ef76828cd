import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { thisDay, thisYear } from '../../src/server/clock.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * Village funds on both engines: payments entered (create, corrected by a dated reversal from the version read, withdrawn), paid against the
 * standard by region compared with a direct SQL sum, the spreadsheet import (preview, per-row problems, commit,
 * idempotent, scoped) and the export that imports back unchanged, cadres' late pay and hollow villages as alerts, and
 * scope: another county's records answer 404, a township sees its villages only, a read-only leader writes nothing.
 */
const YEAR = thisYear();
const V1 = '211381109201'; // 海丰村, 东官营镇, 北票市
const HEADER = '村代码,行政村,拨付日期,金额(元),用途,资金来源,备注';
const BASE = '/api/party/funds/imports';

describe.each(engines())('party funds on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let other: Client;
  let leader: Client;
  let v2 = ''; // a village of another township of 北票市
  let v3 = ''; // a second village of 东官营镇
  let otherVillage = ''; // a village of 义县

  const q = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const paidSql = async (region: string, purpose: string) =>
    Number(
      (
        await q<{ s: string | null }>(sql`SELECT sum(amount_fen)::text AS s FROM party_fund_payment
          WHERE village_code LIKE ${`${region}%`} AND purpose = ${purpose} AND extract(year FROM paid_on) = ${YEAR}`)
      )[0]?.s ?? 0,
    );
  const importCsv = async (c: Client, lines: string[]) => {
    const up = await c.upload(Buffer.from([HEADER, ...lines].join('\n')), 'funds.csv', BASE);
    expect(up.status, up.text).toBe(200);
    const id = (up.body as { id: number }).id;
    const batch = (await c.waitPreview(id, 600, BASE)) as unknown as { status: string; summary: Record<string, unknown> };
    return { id, batch };
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    other = await loggedIn(t.app, 'yixian');
    leader = await loggedIn(t.app, 'leader');
    const pick = async (like: string, not: string) =>
      (
        await q<{ code: string }>(
          sql`SELECT code FROM region WHERE level = 5 AND code LIKE ${like} AND code <> ${not} ORDER BY code LIMIT 1`,
        )
      )[0]?.code ?? '';
    v2 =
      (
        await q<{ code: string }>(
          sql`SELECT code FROM region WHERE level = 5 AND code LIKE '211381%' AND code NOT LIKE '211381109%' ORDER BY code LIMIT 1`,
        )
      )[0]?.code ?? '';
    v3 = await pick('211381109%', V1);
    otherVillage = await pick('210727%', '');
  });
  afterAll(() => t.close());

  let paymentId = 0;
  it('a payment is entered, read, corrected from the version read, and a stale version is refused', async () => {
    const body = { villageCode: V1, paidOn: `${YEAR}-01-15`, amountFen: 5_600_000, purpose: 'operation', source: '县财政' };
    const created = await county.post('/api/party/funds/payments', body);
    expect(created.status, created.text).toBe(200);
    paymentId = (created.body as { id: number }).id;
    expect((await county.post('/api/party/funds/payments', body)).status).toBe(409);
    const got = await county.get(`/api/party/funds/payments/${paymentId}`);
    expect(got.body).toMatchObject({ villageCode: V1, amountFen: 5_600_000, purpose: 'operation', version: 1 });
    const original = paymentId;
    const correct = (id: number, version: number, amountFen?: number) =>
      county.post(`/api/party/funds/payments/${id}/correct`, {
        version,
        correctedOn: thisDay(),
        reason: '金额录入错误',
        replacement: amountFen ? { ...body, villageCode: undefined, amountFen } : undefined,
      });
    const stale = await correct(original, 2, 5_600_050);
    expect(stale.status).toBe(409);
    expect((stale.body as { error: { code: string } }).error.code).toBe('PARTY_RECORD_CHANGED');
    const same = await correct(original, 1, 5_600_000);
    expect((same.body as { error: { code: string } }).error.code).toBe('PARTY_CORRECTION_SAME');
    const done = await correct(original, 1, 5_600_050);
    expect(done.status, done.text).toBe(200);
    const { reversalId, replacementId } = done.body as { reversalId: number; replacementId: number };
    // The original is kept as entered; the reversal nets it on its own day; the replacement names it.
    const rows = await q<{ id: string; amount_fen: string; paid_on: string; reverses_id: string | null; corrects_id: string | null }>(
      sql`SELECT id::text, amount_fen::text, paid_on::text, reverses_id::text, corrects_id::text FROM party_fund_payment
          WHERE id IN (${original}, ${reversalId}, ${replacementId}) ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: String(original), amount_fen: '5600000', paid_on: `${YEAR}-01-15`, reverses_id: null, corrects_id: null },
      { id: String(reversalId), amount_fen: '-5600000', paid_on: `${YEAR}-01-15`, reverses_id: String(original), corrects_id: null },
      { id: String(replacementId), amount_fen: '5600050', paid_on: `${YEAR}-01-15`, reverses_id: null, corrects_id: String(original) },
    ]);
    expect(await paidSql(V1, 'operation')).toBe(5_600_050);
    const again = await correct(original, 1, 5_600_070);
    expect((again.body as { error: { code: string } }).error.code).toBe('PARTY_PAYMENT_REVERSED');
    const rev = await correct(reversalId, 1, 5_600_070);
    expect((rev.body as { error: { code: string } }).error.code).toBe('PARTY_PAYMENT_IS_REVERSAL');
    const shown = (await county.get(`/api/party/funds/payments/${original}`)).body;
    expect(shown).toMatchObject({ amountFen: 5_600_000, reversedBy: reversalId, reversesId: null });
    const list = (await county.get(`/api/party/funds/payments?region=${V1}&year=${YEAR}`)).body as {
      items: { id: number; amountFen: number; reversesId: number | null; correctsId: number | null; correctionReason: string | null }[];
    };
    expect(list.items.find((i) => i.id === reversalId)).toMatchObject({
      amountFen: -5_600_000,
      reversesId: original,
      correctionReason: '金额录入错误',
    });
    expect(list.items.find((i) => i.id === replacementId)).toMatchObject({ amountFen: 5_600_050, correctsId: original });
    expect(await q(sql`SELECT 1 FROM party_fund_payment WHERE reverses_id = ${reversalId} OR corrects_id = ${reversalId}`)).toHaveLength(0);
    const audit = await q<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'party_fund_payment' AND entity_id = ${String(original)} ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'correct']);
    paymentId = replacementId;
  });

  it('bad input is refused with its field named, in both languages, and writes nothing', async () => {
    const before = await paidSql('211381', 'operation');
    const bad = await county.post('/api/party/funds/payments', { villageCode: V1, paidOn: `${YEAR}-01-15`, amountFen: 12.5, purpose: 'x' });
    expect(bad.status).toBe(400);
    county.lang = 'en';
    const en = await county.post('/api/party/funds/payments', { villageCode: V1, paidOn: '1999-01-01', amountFen: 100, purpose: 'other' });
    county.lang = 'zh-CN';
    expect(en.status).toBe(400);
    expect(en.body).toMatchObject({ error: { code: 'PARTY_BAD_YEAR', details: [{ path: 'paidOn' }] } });
    expect((en.body as { error: { message: string } }).error.message).toMatch(/year 1999/);
    expect((bad.body as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    expect(await paidSql('211381', 'operation')).toBe(before);
  });

  it('scope: another county gets 404 for the payment and for its village; a leader writes nothing; a township sees its villages only', async () => {
    expect((await other.get(`/api/party/funds/payments/${paymentId}`)).status).toBe(404);
    expect((await other.get('/api/party/funds/payments/999999999')).status).toBe(404);
    expect(
      (await other.post(`/api/party/funds/payments/${paymentId}/correct`, { version: 1, correctedOn: thisDay(), reason: '越权更正' }))
        .status,
    ).toBe(404);
    expect(
      (await other.post('/api/party/funds/payments', { villageCode: V1, paidOn: `${YEAR}-01-15`, amountFen: 100, purpose: 'other' }))
        .status,
    ).toBe(404);
    expect((await other.get('/api/party/funds/summary?region=211381')).status).toBe(404);
    expect(
      (await leader.post('/api/party/funds/payments', { villageCode: V1, paidOn: `${YEAR}-01-15`, amountFen: 100, purpose: 'other' }))
        .status,
    ).toBe(403);
    expect(
      (await leader.post(`/api/party/funds/payments/${paymentId}/correct`, { version: 1, correctedOn: thisDay(), reason: '只读用户' }))
        .status,
    ).toBe(403);
    expect((await leader.get(`/api/party/funds/payments/${paymentId}`)).status).toBe(200);
    await county.post('/api/party/funds/payments', {
      villageCode: v2,
      paidOn: `${YEAR}-02-01`,
      amountFen: 1_000_000,
      purpose: 'party_building',
    });
    const list = await township.get(`/api/party/funds/payments?year=${YEAR}`);
    const codes = (list.body as { items: { villageCode: string }[] }).items.map((i) => i.villageCode);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith('211381109'))).toBe(true);
    expect((await township.get(`/api/party/funds/summary?region=${v2.slice(0, 9)}`)).status).toBe(404);
    expect(
      (await township.post('/api/party/funds/payments', { villageCode: v2, paidOn: `${YEAR}-01-15`, amountFen: 100, purpose: 'other' }))
        .status,
    ).toBe(404);
  });

  it('an import previews per-row problems, commits the good rows, and the same file again adds nothing', async () => {
    const lines = [
      `${V1},海丰村,${YEAR}-03-01,56000,运转经费,县财政,第一季度`,
      `${V1},海丰村,${YEAR}-03-01,"20,000.00",党建工作经费,县委组织部,`,
      `${v3},,${YEAR}-03-02,1200.5,其他,乡镇,`,
      `${V1},海丰村,${YEAR}-03-01,56000,运转经费,县财政,重复`,
      `${V1},海丰村,${YEAR}-03-05,abc,运转经费,县财政,`,
      `${V1},海丰村,${YEAR}-03-05,100,修路,县财政,`,
      `${otherVillage},,${YEAR}-03-05,100,其他,县财政,`,
    ];
    const { id, batch } = await importCsv(county, lines);
    expect(batch.status).toBe('previewed');
    expect(batch.summary).toMatchObject({
      rows: 7,
      rowsWithProblems: 4,
      payments: { new: 3, unchanged: 0, rejected: 4 },
      amountFen: 5_600_000 + 2_000_000 + 120_050,
    });
    const problems = (await county.get(`${BASE}/${id}/problems`)).body as { items: { row: number; code: string; message: string }[] };
    expect(problems.items.map((p) => [p.row, p.code])).toEqual([
      [5, 'DUPLICATE_ROW'],
      [6, 'BAD_AMOUNT'],
      [7, 'PURPOSE_UNKNOWN'],
      [8, 'VILLAGE_OUT_OF_SCOPE'],
    ]);
    expect(problems.items[0]?.message).toContain('第 2 行');
    expect((await other.get(`${BASE}/${id}`)).status).toBe(404);
    const before = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_fund_payment`);
    const done = await county.post(`${BASE}/${id}/commit`);
    expect(done.status, done.text).toBe(200);
    const after = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_fund_payment`);
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(3);
    const again = await importCsv(county, lines.slice(0, 3));
    expect(again.batch.summary).toMatchObject({ payments: { new: 0, unchanged: 3, rejected: 0 } });
    await county.post(`${BASE}/${again.id}/commit`);
    const still = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_fund_payment`);
    expect(still[0]?.n).toBe(after[0]?.n);
    expect((await leader.upload(Buffer.from(HEADER), 'f.csv', BASE)).status).toBe(403);
  });

  it('the export imports back as unchanged', async () => {
    const res = await county.get(`/api/party/funds/export?year=${YEAR}&format=csv`);
    expect(res.status).toBe(200);
    const rows = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const n = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM party_fund_payment p WHERE village_code LIKE '211381%' AND extract(year FROM paid_on) = ${YEAR}
          AND reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM party_fund_payment x WHERE x.county_code = p.county_code AND x.reverses_id = p.id)`,
    );
    expect(rows.length - 1).toBe(n[0]?.n);
    const up = await county.upload(Buffer.from(res.text), 'export.csv', BASE);
    const batch = (await county.waitPreview((up.body as { id: number }).id, 600, BASE)) as unknown as { summary: Record<string, unknown> };
    expect(batch.summary).toMatchObject({ payments: { new: 0, unchanged: n[0]?.n, rejected: 0 } });
  });

  it('paid against the standard equals a direct SQL sum at county, township and village', async () => {
    for (const region of ['211381', '211381109', V1]) {
      const s = (await county.get(`/api/party/funds/summary?region=${region}&year=${YEAR}`)).body as {
        total: {
          operationFen: number;
          partyBuildingFen: number;
          otherFen: number;
          villages: number;
          standardFen: number;
          percent: number | null;
        };
        children: { operationFen: number }[];
      };
      expect(s.total.operationFen).toBe(await paidSql(region, 'operation'));
      expect(s.total.partyBuildingFen).toBe(await paidSql(region, 'party_building'));
      expect(s.total.otherFen).toBe(await paidSql(region, 'other'));
      expect(s.children.reduce((a, c) => a + c.operationFen, 0)).toBe(s.total.operationFen);
      expect(s.total.standardFen).toBe(s.total.villages * 13_200_000);
    }
    const village = (await county.get(`/api/party/funds/summary?region=${V1}&year=${YEAR}`)).body as { total: { percent: number } };
    const op = Math.min(await paidSql(V1, 'operation'), 11_200_000);
    const pb = Math.min(await paidSql(V1, 'party_building'), 2_000_000);
    expect(village.total.percent).toBe(Math.round(((op + pb) * 10000) / 13_200_000) / 100);
  });

  it("cadres' late pay and hollow villages are alerts linking to the record that fixes them", async () => {
    const late = await county.post('/api/party/funds/pay', {
      villageCode: V1,
      name: '王支书',
      idNumber: makeId('211381', '1970-05-01', 31, true),
      post: '村党支部书记',
      month: `${YEAR}-01`,
      amountDueFen: 300_000,
      dueOn: `${YEAR}-01-10`,
    });
    expect(late.status, late.text).toBe(200);
    const ok = await county.post('/api/party/funds/pay', {
      villageCode: V1,
      name: '王支书',
      idNumber: makeId('211381', '1970-05-01', 31, true),
      post: '村党支部书记',
      month: `${YEAR}-02`,
      amountDueFen: 300_000,
      dueOn: `${YEAR}-02-10`,
      paidOn: `${YEAR}-02-08`,
    });
    expect(ok.status).toBe(200);
    const payId = (late.body as { id: number }).id;
    expect((await other.post(`/api/party/funds/pay/${payId}/paid`, { paidOn: `${YEAR}-01-12`, version: 1 })).status).toBe(404);
    const lateList = (await county.get(`/api/party/funds/pay?late=1&year=${YEAR}`)).body as { items: { id: number; late: boolean }[] };
    expect(lateList.items.map((i) => i.id)).toEqual([payId]);
    const alerts = (await county.get('/api/command/alerts?rule=party_late_pay&region=211381')).body as {
      items: { link: { kind: string; path?: string } }[];
    };
    expect(alerts.items).toHaveLength(1);
    expect(alerts.items[0]?.link.path).toContain(`id=${payId}`);

    await county.put('/api/party/funds/income', { villageCode: V1, year: YEAR, amountFen: 3_000_000, sources: '光伏电站' });
    const known = await q<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM (SELECT village_code FROM party_fund_payment WHERE village_code LIKE '211381%'
        UNION SELECT village_code FROM party_collective_income WHERE village_code LIKE '211381%'
        UNION SELECT village_code FROM poor_village WHERE village_code LIKE '211381%'
        UNION SELECT region_code FROM party_org WHERE region_code LIKE '211381%' AND length(region_code) = 12 AND dissolved_on IS NULL) v
      WHERE v.village_code NOT IN (SELECT i.village_code FROM party_collective_income i
                                   WHERE i.village_code LIKE '211381%' AND i.year = ${YEAR} AND i.amount_fen > 0)`);
    const hollow = (await county.get('/api/command/alerts?rule=party_hollow_village&region=211381&limit=100')).body as {
      items: { link: { path?: string } }[];
    };
    expect(hollow.items).toHaveLength(known[0]?.n ?? -1);
    expect(hollow.items.some((i) => i.link.path?.includes(V1))).toBe(false);
    const inc = (await county.get(`/api/party/funds/income?region=211381109&year=${YEAR}`)).body as {
      items: { villageCode: string; hollow: boolean }[];
    };
    expect(inc.items.find((i) => i.villageCode === V1)?.hollow).toBe(false);
    expect((await leader.put('/api/party/funds/income', { villageCode: V1, year: YEAR, amountFen: 0 })).status).toBe(403);
  });

  it('a payment withdrawn by a reversal alone stays on record, no longer counts, and leaves the export', async () => {
    const before = await paidSql(V1, 'operation');
    const bad = await county.post(`/api/party/funds/payments/${paymentId}/correct`, {
      version: 1,
      correctedOn: `${YEAR - 1}-12-31`,
      reason: '重复录入',
    });
    expect((bad.body as { error: { code: string } }).error.code).toBe('PARTY_CORRECTION_BEFORE_PAYMENT');
    const done = await county.post(`/api/party/funds/payments/${paymentId}/correct`, {
      version: 1,
      correctedOn: thisDay(),
      reason: '重复录入',
    });
    expect(done.status, done.text).toBe(200);
    expect((done.body as { replacementId: number | null }).replacementId).toBeNull();
    expect((await county.get(`/api/party/funds/payments/${paymentId}`)).status).toBe(200);
    expect(await paidSql(V1, 'operation')).toBe(before - 5_600_050);
    const csv = await county.get(`/api/party/funds/export?region=${V1}&year=${YEAR}&format=csv`);
    expect(csv.status).toBe(200);
    const jan15 = csv.text.split(/\r?\n/).filter((l) => l.includes(V1) && l.includes(`${YEAR}-01-15`) && /,5600\.\d\d,/.test(l));
    expect(jan15).toEqual([]);
    expect(csv.text).not.toMatch(/,-\d/);
  });
});
