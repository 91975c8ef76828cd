import { type RawBuilder, sql } from 'kysely';
import type { AlertRuleDef, Context, MeasureReader } from '../command/types.ts';
import { before, REMAINING, remaining, THRESHOLD, yearOf } from './indicator-measures.ts';
import { householdWhere } from './queries.ts';

/** The register's alert rules in the command centre: households still poor that lack help, poor villages due to exit. */

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

export const registryAlerts: AlertRuleDef[] = [
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
