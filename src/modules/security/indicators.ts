import { sql } from 'kysely';
import type { AlertRuleDef, IndicatorProvider } from '../command/types.ts';

/**
 * What the security events add to the command centre: no figures, two alert rules for the province. A bulk
 * unmasking (an unmasked export above `pii.unmask_bulk_threshold`) and a burst of out-of-scope conflicts by one user
 * in a day are shown for seven days as items of the province the event concerns; below the province (a city, a
 * county) they are not shown, since the people who may act on them are the province's.
 */

export const SECURITY_ALERT_DAYS = 7;

function eventRule(id: string, kind: string, name: AlertRuleDef['name'], what: { zh: string; en: string }): AlertRuleDef {
  return {
    id,
    name,
    severity: 'high',
    items: (region) => {
      // Details are written masked; the persons (export) or count (conflicts) are numbers, shown as they are. Below the
      // province no kind matches: a constant FALSE would do it too, but Citus refuses such a condition in the alert
      // page's outer join (PG15/16).
      const amount = sql`coalesce(e.details->>'persons', e.details->>'count', e.details->>'conflicts', '')`;
      return sql`
        SELECT e.id::text AS item_key, '0' AS sort_a, e.id AS sort_b, ${region}::text AS county_code, ${region}::text AS region_code,
               to_char(e.at, 'YYYY-MM-DD') AS since, 'security' AS link_kind, e.id AS link_id,
               e.actor_name || ' · ' || ${what.zh} || CASE WHEN ${amount} <> '' THEN ' · ' || ${amount} ELSE '' END AS what_zh,
               e.actor_name || ' · ' || ${what.en} || CASE WHEN ${amount} <> '' THEN ' · ' || ${amount} ELSE '' END AS what_en
        FROM security_event e
        WHERE e.kind = ${region.length === 2 ? kind : ''}
          AND e.at >= now() - ${`${SECURITY_ALERT_DAYS} days`}::interval
          AND (e.scope_code LIKE ${`${region}%`} OR e.scope_code = '')`;
    },
  };
}

export const securityIndicators: IndicatorProvider = {
  module: 'security',
  groups: {},
  // No figures: a source that yields no rows and no dated change.
  measures: {
    sql: () => sql`SELECT NULL::text AS village_code, NULL::text AS measure, 0::numeric AS value WHERE false`,
    firstChange: () => sql`SELECT NULL::text AS d`,
  },
  indicators: [],
  breakdowns: [],
  alerts: [
    eventRule(
      'security_unmask_bulk',
      'unmask_bulk',
      { zh: '批量查看完整证件号码', en: 'Bulk unmasking of ID numbers' },
      { zh: '不打码导出（人）', en: 'unmasked export (persons)' },
    ),
    eventRule(
      'security_scope_conflict_burst',
      'scope_conflict_burst',
      { zh: '频繁越权登记冲突', en: 'Many out-of-scope conflicts' },
      { zh: '当日越权冲突', en: 'out-of-scope conflicts in a day' },
    ),
  ],
};
