import type { Tx } from '../../db/types.ts';
import { maskForAudit } from '../audit/service.ts';
import { bumpVersion } from '../command/rollups.ts';
import * as q from './queries.ts';

/**
 * The kinds of security event. A kind is a stable id; the web shows its label from the i18n files.
 * - login_failed, login_locked: a wrong password, and the lockout it caused
 * - csrf_failed: a state-changing request without a valid CSRF token
 * - scope_conflict: a write named a person or household number registered outside the writer's scope
 * - scope_conflict_burst: many scope conflicts by one user in a day (also raised as an alert to the province)
 * - unmask: an ID number shown in full (detail or export); unmask_limit: the daily limit was reached;
 *   unmask_bulk: an unmasked export above the bulk threshold (also raised as an alert to the province)
 * - id_search: a search by a full ID number (it confirms or denies a guess); id_search_limit: the daily limit was reached
 */
export type SecurityEventKind =
  | 'login_failed'
  | 'login_locked'
  | 'password_change_failed'
  | 'csrf_failed'
  | 'scope_conflict'
  | 'scope_conflict_burst'
  | 'unmask'
  | 'unmask_bulk'
  | 'unmask_limit'
  | 'id_search'
  | 'id_search_limit';

export interface SecurityEvent {
  kind: SecurityEventKind;
  actorId?: number | null;
  actorName?: string;
  /** The region the event concerns, usually the actor's scope. */
  scopeCode?: string;
  ip?: string | null;
  /** Free detail; ID numbers and phones in it are masked like audit rows. */
  details?: Record<string, unknown>;
}

/** Records one security event. Safe to call outside a transaction: it must land even when the request fails. */
export async function recordSecurityEvent(tx: Tx, e: SecurityEvent) {
  await q.insertEvent(tx, {
    kind: e.kind,
    actor_id: e.actorId ?? null,
    actor_name: e.actorName ?? '',
    scope_code: e.scopeCode ?? '',
    ip: e.ip ?? null,
    details: e.details ? JSON.stringify(maskForAudit(e.details)) : null,
  });
  // Shown as command-centre alerts (indicators.ts), whose answers are cached per figure version: move it.
  if (ALERTED.has(e.kind)) await bumpVersion(tx);
}

const ALERTED = new Set<SecurityEventKind>(['unmask_bulk', 'scope_conflict_burst']);

/** Events of one kind by one actor since the start of today (server time) or a given time. */
export function countToday(tx: Tx, kind: SecurityEventKind, actor: { id?: number | null; name?: string }, now = new Date()) {
  const since = new Date(now);
  since.setHours(0, 0, 0, 0);
  return q.countSince(tx, { kind, actorId: actor.id, actorName: actor.name, since });
}
