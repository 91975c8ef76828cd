import { sql } from 'kysely';
import { thisYear } from '../../server/clock.ts';
import type { Lang } from '../../server/i18n.ts';
import type { Context, IndicatorDef, IndicatorProvider, ListLink, MeasureReader } from '../command/types.ts';
import { label, listItems } from './codelists.ts';
import { registryAlerts } from './indicator-alerts.ts';
import { before, measuresSql, REGISTER_YEAR, remaining, THRESHOLD, yearOf } from './indicator-measures.ts';

/**
 * What the register adds to the command centre: additive measures per village (./indicator-measures.ts), the
 * indicators read from them, breakdowns and alert rules (./indicator-alerts.ts). "Remaining" (未脱贫) is poor or
 * returned, as on the registry pages.
 */

const remainingPersons = (m: MeasureReader) => m.get('p.status.poor') + m.get('p.status.returned');
const exited = (m: MeasureReader) => m.get('hh.status.exited') + m.get('hh.status.monitored');
const exitedPersons = (m: MeasureReader) => m.get('p.status.exited') + m.get('p.status.monitored');
const pct = (n: number, d: number) => (d > 0 ? Math.round((10000 * n) / d) / 100 : null);
const upTo = (year: number) => (rest: string) => Number(rest) <= year;
const households = { zh: '户', en: 'households' };
const persons = { zh: '人', en: 'persons' };
const villages = { zh: '个', en: 'villages' };
const percent = { zh: '%', en: '%' };

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
  alerts: registryAlerts,
};
