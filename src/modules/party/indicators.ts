import { sql } from 'kysely';
import { thisDay } from '../../server/clock.ts';
import type { AlertRuleDef, IndicatorProvider } from '../command/types.ts';
import { countyFilter, type Villages, villageFilter } from '../command/villages.ts';

/**
 * What the party core adds to the command centre: organisations, members, wealth-leading members in poor villages
 * (every poor village should have one, DOMAIN.md §4.3) and the share of secretaries who also head the village
 * committee (一肩挑). Dated facts: an organisation counts from its establishment to its dissolution, a member from
 * joining to leaving, a secretary over the term; so any month is computed as it stood.
 */
function measuresSql(villages: Villages | null, asOf: string | null) {
  const inVillages = villageFilter(villages);
  const inCounties = countyFilter(villages);
  const d = sql`${asOf ?? thisDay()}::date`;
  return sql<{ village_code: string; measure: string; value: number }>`
    WITH orgs AS MATERIALIZED (
      SELECT o.county_code, o.id, o.region_code AS village_code FROM party_org o
      WHERE ${inVillages('o.region_code')} AND length(o.region_code) = 12
        AND (o.established_on IS NULL OR o.established_on <= ${d}) AND (o.dissolved_on IS NULL OR o.dissolved_on > ${d})
    ), members AS MATERIALIZED (
      SELECT o.village_code, m.wealth_leader FROM orgs o
      JOIN party_member m ON m.county_code = o.county_code AND m.org_id = o.id
      WHERE ${inCounties('m.county_code')} AND m.joined_on <= ${d} AND (m.left_on IS NULL OR m.left_on > ${d})
    ), terms AS (
      SELECT o.village_code, t.one_shoulder FROM orgs o
      JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id
      WHERE ${inCounties('t.county_code')} AND t.start_date <= ${d} AND (t.end_date IS NULL OR t.end_date >= ${d})
    ), pv AS (
      SELECT v.village_code, EXISTS (SELECT 1 FROM members m WHERE m.village_code = v.village_code AND m.wealth_leader) AS wealth
      FROM poor_village v WHERE ${inVillages('v.village_code')} AND v.year_listed <= extract(year FROM ${d})::int
    )
    SELECT village_code, 'party.org' AS measure, count(*)::numeric AS value FROM orgs GROUP BY 1
    UNION ALL SELECT village_code, 'party.members', count(*) FROM members GROUP BY 1
    UNION ALL SELECT village_code, 'party.wealth', count(*) FROM members WHERE wealth_leader GROUP BY 1
    UNION ALL SELECT village_code, 'party.secretary', count(*) FROM terms GROUP BY 1
    UNION ALL SELECT village_code, 'party.one_shoulder', count(*) FROM terms WHERE one_shoulder GROUP BY 1
    UNION ALL SELECT village_code, 'party.pv', 1 FROM pv
    UNION ALL SELECT village_code, 'party.pv.wealth', 1 FROM pv WHERE wealth`;
}

const pct = (n: number, d: number) => (d > 0 ? Math.round((10000 * n) / d) / 100 : null);
const percent = { zh: '%', en: '%' };

/** Poor villages (ever listed) whose organisation has no wealth-leading member now. */
const noWealthLeader: AlertRuleDef = {
  id: 'party_pv_no_wealth_leader',
  name: { zh: '贫困村无党员致富带头人', en: 'Poor village without a wealth-leading member' },
  severity: 'low',
  count: (m) => m.get('party.pv') - m.get('party.pv.wealth'),
  items: (region) => {
    const d = sql`${thisDay()}::date`;
    return sql`
      SELECT v.village_code AS item_key, v.village_code AS sort_a, 0::bigint AS sort_b, v.county_code, v.village_code AS region_code,
             to_char(make_date(v.year_listed, 1, 1), 'YYYY-MM-DD') AS since, 'page' AS link_kind, NULL::bigint AS link_id,
             '/villages/' || v.village_code AS link_path,
             '贫困村党组织中没有党员致富带头人' AS what_zh, 'No wealth-leading party member in this poor village' AS what_en
      FROM poor_village v
      WHERE v.village_code LIKE ${`${region}%`} AND v.year_listed <= extract(year FROM ${d})::int
        AND NOT EXISTS (
          SELECT 1 FROM party_org o JOIN party_member m ON m.county_code = o.county_code AND m.org_id = o.id
          WHERE o.county_code = v.county_code AND o.region_code = v.village_code AND o.dissolved_on IS NULL
            AND m.left_on IS NULL AND m.wealth_leader)`;
  },
};

export const partyCoreIndicators: IndicatorProvider = {
  module: 'party',
  groups: { party: { zh: '村党组织', en: 'Village party organisations' } },
  measures: {
    sql: measuresSql,
    firstChange: () => sql<{ d: string | null }>`SELECT least(
      (SELECT min(established_on) FROM party_org), (SELECT min(joined_on) FROM party_member))::text AS d`,
  },
  hasData: (m) => m.get('party.org') > 0,
  indicators: [
    {
      id: 'party_pv_wealth_coverage',
      name: { zh: '有党员致富带头人的贫困村占比', en: 'Poor villages with a wealth-leading member' },
      unit: percent,
      format: 'percent',
      better: 'higher',
      group: 'party',
      target: 100,
      tolerance: 10,
      key: true,
      trend: true,
      list: { path: '/party/members', query: { wealth: 'true' } },
      value: (m) => pct(m.get('party.pv.wealth'), m.get('party.pv')),
    },
    {
      id: 'party_orgs',
      name: { zh: '村党组织', en: 'Village party organisations' },
      unit: { zh: '个', en: 'organisations' },
      format: 'count',
      better: 'neutral',
      group: 'party',
      list: { path: '/party/orgs', query: {} },
      value: (m) => m.get('party.org'),
    },
    {
      id: 'party_members',
      name: { zh: '农村党员', en: 'Village party members' },
      unit: { zh: '人', en: 'members' },
      format: 'count',
      better: 'neutral',
      group: 'party',
      trend: true,
      list: { path: '/party/members', query: {} },
      value: (m) => m.get('party.members'),
    },
    {
      id: 'party_wealth_leaders',
      name: { zh: '党员致富带头人', en: 'Wealth-leading members' },
      unit: { zh: '人', en: 'members' },
      format: 'count',
      better: 'higher',
      group: 'party',
      list: { path: '/party/members', query: { wealth: 'true' } },
      value: (m) => m.get('party.wealth'),
    },
    {
      id: 'party_one_shoulder_share',
      name: { zh: '书记主任“一肩挑”比例', en: 'Secretaries also heading the village committee' },
      unit: percent,
      format: 'percent',
      better: 'higher',
      group: 'party',
      list: { path: '/party/orgs', query: {} },
      value: (m) => pct(m.get('party.one_shoulder'), m.get('party.secretary')),
    },
  ],
  breakdowns: [],
  alerts: [noWealthLeader],
  summary: (s) =>
    s.lang !== 'en'
      ? [
          `村党组织：${s.show('party_orgs')} 个，农村党员 ${s.show('party_members')} 人，其中致富带头人 ${s.show('party_wealth_leaders')} 人；有党员致富带头人的贫困村占 ${s.show('party_pv_wealth_coverage')}，书记主任“一肩挑”比例 ${s.show('party_one_shoulder_share')}。`,
        ]
      : [
          `Village party organisations: ${s.show('party_orgs')}, with ${s.show('party_members')} members of whom ${s.show('party_wealth_leaders')} lead in wealth; ${s.show('party_pv_wealth_coverage')} of poor villages have a wealth-leading member; ${s.show('party_one_shoulder_share')} of secretaries also head the village committee.`,
        ],
};
