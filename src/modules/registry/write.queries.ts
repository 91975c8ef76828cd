import { sql } from 'kysely';
import type { Tx } from '../../db/types.ts';
import { householdSnapshot } from './import/shape.ts';

/**
 * The statements of the register's one write path for a single household (write.ts): every module that changes a
 * household (the form, an exit's close, a death confirmed, a monitoring-only household) goes through them.
 */

export interface LockedHousehold {
  county_code: string;
  id: number;
  household_no: string;
  village_code: string;
  status: string;
  exit_year: number | null;
  head_person_id: number | null;
  version: number;
  /** The day of the household's latest status change, if any (YYYY-MM-DD). */
  last_change: string | null;
}

/** The household, locked for the rest of the transaction (a concurrent write of the same household waits). */
export async function lockHousehold(tx: Tx, county: string, id: number): Promise<LockedHousehold | undefined> {
  // Two statements: Citus runs FOR UPDATE only on a statement over the one table (a subquery makes it refuse).
  const h = (
    await sql<Omit<LockedHousehold, 'last_change'>>`
      SELECT county_code, id, household_no, village_code, status, exit_year, head_person_id, version
      FROM household WHERE county_code = ${county} AND id = ${id}
      FOR UPDATE`.execute(tx)
  ).rows[0];
  if (!h) return undefined;
  const last = await sql<{ d: string | null }>`
    SELECT to_char(max(changed_on), 'YYYY-MM-DD') AS d FROM household_status_history
    WHERE county_code = ${county} AND household_id = ${id}`.execute(tx);
  return { ...h, last_change: last.rows[0]?.d ?? null };
}

/** What an audit row keeps of the household: the form's snapshot with its details (import/shape.ts). */
export async function snapshot(tx: Tx, county: string, id: number, registerYear: number): Promise<Record<string, unknown> | null> {
  const r = await sql<{
    s: Record<string, unknown> | null;
  }>`SELECT ${householdSnapshot(sql`${county}::text`, sql`${id}::bigint`, registerYear, { details: true })} AS s`.execute(tx);
  return r.rows[0]?.s ?? null;
}

/** A write of the household happened: its version moves on (an edit read at the old one is refused). */
export function bumpVersion(tx: Tx, county: string, id: number) {
  return sql`UPDATE household SET version = version + 1, updated_at = now() WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

/** The status and exit year, with the dated history row the command centre's months are computed from. */
export async function setStatus(
  tx: Tx,
  county: string,
  id: number,
  change: { status: string; previous: string; exitYear: number | null; date: string; reason: string; statusChanged: boolean },
) {
  if (change.statusChanged) {
    await sql`
      INSERT INTO household_status_history (county_code, household_id, status, previous_status, changed_on, reason)
      VALUES (${county}, ${id}, ${change.status}, ${change.previous}, ${change.date}::date, ${change.reason})`.execute(tx);
  }
  await sql`
    UPDATE household SET status = ${change.status}, exit_year = ${change.exitYear}
    WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

/**
 * A person leaves the household (the member row goes, the count follows, a head's place is left empty for the village
 * to name the next head). The person row stays, with its history. False when the person is not a member.
 */
export async function removeMember(tx: Tx, county: string, householdId: number, personId: number) {
  const gone = await sql<{ relation: string }>`
    DELETE FROM household_member WHERE county_code = ${county} AND household_id = ${householdId} AND person_id = ${personId}
    RETURNING relation`.execute(tx);
  if (!gone.rows.length) return false;
  await sql`
    UPDATE household SET member_count = greatest(member_count - 1, 0),
      head_person_id = CASE WHEN head_person_id = ${personId} THEN NULL ELSE head_person_id END
    WHERE county_code = ${county} AND id = ${householdId}`.execute(tx);
  return true;
}
