import { citusVersion } from '../../db/distribute.ts';
import type { Db } from '../../db/types.ts';
import * as q from './list.queries.ts';
import type { HouseholdFilter } from './queries.ts';

/** Up to this many households a list's total is counted exactly; above, it is PostgreSQL's estimate ("about N"). */
export const EXACT_TOTAL_LIMIT = 10_000;

/**
 * The planner's estimate of a list's size, kept a minute per database and filter. It only decides whether to count
 * (up to the exact limit) and is the total shown above that limit, an estimate in any case; on Citus each costs a
 * plan on every shard, which twenty clients opening the province's list paid on every request (p95 8.4 s at scale 0.1).
 */
const estimates = new WeakMap<object, Map<string, { at: number; n: number }>>();
const ESTIMATE_KEPT_MS = 60_000;
async function estimateOf(db: Db, filter: HouseholdFilter): Promise<number> {
  const kept = estimates.get(db) ?? new Map<string, { at: number; n: number }>();
  estimates.set(db, kept);
  const key = JSON.stringify(filter);
  const hit = kept.get(key);
  if (hit && Date.now() - hit.at < ESTIMATE_KEPT_MS) return hit.n;
  const n = await q.estimateHouseholds(db, filter);
  if (kept.size > 1_000) kept.clear();
  kept.set(key, { at: Date.now(), n });
  return n;
}

/** Whether the database is a Citus coordinator, asked once per database (a count's best form differs: countHouseholds). */
const distributed = new WeakMap<object, Promise<boolean>>();
function onCitus(db: Db): Promise<boolean> {
  let known = distributed.get(db);
  if (!known) {
    known = citusVersion(db).then((v) => v !== null);
    distributed.set(db, known);
  }
  return known;
}

/** The total a list's first page shows: exact up to EXACT_TOTAL_LIMIT, else the (kept) estimate. */
export async function listTotal(db: Db, filter: HouseholdFilter) {
  return q.countHouseholds(db, filter, EXACT_TOTAL_LIMIT, await estimateOf(db, filter), await onCitus(db));
}
