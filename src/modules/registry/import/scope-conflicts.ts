import { sql } from 'kysely';
import type { Db, Tx } from '../../../db/types.ts';
import type { Actor } from '../../audit/service.ts';
import { bumpVersion } from '../../command/rollups.ts';
import { countToday, recordSecurityEvent } from '../../security/service.ts';
import { getSetting } from '../../settings.ts';

export const BURST_SETTING = 'security.scope_conflict_daily_alert';
const BURST_DEFAULT = 20;

/**
 * Records the conflicts with persons and household numbers outside the writer's scope that the checks found in a
 * staged batch, as security events, and one `scope_conflict_burst` event the first time in a day the writer's
 * conflicts reach the setting. Runs in a transaction of its own, after the preview's: the events land even when the
 * form's save or the import is then refused.
 *
 * One event row per conflict (a person row, or a household number once), written by one INSERT … SELECT from the
 * staged rows: each conflict stays a fact a security officer can read (batch, row, masked ID number), the daily count is
 * a plain count on the (actor, kind, at) index, and 10,000 conflicts cost one statement, not 10,000 round trips.
 */
export async function recordScopeConflicts(db: Db, batchId: number, opts: { actor: Actor; scopeCode: string }) {
  const burst = await db.transaction().execute((tx) => insertScopeConflicts(tx, batchId, opts));
  // A burst is a province alert, cached per figure version: retire what was read before the commit.
  if (burst) await bumpVersion(db);
}

/** The same, in the caller's transaction (a form's save, whose staged rows never outlive it); true when a burst was raised. */
export async function insertScopeConflicts(tx: Tx, batchId: number, opts: { actor: Actor; scopeCode: string }): Promise<boolean> {
  const { actor, scopeCode } = opts;
  // One writer's concurrent previews must not both see "no burst yet today" and both raise one.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`scope_conflict:${actor.id ?? actor.username}`}))`.execute(tx);
  const event = (subject: string, extra: ReturnType<typeof sql>) => sql`
    'scope_conflict', ${actor.id}::bigint, ${actor.username}::text, ${scopeCode}::text, ${actor.ip ?? null}::text,
    jsonb_build_object('subject', ${subject}::text, 'batchId', r.batch_id, 'row', r.row_number, 'villageCode', r.village_code, ${extra})`;
  await sql`
    INSERT INTO security_event (kind, actor_id, actor_name, scope_code, ip, details)
    SELECT ${event('person', sql`'idMasked', r.id_masked`)}
    FROM import_row r
    WHERE r.batch_id = ${batchId} AND r.problems @> '[{"code": "PERSON_NOT_ALLOWED"}]'::jsonb
    UNION ALL
    SELECT ${event('household_no', sql`'householdNo', r.household_no`)}
    FROM (SELECT DISTINCT ON (county_code, household_no) * FROM import_row
          WHERE batch_id = ${batchId} AND problems @> '[{"code": "HOUSEHOLD_NOT_ALLOWED"}]'::jsonb
          ORDER BY county_code, household_no, row_number) r`.execute(tx);

  const threshold = Number(await getSetting(tx, BURST_SETTING, BURST_DEFAULT, { scopeCode }));
  const who = { id: actor.id, name: actor.username };
  const today = await countToday(tx, 'scope_conflict', who);
  if (today < threshold || (await countToday(tx, 'scope_conflict_burst', who)) > 0) return false;
  await recordSecurityEvent(tx, {
    kind: 'scope_conflict_burst',
    actorId: actor.id,
    actorName: actor.username,
    scopeCode,
    ip: actor.ip ?? null,
    // `conflicts` is the figure the province's alert (security/indicators.ts) shows.
    details: { conflicts: today, threshold, batchId },
  });
  return true;
}
