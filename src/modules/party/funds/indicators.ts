import { sql } from 'kysely';
import { thisDay } from '../../../server/clock.ts';
import type { AlertRuleDef, IndicatorProvider, MeasureReader } from '../../command/types.ts';
import { type Villages, villageFilter } from '../../command/villages.ts';
import { SETTINGS } from '../../settings.ts';
import { percentOf } from './money.ts';
import { OPERATION_KEY, PARTY_BUILDING_KEY } from './rules.ts';

/**
 * What funds, pay, collective income, commitments and reserve cadres add to the command centre. The villages counted
 * are those the party module knows (a village party organisation, a poor village, a payment or an income on record);
 * each is owed the yearly standards. Measures are per village and additive; the standard is applied at each level
 * (operation and party building each counted up to its standard), as the funds page does.
 */
function measuresSql(villages: Villages | null, asOf: string | null) {
  const inV = villageFilter(villages);
  const d = sql`${asOf ?? thisDay()}::date`;
  const y = sql`extract(year FROM ${d})::int`;
  return sql<{ village_code: string; measure: string; value: number }>`
    WITH known AS MATERIALIZED (
      SELECT region_code AS village_code FROM party_org
        WHERE ${inV('region_code')} AND length(region_code) = 12 AND dissolved_on IS NULL AND coalesce(established_on, ${d}) <= ${d}
      UNION SELECT village_code FROM poor_village WHERE ${inV('village_code')} AND year_listed <= ${y}
      UNION SELECT village_code FROM party_fund_payment WHERE ${inV('village_code')} AND paid_on <= ${d}
      UNION SELECT village_code FROM party_collective_income WHERE ${inV('village_code')} AND year <= ${y}
    ), earning AS MATERIALIZED (
      SELECT DISTINCT village_code FROM party_collective_income WHERE ${inV('village_code')} AND year = ${y} AND amount_fen > 0
    )
    SELECT village_code, 'party.v' AS measure, 1::numeric AS value FROM known
    UNION ALL SELECT village_code, 'party.paid.' || purpose || '.' || extract(year FROM paid_on)::int, sum(amount_fen)
      FROM party_fund_payment WHERE ${inV('village_code')} AND paid_on <= ${d} AND purpose <> 'other' GROUP BY 1, 2
    UNION ALL SELECT k.village_code, 'party.hollow', 1 FROM known k LEFT JOIN earning e ON e.village_code = k.village_code
      WHERE e.village_code IS NULL
    UNION ALL SELECT village_code, 'party.pay.late', count(*) FROM party_cadre_pay
      WHERE ${inV('village_code')} AND extract(year FROM month)::int = ${y} AND due_on < ${d} AND (paid_on IS NULL OR paid_on > due_on) GROUP BY 1
    UNION ALL SELECT region_code, 'party.commit', count(*) FROM party_commitment
      WHERE ${inV('region_code')} AND year = ${y} AND created_at < ${d} + 1 GROUP BY 1
    UNION ALL SELECT region_code, 'party.commit.done', count(*) FROM party_commitment
      WHERE ${inV('region_code')} AND year = ${y} AND status = 'fulfilled' AND review = 'confirmed' AND reviewed_on <= ${d} GROUP BY 1
    UNION ALL SELECT village_code, 'party.reserve', count(*) FROM party_reserve_cadre
      WHERE ${inV('village_code')} AND since <= ${d} AND (left_on IS NULL OR left_on > ${d}) GROUP BY 1`;
}

const yuan = (ctx: { settings: Record<string, number> }, key: string, fallback: number) =>
  Math.round((ctx.settings[key] ?? fallback) * 100);
const OP_DEFAULT = SETTINGS[OPERATION_KEY].default;
const PB_DEFAULT = SETTINGS[PARTY_BUILDING_KEY].default;

/** Paid against the standard (%) for the report's year: each purpose up to its standard for the region's villages. */
function fundsPercent(m: MeasureReader, ctx: { year: number; settings: Record<string, number> }) {
  const n = m.get('party.v');
  const op = n * yuan(ctx, OPERATION_KEY, OP_DEFAULT);
  const pb = n * yuan(ctx, PARTY_BUILDING_KEY, PB_DEFAULT);
  const covered = Math.min(m.get(`party.paid.operation.${ctx.year}`), op) + Math.min(m.get(`party.paid.party_building.${ctx.year}`), pb);
  return percentOf(covered, op + pb);
}

const hollowAlert: AlertRuleDef = {
  id: 'party_hollow_village',
  name: { zh: '空壳村（本年无村集体经济收入）', en: 'Hollow village (no collective income this year)' },
  severity: 'medium',
  count: (m) => m.get('party.hollow'),
  items: (region, ctx) => sql`
    WITH known AS (
      SELECT county_code, region_code AS village_code FROM party_org
        WHERE region_code LIKE ${`${region}%`} AND length(region_code) = 12 AND dissolved_on IS NULL
      UNION SELECT county_code, village_code FROM poor_village WHERE village_code LIKE ${`${region}%`} AND year_listed <= ${ctx.year}
      UNION SELECT county_code, village_code FROM party_fund_payment WHERE village_code LIKE ${`${region}%`}
      UNION SELECT county_code, village_code FROM party_collective_income WHERE village_code LIKE ${`${region}%`} AND year <= ${ctx.year}
    )
    SELECT k.village_code AS item_key, k.village_code AS sort_a, 0::bigint AS sort_b, k.county_code, k.village_code AS region_code,
           ${`${ctx.year}-01-01`} AS since, 'page' AS link_kind, NULL::bigint AS link_id,
           '/party/funds/income?region=' || k.village_code || '&year=' || ${ctx.year} AS link_path,
           ${`${ctx.year} 年`} || CASE WHEN i.village_code IS NULL THEN '未填报村集体经济收入' ELSE '村集体经济收入为 0' END AS what_zh,
           CASE WHEN i.village_code IS NULL THEN 'no collective income recorded for ' ELSE 'collective income of 0 in ' END || ${ctx.year} AS what_en
    FROM known k
    LEFT JOIN party_collective_income i ON i.county_code = k.county_code AND i.village_code = k.village_code AND i.year = ${ctx.year}
    WHERE coalesce(i.amount_fen, 0) = 0`,
};

const latePayAlert: AlertRuleDef = {
  id: 'party_late_pay',
  name: { zh: '村干部报酬未按时发放', en: "Village cadres' pay late" },
  severity: 'high',
  count: (m) => m.get('party.pay.late'),
  items: (region, ctx) => sql`
    SELECT cp.county_code || '-' || cp.id AS item_key, to_char(cp.due_on, 'YYYY-MM-DD') AS sort_a, cp.id AS sort_b,
           cp.county_code, cp.village_code AS region_code, to_char(cp.due_on, 'YYYY-MM-DD') AS since,
           'page' AS link_kind, NULL::bigint AS link_id,
           '/party/funds/pay?region=' || cp.village_code || '&year=' || ${ctx.year} || '&late=1&id=' || cp.id AS link_path,
           pe.name || '（' || cp.post || '）' || to_char(cp.month, 'YYYY-MM') || ' 报酬' ||
             CASE WHEN cp.paid_on IS NULL THEN '逾期未发，应于 ' || to_char(cp.due_on, 'YYYY-MM-DD') || ' 前发放'
                  ELSE '于 ' || to_char(cp.paid_on, 'YYYY-MM-DD') || ' 迟发（应发 ' || to_char(cp.due_on, 'YYYY-MM-DD') || '）' END AS what_zh,
           pe.name || ' (' || cp.post || '), pay for ' || to_char(cp.month, 'YYYY-MM') ||
             CASE WHEN cp.paid_on IS NULL THEN ' unpaid, due ' || to_char(cp.due_on, 'YYYY-MM-DD')
                  ELSE ' paid late on ' || to_char(cp.paid_on, 'YYYY-MM-DD') || ' (due ' || to_char(cp.due_on, 'YYYY-MM-DD') || ')' END AS what_en
    FROM party_cadre_pay cp JOIN person pe ON pe.county_code = cp.county_code AND pe.id = cp.person_id
    WHERE cp.village_code LIKE ${`${region}%`} AND cp.month BETWEEN make_date(${ctx.year}::int, 1, 1) AND make_date(${ctx.year}::int, 12, 1)
      AND cp.due_on < ${thisDay()}::date AND (cp.paid_on IS NULL OR cp.paid_on > cp.due_on)`,
};

const villages = { zh: '个', en: 'villages' };
const percent = { zh: '%', en: '%' };

export const partyFundsIndicators: IndicatorProvider = {
  module: 'party-funds',
  groups: { party_funds: { zh: '村级经费与集体经济', en: 'Village funds and collective economy' } },
  measures: {
    sql: measuresSql,
    firstChange: () => sql<{ d: string | null }>`
      SELECT least((SELECT min(paid_on) FROM party_fund_payment), (SELECT min(month) FROM party_cadre_pay),
                   (SELECT make_date(min(year), 1, 1) FROM party_collective_income), (SELECT min(since) FROM party_reserve_cadre))::text AS d`,
  },
  settings: { [OPERATION_KEY]: OP_DEFAULT, [PARTY_BUILDING_KEY]: PB_DEFAULT },
  hasData: (m) => m.get('party.v') > 0,
  indicators: [
    {
      id: 'party_funds_paid',
      name: { zh: '村级经费拨付到位率', en: 'Village funds paid against the standard' },
      unit: percent,
      format: 'percent',
      better: 'higher',
      group: 'party_funds',
      target: 100,
      tolerance: 10,
      key: true,
      trend: true,
      list: { path: '/party/funds', query: {} },
      value: (m, ctx) => fundsPercent(m, ctx),
    },
    {
      id: 'party_hollow_villages',
      name: { zh: '空壳村', en: 'Hollow villages' },
      unit: villages,
      format: 'count',
      better: 'lower',
      group: 'party_funds',
      target: 0,
      trend: true,
      list: { path: '/party/funds/income', query: {} },
      value: (m) => m.get('party.hollow'),
    },
    {
      id: 'party_late_pay',
      name: { zh: '村干部报酬逾期（本年）', en: "Village cadres' pay late (this year)" },
      unit: { zh: '笔', en: 'records' },
      format: 'count',
      better: 'lower',
      group: 'party_funds',
      target: 0,
      list: { path: '/party/funds/pay', query: { late: '1' } },
      value: (m) => m.get('party.pay.late'),
    },
    {
      id: 'party_commitments_fulfilled',
      name: { zh: '党员承诺践诺率', en: 'Commitments fulfilled' },
      unit: percent,
      format: 'percent',
      better: 'higher',
      group: 'party_funds',
      list: { path: '/party/commitments', query: {} },
      value: (m) => percentOf(m.get('party.commit.done'), m.get('party.commit')),
    },
    {
      id: 'party_reserve_per_village',
      name: { zh: '村均后备干部', en: 'Reserve cadres per village' },
      unit: { zh: '人/村', en: 'per village' },
      format: 'count',
      better: 'higher',
      group: 'party_funds',
      list: { path: '/party/reserve', query: {} },
      value: (m) => (m.get('party.v') > 0 ? Math.round((100 * m.get('party.reserve')) / m.get('party.v')) / 100 : null),
    },
  ],
  breakdowns: [],
  alerts: [latePayAlert, hollowAlert],
  summary: (s) =>
    s.lang === 'en'
      ? [
          `Village funds: ${s.show('party_funds_paid')} of the standard paid; ${s.show('party_hollow_villages')} hollow villages; ${s.show('party_late_pay')} late pay records of village cadres this year; commitments fulfilled ${s.show('party_commitments_fulfilled')}; ${s.show('party_reserve_per_village')} reserve cadres per village.`,
        ]
      : [
          `村级经费：拨付到位率 ${s.show('party_funds_paid')}，空壳村 ${s.show('party_hollow_villages')} 个，本年村干部报酬逾期 ${s.show('party_late_pay')} 笔；党员承诺践诺率 ${s.show('party_commitments_fulfilled')}，村均后备干部 ${s.show('party_reserve_per_village')} 人。`,
        ],
};
