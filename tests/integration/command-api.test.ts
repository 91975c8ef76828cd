import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commit, type InputRow, stage } from '../../src/modules/registry/import/service.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { settled } from '../support/figures.ts';
import { makeId } from '../support/ids.ts';

const actor = { id: null, username: 'tester' };

/** Households of one village, some without a helper; ID numbers made here. */
async function seedHouseholds(t: TestApp, village: string, prefix: string, n: number, seq: number) {
  const county = village.slice(0, 6);
  const rows: InputRow[] = [];
  for (let i = 0; i < n; i++) {
    const base = {
      village_code: village,
      household_no: `${prefix}${i}`,
      category: '一般贫困户',
      poverty_cause: i % 2 ? '因病' : '缺资金',
      year_identified: 2015,
      planned_exit_year: i % 3 ? 2018 : 2016,
      household_status: i % 4 === 3 ? '已脱贫' : '未脱贫',
      ...(i % 4 === 3 ? { exit_year: 2016 } : {}),
      income_per_capita: 2500 + i * 300,
      ...(i % 3 === 1 ? {} : { helper: '张帮扶' }),
    };
    rows.push({
      rowNumber: rows.length + 2,
      cells: { ...base, name: `甲${prefix}${i}`, relation: '户主', id_number: makeId(county, '1961-02-03', seq + i * 2, true) },
    });
    rows.push({
      rowNumber: rows.length + 2,
      cells: { ...base, name: `乙${prefix}${i}`, relation: '配偶', id_number: makeId(county, '1963-05-06', seq + i * 2 + 1, false) },
    });
  }
  const { batchId, counts } = await stage(t.database.db, TEST_KEYS, { scopeCode: county, actor, filename: 'cc.xlsx' }, rows);
  expect(counts.rowsWithProblems).toBe(0);
  await commit(t.database.db, batchId, actor);
}

describe.each(engines())('command centre API on %s', (engine) => {
  let t: TestApp;
  let sheng: Client;
  let beipiao: Client;
  let yixian: Client;
  let leader: Client;
  const one = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(t.database.db)).rows[0]?.n);

  beforeAll(async () => {
    t = await openTestApp(engine);
    const village = (code: string) =>
      sql<{ code: string }>`SELECT code FROM region WHERE level = 5 AND code LIKE ${`${code}%`} ORDER BY code LIMIT 1`
        .execute(t.database.db)
        .then((r) => r.rows[0]?.code as string);
    await seedHouseholds(t, await village('211381109'), 'BP', 9, 10);
    await seedHouseholds(t, await village('211381101'), 'BQ', 4, 100);
    await seedHouseholds(t, await village('210727'), 'YX', 5, 200);
    sheng = await loggedIn(t.app, 'sheng');
    beipiao = await loggedIn(t.app, 'beipiao');
    yixian = await loggedIn(t.app, 'yixian');
    leader = await loggedIn(t.app, 'leader');
  });
  afterAll(() => t.close());

  it('shows the province its figures and its cities, each equal to a direct count', async () => {
    // The imports' fold-in may outlast a reader's short wait on a loaded machine; the answer then says it is not current.
    const r = await settled(sheng, '/api/command/dashboard');
    expect(r.body.freshness.current).toBe(true);
    expect(r.status).toBe(200);
    const fig = (id: string) => r.body.figures.find((f: { id: string }) => f.id === id)?.value;
    expect(fig('hh_remaining')).toBe(await one(sql`SELECT count(*) AS n FROM household WHERE status IN ('poor', 'returned')`));
    expect(fig('hh_identified')).toBe(await one(sql`SELECT count(*) AS n FROM household`));
    expect(fig('persons_identified')).toBe(await one(sql`SELECT count(*) AS n FROM household_member`));
    const chaoyang = r.body.children.find((c: { code: string }) => c.code === '2113');
    expect(chaoyang.name).toBe('朝阳市');
    expect(chaoyang.values.hh_remaining).toBe(
      await one(sql`SELECT count(*) AS n FROM household WHERE county_code LIKE '2113%' AND status IN ('poor', 'returned')`),
    );
    const stillPoor = await one(sql`SELECT count(*) AS n FROM household WHERE status IN ('poor', 'returned')`);
    const helped = await one(sql`SELECT count(*) AS n FROM household h WHERE status IN ('poor', 'returned')
      AND EXISTS (SELECT 1 FROM help_pairing p WHERE p.county_code = h.county_code AND p.household_id = h.id AND p.end_date IS NULL)`);
    expect(fig('cov_helper')).toBeCloseTo((100 * helped) / stillPoor, 2);
    expect(r.body.children).toHaveLength(14);
    expect(r.body.trend.months).toHaveLength(12);
    expect(r.body.region.path.map((p: { name: string }) => p.name)).toEqual(['辽宁省']);
  });

  it('keeps a county user inside the county: own figures only, the neighbour is not found', async () => {
    const own = await settled(beipiao, '/api/command/dashboard');
    expect(own.status).toBe(200);
    expect(own.body.region.code).toBe('211381');
    expect(own.body.region.path.map((p: { code: string }) => p.code)).toEqual(['211381']);
    const fig = own.body.figures.find((f: { id: string }) => f.id === 'hh_identified').value;
    expect(fig).toBe(await one(sql`SELECT count(*) AS n FROM household WHERE county_code = '211381'`));
    for (const url of [
      '/api/command/dashboard?region=210727',
      '/api/command/map?region=2113',
      '/api/command/briefing?region=21',
      '/api/command/alerts?region=210727',
    ]) {
      const r = await beipiao.get(url);
      expect(r.status, url).toBe(404);
    }
    // The registry page and the command centre agree on the same region's coverage figures.
    const coverage = await beipiao.get('/api/registry/coverage?region=211381');
    const figure = (id: string) => own.body.figures.find((f: { id: string }) => f.id === id).value;
    expect(figure('deadline_passed')).toBe(coverage.body.deadlinePassed);
    expect(figure('no_helper')).toBe(coverage.body.stillPoor - coverage.body.withHelper);
    expect(figure('hh_remaining')).toBe(coverage.body.stillPoor);
    const alerts = await beipiao.get('/api/command/alerts?state=all&limit=100');
    expect(alerts.body.items.length).toBeGreaterThan(0);
    for (const a of alerts.body.items) expect(a.region.code.startsWith('211381')).toBe(true);
  });

  it('colours the map by county, every county of the province present, values as counted', async () => {
    const r = await sheng.get('/api/command/map');
    expect(r.status).toBe(200);
    expect(r.body.level).toBe(3);
    expect(r.body.items).toHaveLength(await one(sql`SELECT count(*) AS n FROM region WHERE level = 3 AND code LIKE '21%'`));
    const bp = r.body.items.find((i: { code: string }) => i.code === '211381');
    expect(bp.values.hh_identified).toBe(await one(sql`SELECT count(*) AS n FROM household WHERE county_code = '211381'`));
    const geo = await sheng.get('/api/command/geo');
    expect(geo.body.features).toHaveLength(100);
  });

  it('lists alerts page by page, each once, as many as the records say', async () => {
    const expected = await one(sql`SELECT count(*) AS n FROM household h WHERE county_code = '211381' AND status IN ('poor', 'returned')
      AND NOT EXISTS (SELECT 1 FROM help_pairing p WHERE p.county_code = h.county_code AND p.household_id = h.id AND p.end_date IS NULL)`);
    expect(expected).toBeGreaterThan(1);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: { key: string; link: { kind: string; id: number } }[]; nextCursor: string | null } } = await beipiao.get(
        `/api/command/alerts?rule=hh_no_helper&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      for (const i of r.body.items) {
        seen.push(i.key);
        expect(i.link.kind).toBe('household');
      }
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(expected);
    const dash = await beipiao.get('/api/command/dashboard');
    expect(dash.body.alerts.find((a: { rule: string }) => a.rule === 'hh_no_helper').count).toBe(expected);
    beipiao.lang = 'en';
    const en = await beipiao.get('/api/command/alerts?rule=hh_no_helper&limit=1');
    beipiao.lang = 'zh-CN';
    expect(en.body.items[0].what).toMatch(/no helper$/);
  });

  it('acknowledges an alert once, audited; a neighbour or a read-only leader cannot', async () => {
    const list = await beipiao.get('/api/command/alerts?rule=hh_no_helper&limit=1');
    const item = list.body.items[0];
    const audits = () => one(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'alert'`);
    const before = await audits();

    const foreign = await yixian.post('/api/command/alerts/ack', { rule: 'hh_no_helper', key: item.key });
    expect(foreign.status).toBe(404);
    expect((await leader.post('/api/command/alerts/ack', { rule: 'hh_no_helper', key: item.key })).status).toBe(403);
    expect(await audits()).toBe(before);

    const ok = await beipiao.post('/api/command/alerts/ack', { rule: 'hh_no_helper', key: item.key, note: '已安排驻村干部对接' });
    expect(ok.status).toBe(204);
    expect(await audits()).toBe(before + 1);
    expect((await beipiao.post('/api/command/alerts/ack', { rule: 'hh_no_helper', key: item.key })).status).toBe(204);
    expect(await audits()).toBe(before + 1);

    const open = await beipiao.get('/api/command/alerts?rule=hh_no_helper&limit=100');
    expect(open.body.items.map((i: { key: string }) => i.key)).not.toContain(item.key);
    const acked = await beipiao.get('/api/command/alerts?rule=hh_no_helper&state=acknowledged');
    expect(acked.body.items).toHaveLength(1);
    expect(acked.body.items[0].acknowledged).toMatchObject({ by: 'beipiao', note: '已安排驻村干部对接' });
    const dash = await beipiao.get('/api/command/dashboard');
    expect(dash.body.alerts.find((a: { rule: string }) => a.rule === 'hh_no_helper').acknowledged).toBe(1);
  });

  it('refuses malformed input with a precise message in the user language and writes nothing', async () => {
    const audits = () => one(sql`SELECT count(*) AS n FROM audit_log`);
    const before = await audits();
    const bad = await sheng.get('/api/command/dashboard?month=2017-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/月份/);
    const future = await sheng.get('/api/command/dashboard?month=2999-01');
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body.error)).toMatch(/不能晚于本月/);
    expect((await sheng.get('/api/command/alerts?rule=nope')).status).toBe(400);
    expect((await sheng.get('/api/command/alerts?cursor=garbage')).status).toBe(400);
    expect((await sheng.get('/api/command/map?region=211381&level=3')).status).toBe(400);
    const everyVillage = await sheng.get('/api/command/map?region=21&level=5');
    expect(everyVillage.status).toBe(400);
    expect(JSON.stringify(everyVillage.body.error)).toMatch(/上限/);
    expect((await sheng.get('/api/command/map?region=2113&level=4')).status).toBe(200);
    expect((await sheng.post('/api/command/alerts/ack', { rule: 'hh_no_helper', key: 'x', note: '长'.repeat(201) })).status).toBe(400);
    expect((await sheng.post('/api/command/alerts/ack', { rule: 'hh_no_helper' })).status).toBe(400);
    expect((await sheng.post('/api/command/alerts/ack', { rule: 'hh_no_helper', key: 'x', extra: 1 })).status).toBe(400);
    expect((await sheng.post('/api/command/alerts/ack', { rule: 'hh_no_helper', key: '210727-999999999999' })).status).toBe(404);
    sheng.lang = 'en';
    const en = await sheng.get('/api/command/dashboard?month=13-2017');
    expect(en.body.error.message).toMatch(/month/i);
    sheng.lang = 'zh-CN';
    expect(await audits()).toBe(before);
  });

  it('serves a previous month from the records as of its end', async () => {
    // Two households of 义县 exited in a closed month: the month shows them exited, the month before does not.
    await sql`INSERT INTO household_status_history (county_code, household_id, status, previous_status, changed_on)
      SELECT county_code, id, 'poor', NULL, DATE '2024-01-05' FROM household WHERE county_code = '210727'`.execute(t.database.db);
    await sql`INSERT INTO household_status_history (county_code, household_id, status, previous_status, changed_on)
      SELECT county_code, id, 'exited', 'poor', DATE '2024-03-09' FROM household WHERE county_code = '210727' ORDER BY id LIMIT 2`.execute(
      t.database.db,
    );
    const n = await one(sql`SELECT count(*) AS n FROM household WHERE county_code = '210727'`);
    // The months' snapshots are computed in the background: the first answer says so and shows no figures for them.
    const first = await yixian.get('/api/command/dashboard?month=2024-03');
    expect(first.body.freshness.pendingMonths).toEqual(expect.arrayContaining(['2024-02', '2024-03']));
    expect(first.body.figures.every((f: { value: number | null }) => f.value === null)).toBe(true);
    const march = await settled(yixian, '/api/command/dashboard?month=2024-03');
    const fig = (b: { figures: { id: string; value: number; previous: number }[] }, id: string) => b.figures.find((f) => f.id === id);
    expect(fig(march.body, 'hh_exited')).toMatchObject({ value: 2, previous: 0 });
    expect(fig(march.body, 'hh_identified')).toMatchObject({ value: n, previous: n });
  });

  it('writes the monthly briefing as a real workbook, ranked, with the worst flagged', async () => {
    const b = await sheng.get('/api/command/briefing?region=21');
    expect(b.status).toBe(200);
    expect(b.body.rows).toHaveLength(14);
    expect(b.body.summary[0]).toMatch(/辽宁省/);
    // Cities with nothing registered have no figures (no data is not zero): unranked and never flagged. The two
    // cities with households are ranked; two are too few to flag a worst.
    type Row = { name: string; values: Record<string, { value: number | null; rank: number | null; worst: boolean }> };
    const withData = await one(sql`SELECT count(DISTINCT left(county_code, 4)) AS n FROM household`);
    const empty = b.body.rows.filter((r: Row) => r.values.hh_remaining?.value === null);
    expect(empty).toHaveLength(14 - withData);
    for (const r of empty as Row[])
      expect(Object.values(r.values).every((v) => v.value === null && v.rank === null && !v.worst)).toBe(true);
    const ranked = b.body.rows.filter((r: Row) => r.values.hh_remaining?.rank !== null);
    expect(ranked).toHaveLength(withData);
    expect(b.body.rows.filter((r: Row) => Object.values(r.values).some((v) => v.worst))).toEqual([]);
    const x = await t.app.inject({
      method: 'GET',
      url: '/api/command/briefing.xlsx?region=21',
      headers: { cookie: [...sheng.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws?.getCell(1, 1).value)).toMatch(/辽宁省.*月度通报/);
    let chaoyang: ExcelJS.Row | undefined;
    let remainingColumn = 0;
    ws?.eachRow((row) => {
      if (row.getCell(2).value === '朝阳市') chaoyang = row;
      if (row.getCell(2).value === '单位')
        row.eachCell((c, col) => {
          if (String(c.value).startsWith('未脱贫户数')) remainingColumn = col;
        });
    });
    expect(remainingColumn).toBeGreaterThan(2);
    const remaining = await one(sql`SELECT count(*) AS n FROM household WHERE county_code LIKE '2113%' AND status IN ('poor', 'returned')`);
    expect(chaoyang?.getCell(remainingColumn).value).toBe(remaining);
  });
});
