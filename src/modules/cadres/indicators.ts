import { sql } from 'kysely';
import { thisDay } from '../../server/clock.ts';
import { caseStateOn } from '../command/procedure-states.ts';
import type { AlertRuleDef, IndicatorProvider, MeasureReader } from '../command/types.ts';
import { type Villages, villageFilter } from '../command/villages.ts';
import { overdueAlertRule } from '../procedures/alerts.ts';
import { ATTENDANCE_ALERTS, ATTENDANCE_INDICATORS, ATTENDANCE_SETTINGS, attendanceMeasures } from './attendance/indicators.ts';
import { localDay } from './attendance/rules.ts';
import { LEAVE, POSTING } from './procedures.ts';

/**
 * What the resident cadres add to the command centre. A posting counts as in post on a day when it was confirmed by
 * then and the day lies between its start and its last day; every poor village ever listed (exited ones too, to
 * consolidate) should have a team of at least `cadres.team_min` in post, one of them a first secretary.
 */
const TEAM_MIN = 'cadres.team_min';

function measuresSql(villages: Villages | null, asOf: string | null) {
  const inVillages = villageFilter(villages);
  const d = sql`${asOf ?? thisDay()}::date`;
  return sql<{ village_code: string; measure: string; value: number }>`
    WITH posted AS MATERIALIZED (
      SELECT p.village_code, p.role FROM cadre_posting p
      WHERE ${inVillages('p.village_code')} AND p.confirmed_on <= ${d} AND p.start_date <= ${d} AND (p.end_date IS NULL OR p.end_date >= ${d})
    ), teams AS (
      SELECT v.village_code, count(x.role) AS members, count(x.role) FILTER (WHERE x.role = 'first_secretary') AS secretaries
      FROM poor_village v LEFT JOIN posted x ON x.village_code = v.village_code
      WHERE ${inVillages('v.village_code')} AND v.year_listed <= extract(year FROM ${d})::int
      GROUP BY v.village_code
    ), leave_state AS (
      SELECT c.region_code AS village_code,
             ${caseStateOn(d, villages)} AS state
      FROM procedure_case c WHERE c.procedure = ${LEAVE.id} AND ${inVillages('c.region_code')} AND c.opened_at < ${d} + 1
    )
    SELECT village_code, 'cadre.in_post' AS measure, count(*)::numeric AS value FROM posted GROUP BY 1
    UNION ALL SELECT village_code, 'cadre.in_post.' || role, count(*) FROM posted GROUP BY 1, 2
    UNION ALL SELECT village_code, 'cadre.pv', 1 FROM teams
    UNION ALL SELECT village_code, 'cadre.pv.team.' || least(members, 9), 1 FROM teams
    UNION ALL SELECT village_code, 'cadre.pv.secretary', 1 FROM teams WHERE secretaries > 0
    UNION ALL SELECT village_code, 'cadre.pv.staffed.' || least(members, 9), 1 FROM teams WHERE secretaries > 0
    UNION ALL SELECT village_code, 'cadre.leave.waiting', count(*) FROM leave_state WHERE state = 'requested' GROUP BY 1
    UNION ALL SELECT village_code, 'cadre.replaced.' || extract(year FROM end_date)::int, count(*) FROM cadre_posting
      WHERE ${inVillages('village_code')} AND end_kind = 'replaced' AND end_date <= ${d} GROUP BY 1, 2
    ${attendanceMeasures(inVillages, d, sql`${asOf ?? localDay(Date.now())}::date`)}`;
}

const pct = (n: number, d: number) => (d > 0 ? Math.round((10000 * n) / d) / 100 : null);
const fullTeams = (m: MeasureReader, min: number) => m.sum('cadre.pv.team.', (size) => Number(size) >= min);
const villages = { zh: '个', en: 'villages' };
const persons = { zh: '人', en: 'persons' };
const percent = { zh: '%', en: '%' };
const postings = { path: '/cadres/postings', query: { state: 'in_post' } };

/** Poor villages (ever listed) whose team in post is short of the minimum or has no first secretary. */
const shortTeams: AlertRuleDef = {
  id: 'cadre_team_short',
  name: { zh: '贫困村驻村工作队不齐', en: 'Poor village without a full team or first secretary' },
  severity: 'high',
  // staffed.<size>: villages with a first secretary, by team size; the rest of the poor villages are short.
  count: (m, ctx) => m.get('cadre.pv') - m.sum('cadre.pv.staffed.', (size) => Number(size) >= (ctx.settings[TEAM_MIN] ?? 3)),
  items: (region, ctx) => {
    const min = ctx.settings[TEAM_MIN] ?? 3;
    const d = sql`${thisDay()}::date`;
    return sql`
      SELECT v.village_code AS item_key, v.village_code AS sort_a, 0::bigint AS sort_b, v.county_code, v.village_code AS region_code,
             to_char(greatest(make_date(v.year_listed, 1, 1), coalesce(x.since, make_date(v.year_listed, 1, 1))), 'YYYY-MM-DD') AS since,
             'village' AS link_kind, NULL::bigint AS link_id,
             '驻村工作队在岗 ' || coalesce(x.members, 0) || ' 人（应不少于 ' || ${min} || ' 人）' ||
               CASE WHEN coalesce(x.secretaries, 0) = 0 THEN '，无第一书记' ELSE '' END AS what_zh,
             coalesce(x.members, 0) || ' in post (at least ' || ${min} || ' needed)' ||
               CASE WHEN coalesce(x.secretaries, 0) = 0 THEN ', no first secretary' ELSE '' END AS what_en
      FROM poor_village v
      LEFT JOIN LATERAL (
        SELECT count(*) AS members, count(*) FILTER (WHERE p.role = 'first_secretary') AS secretaries, max(p.end_date) + 1 AS since
        FROM cadre_posting p WHERE p.county_code = v.county_code AND p.village_code = v.village_code
          AND p.confirmed_on <= ${d} AND p.start_date <= ${d} AND (p.end_date IS NULL OR p.end_date >= ${d})) x ON TRUE
      WHERE v.village_code LIKE ${`${region}%`} AND v.year_listed <= extract(year FROM ${d})::int
        AND (coalesce(x.members, 0) < ${min} OR coalesce(x.secretaries, 0) = 0)`;
  },
};

export const cadreIndicators: IndicatorProvider = {
  module: 'cadres',
  groups: { cadres: { zh: '驻村帮扶', en: 'Resident cadres' } },
  measures: {
    sql: measuresSql,
    firstChange: () => sql<{ d: string | null }>`SELECT min(start_date)::text AS d FROM cadre_posting`,
  },
  settings: { [TEAM_MIN]: 3, ...ATTENDANCE_SETTINGS },
  hasData: (m) => m.get('cadre.pv') > 0 || m.get('cadre.in_post') > 0,
  indicators: [
    {
      id: 'cadre_team_coverage',
      name: { zh: '贫困村驻村工作队覆盖率', en: 'Poor villages with a full team' },
      unit: percent,
      format: 'percent',
      better: 'higher',
      group: 'cadres',
      target: 100,
      tolerance: 5,
      key: true,
      trend: true,
      list: postings,
      value: (m, ctx) => pct(fullTeams(m, ctx.settings[TEAM_MIN] ?? 3), m.get('cadre.pv')),
    },
    {
      id: 'cadre_secretary_coverage',
      name: { zh: '贫困村第一书记覆盖率', en: 'Poor villages with a first secretary' },
      unit: percent,
      format: 'percent',
      better: 'higher',
      group: 'cadres',
      target: 100,
      tolerance: 5,
      trend: true,
      list: { path: '/cadres/postings', query: { state: 'in_post', role: 'first_secretary' } },
      value: (m) => pct(m.get('cadre.pv.secretary'), m.get('cadre.pv')),
    },
    {
      id: 'cadre_in_post',
      name: { zh: '在岗驻村干部', en: 'Cadres in post' },
      unit: persons,
      format: 'count',
      better: 'neutral',
      group: 'cadres',
      trend: true,
      list: postings,
      value: (m) => m.get('cadre.in_post'),
    },
    {
      id: 'cadre_leave_waiting',
      name: { zh: '待审批请假', en: 'Leave awaiting approval' },
      unit: { zh: '件', en: 'requests' },
      format: 'count',
      better: 'lower',
      group: 'cadres',
      list: { path: '/cadres/leave', query: { state: 'requested' } },
      value: (m) => m.get('cadre.leave.waiting'),
    },
    {
      id: 'cadre_replaced_year',
      name: { zh: '本年撤换驻村干部', en: 'Cadres replaced this year' },
      unit: persons,
      format: 'count',
      better: 'neutral',
      group: 'cadres',
      list: { path: '/cadres/postings', query: { state: 'replaced' } },
      value: (m, ctx) => m.get(`cadre.replaced.${ctx.year}`),
    },
    {
      id: 'cadre_poor_villages',
      name: { zh: '应派驻贫困村', en: 'Poor villages to staff' },
      unit: villages,
      format: 'count',
      better: 'neutral',
      group: 'cadres',
      value: (m) => m.get('cadre.pv'),
    },
    ...ATTENDANCE_INDICATORS,
  ],
  breakdowns: [
    {
      id: 'cadre_roles',
      name: { zh: '在岗驻村干部身份', en: 'Cadres in post by role' },
      list: (role) => ({ path: '/cadres/postings', query: { state: 'in_post', role } }),
      items: (m, _ctx, lang) =>
        (['first_secretary', 'team_leader', 'team_member'] as const).map((role) => ({
          key: role,
          label: {
            first_secretary: ['第一书记', 'First secretary'],
            team_leader: ['工作队队长', 'Team leader'],
            team_member: ['工作队员', 'Team member'],
          }[role][lang === 'en' ? 1 : 0] as string,
          value: m.get(`cadre.in_post.${role}`),
        })),
    },
  ],
  alerts: [
    shortTeams,
    ...ATTENDANCE_ALERTS,
    overdueAlertRule(LEAVE, {
      id: 'cadre_leave_overdue',
      name: { zh: '请假超期未审批', en: 'Leave not decided in time' },
      severity: 'medium',
      page: '/cadres/leave/',
    }),
    overdueAlertRule(POSTING, {
      id: 'cadre_posting_overdue',
      name: { zh: '拟派驻村干部超期未到岗', en: 'Proposed posting not confirmed in time' },
      severity: 'low',
      page: '/cadres/postings/',
    }),
  ],
  summary: (s) => {
    const zh = s.lang !== 'en';
    const cov = s.show('cadre_team_coverage');
    const sec = s.show('cadre_secretary_coverage');
    const n = s.show('cadre_in_post');
    return zh
      ? [
          `驻村帮扶：在岗驻村干部 ${n} 人，贫困村驻村工作队覆盖率 ${cov}，第一书记覆盖率 ${sec}；待审批请假 ${s.show('cadre_leave_waiting')} 件。`,
          `驻村出勤：本月驻村天数达标率 ${s.show('cadre_attendance_compliance')}，待核实挂名/走读/造假疑点 ${s.show('cadre_open_flags')} 条，本年无故缺勤 ${s.show('cadre_unexcused_absences')} 次。`,
        ]
      : [
          `Resident cadres: ${n} in post; poor villages with a full team ${cov}, with a first secretary ${sec}; ${s.show('cadre_leave_waiting')} leave requests awaiting approval.`,
          `Attendance: ${s.show('cadre_attendance_compliance')} of cadres meet the monthly standard; ${s.show('cadre_open_flags')} 挂名/走读/forged flags await verification; ${s.show('cadre_unexcused_absences')} unexcused absences this year.`,
        ];
  },
};
