import type { Tx } from '../../db/types.ts';
import { thisDay } from '../../server/clock.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { type Actor, record } from '../audit/service.ts';
import { registerYear } from './import/service.ts';
import * as wq from './write.queries.ts';

/**
 * The register's one write path for a single household. The registry's form (edit.ts, through import/form.ts) and
 * every other module that changes a household — an exit's close (exit/households), a death confirmed by the
 * cross-department comparison (exit/comparison), a monitoring-only household (exit/monitoring, through the form) —
 * write through here, inside their own transaction, so the same rules hold whoever writes:
 *
 * - the household is locked, read within the writer's region (another region's household answers 404 like a
 *   missing one) and, when the writer read it at a version, refused if it has moved since (409 HOUSEHOLD_VERSION);
 * - one audit row per change, an edit of entity `household` whose before and after are the register's snapshot
 *   (import/shape.ts), so the audit page lists the fields that changed;
 * - the version moves on, so a form opened before the change cannot overwrite it;
 * - a status change writes its dated history row: a date in a closed month revises that month and the later ones
 *   (the history table's triggers, decisions 0007 and 0008), and the command centre's village is marked;
 * - search keys need nothing more: they are the person's, and a household is found through its members.
 *
 * The tables are written only by the registry (src/db/query-placement.test.ts checks it).
 */

export interface HouseholdRef {
  countyCode: string;
  id: number;
}

export interface RegisterWriter {
  actor: Actor;
  /** The writer's region: a household outside it is not found. */
  scopeCode: string;
  /** The version the writer read the household at (a form); left out by a procedure, which locks and acts now. */
  version?: number;
}

/** Locks the household for the transaction and checks the writer may write it as read. */
export async function lockForWrite(tx: Tx, ref: HouseholdRef, w: RegisterWriter): Promise<wq.LockedHousehold> {
  const h = await wq.lockHousehold(tx, ref.countyCode, ref.id);
  if (!h?.village_code.startsWith(w.scopeCode)) throw notFound();
  if (w.version !== undefined && w.version !== h.version) {
    throw new AppError('HOUSEHOLD_VERSION', 409, { current: h.version, sent: w.version }, [{ path: 'version', code: 'stale' }]);
  }
  return h;
}

/**
 * Records an edit of a household after the fact (the form's save builds its own before and after around the
 * import's merge): the version moves on and one audit row holds both snapshots. Nothing when nothing changed.
 */
export async function recordEdit(
  tx: Tx,
  h: { countyCode: string; id: number; villageCode: string },
  actor: Actor,
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  note?: Record<string, unknown>,
) {
  if (JSON.stringify(before) === JSON.stringify(after)) return false;
  await wq.bumpVersion(tx, h.countyCode, h.id);
  await record(tx, actor, {
    scopeCode: h.villageCode,
    entity: 'household',
    entityId: h.id,
    action,
    before,
    // What the snapshot cannot say (the date and reason of the change, its source) rides beside it; the audit page's
    // field list compares only what both snapshots hold.
    after: after && note ? { ...after, change: note } : after,
  });
  return true;
}

/** The household's snapshot as an audit row keeps it, in the register year. */
export async function snapshotOf(tx: Tx, ref: HouseholdRef) {
  return wq.snapshot(tx, ref.countyCode, ref.id, await registerYear(tx));
}

/** One change of one household: locked and checked, changed, then recorded (audit, version) when it changed anything. */
async function editHousehold<T>(
  tx: Tx,
  ref: HouseholdRef,
  w: RegisterWriter,
  action: string,
  note: Record<string, unknown>,
  change: (h: wq.LockedHousehold) => Promise<T>,
): Promise<T> {
  const h = await lockForWrite(tx, ref, w);
  const before = await snapshotOf(tx, ref);
  const result = await change(h);
  await recordEdit(
    tx,
    { countyCode: h.county_code, id: h.id, villageCode: h.village_code },
    w.actor,
    action,
    before,
    await snapshotOf(tx, ref),
    note,
  );
  return result;
}

export interface StatusChange {
  status: string;
  /** The exit year the household carries after the change (unchanged when left out). */
  exitYear?: number | null;
  /** The day the status changed (YYYY-MM-DD): not after today, not before the household's latest status change. */
  date: string;
  /** Why, as the history row keeps it (e.g. `exit`). */
  reason: string;
  /** Where the change comes from, for the audit row (e.g. `exit_household:12`). */
  source?: string;
}

/**
 * Sets a household's status with its date and reason (an exit's 销号: 'exited' with the exit year). The history row
 * is dated as given; a date in a closed month revises the command centre's months from there on. Setting the status
 * the household already has writes no history row (an exit year that differs is still written).
 */
export async function setHouseholdStatus(tx: Tx, ref: HouseholdRef, w: RegisterWriter, c: StatusChange) {
  if (c.date > thisDay()) throw new AppError('HOUSEHOLD_STATUS_FUTURE', 400, { date: c.date }, [{ path: 'date', code: 'future' }]);
  return editHousehold(tx, ref, w, 'status_change', { date: c.date, reason: c.reason, source: c.source ?? null }, async (h) => {
    const statusChanged = h.status !== c.status;
    if (statusChanged && h.last_change !== null && c.date < h.last_change) {
      throw new AppError('HOUSEHOLD_STATUS_DATE', 409, { date: c.date, last: h.last_change }, [{ path: 'date', code: 'before_last' }]);
    }
    const exitYear = c.exitYear === undefined ? h.exit_year : c.exitYear;
    if (!statusChanged && exitYear === h.exit_year) return { changed: false };
    await wq.setStatus(tx, h.county_code, h.id, {
      status: c.status,
      previous: h.status,
      exitYear,
      date: c.date,
      reason: c.reason,
      statusChanged,
    });
    return { changed: true };
  });
}

export interface MembershipEnd {
  /** Why the membership ends (`death`). */
  cause: string;
  /** The day it ended, as the source says (kept in the audit row: memberships are not dated in the register). */
  date: string;
  note?: string | null;
  source?: string;
}

/**
 * A person leaves the household (a death confirmed): the member row goes, the member count follows, a head's place
 * is left empty for the village to name the next head; the person row stays with its history. False when the person
 * is not (or no longer) a member: then nothing is written.
 */
export async function endMembership(tx: Tx, ref: HouseholdRef, w: RegisterWriter, personId: number, e: MembershipEnd) {
  return editHousehold(
    tx,
    ref,
    w,
    'member_end',
    { personId, cause: e.cause, date: e.date, note: e.note ?? null, source: e.source ?? null },
    (h) => wq.removeMember(tx, h.county_code, h.id, personId),
  );
}
