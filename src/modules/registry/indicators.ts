import { type RawBuilder, sql } from 'kysely';
import { thisYear } from '../../server/clock.ts';
import type { Lang } from '../../server/i18n.ts';
import type { AlertRuleDef, Context, IndicatorDef, IndicatorProvider, ListLink, MeasureReader } from '../command/types.ts';
import { label, listItems } from './codelists.ts';
import { householdWhere } from './queries.ts';

/**
 * What the register adds to the command centre: additive measures per village, the indicators read from them,
 * breakdowns and alert rules. "Remaining" (未脱贫) is poor or returned, as on the registry pages.
 */

const REMAINING = sql`('poor', 'returned')`;

function measuresSql(villages: RawBuilder<unknown> | null, asOf: string | null) {
  const inVillages = (col: string) => (villages ? sql`${sql.ref(col)} IN (${villages})` : sql`TRUE`);
  const d = asOf === null ? null : sql`${asOf}::date`;
  const status = d
    ? sql`(SELECT s.status FROM household_status_history s WHERE s.county_code = h.county_code AND s.household_id = h.id
           AND s.changed_on <= ${d} ORDER BY s.changed_on DESC, s.id DESC LIMIT 1)`
    : sql`h.status`;
  const helped = d
    ? sql`EXISTS (SELECT 1 FROM help_pairing hp WHERE hp.county_code = h.county_code AND hp.household_id = h.id
           AND hp.start_date <= ${d} AND (hp.end_date IS NULL OR hp.end_date > ${d}))`
    : sql`EXISTS (SELECT 1 FROM help_pairing hp WHERE hp.county_code = h.county_code AND hp.household_id = h.id AND hp.end_date IS NULL)`;
  const projected = d
    ? sql`EXISTS (SELECT 1 FROM household_project pr WHERE pr.county_code = h.county_code AND pr.household_id = h.id
           AND pr.state <> 'cancelled' AND pr.year <= extract(year FROM ${d})::int)`
    : sql`EXISTS (SELECT 1 FROM household_project pr WHERE pr.county_code = h.county_code AND pr.household_id = h.id AND pr.state <> 'cancelled')`;
  // A closed month keeps the income of its own year only (the year its figures are judged against): a snapshot holds
  // every village, and all years' bands would multiply its size for figures nobody reads.
  const incomeYears = d ? sql`AND i.year = extract(year FROM ${d})::int` : sql``;
  return sql<{ village_code: string; measure: string; value: number }>`
    WITH hh AS MATERIALIZED (
      SELECT h.county_code, h.id, h.village_code, h.member_count, h.cause, h.category, h.planned_exit_year,
             ${status} AS status, ${helped} AS helped, ${projected} AS projected
      FROM household h WHERE ${inVillages('h.village_code')}
    ), live AS (SELECT * FROM hh WHERE status IS NOT NULL),
    remaining AS (SELECT * FROM live WHERE status IN ${REMAINING})
    SELECT village_code, 'hh.status.' || status AS measure, count(*)::numeric AS value FROM live GROUP BY 1, 2
    UNION ALL SELECT village_code, 'p.status.' || status, sum(member_count) FROM live GROUP BY 1, 2
    UNION ALL SELECT village_code, 'hh.remaining.cause.' || cause, count(*) FROM remaining GROUP BY 1, 2
    UNION ALL SELECT village_code, 'hh.remaining.category.' || category, count(*) FROM remaining GROUP BY 1, 2
    UNION ALL SELECT village_code, 'hh.remaining.helped', count(*) FROM remaining WHERE helped GROUP BY 1
    UNION ALL SELECT village_code, 'hh.remaining.projected', count(*) FROM remaining WHERE projected GROUP BY 1
    UNION ALL SELECT village_code, 'hh.remaining.deadline.' || coalesce(planned_exit_year::text, 'none'), count(*) FROM remaining GROUP BY 1, 2
    UNION ALL SELECT l.village_code, 'inc.' || i.year || '.band.' || least(floor(i.per_capita / 1000), 10)::int, count(*)
      FROM live l JOIN household_income i ON i.county_code = l.county_code AND i.household_id = l.id ${incomeYears} GROUP BY 1, 2
    UNION ALL SELECT l.village_code, 'inc.' || i.year || '.sum', sum(i.per_capita)
      FROM live l JOIN household_income i ON i.county_code = l.county_code AND i.household_id = l.id ${incomeYears} GROUP BY 1, 2
    UNION ALL SELECT village_code, 'pv.listed.' || year_listed, count(*) FROM poor_village WHERE ${inVillages('village_code')} GROUP BY 1, 2
    UNION ALL SELECT village_code, 'pv.exited.' || exit_year, count(*) FROM poor_village
      WHERE exit_year IS NOT NULL AND ${inVillages('village_code')} GROUP BY 1, 2
    UNION ALL SELECT coalesce(pv.village_code, vp.village_code), 'pop.rural', coalesce(pv.rural_population, vp.rural_population)::numeric
      FROM (SELECT village_code, rural_population FROM poor_village WHERE ${inVillages('village_code')}) pv
      FULL JOIN (SELECT village_code, rural_population FROM village_population WHERE ${inVillages('village_code')}) vp
        ON vp.village_code = pv.village_code
    UNION ALL SELECT v.village_code, 'pv.due.' || v.planned_exit_year || '.' || least(floor(1000.0 * coalesce(x.poor, 0) / v.rural_population), 100)::int, 1
      FROM poor_village v
      LEFT JOIN (SELECT village_code, sum(member_count) AS poor FROM remaining GROUP BY 1) x ON x.village_code = v.village_code
      WHERE v.exit_year IS NULL AND v.planned_exit_year IS NOT NULL AND v.rural_population > 0 AND ${inVillages('v.village_code')}`;
}

const remaining = (m: MeasureReader) => m.get('hh.status.poor') + m.get('hh.status.returned');
const remainingPersons = (m: MeasureReader) => m.get('p.status.poor') + m.get('p.status.returned');
const exited = (m: MeasureReader) => m.get('hh.status.exited') + m.get('hh.status.monitored');
const exitedPersons = (m: MeasureReader) => m.get('p.status.exited') + m.get('p.status.monitored');
const pct = (n: number, d: number) => (d > 0 ? Math.round((10000 * n) / d) / 100 : null);
const upTo = (year: number) => (rest: string) => Number(rest) <= year;
const before = (year: number) => (rest: string) => rest !== 'none' && Number(rest) < year;
const households = { zh: '户', en: 'households' };
const persons = { zh: '人', en: 'persons' };
const villages = { zh: '个', en: 'villages' };
const percent = { zh: '%', en: '%' };
const THRESHOLD = 'command.village_exit_incidence';
const REGISTER_YEAR = 'registry.register_year';
/**
 * The year deadlines, incomes and village lists are judged against: the month's year, but never after the year the
 * register is kept for (the setting the registry pages use), so the dashboard and the household list agree.
 */
const yearOf = (c: Context) => Math.min(c.year, c.settings[REGISTER_YEAR] ?? c.year);

/**
 * The household list behind a figure (src/modules/registry/queries.ts HouseholdFilter). Coverage rates open the
 * households that lack what they measure: those are the ones to act on.
 */
const householdList = (query: Record<string, string>): ListLink => ({ path: '/registry/households', query });
const villageList = (exit: 'all' | 'exited' | 'not_exited'): ListLink => ({ path: '/registry/villages', query: { exit } });
const STILL_POOR = { status: 'poor,returned' };
const EXITED = { status: 'exited,monitored' };

const indicators: IndicatorDef[] = [
  {
    id: 'hh_identified',
    list: householdList({}),
    name: { zh: '建档立卡贫困户', en: 'Households registered' },
    unit: households,
    format: 'count',
    better: 'neutral',
    group: 'poverty',
    key: true,
    value: (m) => m.sum('hh.status.'),
  },
  {
    id: 'persons_identified',
    list: householdList({}),
    name: { zh: '建档立卡贫困人口', en: 'Persons registered' },
    unit: persons,
    format: 'count',
    better: 'neutral',
    group: 'poverty',
    value: (m) => m.sum('p.status.'),
  },
  {
    id: 'hh_remaining',
    list: householdList(STILL_POOR),
    default: true,
    name: { zh: '未脱贫户数', en: 'Households still poor' },
    unit: households,
    format: 'count',
    better: 'lower',
    group: 'poverty',
    key: true,
    trend: true,
    value: remaining,
  },
  {
    id: 'persons_remaining',
    list: householdList(STILL_POOR),
    name: { zh: '未脱贫人口', en: 'Persons still poor' },
    unit: persons,
    format: 'count',
    better: 'lower',
    group: 'poverty',
    key: true,
    trend: true,
    value: remainingPersons,
  },
  {
    id: 'hh_exited',
    list: householdList(EXITED),
    name: { zh: '已脱贫户数', en: 'Households exited' },
    unit: households,
    format: 'count',
    better: 'higher',
    group: 'poverty',
    key: true,
    trend: true,
    value: exited,
  },
  {
    id: 'persons_exited',
    list: householdList(EXITED),
    name: { zh: '已脱贫人口', en: 'Persons exited' },
    unit: persons,
    format: 'count',
    better: 'higher',
    group: 'poverty',
    trend: true,
    value: exitedPersons,
  },
  {
    id: 'exit_rate',
    list: householdList(EXITED),
    name: { zh: '脱贫率', en: 'Exit rate' },
    unit: percent,
    format: 'percent',
    better: 'higher',
    group: 'poverty',
    value: (m) => pct(exited(m), m.sum('hh.status.')),
  },
  {
    id: 'hh_returned',
    list: householdList({ status: 'returned' }),
    name: { zh: '返贫户数', en: 'Households returned to poverty' },
    unit: households,
    format: 'count',
    better: 'lower',
    group: 'poverty',
    target: 0,
    value: (m) => m.get('hh.status.returned'),
  },
  {
    id: 'hh_monitored',
    list: householdList({ status: 'monitored' }),
    name: { zh: '监测户数', en: 'Households monitored' },
    unit: households,
    format: 'count',
    better: 'neutral',
    group: 'poverty',
    value: (m) => m.get('hh.status.monitored'),
  },
  {
    id: 'incidence',
    list: householdList(STILL_POOR),
    name: { zh: '贫困发生率', en: 'Poverty incidence' },
    unit: percent,
    format: 'percent',
    better: 'lower',
    group: 'poverty',
    key: true,
    trend: true,
    target: { setting: THRESHOLD, fallback: 2 },
    tolerance: 1,
    value: (m) => pct(remainingPersons(m), m.get('pop.rural')),
  },
  {
    id: 'pv_listed',
    list: villageList('all'),
    name: { zh: '贫困村', en: 'Poor villages listed' },
    unit: villages,
    format: 'count',
    better: 'neutral',
    group: 'villages',
    key: true,
    value: (m, c) => m.sum('pv.listed.', upTo(yearOf(c))),
  },
  {
    id: 'pv_exited',
    list: villageList('exited'),
    name: { zh: '已退出贫困村', en: 'Poor villages exited' },
    unit: villages,
    format: 'count',
    better: 'higher',
    group: 'villages',
    key: true,
    value: (m, c) => m.sum('pv.exited.', upTo(yearOf(c))),
  },
  {
    id: 'pv_remaining',
    list: villageList('not_exited'),
    name: { zh: '未退出贫困村', en: 'Poor villages not yet exited' },
    unit: villages,
    format: 'count',
    better: 'lower',
    group: 'villages',
    value: (m, c) => m.sum('pv.listed.', upTo(yearOf(c))) - m.sum('pv.exited.', upTo(yearOf(c))),
  },
  {
    id: 'cov_helper',
    list: householdList({ gap: 'no_helper' }),
    name: { zh: '帮扶责任人覆盖率', en: 'Helper coverage' },
    unit: percent,
    format: 'percent',
    better: 'higher',
    group: 'coverage',
    key: true,
    trend: true,
    target: 100,
    tolerance: 3,
    value: (m) => pct(m.get('hh.remaining.helped'), remaining(m)),
  },
  {
    id: 'cov_project',
    list: householdList({ gap: 'no_project' }),
    name: { zh: '帮扶项目覆盖率', en: 'Project coverage' },
    unit: percent,
    format: 'percent',
    better: 'higher',
    group: 'coverage',
    key: true,
    target: 100,
    tolerance: 5,
    value: (m) => pct(m.get('hh.remaining.projected'), remaining(m)),
  },
  {
    id: 'cov_deadline',
    list: householdList({ gap: 'no_deadline' }),
    name: { zh: '脱贫时限覆盖率', en: 'Deadline coverage' },
    unit: percent,
    format: 'percent',
    better: 'higher',
    group: 'coverage',
    key: true,
    target: 100,
    tolerance: 3,
    value: (m) => pct(remaining(m) - m.get('hh.remaining.deadline.none'), remaining(m)),
  },
  {
    id: 'deadline_passed',
    list: householdList({ gap: 'deadline_passed' }),
    name: { zh: '逾期未脱贫户数', en: 'Still poor past deadline' },
    unit: households,
    format: 'count',
    better: 'lower',
    group: 'coverage',
    key: true,
    trend: true,
    target: 0,
    value: (m, c) => m.sum('hh.remaining.deadline.', before(yearOf(c))),
  },
  {
    id: 'no_helper',
    list: householdList({ gap: 'no_helper' }),
    name: { zh: '无帮扶责任人户数', en: 'Still poor without a helper' },
    unit: households,
    format: 'count',
    better: 'lower',
    group: 'coverage',
    target: 0,
    value: (m) => remaining(m) - m.get('hh.remaining.helped'),
  },
  {
    id: 'avg_income',
    list: householdList({}),
    name: { zh: '人均纯收入（户均）', en: 'Per-capita net income (household mean)' },
    unit: { zh: '元', en: 'yuan' },
    format: 'yuan',
    better: 'higher',
    group: 'income',
    value: (m, c) => {
      const n = m.sum(`inc.${yearOf(c)}.band.`);
      return n > 0 ? Math.round(m.get(`inc.${yearOf(c)}.sum`) / n) : null;
    },
  },
];

const BAND_COUNT = 11;
const bandLabel = (k: number, lang: Lang) =>
  k === BAND_COUNT - 1 ? (lang === 'en' ? '≥ 10,000' : '1万元及以上') : `${k * 1000}–${(k + 1) * 1000}${lang === 'en' ? '' : '元'}`;

const byCode =
  (list: 'poverty_cause' | 'household_category' | 'household_status', prefix: string) => (m: MeasureReader, _c: Context, lang: Lang) =>
    listItems(list)
      .map((i) => ({ key: i.code, label: label(list, i.code, lang) ?? i.code, value: m.get(prefix + i.code) }))
      .filter((i) => i.value > 0);

/** Households still poor, without the thing the rule names, keyset by (county_code, id). */
function householdRule(
  id: string,
  name: AlertRuleDef['name'],
  severity: AlertRuleDef['severity'],
  missing: (c: Context) => RawBuilder<unknown>,
  since: RawBuilder<unknown>,
  count: (m: MeasureReader, c: Context) => number,
  what: { zh: string; en: string },
): AlertRuleDef {
  return {
    id,
    name,
    severity,
    count,
    items: (region, ctx) => {
      // The household list's own scope clause: above county level a range of county codes, so the walk is bounded.
      const scope = householdWhere({ region, registerYear: yearOf(ctx) });
      return sql`
        SELECT h.county_code || '-' || h.id AS item_key, h.county_code AS sort_a, h.id AS sort_b, h.county_code, h.village_code AS region_code,
               (${since})::text AS since, 'household' AS link_kind, h.id AS link_id,
               coalesce(p.name, '') || ' · ' || h.household_no || ' · ' || ${what.zh} AS what_zh,
               coalesce(p.name, '') || ' · ' || h.household_no || ' · ' || ${what.en} AS what_en
        FROM household h LEFT JOIN person p ON p.county_code = h.county_code AND p.id = h.head_person_id
        WHERE ${scope} AND h.status IN ${REMAINING} AND ${missing(ctx)}`;
    },
  };
}

/** When the household entered the register: its first dated status (the day it was identified), not when the row was written. */
const identified = sql`coalesce((SELECT min(s.changed_on) FROM household_status_history s WHERE s.county_code = h.county_code AND s.household_id = h.id), h.created_at::date)`;

const noHelper = sql`NOT EXISTS (SELECT 1 FROM help_pairing hp WHERE hp.county_code = h.county_code AND hp.household_id = h.id AND hp.end_date IS NULL)`;
const noProject = sql`NOT EXISTS (SELECT 1 FROM household_project pr WHERE pr.county_code = h.county_code AND pr.household_id = h.id AND pr.state <> 'cancelled')`;

const alerts: AlertRuleDef[] = [
  householdRule(
    'hh_no_helper',
    { zh: '贫困户无帮扶责任人', en: 'Poor household without a helper' },
    'high',
    () => noHelper,
    sql`coalesce((SELECT max(hp.end_date) FROM help_pairing hp WHERE hp.county_code = h.county_code AND hp.household_id = h.id), ${identified})`,
    (m) => remaining(m) - m.get('hh.remaining.helped'),
    { zh: '无帮扶责任人', en: 'no helper' },
  ),
  householdRule(
    'hh_deadline_passed',
    { zh: '超过计划脱贫年度仍未脱贫', en: 'Still poor after the planned exit year' },
    'high',
    (c) => sql`h.planned_exit_year < ${yearOf(c)}`,
    sql`make_date(h.planned_exit_year + 1, 1, 1)`,
    (m, c) => m.sum('hh.remaining.deadline.', before(yearOf(c))),
    { zh: '逾期未脱贫', en: 'past its exit deadline' },
  ),
  householdRule(
    'hh_no_project',
    { zh: '贫困户无帮扶项目', en: 'Poor household without a project' },
    'medium',
    () => noProject,
    identified,
    (m) => remaining(m) - m.get('hh.remaining.projected'),
    { zh: '无帮扶项目', en: 'no project' },
  ),
  householdRule(
    'hh_no_deadline',
    { zh: '贫困户无计划脱贫年度', en: 'Poor household without an exit deadline' },
    'medium',
    () => sql`h.planned_exit_year IS NULL`,
    identified,
    (m) => m.get('hh.remaining.deadline.none'),
    { zh: '无计划脱贫年度', en: 'no exit deadline' },
  ),
  {
    id: 'pv_due_above_threshold',
    name: { zh: '当年应退出贫困村发生率超标', en: 'Poor village due to exit above the incidence threshold' },
    severity: 'high',
    // Villages are counted by incidence in steps of 0.1 % (measure pv.due.<year>.<step>), so any threshold with one decimal works.
    count: (m, c) => m.sum(`pv.due.${yearOf(c)}.`, (step) => Number(step) >= Math.round((c.settings[THRESHOLD] ?? 2) * 10)),
    items: (region, ctx) => {
      const threshold = ctx.settings[THRESHOLD] ?? 2;
      return sql`
        SELECT v.village_code AS item_key, v.village_code AS sort_a, 0::bigint AS sort_b, v.county_code, v.village_code AS region_code, make_date(${yearOf(ctx)}, 1, 1)::text AS since,
               'village' AS link_kind, NULL::bigint AS link_id,
               '计划' || ${yearOf(ctx)} || '年退出，贫困发生率 ' || round(100.0 * x.poor / v.rural_population, 2) || '%（标准 ' || ${threshold} || '%）' AS what_zh,
               'due to exit in ' || ${yearOf(ctx)} || ', incidence ' || round(100.0 * x.poor / v.rural_population, 2) || '% (threshold ' || ${threshold} || '%)' AS what_en
        FROM poor_village v
        CROSS JOIN LATERAL (SELECT coalesce(sum(h.member_count), 0) AS poor FROM household h
                            WHERE h.county_code = v.county_code AND h.village_code = v.village_code AND h.status IN ${REMAINING}) x
        WHERE v.village_code LIKE ${`${region}%`} AND v.exit_year IS NULL AND v.planned_exit_year = ${yearOf(ctx)}
          AND v.rural_population > 0 AND 100.0 * x.poor / v.rural_population >= ${threshold}`;
    },
  },
];

export const registryIndicators: IndicatorProvider = {
  module: 'registry',
  groups: {
    poverty: { zh: '贫困人口', en: 'Registered poor' },
    villages: { zh: '贫困村', en: 'Poor villages' },
    coverage: { zh: '帮扶覆盖', en: 'Coverage' },
    income: { zh: '收入', en: 'Income' },
  },
  settings: { [THRESHOLD]: 2, [REGISTER_YEAR]: thisYear },
  hasData: (m) => m.sum('hh.status.') > 0 || m.sum('pv.listed.') > 0,
  summary: ({ regionName, month, lang, value, show }) => {
    const exitedThisMonth = Math.max(0, (value('hh_exited') ?? 0) - (value('hh_exited', 'previous') ?? 0));
    if (lang === 'en') {
      return [
        `As of the end of ${month}, ${regionName} has ${show('hh_identified')} registered poor households (${show('persons_identified')} persons); ${show('hh_exited')} have exited and ${show('hh_remaining')} (${show('persons_remaining')} persons) remain. Poverty incidence is ${show('incidence')}.`,
        `${exitedThisMonth.toLocaleString('en-US')} households exited during the month. Helper coverage ${show('cov_helper')}, project coverage ${show('cov_project')}, deadline coverage ${show('cov_deadline')}; ${show('deadline_passed')} households are still poor past their deadline.`,
      ];
    }
    const [y, m] = month.split('-');
    return [
      `截至${y}年${Number(m)}月底，${regionName}共有建档立卡贫困户${show('hh_identified')}户、${show('persons_identified')}人，已脱贫${show('hh_exited')}户，未脱贫${show('hh_remaining')}户、${show('persons_remaining')}人，贫困发生率${show('incidence')}。`,
      `本月新增脱贫${exitedThisMonth.toLocaleString('zh-CN')}户。帮扶责任人覆盖率${show('cov_helper')}，帮扶项目覆盖率${show('cov_project')}，脱贫时限覆盖率${show('cov_deadline')}；逾期未脱贫${show('deadline_passed')}户。`,
    ];
  },
  measures: {
    sql: measuresSql,
    firstChange: () => sql<{ d: string | null }>`SELECT min(changed_on)::text AS d FROM household_status_history`,
  },
  indicators,
  breakdowns: [
    {
      id: 'by_status',
      name: { zh: '贫困户状态', en: 'Households by status' },
      items: byCode('household_status', 'hh.status.'),
      list: (status) => householdList({ status }),
    },
    {
      id: 'by_cause',
      name: { zh: '未脱贫户主要致贫原因', en: 'Still poor by main cause' },
      items: byCode('poverty_cause', 'hh.remaining.cause.'),
      list: (cause) => householdList({ ...STILL_POOR, cause }),
    },
    {
      id: 'by_category',
      name: { zh: '未脱贫户贫困户属性', en: 'Still poor by category' },
      items: byCode('household_category', 'hh.remaining.category.'),
      list: (category) => householdList({ ...STILL_POOR, category }),
    },
    {
      id: 'income_bands',
      name: { zh: '人均纯收入分布（户）', en: 'Per-capita income distribution (households)' },
      list: (band) => householdList({ incomeBand: band }),
      items: (m, c, lang) =>
        Array.from({ length: BAND_COUNT }, (_, k) => ({
          key: String(k),
          label: bandLabel(k, lang),
          value: m.get(`inc.${yearOf(c)}.band.${k}`),
        })),
    },
    {
      id: 'deadline_years',
      name: { zh: '未脱贫户计划脱贫年度', en: 'Still poor by planned exit year' },
      list: (year) => householdList({ ...STILL_POOR, plannedExit: year }),
      items: (m, _c, lang) =>
        m
          .keys('hh.remaining.deadline.')
          .sort()
          .map((k) => ({
            key: k,
            label: k === 'none' ? (lang === 'en' ? 'none' : '未定') : k,
            value: m.get(`hh.remaining.deadline.${k}`),
          })),
    },
  ],
  alerts,
};
