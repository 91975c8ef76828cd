import type { Db, Tx } from '../../db/types.ts';
import { AppError } from '../../server/errors.ts';
import type { Actor } from '../audit/service.ts';
import { bumpVersion } from '../command/rollups.ts';
import { getSetting } from '../settings.ts';
import * as q from './queries.ts';
import { recordSecurityEvent } from './service.ts';

/**
 * The daily unmasking budget (等保: unmasking limited per user per day, bulk unmasking alerted).
 *
 * Every ID number shown in full is an `unmask` security event: one per person shown on screen, one per unmasked
 * export with its number of persons. A user may have `pii.unmask_daily_limit` persons shown a day, counted from those
 * events; past it the answer is 429 and an `unmask_limit` event. An export of more than `pii.unmask_bulk_threshold`
 * persons is a bulk unmasking: it is neither small enough to count against the budget nor refused by it (a county
 * sending its register to the bank is a real task), but it is recorded as `unmask_bulk` and shown to the province
 * as an alert (src/modules/security/indicators.ts) — whoever wants many ID numbers cannot get them quietly.
 */
export const DAILY_LIMIT = { key: 'pii.unmask_daily_limit', fallback: 200 } as const;
export const BULK_THRESHOLD = { key: 'pii.unmask_bulk_threshold', fallback: 500 } as const;
export const ID_SEARCH_LIMIT = { key: 'pii.id_search_daily_limit', fallback: 200 } as const;

export interface UnmaskRequest {
  /** The person or export region the ID numbers belong to. */
  scopeCode: string;
  /** The actor's own scope: the settings are read for it. */
  actorScope: string;
  persons: number;
  source: 'person' | 'export';
  details?: Record<string, unknown>;
}

export function startOfToday(now = new Date()) {
  const since = new Date(now);
  since.setHours(0, 0, 0, 0);
  return since;
}

/**
 * Runs `work` (the audited reveal) in one transaction with the budget check and the `unmask` event, or refuses with
 * 429 UNMASK_LIMIT, recording `unmask_limit` outside the refused transaction so that the refusal is kept.
 */
export async function withUnmaskBudget<T>(db: Db, actor: Actor, r: UnmaskRequest, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (actor.id == null) throw new AppError('FORBIDDEN', 403);
  const actorId = actor.id;
  const event = { actorId, actorName: actor.username, scopeCode: r.scopeCode, ip: actor.ip ?? null };
  const outcome = await db.transaction().execute(async (tx) => {
    await q.lockUnmaskBudget(tx, actorId);
    const limit = Number(await getSetting(tx, DAILY_LIMIT.key, DAILY_LIMIT.fallback, { scopeCode: r.actorScope }));
    const threshold = Number(await getSetting(tx, BULK_THRESHOLD.key, BULK_THRESHOLD.fallback, { scopeCode: r.actorScope }));
    const bulk = r.source === 'export' && r.persons > threshold;
    const used = await q.unmaskedPersonsSince(tx, actorId, startOfToday());
    if (!bulk && used + r.persons > limit) return { refused: { limit, used } };
    await recordSecurityEvent(tx, { ...event, kind: 'unmask', details: { ...r.details, source: r.source, persons: r.persons, bulk } });
    if (bulk) await recordSecurityEvent(tx, { ...event, kind: 'unmask_bulk', details: { ...r.details, persons: r.persons, threshold } });
    return { value: await work(tx), bulk };
  });
  // The bulk event is a province alert, cached per figure version: retire what was read before the commit.
  if (outcome.bulk) await bumpVersion(db);
  if (outcome.refused) {
    const { limit, used } = outcome.refused;
    await recordSecurityEvent(db, {
      ...event,
      kind: 'unmask_limit',
      details: { ...r.details, source: r.source, persons: r.persons, limit, used },
    });
    throw new AppError('UNMASK_LIMIT', 429, { limit, used, persons: r.persons });
  }
  return outcome.value as T;
}

/**
 * A search by a full ID number answers whether a guessed number is registered: with the birth year and county a
 * masked number still has some 180,000 candidates, which unlimited searches would try one by one. Each such search
 * is an `id_search` event, and a user has `pii.id_search_daily_limit` of them a day (429 past it, with an
 * `id_search_limit` event). Not exact under concurrent searches by one user, which only matters by a handful.
 */
export async function countIdSearch(db: Db, actor: Actor, actorScope: string) {
  if (actor.id == null) return;
  const event = { actorId: actor.id, actorName: actor.username, scopeCode: actorScope, ip: actor.ip ?? null };
  const limit = Number(await getSetting(db, ID_SEARCH_LIMIT.key, ID_SEARCH_LIMIT.fallback, { scopeCode: actorScope }));
  const used = await q.countSince(db, { kind: 'id_search', actorId: actor.id, since: startOfToday() });
  if (used >= limit) {
    await recordSecurityEvent(db, { ...event, kind: 'id_search_limit', details: { limit } });
    throw new AppError('ID_SEARCH_LIMIT', 429, { limit });
  }
  await recordSecurityEvent(db, { ...event, kind: 'id_search' });
}
