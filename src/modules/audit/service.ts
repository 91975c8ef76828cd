import type { Tx } from '../../db/types.ts';
import type { Lang } from '../../server/i18n.ts';
import { maskId, maskPhone } from '../pii/crypto.ts';
import { maskSearch, maskText } from '../pii/mask.ts';
import { findRegions } from '../regions/queries.ts';
import { auditFields, diffSnapshots, type RegionNames, regionCodes } from './fields.ts';
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
/** Keys that hold what someone typed into a search box: a run of digits there may be part of an ID number. */
const SEARCH_KEYS = new Set(['q', 'search', 'query', 'keyword']);
// A masked ID number in the format used before decision 0005 (last four shown): re-masked when read.
const OLD_MASK = /\b\d{4}\*{7,10}[0-9Xx]{4}\b/g;

/**
 * What an audit row or a security event may hold: secrets dropped, ID numbers and phones masked, everywhere in the
 * object. Named keys are masked whatever their value looks like; any other string is searched for ID numbers and
 * mobile phones (an export's filter, a note, a message).
 */
export function maskForAudit(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => maskForAudit(v, key));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') {
    if (key && ID_KEYS.has(key)) return maskId(value);
    if (key && PHONE_KEYS.has(key)) return maskPhone(value);
    if (key && SEARCH_KEYS.has(key)) return maskSearch(value);
    return maskText(value).replace(OLD_MASK, (old) => maskId(old));
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEYS.has(k)) continue;
    out[k] = maskForAudit(v, k);
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

/** Records many writes of one actor in one statement (an import's records), each masked as `record` masks it. */
export async function recordMany(tx: Tx, actor: Actor, entries: readonly AuditEntry[]) {
  if (!entries.length) return;
  await q.insertAudits(
    tx,
    entries.map((e) => ({
      actor_id: actor.id,
      actor_name: actor.username,
      scope_code: e.scopeCode,
      entity: e.entity,
      entity_id: String(e.entityId),
      action: e.action,
      before: e.before ? JSON.stringify(maskForAudit(e.before)) : null,
      after: e.after ? JSON.stringify(maskForAudit(e.after)) : null,
      ip: actor.ip ?? null,
    })),
  );
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

/** The names of a region code's path below the province (朝阳市 北票市 东官营镇 海丰村), the province itself by its own. */
const PATH_LENGTHS = [2, 4, 6, 9, 12];
const pathCodes = (code: string) =>
  PATH_LENGTHS.filter((n) => n <= code.length && (n > 2 || code.length === 2)).map((n) => code.slice(0, n));

/**
 * A page of the trail as a clerk reads it: each row with the record's name (a household's number), its region's
 * names, and the fields it changed in the entity's words (fields.ts), values masked like the row itself.
 */
export async function list(tx: Tx, f: AuditFilter & { lang?: Lang }) {
  const lang = f.lang ?? 'zh-CN';
  const rows = await q.listAudit(tx, { ...f, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit).map((r) => ({
    ...r,
    // Rows written before the masking rules of decision 0005 are masked again on the way out.
    before: maskForAudit(r.before ?? null),
    after: maskForAudit(r.after ?? null),
  }));
  const codes = new Set<string>();
  for (const r of page) {
    codes.add(r.scope_code);
    regionCodes(r.entity, r.before, '', codes);
    regionCodes(r.entity, r.after, '', codes);
  }
  const wanted = [...new Set([...codes].flatMap(pathCodes))];
  const raw = new Map((await findRegions(tx, wanted)).map((x) => [x.code, x.name]));
  const pathName = (code: string, levels?: number) => {
    const names = pathCodes(code).map((c) => raw.get(c));
    return names.length > 0 && names.every((n) => n !== undefined) ? names.slice(-(levels ?? names.length)).join(' ') : null;
  };
  // A village is named with its township, as the register's pages do: two villages of a county may share a name.
  const names: RegionNames = new Map();
  for (const c of codes) {
    const n = pathName(c, c.length === 12 ? 2 : 1);
    if (n) names.set(c, n);
  }
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      scopeCode: r.scope_code,
      scopeName: pathName(r.scope_code),
      entity: r.entity,
      entityId: r.entity_id,
      entityName: recordName(r.entity, r.before, r.after),
      action: r.action,
      before: r.before,
      after: r.after,
      changes: diffSnapshots(r.entity, r.before, r.after, lang, names),
    })),
    nextCursor: rows.length > f.limit ? String(page.at(-1)?.id) : null,
  };
}

function recordName(entity: string, before: unknown, after: unknown): string | null {
  const field = auditFields(entity)?.name;
  if (!field) return null;
  const pick = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[field] : undefined);
  const name = pick(after) ?? pick(before);
  return typeof name === 'string' || typeof name === 'number' ? String(name) : null;
}

export const entities = (tx: Tx, scopeCode: string) => q.distinctEntities(tx, scopeCode);
