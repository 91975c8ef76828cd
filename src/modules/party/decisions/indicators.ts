import { sql } from 'kysely';
import { thisDay } from '../../../server/clock.ts';
import { caseStateOn } from '../../command/procedure-states.ts';
import type { IndicatorProvider, MeasureReader } from '../../command/types.ts';
import { type Villages, villageFilter } from '../../command/villages.ts';
import { overdueAlertRule } from '../../procedures/alerts.ts';
import { DECISION } from './procedure.ts';

/** A decision is disclosed in time when its disclosure comes within this many days of the villagers' decision. */
export const DISCLOSE_WITHIN = 'party.decision_disclose_within_days';
/** Lags above this are counted together: the indicator's setting stays below it. */
const LAG_CAP = 61;

/**
 * Measures by village as of a day: decisions by the state their case stood in that day (its last step by then), and
 * disclosed decisions by the days from the villagers' meeting to the disclosure.
 */
export function decisionMeasures(villages: Villages | null, asOf: string | null) {
  const inVillages = villageFilter(villages);
  const d = sql`${asOf ?? thisDay()}::date`;
  return sql<{ village_code: string; measure: string; value: number }>`
    WITH decision_state AS (
      SELECT c.region_code AS village_code,
             ${caseStateOn(d, villages, 'effective_date')} AS state
      FROM procedure_case c WHERE c.procedure = ${DECISION.id} AND ${inVillages('c.region_code')}
    ), lag AS (
      SELECT p.village_code, least(p.held_on - v.held_on, ${LAG_CAP}) AS days
      FROM party_decision_step p
      JOIN party_decision_step v ON v.county_code = p.county_code AND v.decision_id = p.decision_id AND v.step = 'villagers_meeting'
      WHERE p.step = 'disclose_decision' AND p.held_on <= ${d} AND ${inVillages('p.village_code')}
    )
    SELECT village_code, 'party.decision.state.' || state AS measure, count(*)::numeric AS value FROM decision_state WHERE state IS NOT NULL GROUP BY 1, 2
    UNION ALL SELECT village_code, 'party.decision.disclose_lag.' || days, count(*) FROM lag GROUP BY 1, 2`;
}

const states = Object.keys(DECISION.states);
const open = (m: MeasureReader) =>
  states.filter((s) => !DECISION.states[s]?.terminal).reduce((n, s) => n + m.get(`party.decision.state.${s}`), 0);
const pct = (n: number, d: number) => (d > 0 ? Math.round((10000 * n) / d) / 100 : null);
const items = { zh: '件', en: 'decisions' };
const list = (state?: string) => ({ path: '/party/decisions', query: (state ? { state } : {}) as Record<string, string> });

export const partyDecisionsIndicators: IndicatorProvider = {
  module: 'party-decisions',
  groups: { party: { zh: '党建', en: 'Party building' } },
  measures: {
    sql: decisionMeasures,
    firstChange: () => sql<{ d: string | null }>`SELECT min(proposed_on)::text AS d FROM party_decision`,
  },
  settings: { [DISCLOSE_WITHIN]: 15 },
  hasData: (m) => m.sum('party.decision.state.') > 0,
  indicators: [
    {
      id: 'party_decisions_open',
      name: { zh: '办理中的“四议一审两公开”事项', en: 'Decisions in progress (4-1-2)' },
      unit: items,
      format: 'count',
      better: 'neutral',
      group: 'party',
      list: list(),
      value: (m) => open(m),
    },
    {
      id: 'party_decisions_done',
      name: { zh: '实施结果已公开事项', en: 'Decisions with results disclosed' },
      unit: items,
      format: 'count',
      better: 'higher',
      group: 'party',
      trend: true,
      list: list('result_disclosed'),
      value: (m) => m.get('party.decision.state.result_disclosed'),
    },
    {
      id: 'party_decisions_rejected',
      name: { zh: '未通过的事项', en: 'Decisions rejected' },
      unit: items,
      format: 'count',
      better: 'neutral',
      group: 'party',
      list: list('rejected'),
      value: (m) => m.get('party.decision.state.rejected'),
    },
    {
      id: 'party_decisions_disclosed_timely',
      name: { zh: '决议按期公开率', en: 'Decisions disclosed in time' },
      unit: { zh: '%', en: '%' },
      format: 'percent',
      better: 'higher',
      group: 'party',
      target: 100,
      tolerance: 10,
      list: list('decision_disclosed'),
      value: (m, ctx) =>
        pct(
          m.sum('party.decision.disclose_lag.', (days) => Number(days) <= (ctx.settings[DISCLOSE_WITHIN] ?? 15)),
          m.sum('party.decision.disclose_lag.'),
        ),
    },
  ],
  breakdowns: [
    {
      id: 'party_decision_states',
      name: { zh: '“四议一审两公开”事项办理进度', en: 'Decisions by step reached' },
      list: (state) => list(state),
      items: (m, _ctx, lang) =>
        states.map((s) => ({
          key: s,
          label: (lang === 'en' ? DECISION.states[s]?.label.en : DECISION.states[s]?.label.zh) ?? s,
          value: m.get(`party.decision.state.${s}`),
        })),
    },
  ],
  alerts: [
    overdueAlertRule(DECISION, {
      id: 'party_decision_overdue',
      name: { zh: '“四议一审两公开”事项超期未办理下一步', en: 'Decision past the deadline of its next step' },
      severity: 'medium',
      page: '/party/decisions/',
    }),
  ],
  summary: (s) =>
    s.lang !== 'en'
      ? [
          `四议一审两公开：办理中 ${s.show('party_decisions_open')} 件，实施结果已公开 ${s.show('party_decisions_done')} 件，未通过 ${s.show('party_decisions_rejected')} 件；决议按期公开率 ${s.show('party_decisions_disclosed_timely')}。`,
        ]
      : [
          `Village decisions (4-1-2): ${s.show('party_decisions_open')} in progress, ${s.show('party_decisions_done')} with results disclosed, ${s.show('party_decisions_rejected')} rejected; disclosed in time ${s.show('party_decisions_disclosed_timely')}.`,
        ],
};
