import type { z } from 'zod';
import type { Db } from '../../db/types.ts';
import { AppError, notFound } from '../../server/errors.ts';
import * as audit from '../audit/service.ts';
import { deleteUserSessions, forgetSessions } from '../auth/queries.ts';
import type { ProcedureActor } from '../procedures/service.ts';
import type { DeviceRevokeInput } from './checkin-schema.ts';
import * as cq from './checkins.queries.ts';
import * as dq from './devices.queries.ts';
import * as q from './queries.ts';

/**
 * A posting's field devices as the county sees them (decision 0014, "Revoking a device"): when each key was
 * registered, by which login, what it signed for this posting and when it was last used; revoked ones with who and why.
 */
export async function postingDevices(db: Db, postingId: number) {
  const p = await q.postingById(db, postingId);
  if (!p) throw notFound();
  const rows = await dq.devicesOfPosting(db, p.county_code, postingId);
  return { items: rows.map((d) => deviceView(d, postingId)) };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const deviceView = (d: dq.PostingDeviceRow, postingId: number) => ({
  id: d.id,
  // The key's RFC 7638 thumbprint, shortened: enough to tell two phones apart on the page.
  fingerprint: d.key_thumbprint.slice(0, 12),
  username: d.username,
  ofThisPosting: d.posting_id === postingId,
  registeredAt: iso(d.registered_at) as string,
  lastUsedAt: iso(d.last_used),
  checkins: d.checkins,
  logs: d.logs,
  revokedAt: iso(d.revoked_at),
  revokeReason: d.revoke_reason,
  revokedBy: d.revoked_by_name,
});

/**
 * Revokes a device of the posting with a reason: the county's organisation department (scope of 6 digits or above,
 * with users.manage — whoever gives the posting its login). From then on everything the key signs is refused
 * (FIELD_DEVICE_REVOKED, naming the day and the reason); what it signed before stays as it was judged. The login's
 * sessions end, so whoever holds the phone must sign in with the password before a new key can be registered.
 */
export async function revokeDevice(
  db: Db,
  actor: ProcedureActor,
  postingId: number,
  deviceId: number,
  input: z.infer<typeof DeviceRevokeInput>,
) {
  if (actor.scope.length > 6 || !actor.permissions.includes('users.manage')) throw new AppError('CADRE_DEVICE_LEVEL', 403);
  const reason = input.reason.trim();
  if (!reason) throw new AppError('CADRE_DEVICE_REASON', 400, {}, [{ path: 'reason', code: 'CADRE_DEVICE_REASON' }]);
  const view = await db.transaction().execute(async (tx) => {
    const p = await q.postingById(tx, postingId);
    if (!p) throw notFound();
    const [device] = await cq.devicesByIds(tx, p.county_code, [deviceId]);
    // A device of another posting (or county) is not found through this posting.
    if (!device || device.posting_id !== postingId) throw notFound();
    if (device.revoked_at) throw new AppError('CADRE_DEVICE_REVOKED_ALREADY', 409, { date: String(iso(device.revoked_at)).slice(0, 10) });
    const done = await dq.revokeDevice(tx, { county: p.county_code, id: deviceId, reason, byName: actor.username });
    if (!done) throw new AppError('CADRE_DEVICE_REVOKED_ALREADY', 409, { date: new Date().toISOString().slice(0, 10) });
    await deleteUserSessions(tx, device.user_id);
    await audit.record(tx, actor, {
      scopeCode: p.village_code,
      entity: 'cadre_device',
      entityId: deviceId,
      action: 'revoke',
      before: { revokedAt: null },
      after: { name: p.name, postingId, reason, revokedAt: iso(done.revoked_at), sessionsEnded: true },
    });
    const rows = await dq.devicesOfPosting(tx, p.county_code, postingId);
    const row = rows.find((d) => d.id === deviceId);
    if (!row) throw notFound();
    return deviceView(row, postingId);
  });
  // Again after commit: a request that read a session meanwhile cached nothing newer than this.
  forgetSessions();
  return view;
}
