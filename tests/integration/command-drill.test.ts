import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/modules/registry/demo/load.ts';
import { registerYear } from '../../src/modules/registry/import/service.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { settled } from '../support/figures.ts';

type Link = { path: string; query: Record<string, string> } | null;

/**
 * Every figure and chart segment of the command centre opens the list behind it: for the latest month, the figure on
 * the card equals the list's total, and both equal a count written here directly in SQL.
 */
describe.each(engines())('command centre click-through on %s', (engine) => {
  let t: TestApp;
  let beipiao: Client;
  const REGION = '211381';
  const one = async (q: ReturnType<typeof sql>) => Number(((await q.execute(t.database.db)).rows[0] as { n: number }).n);
  const listTotal = async (link: NonNullable<Link>) => {
    expect(link.path).toBe('/registry/households');
    const qs = new URLSearchParams({ ...link.query, region: REGION, limit: '1' });
    const r = await beipiao.get(`/api/registry/households?${qs}`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.totalExact).toBe(true);
    return r.body.total as number;
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    await loadDemo(t.database.db, TEST_KEYS, { scale: 0.004 });
    beipiao = await loggedIn(t.app, 'beipiao');
  }, 600_000);
  afterAll(() => t.close());

  // The first answer waits for the previous months' snapshots (settled: up to a minute on a loaded Citus cluster).
  it('a household figure, its list total and a direct count agree', async () => {
    const catalog = (await beipiao.get('/api/command/catalog')).body as { indicators: { id: string; list: Link }[]; latestMonth: string };
    const dash = (await settled(beipiao, `/api/command/dashboard?region=${REGION}`)).body as {
      month: string;
      figures: { id: string; value: number | null }[];
    };
    expect(dash.month).toBe(catalog.latestMonth);
    const figure = (id: string) => dash.figures.find((f) => f.id === id)?.value;
    const link = (id: string) => catalog.indicators.find((i) => i.id === id)?.list as NonNullable<Link>;
    const scope = sql`h.county_code = ${REGION}`;
    const stillPoor = sql`h.status IN ('poor', 'returned')`;
    const helped = sql`EXISTS (SELECT 1 FROM help_pairing p WHERE p.county_code = h.county_code AND p.household_id = h.id AND p.end_date IS NULL)`;
    const direct: Record<string, ReturnType<typeof sql>> = {
      hh_identified: sql`TRUE`,
      hh_remaining: stillPoor,
      hh_exited: sql`h.status IN ('exited', 'monitored')`,
      hh_returned: sql`h.status = 'returned'`,
      hh_monitored: sql`h.status = 'monitored'`,
      no_helper: sql`${stillPoor} AND NOT ${helped}`,
      deadline_passed: sql`${stillPoor} AND h.planned_exit_year < ${await registerYear(t.database.db)}`,
    };
    for (const [id, where] of Object.entries(direct)) {
      const count = await one(sql`SELECT count(*) AS n FROM household h WHERE ${scope} AND ${where}`);
      expect(figure(id), id).toBe(count);
      expect(await listTotal(link(id)), id).toBe(count);
    }
    expect(figure('no_helper')).toBeGreaterThan(0);
    // Rates open the households that lack what they measure; village figures open the village list.
    expect(link('cov_helper').query).toEqual({ gap: 'no_helper' });
    expect(link('pv_remaining')).toEqual({ path: '/registry/villages', query: { exit: 'not_exited' } });
  }, 180_000);

  it('every chart segment opens a list whose total is the segment', async () => {
    const dash = (await settled(beipiao, `/api/command/dashboard?region=${REGION}`)).body as {
      breakdowns: { id: string; items: { key: string; value: number; list: Link }[] }[];
    };
    let segments = 0;
    for (const b of dash.breakdowns) {
      for (const item of b.items.filter((i) => i.value > 0)) {
        expect(item.list, `${b.id} ${item.key}`).not.toBeNull();
        expect(await listTotal(item.list as NonNullable<Link>), `${b.id} ${item.key}`).toBe(item.value);
        segments++;
      }
    }
    expect(segments).toBeGreaterThan(15);
    const illness = await one(
      sql`SELECT count(*) AS n FROM household h WHERE h.county_code = ${REGION} AND h.status IN ('poor', 'returned') AND h.cause = 'illness'`,
    );
    const seg = dash.breakdowns.find((b) => b.id === 'by_cause')?.items.find((i) => i.key === 'illness');
    expect(seg?.value).toBe(illness);
  }, 180_000);
});
