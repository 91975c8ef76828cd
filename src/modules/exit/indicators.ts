import { sql } from 'kysely';
import { thisDay } from '../../server/clock.ts';
import { caseStateOn } from '../command/procedure-states.ts';
import type { AlertRuleDef, Context, IndicatorProvider, MeasureReader } from '../command/types.ts';
import { countyFilter, type Villages, villageFilter } from '../command/villages.ts';
import { overdueAlertRule } from '../procedures/alerts.ts';
import { EXIT_COMPLAINT } from './complaints/procedure.ts';
import { HOUSEHOLD_EXIT } from './households/procedure.ts';
import { COUNTY_EXIT, INCIDENCE_PCT, VILLAGE_EXIT } from './villages/procedure.ts';
import { incidence } from './villages/service.ts';

const OPEN_HH = "('proposed', 'appraised', 'verified', 'agreed', 'notice', 'announced')";
const OPEN_AREA = "('proposed', 'checked', 'prechecked', 'verified', 'notice')";

/**
 * What exit adds to the command centre, per village. A case's state on a day is the state of its last step recorded
 * by then; households eligible-but-not-proposed are judged on the day's year (income of the year against the year's
 * line, the five guarantees as they stand); the villages under the incidence threshold as the register stands.
 */
function measuresSql(villages: Villages | null, asOf: string | null) {
  const inVillages = villageFilter(villages);
  const inCounties = countyFilter(villages);
  const d = sql`${asOf ?? thisDay()}::date`;
  const y = sql`extract(year FROM ${d})::int`;
  // A household's status at the end of the day asked for (as the register's own measures take it); now: as it stands.
  const status = asOf
    ? sql`(SELECT s.status FROM household_status_history s WHERE s.county_code = h.county_code AND s.household_id = h.id
           AND s.changed_on <= ${d} ORDER BY s.changed_on DESC, s.id DESC LIMIT 1)`
    : sql`h.status`;
  return sql<{ village_code: string; measure: string; value: number }>`
    WITH line AS (
      SELECT coalesce((SELECT (value #>> '{}')::numeric FROM setting WHERE key = 'registry.poverty_line' AND scope_code = '' AND year IN (${y}, 0)
                       ORDER BY year DESC LIMIT 1), 3335) AS v
    ), pct AS (
      SELECT coalesce((SELECT (value #>> '{}')::numeric FROM setting WHERE key = 'exit.incidence_pct' AND scope_code = '' AND year = 0), 2) AS v
    ), hh AS MATERIALIZED (
      SELECT e.village_code, e.closed_on,
             ${caseStateOn(d, villages)} AS state
      FROM exit_household e
      JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = ${HOUSEHOLD_EXIT.id} AND c.subject_id = e.id
      WHERE ${inVillages('e.village_code')} AND ${inCounties('c.county_code')} AND c.opened_at < ${d} + 1
    ), areas AS MATERIALIZED (
      SELECT v.village_code, v.announced_on,
             ${caseStateOn(d, villages)} AS state
      FROM exit_village v
      JOIN procedure_case c ON c.county_code = v.county_code AND c.procedure = ${VILLAGE_EXIT.id} AND c.subject_id = v.id
      WHERE ${inVillages('v.village_code')} AND ${inCounties('c.county_code')} AND c.opened_at < ${d} + 1
    ), cv AS MATERIALIZED (
      -- The villages of the provincial poverty counties: their persons still poor and rural population, by county.
      SELECT r.code AS village_code FROM region r JOIN region k ON k.code = left(r.code, 6) AND k.is_poverty_county
      WHERE r.level = 5 AND ${inVillages('r.code', null)}
    ), latest AS MATERIALIZED (
      -- Each county's latest exit and the state of its case, read by county (the tables are a county's), then placed
      -- on the poverty counties below: a distributed database runs each step where its rows are.
      SELECT DISTINCT ON (e.county_code) e.county_code, e.id, e.announced_on FROM exit_county e
      WHERE ${inCounties('e.county_code')} AND e.created_at < ${d} + 1 ORDER BY e.county_code, e.year DESC
    ), county_cases AS MATERIALIZED (
      SELECT c.county_code, c.subject_id,
             ${caseStateOn(d, villages)} AS state
      FROM procedure_case c WHERE c.procedure = ${COUNTY_EXIT.id} AND ${inCounties('c.county_code')}
    ), counties AS MATERIALIZED (
      -- A poverty county's own figures (its exit), kept on the county's row (countyRow) and its latest exit's state.
      SELECT k.code AS county_code, k.code || '000000' AS row_code, x.announced_on, c.state
      FROM region k
      LEFT JOIN latest x ON x.county_code = k.code
      LEFT JOIN county_cases c ON c.county_code = k.code AND c.subject_id = x.id
      WHERE k.level = 3 AND k.is_poverty_county AND ${villages ? sql`k.code || '000000' = ANY(${villages.codes})` : sql`TRUE`}
    )
    SELECT village_code, 'exit.hh.open' AS measure, count(*)::numeric AS value FROM hh WHERE state IN ${sql.raw(OPEN_HH)} GROUP BY 1
    UNION ALL SELECT village_code, 'exit.hh.notice', count(*) FROM hh WHERE state = 'notice' GROUP BY 1
    UNION ALL SELECT village_code, 'exit.hh.closed.' || extract(year FROM closed_on)::int, count(*) FROM hh
      WHERE state = 'closed' AND closed_on <= ${d} GROUP BY 1, 2
    UNION ALL SELECT h.village_code, 'exit.hh.eligible_not_proposed', count(*) FROM household h
      JOIN household_income i ON i.county_code = h.county_code AND i.household_id = h.id AND i.year = ${y} AND ${inCounties('i.county_code')}
      WHERE ${inVillages('h.village_code')} AND h.status IN ('poor', 'returned') AND i.per_capita > (SELECT v FROM line)
        AND h.guarantee_food AND h.guarantee_clothing AND h.guarantee_education AND h.guarantee_medical AND h.guarantee_housing
        AND NOT EXISTS (SELECT 1 FROM exit_household e WHERE e.county_code = h.county_code AND e.household_id = h.id AND e.year = ${y}
                        AND ${inCounties('e.county_code')})
      GROUP BY 1
    UNION ALL SELECT e.village_code, 'exit.objection.open', count(*) FROM exit_objection o
      JOIN exit_household e ON e.county_code = o.county_code AND e.id = o.exit_household_id
      WHERE ${inVillages('e.village_code')} AND o.received_on <= ${d} AND (o.decided_on IS NULL OR o.decided_on > ${d}) GROUP BY 1
    UNION ALL SELECT x.village_code, 'exit.complaint.open', count(*) FROM exit_complaint x
      JOIN procedure_case c ON c.county_code = x.county_code AND c.procedure = ${EXIT_COMPLAINT.id} AND c.subject_id = x.id
      WHERE ${inVillages('x.village_code')} AND x.received_at < ${d} + 1 AND (x.answered_on IS NULL OR x.answered_on > ${d}) GROUP BY 1
    UNION ALL SELECT village_code, 'exit.v.open', count(*) FROM areas WHERE state IN ${sql.raw(OPEN_AREA)} GROUP BY 1
    UNION ALL SELECT village_code, 'exit.v.exited.' || extract(year FROM announced_on)::int, count(*) FROM areas
      WHERE state = 'announced' AND announced_on <= ${d} GROUP BY 1, 2
    UNION ALL SELECT cv.village_code, 'exit.c.poor.' || left(cv.village_code, 6), sum(h.member_count) FROM cv
      JOIN household h ON h.county_code = left(cv.village_code, 6) AND h.village_code = cv.village_code AND ${inCounties('h.county_code')}
      WHERE ${status} IN ('poor', 'returned') GROUP BY 1, 2
    UNION ALL SELECT cv.village_code, 'exit.c.pop.' || left(cv.village_code, 6), coalesce(pv.rural_population, vp.rural_population) FROM cv
      LEFT JOIN poor_village pv ON pv.county_code = left(cv.village_code, 6) AND pv.village_code = cv.village_code AND ${inCounties('pv.county_code')}
      LEFT JOIN village_population vp ON vp.county_code = left(cv.village_code, 6) AND vp.village_code = cv.village_code
        AND ${inCounties('vp.county_code')}
      WHERE coalesce(pv.rural_population, vp.rural_population) IS NOT NULL
    UNION ALL SELECT row_code, 'exit.c.remaining.' || county_code, 1 FROM counties WHERE state IS DISTINCT FROM 'announced'
    UNION ALL SELECT row_code, 'exit.c.open', 1 FROM counties WHERE state IN ${sql.raw(OPEN_AREA)}
    UNION ALL SELECT row_code, 'exit.c.exited.' || extract(year FROM announced_on)::int, 1 FROM counties
      WHERE state = 'announced' AND announced_on <= ${d}
    UNION ALL SELECT pv.village_code, 'exit.v.meets', 1 FROM poor_village pv
      WHERE ${inVillages('pv.village_code')} AND (pv.exit_year IS NULL OR pv.exit_year > ${y}) AND pv.rural_population > 0
        AND 100.0 * coalesce((SELECT sum(h.member_count) FROM household h WHERE h.county_code = pv.county_code AND ${inCounties('h.county_code')}
                              AND h.village_code = pv.village_code AND h.status IN ('poor', 'returned')), 0) / pv.rural_population
            < (SELECT v FROM pct)`;
}

const hhUnit = { zh: '户', en: 'households' };
const vUnit = { zh: '个', en: 'villages' };
const cUnit = { zh: '个', en: 'counties' };
const exitList = (query: Record<string, string> = {}) => ({ path: '/exit/households', query });
const villageList = (state: string) => ({ path: '/exit/villages', query: { state } });
const countyList = (state: string) => ({ path: '/exit/counties', query: { state } });

/**
 * The provincial poverty counties not yet exited whose incidence (persons still poor ÷ rural population, summed over
 * the county's villages) is under the threshold. Counted only where the county's own row is (the county and above):
 * a township holds part of a county's villages and never a whole county.
 */
function countiesMeeting(m: MeasureReader, ctx: Context) {
  const max = ctx.settings[INCIDENCE_PCT.setting] ?? INCIDENCE_PCT.fallback;
  return m.keys('exit.c.remaining.').filter((k) => {
    const pop = m.get(`exit.c.pop.${k}`);
    return pop > 0 && incidence(m.get(`exit.c.poor.${k}`), pop) < max;
  }).length;
}

/** Objections raised during a notice and not yet decided: the announcement waits for them. */
const openObjections: AlertRuleDef = {
  id: 'exit_objection_open',
  name: { zh: '退出公示异议待处理', en: 'Exit objection awaiting a decision' },
  severity: 'high',
  count: (m) => m.get('exit.objection.open'),
  items: (region) => sql`
    SELECT o.county_code || '-' || o.id AS item_key, to_char(o.received_on, 'YYYY-MM-DD') AS sort_a, o.id AS sort_b, o.county_code,
           e.village_code AS region_code, to_char(o.received_on, 'YYYY-MM-DD') AS since, 'page' AS link_kind, NULL::bigint AS link_id,
           '/exit/households/' || e.id AS link_path,
           '户 ' || h.household_no || ' 的退出公示收到异议，待处理' AS what_zh,
           'Objection to the exit of household ' || h.household_no || ' awaiting a decision' AS what_en
    FROM exit_objection o
    JOIN exit_household e ON e.county_code = o.county_code AND e.id = o.exit_household_id
    JOIN household h ON h.county_code = e.county_code AND h.id = e.household_id
    WHERE e.village_code LIKE ${`${region}%`} AND o.outcome IS NULL`,
};

export const exitIndicators: IndicatorProvider = {
  module: 'exit',
  groups: { exit: { zh: '贫困退出', en: 'Exit from poverty' } },
  measures: {
    sql: measuresSql,
    firstChange: () => sql<{ d: string | null }>`
      SELECT least((SELECT min(created_at)::date FROM exit_household), (SELECT min(created_at)::date FROM exit_village),
                    (SELECT min(created_at)::date FROM exit_county))::text AS d`,
  },
  // The poverty counties' incidence inputs (persons still poor, rural population, counties still to exit) are the
  // register's figures seen by county, not exit records: a city with nothing registered still has no data.
  hasData: (m) => m.sum('exit.') - m.sum('exit.c.poor.') - m.sum('exit.c.pop.') - m.sum('exit.c.remaining.') > 0,
  indicators: [
    {
      id: 'exit_hh_eligible_not_proposed',
      name: { zh: '符合退出条件未提出的贫困户', en: 'Eligible households not proposed' },
      unit: hhUnit,
      format: 'count',
      better: 'lower',
      group: 'exit',
      key: true,
      list: exitList(),
      value: (m) => m.get('exit.hh.eligible_not_proposed'),
    },
    {
      id: 'exit_hh_in_procedure',
      name: { zh: '退出程序中的贫困户', en: 'Households in the exit procedure' },
      unit: hhUnit,
      format: 'count',
      better: 'neutral',
      group: 'exit',
      trend: true,
      list: exitList(),
      value: (m) => m.get('exit.hh.open'),
    },
    {
      id: 'exit_hh_in_notice',
      name: { zh: '公示中的退出户', en: 'Households in exit notice' },
      unit: hhUnit,
      format: 'count',
      better: 'neutral',
      group: 'exit',
      value: (m) => m.get('exit.hh.notice'),
    },
    {
      id: 'exit_hh_closed_year',
      name: { zh: '本年已销号退出户', en: 'Households exited this year' },
      unit: hhUnit,
      format: 'count',
      better: 'higher',
      group: 'exit',
      key: true,
      value: (m, ctx) => m.get(`exit.hh.closed.${ctx.year}`),
    },
    {
      id: 'exit_objections_open',
      name: { zh: '待处理的公示异议', en: 'Objections open' },
      unit: { zh: '件', en: 'objections' },
      format: 'count',
      better: 'lower',
      group: 'exit',
      target: 0,
      value: (m) => m.get('exit.objection.open'),
    },
    {
      id: 'exit_complaints_open',
      name: { zh: '未办结的群众投诉', en: 'Public complaints open' },
      unit: { zh: '件', en: 'complaints' },
      format: 'count',
      better: 'lower',
      group: 'exit',
      list: { path: '/exit/complaints', query: {} },
      value: (m) => m.get('exit.complaint.open'),
    },
    {
      id: 'exit_villages_meeting',
      name: { zh: '贫困发生率低于退出标准的贫困村', en: 'Poor villages under the incidence threshold' },
      unit: vUnit,
      format: 'count',
      better: 'neutral',
      group: 'exit',
      list: villageList('meets'),
      value: (m) => m.get('exit.v.meets'),
    },
    {
      id: 'exit_villages_in_procedure',
      name: { zh: '退出程序中的贫困村', en: 'Poor villages in the exit procedure' },
      unit: vUnit,
      format: 'count',
      better: 'neutral',
      group: 'exit',
      list: villageList('open'),
      value: (m) => m.get('exit.v.open'),
    },
    {
      id: 'exit_villages_exited_year',
      name: { zh: '本年公告退出的贫困村', en: 'Poor villages announced exited this year' },
      unit: vUnit,
      format: 'count',
      better: 'higher',
      group: 'exit',
      list: villageList('exited'),
      value: (m, ctx) => m.get(`exit.v.exited.${ctx.year}`),
    },
    {
      id: 'exit_counties_meeting',
      name: { zh: '贫困发生率低于退出标准的贫困县', en: 'Poverty counties under the incidence threshold' },
      unit: cUnit,
      format: 'count',
      better: 'neutral',
      group: 'exit',
      list: countyList('meets'),
      value: countiesMeeting,
    },
    {
      id: 'exit_counties_in_procedure',
      name: { zh: '退出程序中的贫困县', en: 'Poverty counties in the exit procedure' },
      unit: cUnit,
      format: 'count',
      better: 'neutral',
      group: 'exit',
      list: countyList('open'),
      value: (m) => m.get('exit.c.open'),
    },
    {
      id: 'exit_counties_exited_year',
      name: { zh: '本年公告退出的贫困县', en: 'Poverty counties announced exited this year' },
      unit: cUnit,
      format: 'count',
      better: 'higher',
      group: 'exit',
      list: countyList('exited'),
      value: (m, ctx) => m.get(`exit.c.exited.${ctx.year}`),
    },
  ],
  breakdowns: [],
  settings: { [INCIDENCE_PCT.setting]: INCIDENCE_PCT.fallback },
  alerts: [
    openObjections,
    overdueAlertRule(HOUSEHOLD_EXIT, {
      id: 'exit_household_step_overdue',
      name: { zh: '贫困户退出未按期办理', en: 'Household exit step overdue' },
      severity: 'medium',
      page: '/exit/households/',
    }),
    overdueAlertRule(EXIT_COMPLAINT, {
      id: 'exit_complaint_overdue',
      name: { zh: '群众投诉逾期未办结', en: 'Public complaint overdue' },
      severity: 'high',
      page: '/exit/complaints?id=',
    }),
    overdueAlertRule(VILLAGE_EXIT, {
      id: 'exit_village_step_overdue',
      name: { zh: '贫困村退出未按期办理', en: 'Village exit step overdue' },
      severity: 'medium',
      page: '/exit/villages/',
    }),
    overdueAlertRule(COUNTY_EXIT, {
      id: 'exit_county_step_overdue',
      name: { zh: '贫困县退出未按期办理', en: 'County exit step overdue' },
      severity: 'medium',
      page: '/exit/counties/',
    }),
  ],
  summary: (s) =>
    s.lang === 'en'
      ? [
          `Exit: ${s.show('exit_hh_closed_year')} households exited this year, ${s.show('exit_hh_in_procedure')} in the procedure (${s.show('exit_hh_in_notice')} in public notice), ${s.show('exit_hh_eligible_not_proposed')} eligible but not yet proposed; ${s.show('exit_objections_open')} objections and ${s.show('exit_complaints_open')} public complaints open; ${s.show('exit_villages_meeting')} poor villages under the incidence threshold, ${s.show('exit_villages_in_procedure')} in procedure, ${s.show('exit_villages_exited_year')} announced exited this year; ${s.show('exit_counties_meeting')} poverty counties under the threshold, ${s.show('exit_counties_in_procedure')} in procedure, ${s.show('exit_counties_exited_year')} announced exited this year.`,
        ]
      : [
          `贫困退出：本年已销号退出 ${s.show('exit_hh_closed_year')} 户，退出程序中 ${s.show('exit_hh_in_procedure')} 户（公示中 ${s.show('exit_hh_in_notice')} 户），符合条件尚未提出 ${s.show('exit_hh_eligible_not_proposed')} 户；待处理公示异议 ${s.show('exit_objections_open')} 件、未办结群众投诉 ${s.show('exit_complaints_open')} 件；贫困发生率低于退出标准的贫困村 ${s.show('exit_villages_meeting')} 个，退出程序中 ${s.show('exit_villages_in_procedure')} 个，本年公告退出 ${s.show('exit_villages_exited_year')} 个；贫困发生率低于退出标准的贫困县 ${s.show('exit_counties_meeting')} 个，退出程序中 ${s.show('exit_counties_in_procedure')} 个，本年公告退出 ${s.show('exit_counties_exited_year')} 个。`,
        ],
};
