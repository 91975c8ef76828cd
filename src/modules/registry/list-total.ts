import { isCitus } from '../../db/distribute.ts';
import { keptPerDatabase } from '../../db/kept.ts';
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
const estimates = keptPerDatabase<number>(60_000);
async function estimateOf(db: Db, filter: HouseholdFilter): Promise<number> {
  const key = JSON.stringify(filter);
  const hit = estimates.get(db, key);
  if (hit !== undefined) return hit;
  const n = await q.estimateHouseholds(db, filter);
  estimates.set(db, key, n);
  return n;
}

/**
 * Totals found above the limit, kept as long as an estimate: shown as "about N" either way, so keeping one a minute
 * tells nothing false, and the count behind it read up to the limit + 1 rows on every first page — 8 ms of the
 * 9.5 ms a county's first page cost on the scale-1 register (12,640 households), and on Citus a read of every shard
 * for the province at scale 0.1. A total at or under the limit is shown as exact, so it is counted on every request.
 */
const aboveLimit = keptPerDatabase<number>(60_000);

/** The total a list's first page shows: exact up to `limit` (EXACT_TOTAL_LIMIT), else "about N", kept a minute. */
export async function listTotal(db: Db, filter: HouseholdFilter, limit = EXACT_TOTAL_LIMIT): Promise<{ n: number; exact: boolean }> {
  const key = `${limit}:${JSON.stringify(filter)}`;
  const hit = aboveLimit.get(db, key);
  if (hit !== undefined) return { n: hit, exact: false };
  const total = await q.countHouseholds(db, filter, limit, await estimateOf(db, filter), await isCitus(db));
  if (!total.exact) aboveLimit.set(db, key, total.n);
  return total;
}
