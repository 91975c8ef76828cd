import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Actor } from '../../src/modules/audit/service.ts';
import { HouseholdInput, saveHousehold } from '../../src/modules/registry/edit.ts';
import { AppError } from '../../src/server/errors.ts';
import { loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * The household form's fields beyond the interchange file — 两不愁三保障, income by source, projects, the helper's
 * phone — written by the service (no HTTP) and read back by direct SQL; refusals change nothing.
 */
const ACTOR: Actor = { id: null, username: 'tester' };
const VILLAGE = '211381109201';

function household(no: string, seq: number) {
  return {
    villageCode: VILLAGE,
    householdNo: no,
    category: 'ordinary',
    cause: 'illness',
    yearIdentified: 2015,
    plannedExitYear: 2019,
    status: 'poor',
    helper: '钱进',
    members: [
      { name: '冯大海', idNumber: makeId('211381', '1965-06-06', seq, true), relation: 'head', gender: 'M' },
      { name: '冯小海', idNumber: makeId('211381', '2000-01-01', seq + 2, true), relation: 'son', gender: 'M' },
      { name: '王秀英', idNumber: makeId('211381', '1967-03-03', seq + 4, false), relation: 'spouse', gender: 'F' },
    ],
  } satisfies HouseholdInput;
}

const rows = async (db: Database['db'], q: ReturnType<typeof sql>) => (await q.execute(db)).rows as Record<string, unknown>[];

/** Everything the form can change about a household, straight from the tables: the "nothing changed" yardstick. */
async function snapshot(db: Database['db'], no: string) {
  return {
    household: await rows(db, sql`SELECT * FROM household WHERE household_no = ${no}`),
    incomes: await rows(
      db,
      sql`SELECT i.* FROM household_income i JOIN household h ON h.county_code = i.county_code AND h.id = i.household_id
          WHERE h.household_no = ${no} ORDER BY i.year`,
    ),
    projects: await rows(
      db,
      sql`SELECT p.* FROM household_project p JOIN household h ON h.county_code = p.county_code AND h.id = p.household_id
          WHERE h.household_no = ${no} ORDER BY p.id`,
    ),
    pairings: await rows(
      db,
      sql`SELECT p.* FROM help_pairing p JOIN household h ON h.county_code = p.county_code AND h.id = p.household_id
          WHERE h.household_no = ${no} ORDER BY p.id`,
    ),
    audit: await rows(db, sql`SELECT count(*)::int AS n FROM audit_log`),
    batches: await rows(db, sql`SELECT count(*)::int AS n FROM import_batch WHERE status NOT IN ('committed', 'discarded')`),
  };
}

describe.each(engines())('household form details on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  /** The register year this test sets (the list's income column is this year's figure). */
  const REGISTER_YEAR = 2017;
  const save = (input: unknown, id?: number, lang: 'zh-CN' | 'en' = 'zh-CN') =>
    saveHousehold(db, TEST_KEYS, '211381', ACTOR, HouseholdInput.parse(input), lang, id);

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    // The register year follows the clock unless an administrator sets it: this test's figures are for 2017.
    await sql`INSERT INTO setting (key, value) VALUES ('registry.register_year', ${JSON.stringify(REGISTER_YEAR)}::jsonb)
              ON CONFLICT (key, scope_code, year) DO UPDATE SET value = excluded.value`.execute(db);
  });
  afterAll(() => t.close());

  it('writes the five flags, income by source, projects and the helper phone, and reads them back', async () => {
    const { id } = await save({
      ...household('DET01', 601),
      guarantees: { food: true, clothing: true, education: false, medical: true, housing: false },
      incomes: [
        { year: 2016, perCapita: 2600 },
        { year: REGISTER_YEAR, wages: 12000.5, business: 8000, businessCosts: 2500.25, property: 300, transfers: 1800.1, persons: 3 },
      ],
      projects: [
        { type: 'industry', year: 2017, amount: 5000, state: 'in_progress' },
        { type: 'housing', year: 2016, amount: 20000, state: 'completed' },
      ],
      helperPhone: '13912345678',
    });

    const [h] = await rows(db, sql`SELECT * FROM household WHERE id = ${id}`);
    expect([h?.guarantee_food, h?.guarantee_clothing, h?.guarantee_education, h?.guarantee_medical, h?.guarantee_housing]).toEqual([
      true,
      true,
      false,
      true,
      false,
    ]);

    // 人均纯收入 = (12000.50 + 8000 − 2500.25 + 300 + 1800.10) ÷ 3 = 19600.35 ÷ 3 = 6533.45 (worked by hand), and the
    // stored figure agrees with its stored sources when PostgreSQL does the sum.
    const income = await rows(
      db,
      sql`SELECT year, per_capita::float8 AS per_capita, wages::float8 AS wages, business_costs::float8 AS costs, persons,
                 round((wages + business - business_costs + property + transfers) / persons, 2)::float8 AS recomputed
          FROM household_income WHERE household_id = ${id} ORDER BY year`,
    );
    expect(income).toEqual([
      { year: 2016, per_capita: 2600, wages: null, costs: null, persons: null, recomputed: null },
      { year: REGISTER_YEAR, per_capita: 6533.45, wages: 12000.5, costs: 2500.25, persons: 3, recomputed: 6533.45 },
    ]);

    const projects = await rows(
      db,
      sql`SELECT type, year, amount::float8 AS amount, state FROM household_project WHERE household_id = ${id} ORDER BY year`,
    );
    expect(projects).toEqual([
      { type: 'housing', year: 2016, amount: 20000, state: 'completed' },
      { type: 'industry', year: 2017, amount: 5000, state: 'in_progress' },
    ]);
    const [pairing] = await rows(
      db,
      sql`SELECT helper_name, helper_phone_masked, helper_phone_cipher FROM help_pairing WHERE household_id = ${id}`,
    );
    expect(pairing?.helper_name).toBe('钱进');
    expect(pairing?.helper_phone_masked).toMatch(/^139\*+5678$|^139\*{4}5678$/);
    expect(String(pairing?.helper_phone_cipher)).not.toContain('13912345678');

    // The detail the page shows says the same.
    const client = await loggedIn(t.app, 'beipiao');
    const detail = (await client.get(`/api/registry/households/${id}`)).body;
    expect(detail.guarantees).toEqual({ food: true, clothing: true, education: false, medical: true, housing: false });
    expect(detail.incomes[1]).toMatchObject({
      year: REGISTER_YEAR,
      perCapita: 6533.45,
      wages: 12000.5,
      business: 8000,
      businessCosts: 2500.25,
    });
    expect(detail.helpers[0].phoneMasked).toBe(pairing?.helper_phone_masked);
  });

  it('edits them: flags, a changed and a removed project, a new one, another year of income', async () => {
    const first = await save({
      ...household('DET02', 611),
      incomes: [{ year: REGISTER_YEAR, wages: 6000, persons: 3 }],
      projects: [
        { type: 'industry', year: 2017, amount: 5000, state: 'planned' },
        { type: 'education', year: 2017, amount: 1000, state: 'planned' },
      ],
    });
    const ids = (await rows(db, sql`SELECT id FROM household_project WHERE household_id = ${first.id} ORDER BY id`)).map((r) =>
      Number(r.id),
    );
    const auditBefore = Number((await rows(db, sql`SELECT count(*) AS n FROM audit_log WHERE entity_id = ${String(first.id)}`))[0]?.n);
    await save(
      {
        ...household('DET02', 611),
        guarantees: { food: true, clothing: false, education: true, medical: true, housing: true },
        incomes: [
          { year: 2016, wages: 3000, transfers: 600, persons: 4 },
          { year: REGISTER_YEAR, wages: 6000, business: 1500, persons: 3 },
        ],
        projects: [
          { id: ids[0], type: 'industry', year: 2017, amount: 6500.5, state: 'completed' },
          { type: 'microcredit', year: 2017, amount: 50000, state: 'in_progress' },
        ],
      },
      first.id,
    );
    const [h] = await rows(db, sql`SELECT guarantee_clothing, guarantee_food FROM household WHERE id = ${first.id}`);
    expect(h).toEqual({ guarantee_clothing: false, guarantee_food: true });
    const income = await rows(
      db,
      sql`SELECT year, per_capita::float8 AS v FROM household_income WHERE household_id = ${first.id} ORDER BY year`,
    );
    // 2016: (3000 + 600) ÷ 4 = 900; the register year: (6000 + 1500) ÷ 3 = 2500.
    expect(income).toEqual([
      { year: 2016, v: 900 },
      { year: REGISTER_YEAR, v: 2500 },
    ]);
    const projects = await rows(
      db,
      sql`SELECT id, type, amount::float8 AS amount, state FROM household_project WHERE household_id = ${first.id} ORDER BY id`,
    );
    expect(projects.map((p) => [p.type, p.amount, p.state])).toEqual([
      ['industry', 6500.5, 'completed'],
      ['microcredit', 50000, 'in_progress'],
    ]);
    expect(Number(projects[0]?.id)).toBe(ids[0]);
    // The list's income column (the register year) moved with the split.
    const client = await loggedIn(t.app, 'beipiao');
    const list = (await client.get('/api/registry/households?q=冯大海&limit=50')).body.items.find(
      (i: { householdNo: string }) => i.householdNo === 'DET02',
    );
    expect(list.income).toBe(2500);
    // One audit row for the whole save, an edit, whose before and after differ in the details this edit changed.
    const trail = await rows(db, sql`SELECT action, before, after FROM audit_log WHERE entity_id = ${String(first.id)} ORDER BY id`);
    expect(trail.length).toBe(auditBefore + 1);
    const details = trail.at(-1) as { action: string; before: Record<string, unknown>; after: Record<string, unknown> };
    expect(details.action).toBe('update');
    const changed = Object.keys(details.after).filter((k) => JSON.stringify(details.before[k]) !== JSON.stringify(details.after[k]));
    expect(changed).toEqual(expect.arrayContaining(['guarantees', 'incomes', 'projects']));
    expect(changed.filter((k) => !['guarantees', 'incomes', 'projects', 'income'].includes(k))).toEqual([]);
  });

  it('an import that repeats the per-capita figure keeps the split; one that changes it replaces the year', async () => {
    const { id } = await save({ ...household('DET05', 641), incomes: [{ year: REGISTER_YEAR, wages: 9000, transfers: 600, persons: 3 }] });
    const split = async () =>
      (
        await rows(
          db,
          sql`SELECT per_capita::float8 AS v, wages::float8 AS wages FROM household_income WHERE household_id = ${id} AND year = ${REGISTER_YEAR}`,
        )
      )[0];
    expect(await split()).toEqual({ v: 3200, wages: 9000 });
    // The interchange path (a file's 人均纯收入 column, no split): another status, the same figure.
    await save({ ...household('DET05', 641), status: 'exited', exitYear: 2018, income: 3200 }, id);
    expect(await split()).toEqual({ v: 3200, wages: 9000 });
    // Another figure: the file's figure replaces the year, and its sources (which no longer add up to it) go.
    await save({ ...household('DET05', 641), status: 'exited', exitYear: 2018, income: 3500 }, id);
    expect(await split()).toEqual({ v: 3500, wages: null });
  });

  it('refuses a bad amount or year with a precise message on its field, and changes nothing', async () => {
    const { id } = await save({ ...household('DET03', 621), incomes: [{ year: REGISTER_YEAR, wages: 4000, persons: 3 }] });
    const before = await snapshot(db, 'DET03');
    const base = {
      ...household('DET03', 621),
      guarantees: { food: false, clothing: false, education: false, medical: false, housing: false },
    };

    // Caught by the schema (the route's zod parse): path and both languages.
    const shape = (input: unknown) => HouseholdInput.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(shape({ ...base, projects: [{ type: 'industry', year: 2017, amount: -5, state: 'planned' }] })).toEqual([
      ['projects.0.amount', '金额不能为负数|An amount cannot be negative'],
    ]);
    expect(shape({ ...base, incomes: [{ year: 1999, wages: 100 }] })).toEqual([
      ['incomes.0.year', '年度不能早于 2000 年|The year cannot be before 2000'],
    ]);
    expect(shape({ ...base, incomes: [{ year: 2017.5, wages: 100 }] })?.[0]?.[0]).toBe('incomes.0.year');
    expect(shape({ ...base, incomes: [{ year: 2017, wages: 100.001 }] })?.[0]?.[0]).toBe('incomes.0.wages');

    // Caught by the service's rules, each on its field.
    const refused = async (input: unknown, lang: 'zh-CN' | 'en' = 'zh-CN') => {
      const e = await save(input, id, lang).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      return ((e as AppError).details as { path: string; message: string }[]).map((d) => [d.path, d.message]);
    };
    const now = new Date().getFullYear();
    expect(await refused({ ...base, incomes: [{ year: now + 1, wages: 100 }] })).toEqual([
      ['incomes.0.year', `收入年度 ${now + 1} 晚于今年（${now}），不能填写尚未发生的收入`],
    ]);
    expect(
      await refused(
        {
          ...base,
          incomes: [
            { year: 2016, perCapita: 100 },
            { year: 2016, perCapita: 200 },
          ],
        },
        'en',
      ),
    ).toEqual([['incomes.1.year', 'The income of 2016 is entered twice; enter one row a year']]);
    expect(await refused({ ...base, incomes: [{ year: 2017, wages: 1000, businessCosts: 1500.5 }] })).toEqual([
      ['incomes.0.businessCosts', '2017 年：生产经营性支出（1500.5 元）大于各项收入之和（1000 元），纯收入不能为负'],
    ]);
    expect((await refused({ ...base, incomes: [{ year: 2017 }] }))[0]?.[0]).toBe('incomes.0.perCapita');
    expect(await refused({ ...base, projects: [{ type: '养猪', year: 2017, state: 'planned' }] })).toEqual([
      ['projects.0.type', '“养猪”不是有效的帮扶项目类型'],
    ]);
    // A project id that is not this household's is refused inside the commit: the household's other changes roll back.
    const [other] = await rows(db, sql`SELECT id FROM household_project ORDER BY id LIMIT 1`);
    expect(
      (
        await refused({
          ...base,
          status: 'exited',
          exitYear: 2017,
          projects: [{ id: Number(other?.id), type: 'industry', year: 2017, state: 'planned' }],
        })
      )[0],
    ).toEqual(['projects.0.id', '第 1 个帮扶项目不是本户的项目，请刷新页面后重试']);
    expect(await refused({ ...base, helper: null, helperPhone: '13912345678' })).toEqual([
      ['helperPhone', '填写帮扶责任人后才能填写其联系电话'],
    ]);

    expect(await snapshot(db, 'DET03')).toEqual(before);
  });

  it('answers a bad amount over HTTP with the field path in the user language, and writes nothing', async () => {
    const client = await loggedIn(t.app, 'beipiao');
    const { id } = await save(household('DET04', 631));
    const before = await snapshot(db, 'DET04');
    const body = { ...household('DET04', 631), projects: [{ type: 'industry', year: 2017, amount: -1, state: 'planned' }] };
    const zh = await client.put(`/api/registry/households/${id}`, body);
    expect(zh.status).toBe(400);
    expect(zh.body.error.details).toEqual([expect.objectContaining({ path: 'projects.0.amount', message: '金额不能为负数' })]);
    client.lang = 'en';
    const en = await client.put(`/api/registry/households/${id}`, { ...body, incomes: [{ year: 2200, wages: 1 }], projects: [] });
    expect(en.body.error.details).toEqual([expect.objectContaining({ path: 'incomes.0.year', message: 'The year cannot be after 2100' })]);
    expect(await snapshot(db, 'DET04')).toEqual(before);
  });
});
