import { sql } from 'kysely';
import type { Tx } from '../../db/types.ts';

// The field app's devices and check-ins (docs/decisions/0014-field-app.md).

export interface DeviceRow {
  id: number;
  county_code: string;
  posting_id: number;
  user_id: number;
  public_key: { kty: string; crv: string; x: string; y: string };
  revoked_at: Date | string | null;
  revoke_reason: string | null;
}

export function deviceByThumbprint(tx: Tx, county: string, thumbprint: string) {
  return sql<DeviceRow>`
    SELECT id, county_code, posting_id, user_id, public_key, revoked_at, revoke_reason FROM cadre_device
    WHERE county_code = ${county} AND key_thumbprint = ${thumbprint}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export function insertDevice(
  tx: Tx,
  d: { county_code: string; posting_id: number; user_id: number; public_key: object; key_thumbprint: string },
) {
  return sql<{ id: number }>`
    INSERT INTO cadre_device (county_code, posting_id, user_id, public_key, key_thumbprint)
    VALUES (${d.county_code}, ${d.posting_id}, ${d.user_id}, ${JSON.stringify(d.public_key)}::jsonb, ${d.key_thumbprint})
    ON CONFLICT (county_code, key_thumbprint) DO NOTHING RETURNING id`
    .execute(tx)
    .then((r) => r.rows[0] ?? null);
}

/** Devices by id, in the county of the caller's posting (a device id of another county is simply unknown). */
export function devicesByIds(tx: Tx, county: string, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as DeviceRow[]);
  return sql<DeviceRow>`
    SELECT id, county_code, posting_id, user_id, public_key, revoked_at, revoke_reason FROM cadre_device
    WHERE county_code = ${county} AND id IN (${sql.join(ids)})`
    .execute(tx)
    .then((r) => r.rows.map((d) => ({ ...d, id: Number(d.id), posting_id: Number(d.posting_id), user_id: Number(d.user_id) })));
}

/** The check-ins already stored under these client ids, with the signature they were stored with. */
export function checkinsByClientIds(tx: Tx, county: string, clientIds: string[]) {
  if (clientIds.length === 0) return Promise.resolve([] as { client_id: string; signature: string }[]);
  return sql<{ client_id: string; signature: string }>`
    SELECT client_id::text AS client_id, signature FROM cadre_checkin
    WHERE county_code = ${county} AND client_id IN (${sql.join(clientIds.map((c) => sql`${c}::uuid`))})`
    .execute(tx)
    .then((r) => r.rows);
}

export interface NewCheckin {
  county_code: string;
  posting_id: number;
  client_id: string;
  device_id: number;
  device_time: string;
  lat: number;
  lon: number;
  accuracy_m: number;
  signature: string;
  flags: string[];
}

/**
 * Inserts check-ins and marks the local months (Asia/Shanghai, UTC+8) of those inserted for the attendance worker, in
 * one statement: a batch is one round trip, and a stored check-in never lacks its month's mark. A client id stored
 * already (or meanwhile) is skipped. Answers the client ids inserted.
 */
export function insertCheckins(tx: Tx, rows: NewCheckin[]) {
  if (rows.length === 0) return Promise.resolve([] as string[]);
  const values = rows.map(
    (c) =>
      sql`(${c.county_code}, ${c.posting_id}, ${c.client_id}::uuid, ${c.device_id}, ${c.device_time}::timestamptz, ${c.lat}, ${c.lon}, ${c.accuracy_m}, ${c.signature}, 'app', ${c.flags}::text[])`,
  );
  return sql<{ client_id: string }>`
    WITH inserted AS (
      INSERT INTO cadre_checkin (county_code, posting_id, client_id, device_id, device_time, lat, lon, accuracy_m, signature, source, flags)
      VALUES ${sql.join(values)}
      ON CONFLICT (county_code, client_id) DO NOTHING RETURNING county_code, client_id, device_time
    ), marked AS (
      INSERT INTO cadre_attendance_dirty (county_code, month)
      SELECT DISTINCT county_code, to_char((device_time AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') FROM inserted
      ON CONFLICT DO NOTHING
    )
    SELECT client_id::text AS client_id FROM inserted`
    .execute(tx)
    .then((r) => r.rows.map((x) => x.client_id));
}

export interface CheckinRow {
  id: number;
  client_id: string;
  device_id: number;
  device_time: Date;
  received_at: Date;
  lat: number;
  lon: number;
  accuracy_m: number;
  source: 'app' | 'imported';
  flags: string[];
}

/** A posting's check-ins whose device time falls in [from, to), oldest first. */
export function checkinsOfPosting(tx: Tx, county: string, postingId: number, from: string, to: string) {
  return sql<CheckinRow>`
    SELECT id, client_id::text AS client_id, device_id, device_time, received_at, lat, lon, accuracy_m, source, flags
    FROM cadre_checkin
    WHERE county_code = ${county} AND posting_id = ${postingId}
      AND device_time >= ${from}::timestamptz AND device_time < ${to}::timestamptz
    ORDER BY device_time, id
    LIMIT 5000`
    .execute(tx)
    .then((r) => r.rows);
}
