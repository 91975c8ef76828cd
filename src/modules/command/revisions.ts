import { sql } from 'kysely';
import type { Tx } from '../../db/types.ts';
import type { Lang } from '../../server/i18n.ts';

/**
 * Which back-dated changes revised a closed month inside a region (docs/decisions/0007-time-model.md): the triggers of
 * the dated tables record them in indicator_month_revision when they drop a month's snapshot. Who made the change is
 * read from the audit row the same transaction wrote for the household (both carry the transaction's time).
 */

const SOURCES: Record<string, { zh: string; en: string }> = {
  household_status_history: { zh: '贫困户状态变更', en: 'household status change' },
  help_pairing: { zh: '帮扶责任人结对', en: 'helper pairing' },
  household_project: { zh: '帮扶项目', en: 'project' },
  poor_village: { zh: '贫困村名单', en: 'poor village list' },
};

const SHOWN = 20;

export async function revisionsOf(db: Tx, region: string, month: string, lang: Lang) {
  const r = await sql<{
    at: Date | string;
    source: string;
    dated: string;
    county_code: string | null;
    village_code: string | null;
    household_id: number | null;
    household_no: string | null;
    actor: string | null;
  }>`
    SELECT r.revised_at AS at, r.source, r.dated::text AS dated, r.county_code, r.village_code, r.household_id, h.household_no,
           (SELECT a.actor_name FROM audit_log a
             WHERE a.entity = 'household' AND a.entity_id = r.household_id::text AND a.at = r.revised_at
             ORDER BY a.id LIMIT 1) AS actor
    FROM indicator_month_revision r
    LEFT JOIN household h ON h.county_code = r.county_code AND h.id = r.household_id
    WHERE r.month = ${`${month}-01`}::date AND coalesce(r.village_code, r.county_code) LIKE ${`${region}%`}
    ORDER BY r.revised_at DESC, r.id DESC LIMIT ${SHOWN}`.execute(db);
  return r.rows.map((row) => {
    const source = SOURCES[row.source];
    return {
      at: new Date(row.at).toISOString(),
      source: row.source,
      sourceName: source ? (lang === 'en' ? source.en : source.zh) : row.source,
      dated: row.dated.slice(0, 10),
      countyCode: row.county_code,
      villageCode: row.village_code,
      householdId: row.household_id === null ? null : Number(row.household_id),
      householdNo: row.household_no,
      by: row.actor,
    };
  });
}
