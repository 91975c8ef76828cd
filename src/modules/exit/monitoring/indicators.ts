import { sql } from 'kysely';
import { thisDay } from '../../../server/clock.ts';
import { casesAsOf, countPerState } from '../../command/procedure-states.ts';
import type { AlertRuleDef, IndicatorProvider } from '../../command/types.ts';
import { type Villages, villageFilter } from '../../command/villages.ts';
import { overdueAlertRule } from '../../procedures/alerts.ts';
import { KINDS, MONITORING } from './procedures.ts';

/**
 * What monitoring and the department comparison add to the command centre. A case's state on a day is the state of
 * its last step recorded by then (the command centre's casesAsOf, shared with the party ledger); a hit counts as open
 * until the day it was decided, so a past month reads as it stood.
 */
function measuresSql(villages: Villages | null, asOf: string | null) {
  const inVillages = villageFilter(villages);
  const d = sql`${asOf ?? thisDay()}::date`;
  return sql<{ village_code: string; measure: string; value: number }>`
    WITH cases AS MATERIALIZED (${casesAsOf({
      table: 'monitoring_case',
      alias: 'm',
      procedure: MONITORING.id,
      columns: ['kind', 'decision_due'],
      caseColumns: ['due_date'],
      villages,
      day: d,
    })}
    ), hits AS (
      SELECT x.village_code, CASE WHEN x.decided_at IS NULL OR x.decided_at >= ${d} + 1 THEN 'open' ELSE x.state END AS state
      FROM comparison_hit x WHERE ${inVillages('x.village_code')} AND x.created_at < ${d} + 1
    )
    ${countPerState('exit.mon.')}
    UNION ALL SELECT village_code, 'exit.mon.kind.' || kind, count(*) FROM cases WHERE state = 'monitored' GROUP BY 1, 2
    UNION ALL SELECT village_code, 'exit.mon.overdue', count(*) FROM cases
      WHERE state IN ('proposed', 'visiting', 'notice', 'township_review', 'county_decision') AND (decision_due < ${d} OR due_date < ${d})
      GROUP BY 1
    UNION ALL SELECT village_code, 'exit.hit.' || state, count(*) FROM hits GROUP BY 1, 2`;
}

const households = { zh: '户', en: 'households' };
const items = { zh: '条', en: 'hits' };
const monitoring = (query: Record<string, string>) => ({ path: '/monitoring', query });
const comparison = (query: Record<string, string>) => ({ path: '/comparison', query });
const KIND_NAMES = {
  unstable: { zh: '脱贫不稳定户', en: 'Unstable exited' },
  marginal: { zh: '边缘易致贫户', en: 'Marginal' },
  hardship: { zh: '突发严重困难户', en: 'Sudden hardship' },
} as const;

/** Cases not decided within the 15-day limit from their confirmation. */
const decisionLate: AlertRuleDef = {
  id: 'exit_monitoring_decision_late',
  name: { zh: '防返贫监测未在时限内审定', en: 'Monitoring not decided within the limit' },
  severity: 'high',
  count: (m) => m.get('exit.mon.overdue'),
  items: (region) => sql`
    SELECT m.county_code || '-' || m.id AS item_key, to_char(m.decision_due, 'YYYY-MM-DD') AS sort_a, m.id AS sort_b, m.county_code,
           m.village_code AS region_code, to_char(m.decision_due, 'YYYY-MM-DD') AS since, 'page' AS link_kind, NULL::bigint AS link_id,
           '/monitoring/' || m.id AS link_path,
           '防返贫监测应于 ' || to_char(m.decision_due, 'YYYY-MM-DD') || ' 前完成县级审定' AS what_zh,
           'Monitoring to be decided by the county by ' || to_char(m.decision_due, 'YYYY-MM-DD') AS what_en
    FROM monitoring_case m
    JOIN procedure_case c ON c.county_code = m.county_code AND c.procedure = ${MONITORING.id} AND c.subject_id = m.id
    WHERE m.village_code LIKE ${`${region}%`} AND c.closed_at IS NULL AND c.state <> 'monitored' AND m.decision_due < ${thisDay()}::date`,
};

/** Hits waiting for the county's verification. */
const hitsOpen: AlertRuleDef = {
  id: 'exit_comparison_hits_open',
  name: { zh: '部门数据比对疑点待核实', en: 'Department-data hits to verify' },
  severity: 'medium',
  count: (m) => m.get('exit.hit.open'),
  items: (region) => sql`
    SELECT x.county_code || '-' || x.id AS item_key, to_char(x.created_at, 'YYYY-MM-DD') AS sort_a, x.id AS sort_b, x.county_code,
           x.village_code AS region_code, to_char(x.created_at, 'YYYY-MM-DD') AS since, 'page' AS link_kind, NULL::bigint AS link_id,
           '/comparison/hits/' || x.id AS link_path,
           '部门数据比对发现疑点（第 ' || x.row_number || ' 行），待县级核实' AS what_zh,
           'Department data names a registered person (row ' || x.row_number || '): to verify' AS what_en
    FROM comparison_hit x WHERE x.village_code LIKE ${`${region}%`} AND x.state = 'open'`,
};

export const exitMonitoringIndicators: IndicatorProvider = {
  module: 'exit-monitoring',
  groups: { exit_monitoring: { zh: '防返贫监测与数据比对', en: 'Monitoring and data comparison' } },
  measures: {
    sql: measuresSql,
    firstChange: () => sql<{ d: string | null }>`
      SELECT least((SELECT min(created_at)::date FROM monitoring_case), (SELECT min(created_at)::date FROM comparison_hit))::text AS d`,
  },
  hasData: (m) => m.sum('exit.mon.') > 0 || m.sum('exit.hit.') > 0,
  indicators: [
    {
      id: 'exit_monitored',
      name: { zh: '监测帮扶中的户', en: 'Households monitored' },
      unit: households,
      format: 'count',
      better: 'neutral',
      group: 'exit_monitoring',
      key: true,
      trend: true,
      list: monitoring({ state: 'monitored' }),
      value: (m) => m.get('exit.mon.monitored'),
    },
    ...KINDS.map((k) => ({
      id: `exit_monitored_${k}`,
      name: KIND_NAMES[k],
      unit: households,
      format: 'count' as const,
      better: 'neutral' as const,
      group: 'exit_monitoring',
      list: monitoring({ state: 'monitored', kind: k }),
      value: (m: { get(k: string): number }) => m.get(`exit.mon.kind.${k}`),
    })),
    {
      id: 'exit_monitoring_in_procedure',
      name: { zh: '纳入监测程序中', en: 'In the monitoring procedure' },
      unit: households,
      format: 'count',
      better: 'neutral',
      group: 'exit_monitoring',
      list: monitoring({}),
      value: (m) =>
        m.get('exit.mon.proposed') +
        m.get('exit.mon.visiting') +
        m.get('exit.mon.notice') +
        m.get('exit.mon.township_review') +
        m.get('exit.mon.county_decision'),
    },
    {
      id: 'exit_monitoring_overdue',
      name: { zh: '监测程序逾期', en: 'Monitoring steps overdue' },
      unit: households,
      format: 'count',
      better: 'lower',
      group: 'exit_monitoring',
      target: 0,
      list: monitoring({ overdue: '1' }),
      value: (m) => m.get('exit.mon.overdue'),
    },
    {
      id: 'exit_monitoring_left',
      name: { zh: '已消除风险退出监测', en: 'Left monitoring, risk removed' },
      unit: households,
      format: 'count',
      better: 'higher',
      group: 'exit_monitoring',
      list: monitoring({ state: 'left' }),
      value: (m) => m.get('exit.mon.left'),
    },
    {
      id: 'exit_hits_open',
      name: { zh: '比对疑点待核实', en: 'Comparison hits open' },
      unit: items,
      format: 'count',
      better: 'lower',
      group: 'exit_monitoring',
      list: comparison({ state: 'open' }),
      value: (m) => m.get('exit.hit.open'),
    },
    {
      id: 'exit_hits_confirmed',
      name: { zh: '比对疑点已确认', en: 'Comparison hits confirmed' },
      unit: items,
      format: 'count',
      better: 'neutral',
      group: 'exit_monitoring',
      list: comparison({ state: 'confirmed' }),
      value: (m) => m.get('exit.hit.confirmed'),
    },
    {
      id: 'exit_hits_dismissed',
      name: { zh: '比对疑点已排除', en: 'Comparison hits dismissed' },
      unit: items,
      format: 'count',
      better: 'neutral',
      group: 'exit_monitoring',
      list: comparison({ state: 'dismissed' }),
      value: (m) => m.get('exit.hit.dismissed'),
    },
  ],
  breakdowns: [],
  alerts: [
    decisionLate,
    hitsOpen,
    overdueAlertRule(MONITORING, {
      id: 'exit_monitoring_step_overdue',
      name: { zh: '防返贫监测步骤未按期办理', en: 'Monitoring step not taken in time' },
      severity: 'medium',
      page: '/monitoring/',
    }),
  ],
  summary: (s) =>
    s.lang === 'en'
      ? [
          `Return-to-poverty monitoring: ${s.show('exit_monitored')} households monitored (${s.show('exit_monitored_unstable')} unstable exited, ${s.show('exit_monitored_marginal')} marginal, ${s.show('exit_monitored_hardship')} sudden hardship), ${s.show('exit_monitoring_in_procedure')} in the procedure, ${s.show('exit_monitoring_overdue')} overdue; department data: ${s.show('exit_hits_open')} hits to verify, ${s.show('exit_hits_confirmed')} confirmed, ${s.show('exit_hits_dismissed')} dismissed.`,
        ]
      : [
          `防返贫监测：监测帮扶中 ${s.show('exit_monitored')} 户（脱贫不稳定户 ${s.show('exit_monitored_unstable')} 户、边缘易致贫户 ${s.show('exit_monitored_marginal')} 户、突发严重困难户 ${s.show('exit_monitored_hardship')} 户），程序中 ${s.show('exit_monitoring_in_procedure')} 户，逾期 ${s.show('exit_monitoring_overdue')} 户；部门数据比对疑点待核实 ${s.show('exit_hits_open')} 条，已确认 ${s.show('exit_hits_confirmed')} 条、已排除 ${s.show('exit_hits_dismissed')} 条。`,
        ],
};
