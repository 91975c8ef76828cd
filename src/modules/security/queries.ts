import { type Insertable, sql } from 'kysely';
import type { SecurityEventTable, Tx } from '../../db/types.ts';

const UNMASK_LOCK = 7_301_002;

/** One budget per user: two reveals at once must not both fit into the last place (held to the transaction's end). */
export async function lockUnmaskBudget(tx: Tx, actorId: number) {
  await sql`SELECT pg_advisory_xact_lock(${UNMASK_LOCK}, ${actorId}::int)`.execute(tx);
}

export function insertEvent(tx: Tx, row: Insertable<SecurityEventTable>) {
  return tx.insertInto('security_event').values(row).execute();
}

/** How many events of a kind one actor (by id, or by name when there is no id) caused since a time. */
export async function countSince(tx: Tx, f: { kind: string; actorId?: number | null; actorName?: string; since: Date }) {
  let query = tx
    .selectFrom('security_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', f.kind)
    .where('at', '>=', f.since);
  if (f.actorId != null) query = query.where('actor_id', '=', f.actorId);
  else if (f.actorName !== undefined) query = query.where('actor_name', '=', f.actorName);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Persons one actor had shown unmasked since a time, from their `unmask` events (one person each, or the `persons`
 * of an export); bulk exports, alerted on their own, are left out.
 */
export async function unmaskedPersonsSince(tx: Tx, actorId: number, since: Date) {
  const row = await tx
    .selectFrom('security_event')
    .select(sql<string>`coalesce(sum(coalesce((details->>'persons')::bigint, 1)), 0)`.as('n'))
    .where('kind', '=', 'unmask')
    .where('actor_id', '=', actorId)
    .where('at', '>=', since)
    .where(sql<boolean>`coalesce((details->>'bulk')::boolean, false) = false`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** What the security-events view filters by. `scopeCode` is the viewer's scope; `withUnplaced` adds events
 * that concern no region (failed logins of unknown names), which only a province-level viewer sees. */
export interface EventFilter {
  scopeCode: string;
  withUnplaced: boolean;
  kind?: string;
  actor?: string;
  from?: Date;
  to?: Date;
}

function filtered(tx: Tx, f: EventFilter) {
  let query = tx
    .selectFrom('security_event')
    .where((eb) =>
      f.withUnplaced
        ? eb.or([eb('scope_code', 'like', `${f.scopeCode}%`), eb('scope_code', '=', '')])
        : eb('scope_code', 'like', `${f.scopeCode}%`),
    );
  if (f.kind) query = query.where('kind', '=', f.kind);
  if (f.actor) query = query.where('actor_name', '=', f.actor);
  if (f.from) query = query.where('at', '>=', f.from);
  if (f.to) query = query.where('at', '<', f.to);
  return query;
}

/** Newest first, keyset by id. */
export function listEvents(tx: Tx, f: EventFilter & { cursor?: number; limit: number }) {
  let query = filtered(tx, f).selectAll();
  if (f.cursor) query = query.where('id', '<', f.cursor);
  return query.orderBy('id', 'desc').limit(f.limit).execute();
}

/** Events per kind since a time, and the persons shown unmasked (an export's `persons`, else one per event). */
export function countByKind(tx: Tx, f: EventFilter & { since: Date }) {
  return filtered(tx, { ...f, from: f.since })
    .select([
      'kind',
      (eb) => eb.fn.countAll<number>().as('events'),
      sql<number>`coalesce(sum(CASE WHEN jsonb_typeof(details->'persons') = 'number' THEN (details->>'persons')::numeric ELSE 1 END), 0)`.as(
        'persons',
      ),
    ])
    .groupBy('kind')
    .execute();
}

export async function distinctKinds(tx: Tx, f: EventFilter): Promise<string[]> {
  const rows = await filtered(tx, f).select('kind').distinct().orderBy('kind').execute();
  return rows.map((r) => r.kind);
}
