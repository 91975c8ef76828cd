import { sql } from 'kysely';
import { thisDay } from '../../../server/clock.ts';
import { casesAsOf, countPerState } from '../../command/procedure-states.ts';
import type { AlertRuleDef, IndicatorProvider } from '../../command/types.ts';
import { type Villages, villageFilter } from '../../command/villages.ts';
import { overdueAlertRule } from '../../procedures/alerts.ts';
import { ADJUSTMENT } from '../screening/procedures.ts';
import { RECTIFICATION } from './procedures.ts';

/**
 * What the rectification ledger and the screening add to the command centre. A case's state on a day is the state of
 * its last step recorded by then (the command centre's casesAsOf, shared with monitoring), so any month reads as it
 * stood; screenings count by the day they were assessed and adjustments by the day the new secretary took over.
 */
function measuresSql(villages: Villages | null, asOf: string | null) {
  const inVillages = villageFilter(villages);
  const d = sql`${asOf ?? thisDay()}::date`;
  return sql<{ village_code: string; measure: string; value: number }>`
    WITH cases AS MATERIALIZED (${casesAsOf({
      table: 'party_rectification',
      alias: 'r',
      procedure: RECTIFICATION.id,
      columns: ['year', 'deadline'],
      villages,
      day: d,
    })}
    ), screened AS (
      SELECT s.village_code, s.result, s.assessed_on, s.adjusted_on, s.adjust_by FROM party_screening s
      WHERE ${inVillages('s.village_code')} AND s.assessed_on <= ${d}
    )
    ${countPerState('party.case.')}
    UNION ALL SELECT village_code, 'party.case.overdue', count(*) FROM cases
      WHERE state IN ('identified', 'planned', 'rectifying') AND deadline < ${d} GROUP BY 1
    UNION ALL SELECT village_code, 'party.case.late_year', count(*) FROM cases
      WHERE state IN ('identified', 'planned', 'rectifying') AND make_date(year, 12, 31) < ${d} GROUP BY 1
    UNION ALL SELECT village_code, 'party.screened.' || extract(year FROM assessed_on)::int, count(*) FROM screened GROUP BY 1, 2
    UNION ALL SELECT village_code, 'party.unfit.' || extract(year FROM assessed_on)::int, count(*) FROM screened
      WHERE result = 'incompetent' GROUP BY 1, 2
    UNION ALL SELECT village_code, 'party.adjusted.' || extract(year FROM adjusted_on)::int, count(*) FROM screened
      WHERE adjusted_on <= ${d} GROUP BY 1, 2
    UNION ALL SELECT village_code, 'party.adjust_overdue', count(*) FROM screened
      WHERE result = 'incompetent' AND (adjusted_on IS NULL OR adjusted_on > ${d}) AND adjust_by < ${d} GROUP BY 1`;
}

const orgs = { zh: '个', en: 'organisations' };
const persons = { zh: '人', en: 'persons' };
const ledger = (query: Record<string, string>) => ({ path: '/party/ledger', query });
const OPEN = "IN ('identified', 'planned', 'rectifying')";

/** Open cases past the deadline of their plan (整改时限). */
const overdueCases: AlertRuleDef = {
  id: 'party_rectification_overdue',
  name: { zh: '软弱涣散整顿超过整改时限', en: 'Rectification past its deadline' },
  severity: 'high',
  count: (m) => m.get('party.case.overdue'),
  items: (region) => sql`
    SELECT r.county_code || '-' || r.id AS item_key, to_char(r.deadline, 'YYYY-MM-DD') AS sort_a, r.id AS sort_b, r.county_code,
           r.village_code AS region_code, to_char(r.deadline, 'YYYY-MM-DD') AS since, 'page' AS link_kind, NULL::bigint AS link_id,
           '/party/ledger/' || r.id AS link_path,
           r.year || ' 年度整顿超过整改时限 ' || to_char(r.deadline, 'YYYY-MM-DD') || ' 仍未销号' AS what_zh,
           'Rectification of ' || r.year || ' past its deadline ' || to_char(r.deadline, 'YYYY-MM-DD') AS what_en
    FROM party_rectification r
    JOIN procedure_case c ON c.county_code = r.county_code AND c.procedure = ${RECTIFICATION.id} AND c.subject_id = r.id
    WHERE r.village_code LIKE ${`${region}%`} AND c.state ${sql.raw(OPEN)} AND r.deadline < ${thisDay()}::date`,
};

/** Cases of a past year still open (the target: all converted by year end). */
const lateYear: AlertRuleDef = {
  id: 'party_rectification_year_end',
  name: { zh: '软弱涣散村党组织年底未完成整顿', en: 'Rectification not closed by year end' },
  severity: 'high',
  count: (m) => m.get('party.case.late_year'),
  items: (region) => sql`
    SELECT r.county_code || '-' || r.id AS item_key, r.year::text AS sort_a, r.id AS sort_b, r.county_code, r.village_code AS region_code,
           r.year || '-12-31' AS since, 'page' AS link_kind, NULL::bigint AS link_id, '/party/ledger/' || r.id AS link_path,
           r.year || ' 年度软弱涣散村党组织年底前未销号' AS what_zh, 'Weak-and-lax case of ' || r.year || ' not closed by year end' AS what_en
    FROM party_rectification r
    JOIN procedure_case c ON c.county_code = r.county_code AND c.procedure = ${RECTIFICATION.id} AND c.subject_id = r.id
    WHERE r.village_code LIKE ${`${region}%`} AND c.state ${sql.raw(OPEN)} AND make_date(r.year, 12, 31) < ${thisDay()}::date`,
};

/** Unfit secretaries not adjusted by the deadline (year end). */
const adjustmentOverdue: AlertRuleDef = {
  id: 'party_adjustment_overdue',
  name: { zh: '不胜任村党组织书记逾期未调整', en: 'Unfit secretary not adjusted in time' },
  severity: 'high',
  count: (m) => m.get('party.adjust_overdue'),
  items: (region) => sql`
    SELECT s.county_code || '-' || s.id AS item_key, to_char(s.adjust_by, 'YYYY-MM-DD') AS sort_a, s.id AS sort_b, s.county_code,
           s.village_code AS region_code, to_char(s.adjust_by, 'YYYY-MM-DD') AS since, 'page' AS link_kind, NULL::bigint AS link_id,
           '/party/screening/secretary/' || s.id AS link_path,
           '过筛子研判不胜任的书记应于 ' || to_char(s.adjust_by, 'YYYY-MM-DD') || ' 前调整' AS what_zh,
           'Secretary found unfit, to be adjusted by ' || to_char(s.adjust_by, 'YYYY-MM-DD') AS what_en
    FROM party_screening s
    JOIN procedure_case c ON c.county_code = s.county_code AND c.procedure = ${ADJUSTMENT.id} AND c.subject_id = s.id
    WHERE s.village_code LIKE ${`${region}%`} AND c.state = 'pending' AND s.adjust_by < ${thisDay()}::date`,
};

export const partyLedgerIndicators: IndicatorProvider = {
  module: 'party-ledger',
  groups: { party_ledger: { zh: '党建·整顿与过筛子', en: 'Party: rectification and screening' } },
  measures: {
    sql: measuresSql,
    firstChange: () => sql<{ d: string | null }>`
      SELECT least((SELECT min(created_at)::date FROM party_rectification), (SELECT min(assessed_on) FROM party_screening))::text AS d`,
  },
  hasData: (m) => m.sum('party.case.') > 0 || m.sum('party.screened.') > 0,
  indicators: [
    {
      id: 'party_weak_open',
      name: { zh: '软弱涣散村党组织（整顿中）', en: 'Weak-and-lax organisations (open)' },
      unit: orgs,
      format: 'count',
      better: 'lower',
      group: 'party_ledger',
      key: true,
      trend: true,
      list: ledger({}),
      value: (m) => m.get('party.case.identified') + m.get('party.case.planned') + m.get('party.case.rectifying'),
    },
    {
      id: 'party_weak_identified',
      name: { zh: '已排查认定待定措施', en: 'Identified, measures not set' },
      unit: orgs,
      format: 'count',
      better: 'lower',
      group: 'party_ledger',
      list: ledger({ state: 'identified' }),
      value: (m) => m.get('party.case.identified'),
    },
    {
      id: 'party_weak_rectifying',
      name: { zh: '整顿中', en: 'Rectifying' },
      unit: orgs,
      format: 'count',
      better: 'neutral',
      group: 'party_ledger',
      list: ledger({ state: 'rectifying' }),
      value: (m) => m.get('party.case.planned') + m.get('party.case.rectifying'),
    },
    {
      id: 'party_weak_closed',
      name: { zh: '已销号', en: 'Closed' },
      unit: orgs,
      format: 'count',
      better: 'higher',
      group: 'party_ledger',
      list: ledger({ state: 'closed' }),
      value: (m) => m.get('party.case.closed'),
    },
    {
      id: 'party_weak_consolidated',
      name: { zh: '已巩固', en: 'Consolidated' },
      unit: orgs,
      format: 'count',
      better: 'higher',
      group: 'party_ledger',
      list: ledger({ state: 'consolidated' }),
      value: (m) => m.get('party.case.consolidated'),
    },
    {
      id: 'party_weak_overdue',
      name: { zh: '整顿超过时限', en: 'Rectification overdue' },
      unit: orgs,
      format: 'count',
      better: 'lower',
      group: 'party_ledger',
      target: 0,
      list: ledger({ overdue: '1' }),
      value: (m) => m.get('party.case.overdue'),
    },
    {
      id: 'party_secretaries_screened',
      name: { zh: '本年过筛子研判书记', en: 'Secretaries screened this year' },
      unit: persons,
      format: 'count',
      better: 'neutral',
      group: 'party_ledger',
      value: (m, ctx) => m.get(`party.screened.${ctx.year}`),
    },
    {
      id: 'party_secretaries_adjusted',
      name: { zh: '本年调整不胜任书记', en: 'Unfit secretaries adjusted this year' },
      unit: persons,
      format: 'count',
      better: 'neutral',
      group: 'party_ledger',
      value: (m, ctx) => m.get(`party.adjusted.${ctx.year}`),
    },
  ],
  breakdowns: [],
  alerts: [
    overdueCases,
    lateYear,
    adjustmentOverdue,
    overdueAlertRule(RECTIFICATION, {
      id: 'party_rectification_step_overdue',
      name: { zh: '软弱涣散整顿未按期办理', en: 'Rectification step not taken in time' },
      severity: 'medium',
      page: '/party/ledger/',
    }),
  ],
  summary: (s) =>
    s.lang === 'en'
      ? [
          `Weak-and-lax organisations: ${s.show('party_weak_open')} under rectification (${s.show('party_weak_overdue')} past their deadline), ${s.show('party_weak_closed')} closed and ${s.show('party_weak_consolidated')} consolidated; ${s.show('party_secretaries_screened')} secretaries screened and ${s.show('party_secretaries_adjusted')} adjusted this year.`,
        ]
      : [
          `软弱涣散村党组织整顿：整顿中 ${s.show('party_weak_open')} 个（超过整改时限 ${s.show('party_weak_overdue')} 个），已销号 ${s.show('party_weak_closed')} 个、已巩固 ${s.show('party_weak_consolidated')} 个；本年过筛子研判书记 ${s.show('party_secretaries_screened')} 人，调整不胜任书记 ${s.show('party_secretaries_adjusted')} 人。`,
        ],
};
