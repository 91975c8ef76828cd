import type { Tx } from '../../db/types.ts';
import { maskId, maskPhone } from '../pii/crypto.ts';
import * as q from './queries.ts';

export interface Actor {
  id: number | null;
  username: string;
  ip?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system' };

export interface AuditEntry {
  /** The region code of the record that changed: it decides who may read the row. */
  scopeCode: string;
  entity: string;
  entityId: string | number;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'token', 'token_hash', 'id_cipher', 'idCipher']);
const ID_KEYS = new Set(['id_number', 'idNumber']);
const PHONE_KEYS = new Set(['phone', 'phoneNumber']);

/** What an audit row may hold: secrets dropped, ID numbers and phones masked, everywhere in the object. */
export function maskForAudit(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskForAudit);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEYS.has(k)) continue;
    if (ID_KEYS.has(k) && typeof v === 'string') out[k] = maskId(v);
    else if (PHONE_KEYS.has(k) && typeof v === 'string') out[k] = maskPhone(v);
    else out[k] = maskForAudit(v);
  }
  return out;
}

/** Records one write. Call it inside the same transaction as the write, so neither lands without the other. */
export async function record(tx: Tx, actor: Actor, e: AuditEntry) {
  await q.insertAudit(tx, {
    actor_id: actor.id,
    actor_name: actor.username,
    scope_code: e.scopeCode,
    entity: e.entity,
    entity_id: String(e.entityId),
    action: e.action,
    before: e.before ? JSON.stringify(maskForAudit(e.before)) : null,
    after: e.after ? JSON.stringify(maskForAudit(e.after)) : null,
    ip: actor.ip ?? null,
  });
}

export interface AuditFilter {
  scopeCode: string;
  actor?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  cursor?: number;
  limit: number;
}

export async function list(tx: Tx, f: AuditFilter) {
  const rows = await q.listAudit(tx, { ...f, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      scopeCode: r.scope_code,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      before: r.before ?? null,
      after: r.after ?? null,
    })),
    nextCursor: rows.length > f.limit ? String(page.at(-1)?.id) : null,
  };
}

export const entities = (tx: Tx, scopeCode: string) => q.distinctEntities(tx, scopeCode);
