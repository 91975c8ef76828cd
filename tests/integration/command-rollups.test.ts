import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { ensureMonth, refresh } from '../../src/modules/command/rollups.ts';
import { valuesOf } from '../../src/modules/command/service.ts';
import { commit, type InputRow, stage } from '../../src/modules/registry/import/service.ts';
import { TEST_KEYS } from '../support/app.ts';
import { engines, openSeeded } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * Rollups against the records. After a random (seeded) sequence of imports, corrected re-imports and direct SQL
 * inserts, updates and deletes, every rollup row at every level must equal what this test computes itself, in
 * JavaScript, from the base tables; and a month's snapshot must equal the same computation as of that month's end.
 */

const actor = { id: null, username: 'tester' };
const CAUSES = ['因病', '因残', '因学', '缺资金'];
const STATUSES = ['未脱贫', '已脱贫', '返贫', '监测户'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Expected = Map<string, Map<string, number>>;

function add(e: Expected, village: string, measure: string, v: number) {
  if (!v) return;
  for (const l of [2, 4, 6, 9, 12]) {
    const code = village.slice(0, l);
    const m = e.get(code) ?? new Map<string, number>();
    m.set(measure, (m.get(measure) ?? 0) + v);
    e.set(code, m);
  }
}

/** The measures, computed here from raw rows: as the records stand (asOf null) or at the end of a day. */
async function expectedMeasures(d: Database, asOf: string | null, levels = [2, 4, 6, 9, 12]): Promise<Expected> {
  const q = async <T>(text: string) => (await sql<T>`${sql.raw(text)}`.execute(d.db)).rows;
  const hh = await q<{
    county_code: string;
    id: number;
    village_code: string;
    member_count: number;
    cause: string;
    category: string;
    planned_exit_year: number | null;
    status: string;
  }>('SELECT county_code, id, village_code, member_count, cause, category, planned_exit_year, status FROM household');
  const history = await q<{ county_code: string; household_id: number; status: string; changed_on: string; id: number }>(
    'SELECT county_code, household_id, status, changed_on::text AS changed_on, id FROM household_status_history ORDER BY changed_on, id',
  );
  const pairings = await q<{ county_code: string; household_id: number; start_date: string; end_date: string | null }>(
    'SELECT county_code, household_id, start_date::text AS start_date, end_date::text AS end_date FROM help_pairing',
  );
  const projects = await q<{ county_code: string; household_id: number; year: number; state: string }>(
    'SELECT county_code, household_id, year, state FROM household_project',
  );
  const incomes = await q<{ county_code: string; household_id: number; year: number; per_capita: number }>(
    'SELECT county_code, household_id, year, per_capita FROM household_income',
  );
  const pvs = await q<{
    village_code: string;
    year_listed: number;
    exit_year: number | null;
    planned_exit_year: number | null;
    rural_population: number;
  }>('SELECT village_code, year_listed, exit_year, planned_exit_year, rural_population FROM poor_village');
  const pops = await q<{ village_code: string; rural_population: number }>('SELECT village_code, rural_population FROM village_population');

  const key = (c: string, id: number) => `${c}-${id}`;
  const statusAt = new Map<string, string>();
  if (asOf) for (const h of history) if (h.changed_on <= asOf) statusAt.set(key(h.county_code, h.household_id), h.status);
  const year = asOf ? Number(asOf.slice(0, 4)) : 9999;
  const helped = new Set(
    pairings
      .filter((p) => (asOf ? p.start_date <= asOf && (!p.end_date || p.end_date > asOf) : !p.end_date))
      .map((p) => key(p.county_code, p.household_id)),
  );
  const projected = new Set(
    projects.filter((p) => p.state !== 'cancelled' && p.year <= year).map((p) => key(p.county_code, p.household_id)),
  );

  const e: Expected = new Map();
  const live = new Map<string, (typeof hh)[number] & { s: string }>();
  const remainingPersons = new Map<string, number>();
  for (const h of hh) {
    const s = asOf ? statusAt.get(key(h.county_code, h.id)) : h.status;
    if (!s) continue;
    const k = key(h.county_code, h.id);
    live.set(k, { ...h, s });
    add(e, h.village_code, `hh.status.${s}`, 1);
    add(e, h.village_code, `p.status.${s}`, Number(h.member_count));
    if (s === 'poor' || s === 'returned') {
      remainingPersons.set(h.village_code, (remainingPersons.get(h.village_code) ?? 0) + Number(h.member_count));
      add(e, h.village_code, `hh.remaining.cause.${h.cause}`, 1);
      add(e, h.village_code, `hh.remaining.category.${h.category}`, 1);
      if (helped.has(k)) add(e, h.village_code, 'hh.remaining.helped', 1);
      if (projected.has(k)) add(e, h.village_code, 'hh.remaining.projected', 1);
      add(e, h.village_code, `hh.remaining.deadline.${h.planned_exit_year ?? 'none'}`, 1);
    }
  }
  {
    // A month's snapshot keeps the income of the month's year only; the rest as the records stand.
    for (const i of incomes) {
      const h = live.get(key(i.county_code, i.household_id));
      if (!h || (asOf !== null && i.year !== year)) continue;
      add(e, h.village_code, `inc.${i.year}.band.${Math.min(Math.floor(Number(i.per_capita) / 1000), 10)}`, 1);
      add(e, h.village_code, `inc.${i.year}.sum`, Number(i.per_capita));
    }
    const pop = new Map(pops.map((p) => [p.village_code, Number(p.rural_population)]));
    for (const v of pvs) {
      add(e, v.village_code, `pv.listed.${v.year_listed}`, 1);
      if (v.exit_year) add(e, v.village_code, `pv.exited.${v.exit_year}`, 1);
      pop.set(v.village_code, Number(v.rural_population));
      if (!v.exit_year && v.planned_exit_year && v.rural_population > 0) {
        const step = Math.min(Math.floor((1000 * (remainingPersons.get(v.village_code) ?? 0)) / v.rural_population), 100);
        add(e, v.village_code, `pv.due.${v.planned_exit_year}.${step}`, 1);
      }
    }
    for (const [village, n] of pop) add(e, village, 'pop.rural', n);
  }
  await expectedCadreMeasures(d, e, asOf, pvs);
  for (const code of [...e.keys()]) if (!levels.includes(code.length)) e.delete(code);
  return e;
}

/**
 * The resident cadres' measures (src/modules/cadres/indicators.ts) from the raw rows: postings in post on the day,
 * the teams of the poor villages listed by then, leave awaiting approval on the day, replacements by year.
 */
async function expectedCadreMeasures(d: Database, e: Expected, asOf: string | null, pvs: { village_code: string; year_listed: number }[]) {
  const q = async <T>(text: string) => (await sql<T>`${sql.raw(text)}`.execute(d.db)).rows;
  const day = asOf ?? new Date().toISOString().slice(0, 10);
  const nextDay = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
  const postings = await q<{
    village_code: string;
    role: string;
    start_date: string;
    confirmed_on: string | null;
    end_date: string | null;
    end_kind: string | null;
  }>(
    `SELECT village_code, role, start_date::text AS start_date, confirmed_on::text AS confirmed_on, end_date::text AS end_date, end_kind FROM cadre_posting`,
  );
  const posted = postings.filter(
    (p) => p.confirmed_on !== null && p.confirmed_on <= day && p.start_date <= day && (p.end_date === null || p.end_date >= day),
  );
  for (const p of posted) {
    add(e, p.village_code, 'cadre.in_post', 1);
    add(e, p.village_code, `cadre.in_post.${p.role}`, 1);
  }
  for (const v of pvs) {
    if (v.year_listed > Number(day.slice(0, 4))) continue;
    const team = posted.filter((p) => p.village_code === v.village_code);
    const size = Math.min(team.length, 9);
    add(e, v.village_code, 'cadre.pv', 1);
    add(e, v.village_code, `cadre.pv.team.${size}`, 1);
    if (team.some((p) => p.role === 'first_secretary')) {
      add(e, v.village_code, 'cadre.pv.secretary', 1);
      add(e, v.village_code, `cadre.pv.staffed.${size}`, 1);
    }
  }
  for (const p of postings)
    if (p.end_kind === 'replaced' && p.end_date && p.end_date <= day) add(e, p.village_code, `cadre.replaced.${p.end_date.slice(0, 4)}`, 1);
  const steps = await q<{ region_code: string; case_id: number; seq: number; to_state: string; at: Date; opened_at: Date }>(
    `SELECT c.region_code, c.id AS case_id, s.seq, s.to_state, s.at, c.opened_at FROM procedure_case c
     JOIN procedure_step s ON s.county_code = c.county_code AND s.case_id = c.id WHERE c.procedure = 'cadres.leave' ORDER BY c.id, s.seq`,
  );
  const last = new Map<number, { region: string; state: string }>();
  for (const s of steps)
    if (new Date(s.opened_at) < nextDay && new Date(s.at) < nextDay)
      last.set(Number(s.case_id), { region: s.region_code, state: s.to_state });
  for (const l of last.values()) if (l.state === 'requested') add(e, l.region, 'cadre.leave.waiting', 1);
}

/** What the engine stored: the live rollup, or a month's snapshot. */
async function stored(d: Database, month?: string): Promise<Expected> {
  const r = month
    ? await sql<{ region_code: string; measure: string; value: number }>`
        SELECT region_code, measure, value FROM indicator_monthly WHERE month = ${`${month}-01`}::date`.execute(d.db)
    : await sql<{ region_code: string; measure: string; value: number }>`SELECT region_code, measure, value FROM indicator_rollup`.execute(
        d.db,
      );
  const out: Expected = new Map();
  for (const row of r.rows) {
    // The party and exit modules' measures are checked against direct SQL by their own tests (party-*.test.ts,
    // exit-*.test.ts); this test recomputes the register's and the resident cadres' from their raw rows.
    if (row.measure.startsWith('party.') || row.measure.startsWith('exit.')) continue;
    const m = out.get(row.region_code) ?? new Map();
    m.set(row.measure, Number(row.value));
    out.set(row.region_code, m);
  }
  return out;
}

const asObject = (e: Expected) =>
  Object.fromEntries(
    [...e.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, m]) => [code, Object.fromEntries([...m.entries()].filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)))]),
  );

describe.each(engines())('command centre rollups on %s', (engine) => {
  let d: Database;
  let villages: string[];
  const random = rng(20171201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  let seq = 100;
  const households: { no: string; village: string; county: string; ids: string[] }[] = [];

  async function importHousehold(
    h: { no: string; village: string; county: string; ids: string[] },
    status: string,
    cause: string,
    planned: number | null,
  ) {
    const income = String(Math.floor(random() * 12000));
    const helper = random() < 0.7;
    const rows: InputRow[] = h.ids.map((id, i) => ({
      rowNumber: i + 2,
      cells: {
        village_code: h.village,
        household_no: h.no,
        name: `测试${h.no}${i}`,
        id_number: id,
        relation: i === 0 ? '户主' : '之子',
        category: '一般贫困户',
        poverty_cause: cause,
        year_identified: 2015,
        ...(planned ? { planned_exit_year: planned } : {}),
        ...(status === '已脱贫' || status === '监测户' ? { exit_year: 2016 } : {}),
        household_status: status,
        income_per_capita: income,
        ...(helper ? { helper: '李明' } : {}),
      },
    }));
    const { batchId, counts } = await stage(d.db, TEST_KEYS, { scopeCode: h.county, actor, filename: 'prop.xlsx' }, rows);
    if (counts.rowsWithProblems) {
      const r = await sql`SELECT problems FROM import_row WHERE batch_id = ${batchId}`.execute(d.db);
      throw new Error(JSON.stringify({ status, planned, problems: r.rows }));
    }
    await commit(d.db, batchId, actor);
  }

  beforeAll(async () => {
    d = await openSeeded(engine);
    villages = (
      await sql<{ code: string }>`
        SELECT code FROM region WHERE level = 5 AND (code LIKE '211381109%' OR code LIKE '211381100%' OR code LIKE '211322%')
        ORDER BY code LIMIT 400`.execute(d.db)
    ).rows
      .map((r) => r.code)
      .filter((_, i) => i % 37 === 0);
  });
  afterAll(() => d.close());

  it('every rollup equals a direct computation after random imports, corrections and direct writes', async () => {
    const household = () => pick(households);
    const ops: (() => Promise<void>)[] = [
      async () => {
        const village = pick(villages);
        const county = village.slice(0, 6);
        const size = 1 + Math.floor(random() * 4);
        const ids = Array.from({ length: size }, (_, i) => makeId(county, `19${60 + i * 7}-0${1 + i}-1${i}`, seq++, i % 2 === 0));
        const h = { no: `P${seq++}`, village, county, ids };
        households.push(h);
        await importHousehold(h, pick(STATUSES.slice(0, 2)), pick(CAUSES), random() < 0.8 ? 2017 + Math.floor(random() * 3) : null);
      },
      async () => {
        if (!households.length) return;
        // A corrected file: new status, cause and deadline, updated in place.
        await importHousehold(household(), pick(STATUSES), pick(CAUSES), random() < 0.5 ? 2016 : 2019);
      },
      async () => {
        await sql`WITH hh AS MATERIALIZED (SELECT county_code, id FROM household ORDER BY random() LIMIT 1),
                       he AS (INSERT INTO helper (county_code, name) SELECT county_code, '王帮' FROM hh RETURNING county_code, id)
          INSERT INTO help_pairing (county_code, household_id, helper_id, helper_name, start_date)
          SELECT hh.county_code, hh.id, he.id, '王帮', DATE '2015-04-01' FROM hh JOIN he ON he.county_code = hh.county_code`.execute(d.db);
      },
      async () => {
        await sql`UPDATE help_pairing SET end_date = DATE '2026-01-31'
          WHERE (county_code, id) IN (SELECT county_code, id FROM help_pairing WHERE end_date IS NULL ORDER BY random() LIMIT 1)`.execute(
          d.db,
        );
      },
      async () => {
        await sql`INSERT INTO household_project (county_code, household_id, type, year, amount, state)
          SELECT county_code, id, 'industry', 2016 + (random() * 2)::int, 5000, (ARRAY['planned','done','cancelled'])[1 + (random() * 2)::int]
          FROM household ORDER BY random() LIMIT 1`.execute(d.db);
      },
      async () => {
        await sql`DELETE FROM household_project WHERE (county_code, id) IN (SELECT county_code, id FROM household_project ORDER BY random() LIMIT 1)`.execute(
          d.db,
        );
      },
      async () => {
        await sql`UPDATE household SET status = 'returned', member_count = member_count + 1
          WHERE (county_code, id) IN (SELECT county_code, id FROM household ORDER BY random() LIMIT 1)`.execute(d.db);
      },
      async () => {
        const v = pick(villages);
        await sql`INSERT INTO poor_village (county_code, village_code, year_listed, rural_population, planned_exit_year, exit_year)
          VALUES (${v.slice(0, 6)}, ${v}, 2014, ${50 + Math.floor(random() * 500)}, 2017, ${random() < 0.3 ? 2017 : null})
          ON CONFLICT (county_code, village_code) DO UPDATE SET rural_population = excluded.rural_population, exit_year = excluded.exit_year`.execute(
          d.db,
        );
      },
      async () => {
        const v = pick(villages);
        await sql`INSERT INTO village_population (county_code, village_code, rural_population, year)
          VALUES (${v.slice(0, 6)}, ${v}, ${100 + Math.floor(random() * 2000)}, 2017)
          ON CONFLICT (county_code, village_code) DO UPDATE SET rural_population = excluded.rural_population`.execute(d.db);
      },
      async () => {
        await sql`INSERT INTO household_income (county_code, household_id, year, per_capita)
          SELECT county_code, id, 2016, (random() * 15000)::int FROM household ORDER BY random() LIMIT 1
          ON CONFLICT (county_code, household_id, year) DO UPDATE SET per_capita = excluded.per_capita`.execute(d.db);
      },
      async () => {
        if (households.length < 4) return;
        const h = households.splice(Math.floor(random() * households.length), 1)[0];
        if (!h) return;
        await sql`UPDATE household SET head_person_id = NULL WHERE county_code = ${h.county} AND household_no = ${h.no}`.execute(d.db);
        await sql`DELETE FROM household_member WHERE (county_code, household_id) IN
          (SELECT county_code, id FROM household WHERE county_code = ${h.county} AND household_no = ${h.no})`.execute(d.db);
        await sql`DELETE FROM household WHERE county_code = ${h.county} AND household_no = ${h.no}`.execute(d.db);
      },
    ];

    let checks = 0;
    for (let step = 0; step < 60; step++) {
      const op = step < 8 ? (ops[0] as () => Promise<void>) : pick(ops);
      await op();
      if (step % 6 === 5 || step === 59) {
        await refresh(d.db);
        expect(asObject(await stored(d)), `after step ${step}`).toEqual(asObject(await expectedMeasures(d, null)));
        checks++;
      }
    }
    expect(checks).toBeGreaterThanOrEqual(10);
    expect(households.length).toBeGreaterThan(5);

    // An indicator read through the whole mechanism equals a plain SQL count.
    const direct = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM household WHERE county_code = '211381' AND status IN ('poor', 'returned')`.execute(d.db);
    expect((await valuesOf(d.db, '211381', undefined)).hh_remaining).toBe(Number(direct.rows[0]?.n));
  }, 240_000);

  it('a closed month equals the records as of its end, and a change dated into it is taken into account', async () => {
    const month = '2025-06';
    await sql`INSERT INTO household_status_history (county_code, household_id, status, previous_status, changed_on)
      SELECT county_code, id, 'poor', NULL, DATE '2025-03-10' FROM household ORDER BY id LIMIT 5`.execute(d.db);
    await ensureMonth(d.db, month);
    // Every measure, every level down to the village: a closed month is read from its snapshot alone (decision 0007).
    const pick = (e: Expected) => {
      for (const [, m] of e) for (const k of [...m.keys()]) if (m.get(k) === 0) m.delete(k);
      return asObject(new Map([...e].filter(([, m]) => m.size > 0)));
    };
    const before = pick(await expectedMeasures(d, '2025-06-30'));
    expect(Object.keys(before).length).toBeGreaterThan(0);
    expect(asObject(await stored(d, month))).toEqual(before);

    // Backdated: two of them exited in May 2025. The snapshot must follow.
    await sql`INSERT INTO household_status_history (county_code, household_id, status, previous_status, changed_on)
      SELECT county_code, id, 'exited', 'poor', DATE '2025-05-20' FROM household ORDER BY id LIMIT 2`.execute(d.db);
    // The row trigger queues the dated change (migration 0049); the engine folds it (drops the month) before any read.
    await refresh(d.db, { wait: true });
    await ensureMonth(d.db, month);
    const after = pick(await expectedMeasures(d, '2025-06-30'));
    expect(after).not.toEqual(before);
    expect(asObject(await stored(d, month))).toEqual(after);
  }, 120_000);
});
