import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { refresh, state } from '../../src/modules/command/rollups.ts';
import { dashboard } from '../../src/modules/command/service.ts';
import { loadDemo } from '../../src/modules/registry/demo/load.ts';
import { listHouseholds } from '../../src/modules/registry/service.ts';
import { TEST_KEYS } from '../support/app.ts';
import { availableEngines, type Engine, openSeeded } from '../support/db.ts';
import { type Plan, plansOf } from '../support/plans.ts';

/**
 * The command centre's figures are the same whichever engine holds the register: the same seeded demo (scale 0.01,
 * 8,100 persons) loaded into PGlite and into every server engine of the run (PostgreSQL with DATABASE_URL, the
 * distributed layout on Citus with CITUS_URL), then the province's, one city's and one county's dashboards compared
 * with PGlite's, value by value; and PGlite's county answer against a plain count of the records. Every engine of
 * the run takes part whatever TEST_ENGINES says: the comparison needs them all.
 */
const SCALE = 0.01;
const COUNTY = '211381'; // 北票市
const REGIONS = ['21', '2113', COUNTY]; // 辽宁省, 朝阳市, 北票市
const VILLAGE = '211381109201';

/** The household list's total (first page) for each region, and a direct count of the region's households. */
async function listTotals(d: Database) {
  const out: Record<string, { total: unknown; exact: unknown; direct: number }> = {};
  for (const region of REGIONS) {
    const page = await listHouseholds(d.db, TEST_KEYS, { region, limit: 5 }, 'en');
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM household WHERE county_code LIKE ${`${region}%`}`.execute(d.db);
    out[region] = { total: page.total, exact: page.totalExact, direct: Number(r.rows[0]?.n) };
  }
  return out;
}

/**
 * The province's and the city's list, page after page as the web asks for them (the walk from county to county:
 * registry/queries.ts), and the same households read directly in (county, id) order.
 */
async function listWalks(d: Database) {
  const out: Record<string, { paged: string[]; direct: string[] }> = {};
  for (const region of REGIONS.slice(0, 2)) {
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listHouseholds(d.db, TEST_KEYS, { region, limit: 200, ...(cursor ? { cursor } : {}) }, 'en');
      paged.push(...page.items.map((h) => `${h.villageCode.slice(0, 6)}-${h.id}`));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const r = await sql<{ k: string }>`
      SELECT county_code || '-' || id AS k FROM household WHERE county_code LIKE ${`${region}%`} ORDER BY county_code, id`.execute(d.db);
    out[region] = { paged, direct: r.rows.map((x) => x.k) };
  }
  return out;
}

/** The dashboards once current, without what depends on when they were asked (freshness). */
async function answers(d: Database) {
  const out: Record<string, unknown> = {};
  for (const region of REGIONS) {
    // Asked again until current: the previous month's snapshot is made in the background on first asking.
    let a = await dashboard(d.db, '21', region, undefined, 'en');
    for (const until = Date.now() + 120_000; !a.freshness.current && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 200));
      a = await dashboard(d.db, '21', region, undefined, 'en');
    }
    expect(a.freshness.current, `${region} current`).toBe(true);
    out[region] = {
      month: a.month,
      figures: a.figures,
      children: a.children,
      breakdowns: a.breakdowns,
      alerts: a.alerts,
      hasData: a.hasData,
    };
  }
  return out;
}

describe('the demo’s figures on every engine', () => {
  const got = new Map<Engine, Record<string, unknown>>();
  const totals = new Map<Engine, Awaited<ReturnType<typeof listTotals>>>();
  const walks = new Map<Engine, Awaited<ReturnType<typeof listWalks>>>();
  let provincePlans: Plan[] = [];
  const databases: Database[] = [];
  let remaining = -1;
  let plans: Plan[] = [];
  let foldPlans: Plan[] = [];
  let cityProbePlans: Plan[] = [];
  /** The shards holding the city's counties' marks, and all of the queue's shards, as Citus says directly. */
  let cityShards = { city: -1, all: -1 };

  beforeAll(async () => {
    await Promise.all(
      availableEngines().map(async (engine) => {
        const d = await openSeeded(engine);
        databases.push(d);
        const started = Date.now();
        await loadDemo(d.db, TEST_KEYS, { scale: SCALE });
        await refresh(d.db, { wait: true });
        process.stderr.write(`${engine}: demo ${SCALE} loaded and folded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
        got.set(engine, await answers(d));
        totals.set(engine, await listTotals(d));
        walks.set(engine, await listWalks(d));
        if (engine === 'citus') {
          // A county user's household list (first page, as the list opens) and dashboard, as the server runs them.
          plans = await plansOf(d.db, async () => {
            await listHouseholds(d.db, TEST_KEYS, { region: COUNTY, limit: 50 }, 'zh-CN');
            await dashboard(d.db, COUNTY, COUNTY, undefined, 'zh-CN');
          });
          for (const p of plans) process.stderr.write(`citus plan: tasks ${JSON.stringify(p.tasks)} ${p.statement}\n`);
          // The province's second page (no total is counted after the first), the counties holding households known.
          const first = await listHouseholds(d.db, TEST_KEYS, { region: '21', limit: 50 }, 'zh-CN');
          provincePlans = await plansOf(d.db, () =>
            listHouseholds(d.db, TEST_KEYS, { region: '21', limit: 50, cursor: first.nextCursor ?? undefined }, 'zh-CN'),
          );
          // A city's figures wait for its counties' marks: the probe names them.
          cityProbePlans = await plansOf(d.db, () => state(d.db, '2113'));
          const shards = await sql<{ city: number; all: number }>`
            SELECT (SELECT count(DISTINCT get_shard_id_for_distribution_column('rollup_dirty', code)) FROM region
                     WHERE code LIKE '2113%' AND length(code) = 6) AS city,
                   (SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'rollup_dirty'::regclass) AS all`.execute(d.db);
          cityShards = { city: Number(shards.rows[0]?.city), all: Number(shards.rows[0]?.all) };
          // One village's fold-in after a write there (a household form's save, as the server folds it in).
          await sql`INSERT INTO household (county_code, village_code, household_no, category, cause, year_identified, status)
            VALUES (${COUNTY}, ${VILLAGE}, 'FOLD-PLAN', 'ordinary', 'illness', 2016, 'poor')`.execute(d.db);
          foldPlans = await plansOf(d.db, () => refresh(d.db, { wait: true }));
        }
        if (engine === 'pglite') {
          const r = await sql<{ n: number }>`
            SELECT count(*) AS n FROM household WHERE county_code = '211381' AND status IN ('poor', 'returned')`.execute(d.db);
          remaining = Number(r.rows[0]?.n);
        }
      }),
    );
  }, 900_000);
  afterAll(async () => {
    for (const d of databases) await d.close();
  });

  it('PGlite’s county figure counts the records', () => {
    const county = got.get('pglite')?.['211381'] as { figures: { id: string; value: unknown }[] };
    expect(remaining).toBeGreaterThan(0);
    expect(county.figures.find((f) => f.id === 'hh_remaining')?.value).toBe(remaining);
  });

  if (availableEngines().includes('citus')) {
    it('citus: a county user’s household list and dashboard are router queries (Task Count: 1 in every plan)', () => {
      const distributed = plans.filter((p) => p.tasks.length > 0);
      // The figures' freshness probe too: a county's figures wait for its own marks only (it reached every shard
      // until 2026-12-04).
      const wide = plans.filter((p) => p.tasks.some((n) => n !== 1));
      expect(wide.map((p) => `${p.tasks.join(',')}: ${p.statement}\n${p.plan}`)).toEqual([]);
      expect(distributed.some((p) => /FROM rollup_dirty\b/.test(p.statement))).toBe(true);
      // Not vacuous: the household list itself went through Citus.
      expect(distributed.some((p) => /\bhousehold\b/.test(p.statement))).toBe(true);
    });

    it('citus: the province’s next page reads one county at a time (Task Count: 1 in every statement)', () => {
      const reads = provincePlans.filter((p) => /\bhousehold h\b/.test(p.statement));
      // Not vacuous: the page's keys and rows went through Citus.
      expect(reads.length).toBeGreaterThanOrEqual(2);
      expect(reads.filter((p) => p.tasks.some((n) => n !== 1)).map((p) => `${p.tasks.join(',')}: ${p.statement}`)).toEqual([]);
    });

    it("citus: a city's freshness probe reads its counties' shards only", () => {
      const probe = cityProbePlans.filter((p) => /FROM rollup_dirty\b/.test(p.statement));
      expect(probe).toHaveLength(1);
      expect(cityShards.city).toBeGreaterThan(0);
      expect(cityShards.city).toBeLessThan(cityShards.all);
      // Both queues (the marks and the dated facts), each on the city's shards (a prefix read all of them); the other
      // steps (the version, the combination of the two) are single tasks.
      const tasks = probe[0]?.tasks ?? [];
      expect(tasks.filter((n) => n > 1)).toEqual([cityShards.city, cityShards.city]);
      expect(tasks.filter((n) => n !== 1 && n !== cityShards.city)).toEqual([]);
    });

    // Every measure filtered by village only made each of its steps read all 32 shards: about a second to fold in one
    // village on the cluster, longer than a reader waits. Each table's county is named now.
    it("citus: one village's fold-in reads its county's shards only (Task Count: 1 in every step)", () => {
      const fold = foldPlans.filter((p) => /\bfresh AS\b/.test(p.statement));
      expect(fold).toHaveLength(1);
      const tasks = fold[0]?.tasks ?? [];
      // Not vacuous: the measures of every provider went through Citus, step by step.
      expect(tasks.length).toBeGreaterThan(20);
      expect(tasks.filter((n) => n !== 1)).toEqual([]);
    });
  }

  // The scale-0.01 province has about 3,000 households: under the list's exact limit at every level. Citus once
  // answered "about 100,000" for the province and the city (its scan node's constant read as the planner's estimate).
  it.each(availableEngines())('%s: the household list counts the province, the city and the county exactly', (engine) => {
    const mine = totals.get(engine) ?? {};
    expect(Object.keys(mine)).toEqual(REGIONS);
    for (const [region, t] of Object.entries(mine)) {
      expect(t.direct, `${engine} ${region} has households`).toBeGreaterThan(0);
      expect({ total: t.total, exact: t.exact }, `${engine} ${region}`).toEqual({ total: t.direct, exact: true });
    }
  });

  it.each(availableEngines())('%s: the province’s and the city’s list, page after page, hold every household in order', (engine) => {
    const mine = walks.get(engine) ?? {};
    expect(Object.keys(mine)).toEqual(REGIONS.slice(0, 2));
    for (const [region, w] of Object.entries(mine)) {
      expect(w.direct.length, `${engine} ${region} has households`).toBeGreaterThan(200);
      expect(w.paged, `${engine} ${region}`).toEqual(w.direct);
    }
  });

  for (const engine of availableEngines().filter((e) => e !== 'pglite')) {
    it(`${engine}: province, city and county figures equal PGlite’s`, () => {
      const mine = got.get(engine) as Record<string, unknown>;
      const lite = got.get('pglite') as Record<string, unknown>;
      for (const region of REGIONS) expect(mine[region], `${engine} ${region}`).toEqual(lite[region]);
      // Citus against single-node PostgreSQL directly, when the run has both.
      const single = engine === 'citus' ? got.get('postgresql') : undefined;
      if (single) for (const region of REGIONS) expect(mine[region], `citus ${region}`).toEqual(single[region]);
      // Not vacuous: the county has households and figures.
      expect((mine['211381'] as { hasData: boolean }).hasData).toBe(true);
    });
  }
});
