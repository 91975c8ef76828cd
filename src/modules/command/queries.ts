import { type RawBuilder, sql } from 'kysely';
import { inRegion } from '../../db/region-scope.ts';
import type { Tx } from '../../db/types.ts';
import type { AlertItemRow } from './types.ts';

/** A rule's items: its provider's query for a region, whose rows are AlertItemRow (see AlertRuleDef.items). */
export type RuleItems = RawBuilder<unknown>;

export type AlertRow = AlertItemRow & {
  rank: number;
  rule: string;
  acked_by_name: string | null;
  acked_at: Date | string | null;
  note: string | null;
};

/** Acknowledged items per rule in a region. */
export async function ackCounts(tx: Tx, region: string) {
  const r = await sql<{ rule: string; n: number }>`
    SELECT rule, count(*) AS n FROM alert_ack a WHERE ${inRegion('a', region, 'region_code')} GROUP BY rule`.execute(tx);
  return r.rows;
}

export async function countRuleItems(tx: Tx, items: RuleItems): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (${items}) i`.execute(tx);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * One rule's part of an alert page: its items in index order with their acknowledgement, after the keyset position
 * when the page starts inside this rule, filtered by state. An index walk that stops at the page's end.
 */
export async function ruleAlertPage(
  tx: Tx,
  p: {
    rank: number;
    rule: string;
    items: RuleItems;
    state: 'open' | 'acknowledged' | 'all';
    after: { a: string; b: number } | null;
    limit: number;
  },
): Promise<AlertRow[]> {
  const ackFilter = p.state === 'open' ? sql`AND a.item_key IS NULL` : p.state === 'acknowledged' ? sql`AND a.item_key IS NOT NULL` : sql``;
  const keyset = p.after ? sql`AND (i.sort_a, i.sort_b) > (${p.after.a}, ${p.after.b})` : sql``;
  const r = await sql<AlertRow>`
    SELECT ${p.rank}::int AS rank, ${p.rule}::text AS rule, i.*, a.acked_by_name, a.acked_at, a.note
    FROM (${p.items}) i
    LEFT JOIN alert_ack a ON a.county_code = i.county_code AND a.rule = ${p.rule} AND a.item_key = i.item_key
    WHERE TRUE ${ackFilter} ${keyset}
    ORDER BY i.sort_a, i.sort_b LIMIT ${p.limit}`.execute(tx);
  return r.rows;
}

export async function findRuleItem(tx: Tx, items: RuleItems, key: string): Promise<AlertItemRow | undefined> {
  const r = await sql<AlertItemRow>`SELECT * FROM (${items}) i WHERE i.item_key = ${key}`.execute(tx);
  return r.rows[0];
}

/** Records an acknowledgement; false when the item was acknowledged already. */
export async function insertAck(
  tx: Tx,
  a: { county: string; rule: string; key: string; region: string; actorId: number | null; actorName: string; note: string | null },
): Promise<boolean> {
  const r = await sql`
    INSERT INTO alert_ack (county_code, rule, item_key, region_code, acked_by, acked_by_name, note)
    VALUES (${a.county}, ${a.rule}, ${a.key}, ${a.region}, ${a.actorId}, ${a.actorName}, ${a.note})
    ON CONFLICT DO NOTHING RETURNING item_key`.execute(tx);
  return r.rows.length > 0;
}

/**
 * Marks a village for the rollup refresh from the application, for records whose table has no rollup trigger (no
 * statement triggers with transition tables on distributed tables, issue 14): an exit objection, a commitment. The
 * mark notifies every server (migration 0012's trigger on rollup_dirty), so the figure moves within the second.
 */
export function markVillageDirty(tx: Tx, village: string) {
  return sql`INSERT INTO rollup_dirty (county_code, village_code) VALUES (${village.slice(0, 6)}, ${village}) ON CONFLICT DO NOTHING`.execute(
    tx,
  );
}
