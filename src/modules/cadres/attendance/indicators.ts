import { type RawBuilder, sql } from 'kysely';
import { thisDay } from '../../../server/clock.ts';
import type { AlertRuleDef, IndicatorDef } from '../../command/types.ts';
import { ATTENDANCE_DEFAULTS } from './settings.ts';

/**
 * What attendance adds to the cadres' indicator provider: cadres in their village on the day, the month's compliance,
 * open flags, unexcused absences of the year; alerts for cadres below the standard and flags awaiting verification.
 * The measures are per village like the rest; "in the village today" uses the default radius and accuracy (the
 * measures are SQL without the per-region settings; docs/decisions/0016-attendance.md).
 */

const RADIUS = ATTENDANCE_DEFAULTS['cadres.checkin_radius_m'];
const ACCURACY = ATTENDANCE_DEFAULTS['cadres.checkin_max_accuracy_m'];
const VERIFY_DAYS = 'cadres.flag_verify_days';

/**
 * `d` is the figures' day; `localToday` the local day (Asia/Shanghai) "in the village today" counts: the present's own
 * local day, which from 16:00 UTC on is already the next calendar day (docs/decisions/0016-attendance.md).
 */
export function attendanceMeasures(
  inVillages: (col: string) => RawBuilder<unknown>,
  d: RawBuilder<unknown>,
  localToday: RawBuilder<unknown>,
) {
  // The day's instants in Asia/Shanghai: from 00:00 +08:00.
  const dayStart = sql`(${localToday}::text || 'T00:00:00+08:00')::timestamptz`;
  return sql`
    UNION ALL SELECT c.village_code, 'cadre.att.today', count(DISTINCT c.posting_id) FROM (
      SELECT p.village_code, k.posting_id, k.lat, k.lon, k.accuracy_m, vp.lat AS plat, vp.lon AS plon
      FROM cadre_checkin k
      JOIN cadre_posting p ON p.county_code = k.county_code AND p.id = k.posting_id
      JOIN village_point vp ON vp.county_code = p.county_code AND vp.village_code = p.village_code
      WHERE ${inVillages('p.village_code')} AND k.device_time >= ${dayStart} AND k.device_time < ${dayStart} + interval '1 day'
        AND k.accuracy_m <= ${ACCURACY}) c
      WHERE 2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(c.lat - c.plat) / 2), 2)
            + cos(radians(c.plat)) * cos(radians(c.lat)) * power(sin(radians(c.lon - c.plon) / 2), 2)))) <= ${RADIUS}
      GROUP BY 1
    UNION ALL SELECT a.village_code, 'cadre.att.rows', count(*) FROM cadre_attendance_month a
      WHERE ${inVillages('a.village_code')} AND a.month = date_trunc('month', ${d})::date GROUP BY 1
    UNION ALL SELECT a.village_code, 'cadre.att.compliant', count(*) FROM cadre_attendance_month a
      WHERE ${inVillages('a.village_code')} AND a.month = date_trunc('month', ${d})::date AND a.compliant GROUP BY 1
    UNION ALL SELECT f.village_code, 'cadre.flag.open', count(*) FROM cadre_flag f
      WHERE ${inVillages('f.village_code')} AND f.code <> 'absence_candidate' AND f.opened_at < ${d} + 1
        AND (f.decided_at IS NULL OR f.decided_at >= ${d} + 1) GROUP BY 1
    UNION ALL SELECT p.village_code, 'cadre.absence.year', count(*) FROM cadre_absence x
      JOIN cadre_posting p ON p.county_code = x.county_code AND p.id = x.posting_id
      WHERE ${inVillages('p.village_code')} AND NOT x.excused AND x.day <= ${d}
        AND x.day >= date_trunc('year', ${d})::date GROUP BY 1`;
}

const pct = (n: number, d: number) => (d > 0 ? Math.round((10000 * n) / d) / 100 : null);
const persons = { zh: '人', en: 'persons' };
const page = (query: Record<string, string> = {}) => ({ path: '/cadres/attendance', query });

export const ATTENDANCE_INDICATORS: IndicatorDef[] = [
  {
    id: 'cadre_in_village_today',
    name: { zh: '今日在村驻村干部', en: 'Cadres in their village today' },
    unit: persons,
    format: 'count',
    better: 'higher',
    group: 'cadres',
    list: page(),
    value: (m) => m.get('cadre.att.today'),
  },
  {
    id: 'cadre_attendance_compliance',
    name: { zh: '本月驻村天数达标率', en: 'Monthly attendance compliance' },
    unit: { zh: '%', en: '%' },
    format: 'percent',
    better: 'higher',
    group: 'cadres',
    target: 100,
    tolerance: 10,
    key: true,
    trend: true,
    list: page({ compliant: '0' }),
    value: (m) => pct(m.get('cadre.att.compliant'), m.get('cadre.att.rows')),
  },
  {
    id: 'cadre_open_flags',
    name: { zh: '待核实挂名/走读/造假疑点', en: 'Open 挂名/走读/forged flags' },
    unit: { zh: '条', en: 'flags' },
    format: 'count',
    better: 'lower',
    group: 'cadres',
    list: page({ flagged: '1' }),
    value: (m) => m.get('cadre.flag.open'),
  },
  {
    id: 'cadre_unexcused_absences',
    name: { zh: '本年无故缺勤', en: 'Unexcused absences this year' },
    unit: { zh: '次', en: 'days' },
    format: 'count',
    better: 'lower',
    group: 'cadres',
    value: (m) => m.get('cadre.absence.year'),
  },
];

const monthStart = () => `${thisDay().slice(0, 7)}-01`;

export const ATTENDANCE_ALERTS: AlertRuleDef[] = [
  {
    id: 'cadre_below_standard',
    name: { zh: '驻村天数未达标', en: 'Cadre below the monthly standard' },
    severity: 'medium',
    count: (m) => m.get('cadre.att.rows') - m.get('cadre.att.compliant'),
    items: (region) => sql`
      SELECT a.county_code || '-' || a.posting_id AS item_key, a.village_code AS sort_a, a.posting_id AS sort_b, a.county_code,
             a.village_code AS region_code, to_char(a.month, 'YYYY-MM-DD') AS since, 'page' AS link_kind, NULL::bigint AS link_id,
             '/cadres/attendance/' || a.posting_id AS link_path,
             pe.name || '：本月在村 ' || a.days_in_village || ' 天，截至目前应不少于 ' || a.required_days || ' 天' AS what_zh,
             pe.name || ': ' || a.days_in_village || ' days in the village this month, ' || a.required_days || ' required so far' AS what_en
      FROM cadre_attendance_month a
      JOIN cadre_posting p ON p.county_code = a.county_code AND p.id = a.posting_id
      JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
      JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
      WHERE a.village_code LIKE ${`${region}%`} AND a.month = ${monthStart()}::date AND NOT a.compliant`,
  },
  {
    id: 'cadre_flags_waiting',
    name: { zh: '挂名/走读/造假疑点待核实', en: 'Flags awaiting verification' },
    severity: 'high',
    count: (m) => m.get('cadre.flag.open'),
    items: (region, ctx) => sql`
      SELECT f.county_code || '-' || f.id AS item_key, to_char(f.opened_at, 'YYYY-MM-DD') AS sort_a, f.id AS sort_b, f.county_code,
             f.village_code AS region_code, to_char(f.opened_at, 'YYYY-MM-DD') AS since, 'page' AS link_kind, NULL::bigint AS link_id,
             '/cadres/attendance/' || f.posting_id || '?month=' || to_char(f.month, 'YYYY-MM') AS link_path,
             pe.name || '：' || f.reason_zh ||
               CASE WHEN f.opened_at < now() - make_interval(days => ${ctx.settings[VERIFY_DAYS] ?? 7}) THEN '（已超期未核实）' ELSE '' END AS what_zh,
             pe.name || ': ' || f.reason_en ||
               CASE WHEN f.opened_at < now() - make_interval(days => ${ctx.settings[VERIFY_DAYS] ?? 7}) THEN ' (overdue)' ELSE '' END AS what_en
      FROM cadre_flag f
      JOIN cadre_posting p ON p.county_code = f.county_code AND p.id = f.posting_id
      JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
      JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
      WHERE f.village_code LIKE ${`${region}%`} AND f.state = 'open' AND f.code <> 'absence_candidate'`,
  },
];

export const ATTENDANCE_SETTINGS = { [VERIFY_DAYS]: ATTENDANCE_DEFAULTS[VERIFY_DAYS] };
