import type { Insertable } from 'kysely';
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
  let query = tx.selectFrom('audit_log').selectAll().where('scope_code', 'like', `${f.scopeCode}%`);
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
