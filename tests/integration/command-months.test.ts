import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commit, type InputRow, stage } from '../../src/modules/registry/import/service.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { settled } from '../support/figures.ts';
import { makeId } from '../support/ids.ts';

/**
 * A closed month keeps its figures (docs/decisions/0007-time-model.md): print a month, write in the present (status,
 * helper, members, this year's income, cause), print it again — equal; then a write dated into the month — the month
 * is recomputed and says it was revised, when, by which change and by whom. Months come from the clock, not fixed dates.
 */

const actor = { id: null, username: 'tester' };
const COUNTY = '211381';
const VILLAGE = '211381109201';
const YEAR = new Date().getUTCFullYear();

function addMonths(month: string, n: number) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}
const CURRENT = new Date().toISOString().slice(0, 7);
// Two months back: closed whatever the day; the households entered the register four months back.
const CLOSED = addMonths(CURRENT, -2);
const ENTERED = `${addMonths(CURRENT, -4)}-10`;
const INSIDE_CLOSED = `${CLOSED}-12`;
const endOf = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

type Cells = Record<string, string | number>;
function household(no: string, i: number, over: Cells = {}, extraMember = false): InputRow[] {
  const base: Cells = {
    village_code: VILLAGE,
    household_no: no,
    category: '一般贫困户',
    poverty_cause: '因病',
    year_identified: YEAR - 1,
    planned_exit_year: YEAR + 1,
    household_status: '未脱贫',
    income_per_capita: 2600 + i * 100,
    helper: '张帮扶',
    ...over,
  };
  const rows: InputRow[] = [
    { rowNumber: 2, cells: { ...base, name: `甲${no}`, relation: '户主', id_number: makeId(COUNTY, '1962-02-03', 10 + i * 3, true) } },
    { rowNumber: 3, cells: { ...base, name: `乙${no}`, relation: '配偶', id_number: makeId(COUNTY, '1964-05-06', 11 + i * 3, false) } },
  ];
  if (extraMember)
    rows.push({
      rowNumber: 4,
      cells: { ...base, name: `丙${no}`, relation: '之子', id_number: makeId(COUNTY, '1990-07-08', 12 + i * 3, true) },
    });
  return rows;
}

describe.each(engines())('closed months on %s', (engine) => {
  let t: TestApp;
  let beipiao: Client;
  const db = () => t.database.db;
  const importRows = async (rows: InputRow[]) => {
    const numbered = rows.map((r, i) => ({ ...r, rowNumber: i + 2 }));
    const { batchId, counts } = await stage(db(), TEST_KEYS, { scopeCode: COUNTY, actor, filename: 'm.xlsx' }, numbered);
    expect(counts.rowsWithProblems).toBe(0);
    await commit(db(), batchId, actor);
  };
  /** Still-poor households of the county at a day, from the dated history (the test's own count). */
  const stillPoorAt = async (day: string) =>
    Number(
      (
        await sql<{ n: number }>`SELECT count(*) AS n FROM household h WHERE h.county_code = ${COUNTY}
          AND (SELECT s.status FROM household_status_history s WHERE s.county_code = h.county_code AND s.household_id = h.id
               AND s.changed_on <= ${day}::date ORDER BY s.changed_on DESC, s.id DESC LIMIT 1) IN ('poor', 'returned')`.execute(db())
      ).rows[0]?.n,
    );
  const print = async (region: string) => {
    // A dashboard never waits for a month's snapshot: asked again until the figures say they are current.
    const r = await settled(beipiao, `/api/command/dashboard?region=${region}&month=${CLOSED}`);
    expect(r.body.freshness.current).toBe(true);
    expect(r.status).toBe(200);
    const { figures, trend, breakdowns, children, revisions, month } = r.body;
    return { figures, trend, breakdowns, children, revisions, month };
  };
  const brief = async () => {
    const r = await beipiao.get(`/api/command/briefing?region=${COUNTY}&month=${CLOSED}`);
    expect(r.status).toBe(200);
    const { totals, rows, summary, revisions } = r.body;
    return { totals, rows, summary, revisions };
  };
  const fig = (p: { figures: { id: string; value: number | null }[] }, id: string) => p.figures.find((f) => f.id === id)?.value;

  beforeAll(async () => {
    t = await openTestApp(engine);
    await importRows(Array.from({ length: 6 }, (_, i) => household(`MON${i}`, i)).flat());
    // The register as it stood: identified four months ago, helpers since then (written before any month is kept).
    await sql`UPDATE household_status_history SET changed_on = ${ENTERED}::date`.execute(db());
    await sql`UPDATE help_pairing SET start_date = ${ENTERED}::date`.execute(db());
    beipiao = await loggedIn(t.app, 'beipiao');
  });
  afterAll(() => t.close());

  let county: Awaited<ReturnType<typeof print>>;
  let village: Awaited<ReturnType<typeof print>>;
  let briefing: Awaited<ReturnType<typeof brief>>;

  it('prints a closed month from the records as of its end', async () => {
    county = await print(COUNTY);
    village = await print(VILLAGE);
    briefing = await brief();
    expect(county.month).toBe(CLOSED);
    expect(fig(county, 'hh_remaining')).toBe(await stillPoorAt(endOf(CLOSED)));
    expect(fig(county, 'hh_remaining')).toBe(6);
    expect(fig(county, 'persons_identified')).toBe(12);
    expect(fig(county, 'avg_income')).not.toBeNull();
    expect(county.revisions).toEqual([]);
  });

  it('prints the same month again after present-day writes (status, helper, members, income, cause)', async () => {
    await importRows([
      ...household('MON0', 0, { household_status: '已脱贫', exit_year: YEAR, income_per_capita: 9000 }),
      ...household('MON1', 1, { helper: '李新帮', poverty_cause: '因残' }, true),
      ...household('MON2', 2, { income_per_capita: 100 }),
      ...household('MON9', 9),
    ]);
    // The writes are there: the current month moved.
    const now = await settled(beipiao, `/api/command/dashboard?region=${COUNTY}`);
    expect(now.body.month).toBe(CURRENT);
    expect(fig(now.body, 'hh_remaining')).toBe(6);
    expect(fig(now.body, 'persons_identified')).toBe(15);
    // The closed month did not.
    expect(await print(COUNTY)).toEqual(county);
    expect(await print(VILLAGE)).toEqual(village);
    expect(await brief()).toEqual(briefing);
  });

  it('marks the month revised by a back-dated write, with when, which record and who', async () => {
    const before = Date.now();
    await db()
      .transaction()
      .execute(async (tx) => {
        const h = await sql<{ id: number }>`SELECT id FROM household WHERE household_no = 'MON3'`.execute(tx);
        const id = Number(h.rows[0]?.id);
        await sql`INSERT INTO household_status_history (county_code, household_id, status, previous_status, changed_on, reason)
          VALUES (${COUNTY}, ${id}, 'exited', 'poor', ${INSIDE_CLOSED}::date, 'back-dated')`.execute(tx);
        await sql`INSERT INTO audit_log (actor_id, actor_name, scope_code, entity, entity_id, action, before, after)
          VALUES (NULL, 'corrector', ${VILLAGE}, 'household', ${String(id)}, 'update', '{}'::jsonb, '{}'::jsonb)`.execute(tx);
      });
    const again = await print(COUNTY);
    expect(fig(again, 'hh_remaining')).toBe(await stillPoorAt(endOf(CLOSED)));
    expect(fig(again, 'hh_remaining')).toBe((fig(county, 'hh_remaining') as number) - 1);
    expect(again.revisions).toHaveLength(1);
    const rev = again.revisions[0];
    expect(rev).toMatchObject({
      source: 'household_status_history',
      sourceName: '贫困户状态变更',
      dated: INSIDE_CLOSED,
      householdNo: 'MON3',
      villageCode: VILLAGE,
      by: 'corrector',
    });
    expect(new Date(rev.at).getTime()).toBeGreaterThanOrEqual(before - 5_000);
    // The months after it are revised too; the month before it is not; another county's month is not.
    expect((await settled(beipiao, `/api/command/dashboard?region=${COUNTY}&month=${addMonths(CLOSED, -1)}`)).body.revisions).toEqual([]);
    expect((await settled(beipiao, `/api/command/dashboard?region=${COUNTY}&month=${addMonths(CLOSED, 1)}`)).body.revisions).toHaveLength(
      1,
    );
    const sheng = await loggedIn(t.app, 'sheng');
    expect((await settled(sheng, `/api/command/dashboard?region=210727&month=${CLOSED}`)).body.revisions).toEqual([]);
    // The briefing says so, and its workbook prints it.
    expect((await brief()).revisions).toHaveLength(1);
    const x = await t.app.inject({
      method: 'GET',
      url: `/api/command/briefing.xlsx?region=${COUNTY}&month=${CLOSED}`,
      headers: { cookie: [...beipiao.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'accept-language': 'zh-CN' },
    });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const text: string[] = [];
    wb.worksheets[0]?.eachRow((row) => {
      text.push(String(row.getCell(1).value ?? ''));
    });
    expect(text.some((s) => s.includes('已修订'))).toBe(true);
    expect(text.some((s) => s.includes('户编号 MON3') && s.includes(INSIDE_CLOSED) && s.includes('corrector'))).toBe(true);
  });

  it('a second back-dated write before the month is recomputed is listed too', async () => {
    await sql`UPDATE help_pairing SET end_date = ${INSIDE_CLOSED}::date
      WHERE household_id = (SELECT id FROM household WHERE household_no = 'MON4') AND end_date IS NULL`.execute(db());
    await sql`INSERT INTO household_status_history (county_code, household_id, status, previous_status, changed_on)
      SELECT county_code, id, 'exited', 'poor', ${INSIDE_CLOSED}::date FROM household WHERE household_no = 'MON5'`.execute(db());
    const again = await print(COUNTY);
    expect(again.revisions.map((r: { householdNo: string }) => r.householdNo)).toEqual(['MON5', 'MON4', 'MON3']);
    expect(again.revisions[0].by).toBeNull();
    expect(fig(again, 'no_helper')).toBe(1);
  });
});
