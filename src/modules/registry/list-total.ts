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

/**
 * Totals found above the limit, kept as long as an estimate: shown as "about N" either way, so keeping one a minute
 * tells nothing false, and the count behind it read up to the limit + 1 rows on every first page — 8 ms of the
 * 9.5 ms a county's first page cost on the scale-1 register (12,640 households), and on Citus a read of every shard
 * for the province at scale 0.1. A total at or under the limit is shown as exact, so it is counted on every request.
 */
const aboveLimit = new WeakMap<object, Map<string, { at: number; n: number }>>();

/** The total a list's first page shows: exact up to `limit` (EXACT_TOTAL_LIMIT), else "about N", kept a minute. */
export async function listTotal(db: Db, filter: HouseholdFilter, limit = EXACT_TOTAL_LIMIT): Promise<{ n: number; exact: boolean }> {
  const kept = aboveLimit.get(db) ?? new Map<string, { at: number; n: number }>();
  aboveLimit.set(db, kept);
  const key = `${limit}:${JSON.stringify(filter)}`;
  const hit = kept.get(key);
  if (hit && Date.now() - hit.at < ESTIMATE_KEPT_MS) return { n: hit.n, exact: false };
  const total = await q.countHouseholds(db, filter, limit, await estimateOf(db, filter), await onCitus(db));
  if (!total.exact) {
    if (kept.size > 1_000) kept.clear();
    kept.set(key, { at: Date.now(), n: total.n });
  }
  return total;
}
