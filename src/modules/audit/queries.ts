import { type Insertable, sql } from 'kysely';
import type { AuditLogTable, Tx } from '../../db/types.ts';

export function insertAudit(tx: Tx, row: Insertable<AuditLogTable>) {
  return tx.insertInto('audit_log').values(row).execute();
}

export function listAudit(
  tx: Tx,
  f: {
    scopeCode: string;
    actor?: string;
    entity?: string;
    entityId?: string;
    action?: string;
    from?: Date;
    to?: Date;
    cursor?: number;
    limit: number;
  },
) {
  let query = tx
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id', 'actor_name', 'scope_code', 'entity', 'entity_id', 'action', 'before', 'after', 'ip'])
    .where('scope_code', 'like', `${f.scopeCode}%`);
  if (f.actor) query = query.where('actor_name', '=', f.actor);
  if (f.entity) query = query.where('entity', '=', f.entity);
  if (f.entityId) query = query.where('entity_id', '=', f.entityId);
  if (f.action) query = query.where('action', '=', f.action);
  if (f.from) query = query.where('at', '>=', f.from);
  if (f.to) query = query.where('at', '<', f.to);
  if (f.cursor) query = query.where('id', '<', f.cursor);
  return query.orderBy('id', 'desc').limit(f.limit).execute();
}

export async function distinctEntities(tx: Tx, scopeCode: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('audit_log')
    .select('entity')
    .distinct()
    .where('scope_code', 'like', `${scopeCode}%`)
    .orderBy('entity')
    .execute();
  return rows.map((r) => r.entity);
}

/** How many rows the chain holds and its last link (migration 0007). */
export async function chainHead(tx: Tx) {
  const r = await sql<{ rows: number; seq: number | null; hash: string | null; at: Date | null; id: number | null }>`
    SELECT (SELECT count(*) FROM audit_log) AS rows, h.chain_seq AS seq, encode(h.hash, 'hex') AS hash, h.at, h.id
    FROM (SELECT 1) one LEFT JOIN LATERAL (
      SELECT chain_seq, hash, at, id FROM audit_log ORDER BY chain_seq DESC LIMIT 1) h ON true`.execute(tx);
  return r.rows[0] ?? { rows: 0, seq: null, hash: null, at: null, id: null };
}

export interface BrokenLink {
  id: number;
  at: Date;
  seq: number;
  prevSeq: number | null;
}

/**
 * The first row, in chain order, whose link does not hold: its hash is not sha256(previous hash || its canonical
 * text), or the row before it in the chain is missing. One pass over the chain index.
 */
export async function firstBrokenLink(tx: Tx): Promise<BrokenLink | null> {
  const r = await sql<BrokenLink>`
    SELECT id, at, chain_seq AS seq, prev_seq AS "prevSeq"
    FROM (
      SELECT id, at, chain_seq, hash, lag(chain_seq) OVER w AS prev_seq,
             sha256(coalesce(lag(hash) OVER w, '\\x'::bytea) || convert_to(audit_log_canonical(a), 'UTF8')) AS expected
      FROM audit_log a
      WINDOW w AS (ORDER BY chain_seq)) x
    WHERE hash IS DISTINCT FROM expected OR chain_seq IS DISTINCT FROM coalesce(prev_seq, 0) + 1
    ORDER BY chain_seq
    LIMIT 1`.execute(tx);
  return r.rows[0] ?? null;
}

/** Many audit rows in one statement (an import's records); the chain trigger links each as insertAudit's. */
export function insertAudits(tx: Tx, rows: readonly Insertable<AuditLogTable>[]) {
  const col = <K extends keyof Insertable<AuditLogTable>>(k: K) => rows.map((r) => r[k] ?? null);
  return sql`
    INSERT INTO audit_log (actor_id, actor_name, scope_code, entity, entity_id, action, before, after, ip)
    SELECT * FROM unnest(${col('actor_id')}::bigint[], ${col('actor_name')}::text[], ${col('scope_code')}::text[],
                         ${col('entity')}::text[], ${col('entity_id')}::text[], ${col('action')}::text[], ${col('before')}::jsonb[],
                         ${col('after')}::jsonb[], ${col('ip')}::text[])`.execute(tx);
}
