import { sql } from 'kysely';
import { inRegion } from '../../db/region-scope.ts';
import { thisDay } from '../../server/clock.ts';
import type { AlertRuleDef, Text } from '../command/types.ts';
import type { ProcedureDef } from './define.ts';

/**
 * The alert rule every procedure gets for free: its open cases past the deadline of their current step, inside the
 * reader's region, oldest deadline first. `page` is the web path of a case's record without its id (the record's
 * id is appended), so the alert opens the page where the step is taken.
 */
export function overdueAlertRule(
  def: ProcedureDef,
  opts: { id: string; name: Text; severity: AlertRuleDef['severity']; page: string },
): AlertRuleDef {
  const states = Object.entries(def.states);
  const label = (lang: 'zh' | 'en') =>
    sql`CASE c.state ${sql.join(
      states.map(([k, s]) => sql`WHEN ${k} THEN ${s.label[lang]}`),
      sql` `,
    )} ELSE c.state END`;
  return {
    id: opts.id,
    name: opts.name,
    severity: opts.severity,
    items: (region) => sql`
      SELECT c.county_code || '-' || c.id AS item_key, to_char(c.due_date, 'YYYY-MM-DD') AS sort_a, c.id AS sort_b,
             c.county_code, c.region_code, to_char(c.due_date, 'YYYY-MM-DD') AS since,
             'page' AS link_kind, NULL::bigint AS link_id, ${opts.page} || c.subject_id AS link_path,
             ${def.name.zh} || '：' || ${label('zh')} || '，应于 ' || to_char(c.due_date, 'YYYY-MM-DD') || ' 前办理' AS what_zh,
             ${def.name.en} || ': ' || ${label('en')} || ', due ' || to_char(c.due_date, 'YYYY-MM-DD') AS what_en
      FROM procedure_case c
      WHERE c.procedure = ${def.id} AND c.closed_at IS NULL AND c.due_date < ${thisDay()}::date
        AND ${inRegion('c', region, 'region_code')}`,
  };
}
