import { sql } from 'kysely';
import type { Context, MeasureReader } from '../command/types.ts';
import { countyFilter, type Villages, villageFilter } from '../command/villages.ts';

/**
 * The register's additive measures per village (the provider's measures.sql), and what both its indicators
 * (./indicators.ts) and its alert rules (./indicator-alerts.ts) read of them. "Remaining" (未脱贫) is poor or
 * returned, as on the registry pages.
 */

export const REMAINING = sql`('poor', 'returned')`;

export function measuresSql(villages: Villages | null, asOf: string | null) {
  const inVillages = villageFilter(villages);
  const inCounties = countyFilter(villages);
  const d = asOf === null ? null : sql`${asOf}::date`;
  const status = d
    ? sql`(SELECT s.status FROM household_status_history s WHERE s.county_code = h.county_code AND s.household_id = h.id
           AND ${inCounties('s.county_code')} AND s.changed_on <= ${d} ORDER BY s.changed_on DESC, s.id DESC LIMIT 1)`
    : sql`h.status`;
  const helped = d
    ? sql`EXISTS (SELECT 1 FROM help_pairing hp WHERE hp.county_code = h.county_code AND hp.household_id = h.id AND ${inCounties('hp.county_code')}
           AND hp.start_date <= ${d} AND (hp.end_date IS NULL OR hp.end_date > ${d}))`
    : sql`EXISTS (SELECT 1 FROM help_pairing hp WHERE hp.county_code = h.county_code AND hp.household_id = h.id AND ${inCounties('hp.county_code')}
           AND hp.end_date IS NULL)`;
  const projected = d
    ? sql`EXISTS (SELECT 1 FROM household_project pr WHERE pr.county_code = h.county_code AND pr.household_id = h.id AND ${inCounties('pr.county_code')}
           AND pr.state <> 'cancelled' AND pr.year <= extract(year FROM ${d})::int)`
    : sql`EXISTS (SELECT 1 FROM household_project pr WHERE pr.county_code = h.county_code AND pr.household_id = h.id AND ${inCounties('pr.county_code')}
           AND pr.state <> 'cancelled')`;
  // A closed month keeps the income of its own year only (the year its figures are judged against): a snapshot holds
  // every village, and all years' bands would multiply its size for figures nobody reads.
  const incomeYears = d ? sql`AND i.year = extract(year FROM ${d})::int` : sql``;
  const income = sql`JOIN household_income i ON i.county_code = l.county_code AND i.household_id = l.id AND ${inCounties('i.county_code')} ${incomeYears}`;
  return sql<{ village_code: string; measure: string; value: number }>`
    WITH hh AS MATERIALIZED (
      SELECT h.county_code, h.id, h.village_code, h.member_count, h.cause, h.category, h.planned_exit_year,
             ${status} AS status, ${helped} AS helped, ${projected} AS projected
      FROM household h WHERE ${inVillages('h.village_code')}
    ), live AS (SELECT * FROM hh WHERE status IS NOT NULL),
    remaining AS (SELECT * FROM live WHERE status IN ${REMAINING})
    SELECT village_code, 'hh.status.' || status AS measure, count(*)::numeric AS value FROM live GROUP BY 1, 2
    UNION ALL SELECT village_code, 'p.status.' || status, sum(member_count) FROM live GROUP BY 1, 2
    UNION ALL SELECT village_code, 'hh.remaining.cause.' || cause, count(*) FROM remaining GROUP BY 1, 2
    UNION ALL SELECT village_code, 'hh.remaining.category.' || category, count(*) FROM remaining GROUP BY 1, 2
    UNION ALL SELECT village_code, 'hh.remaining.helped', count(*) FROM remaining WHERE helped GROUP BY 1
    UNION ALL SELECT village_code, 'hh.remaining.projected', count(*) FROM remaining WHERE projected GROUP BY 1
    UNION ALL SELECT village_code, 'hh.remaining.deadline.' || coalesce(planned_exit_year::text, 'none'), count(*) FROM remaining GROUP BY 1, 2
    UNION ALL SELECT l.village_code, 'inc.' || i.year || '.band.' || least(floor(i.per_capita / 1000), 10)::int, count(*)
      FROM live l ${income} GROUP BY 1, 2
    UNION ALL SELECT l.village_code, 'inc.' || i.year || '.sum', sum(i.per_capita)
      FROM live l ${income} GROUP BY 1, 2
    UNION ALL SELECT village_code, 'pv.listed.' || year_listed, count(*) FROM poor_village WHERE ${inVillages('village_code')} GROUP BY 1, 2
    UNION ALL SELECT village_code, 'pv.exited.' || exit_year, count(*) FROM poor_village
      WHERE exit_year IS NOT NULL AND ${inVillages('village_code')} GROUP BY 1, 2
    UNION ALL SELECT coalesce(pv.village_code, vp.village_code), 'pop.rural', coalesce(pv.rural_population, vp.rural_population)::numeric
      FROM (SELECT village_code, rural_population FROM poor_village WHERE ${inVillages('village_code')}) pv
      FULL JOIN (SELECT village_code, rural_population FROM village_population WHERE ${inVillages('village_code')}) vp
        ON vp.village_code = pv.village_code
    UNION ALL SELECT v.village_code, 'pv.due.' || v.planned_exit_year || '.' || least(floor(1000.0 * coalesce(x.poor, 0) / v.rural_population), 100)::int, 1
      FROM poor_village v
      LEFT JOIN (SELECT village_code, sum(member_count) AS poor FROM remaining GROUP BY 1) x ON x.village_code = v.village_code
      WHERE v.exit_year IS NULL AND v.planned_exit_year IS NOT NULL AND v.rural_population > 0 AND ${inVillages('v.village_code')}`;
}

export const remaining = (m: MeasureReader) => m.get('hh.status.poor') + m.get('hh.status.returned');
export const before = (year: number) => (rest: string) => rest !== 'none' && Number(rest) < year;
export const THRESHOLD = 'command.village_exit_incidence';
export const REGISTER_YEAR = 'registry.register_year';
/**
 * The year deadlines, incomes and village lists are judged against: the month's year, but never after the year the
 * register is kept for (the setting the registry pages use), so the dashboard and the household list agree.
 */
export const yearOf = (c: Context) => Math.min(c.year, c.settings[REGISTER_YEAR] ?? c.year);
