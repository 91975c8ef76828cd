import { sql } from 'kysely';
import type { Tx } from '../../db/types.ts';

// A posting's registered field devices as the county sees them, and revoking one (decision 0014, addendum).

export interface PostingDeviceRow {
  id: number;
  posting_id: number;
  key_thumbprint: string;
  registered_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
  revoked_by_name: string | null;
  username: string | null;
  checkins: number;
  logs: number;
  last_used: Date | null;
}

/**
 * The devices registered to a posting, and any other device that signed its records, with what each signed: the
 * posting's check-ins and work logs (through their posting index, never a scan of the county's check-ins).
 */
export function devicesOfPosting(tx: Tx, county: string, postingId: number) {
  return sql<PostingDeviceRow>`
    WITH used AS (
      SELECT device_id, count(*)::int AS n, max(received_at) AS last_at FROM cadre_checkin
      WHERE county_code = ${county} AND posting_id = ${postingId} AND device_id IS NOT NULL
      GROUP BY device_id
    ), logged AS (
      SELECT device_id, count(*)::int AS n, max(received_at) AS last_at FROM cadre_work_log
      WHERE county_code = ${county} AND posting_id = ${postingId}
      GROUP BY device_id
    )
    SELECT d.id, d.posting_id, d.key_thumbprint, d.registered_at, d.revoked_at, d.revoke_reason, d.revoked_by_name,
      u.username, coalesce(used.n, 0) AS checkins, coalesce(logged.n, 0) AS logs,
      greatest(used.last_at, logged.last_at) AS last_used
    FROM cadre_device d
    LEFT JOIN used ON used.device_id = d.id
    LEFT JOIN logged ON logged.device_id = d.id
    LEFT JOIN app_user u ON u.id = d.user_id
    WHERE d.county_code = ${county}
      AND (d.posting_id = ${postingId} OR d.id IN (SELECT device_id FROM used) OR d.id IN (SELECT device_id FROM logged))
    ORDER BY d.registered_at DESC, d.id DESC`
    .execute(tx)
    .then((r) =>
      r.rows.map((d) => ({
        ...d,
        id: Number(d.id),
        posting_id: Number(d.posting_id),
        checkins: Number(d.checkins),
        logs: Number(d.logs),
      })),
    );
}

/** Retires a device still in use; null when it was revoked meanwhile (or is not the county's). */
export function revokeDevice(tx: Tx, d: { county: string; id: number; reason: string; byName: string }) {
  return sql<{ id: number; posting_id: number; user_id: number; revoked_at: Date }>`
    UPDATE cadre_device SET revoked_at = now(), revoke_reason = ${d.reason}, revoked_by_name = ${d.byName}
    WHERE county_code = ${d.county} AND id = ${d.id} AND revoked_at IS NULL
    RETURNING id, posting_id, user_id, revoked_at`
    .execute(tx)
    .then((r) => r.rows[0] ?? null);
}
