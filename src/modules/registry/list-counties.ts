import { keptPerDatabase } from '../../db/kept.ts';
import type { Db } from '../../db/types.ts';
import * as q from './list.queries.ts';

/**
 * The counties that hold households, in code order: the list's walk above a county (queries.ts, listHouseholds)
 * reads its page from the first of them in scope, one county (on Citus one shard group), before reading across
 * counties. A hint that names a county without households only costs that walk a wasted read; one that misses a
 * county with households would skip them, so the hint is kept short (KEPT_MS) and every county a register write of
 * this process adds households to is noted at once and added to every hint for NOTED_MS (a superset stays right
 * even before that write commits). Another server process's first household in a county that had none shows in
 * this process's province and city lists after at most KEPT_MS.
 */
const KEPT_MS = 10_000;
const NOTED_MS = 300_000;
const kept = keptPerDatabase<string[]>(KEPT_MS);
const noted = new Map<string, number>();

/** A register write is adding households to these counties (import/merge.ts, before its households are written). */
export function noteHouseholdCounties(counties: Iterable<string>) {
  const now = Date.now();
  for (const c of counties) noted.set(c, now);
  for (const [c, at] of noted) if (now - at > NOTED_MS) noted.delete(c);
}

export async function countiesWithHouseholds(db: Db): Promise<string[]> {
  let counties = kept.get(db, '');
  if (!counties) {
    counties = await q.householdCounties(db);
    kept.set(db, '', counties);
  }
  const now = Date.now();
  const recent = [...noted].filter(([, at]) => now - at <= NOTED_MS).map(([c]) => c);
  return recent.length ? [...new Set([...counties, ...recent])].sort() : counties;
}
