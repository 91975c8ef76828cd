import { sql } from 'kysely';
import type { Tx } from './types.ts';

export interface CountyRowKey {
  county_code: string;
  id: number | string;
}

/**
 * Locks rows of a county table (keyed `(county_code, id)`) to the end of the transaction: one statement per county,
 * counties and ids in order so two lockers of overlapping sets never deadlock. A statement over several counties is
 * not used because Citus runs `FOR UPDATE` only on a statement that reaches one shard (docs/scale-out.md); on one
 * PostgreSQL it costs one round trip per county, and the callers lock one county's rows or a handful of counties'.
 * Returns the keys found (a row deleted meanwhile is absent).
 */
export async function lockCountyRows(tx: Tx, table: string, keys: readonly CountyRowKey[]): Promise<CountyRowKey[]> {
  const byCounty = new Map<string, Set<number>>();
  for (const k of keys) {
    const ids = byCounty.get(k.county_code) ?? new Set<number>();
    ids.add(Number(k.id));
    byCounty.set(k.county_code, ids);
  }
  const found: CountyRowKey[] = [];
  for (const county of [...byCounty.keys()].sort()) {
    const ids = [...(byCounty.get(county) as Set<number>)].sort((a, b) => a - b);
    const r = await sql<{ id: number }>`
      SELECT id FROM ${sql.table(table)} WHERE county_code = ${county} AND id = ANY(${ids}::bigint[])
      ORDER BY id FOR UPDATE`.execute(tx);
    for (const row of r.rows) found.push({ county_code: county, id: Number(row.id) });
  }
  return found;
}
