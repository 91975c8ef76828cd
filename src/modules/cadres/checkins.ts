import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../db/types.ts';
import { today } from '../../server/clock.ts';
import { AppError } from '../../server/errors.ts';
import { type Lang, t } from '../../server/i18n.ts';
import { mustChangePassword, type SessionUser } from '../auth/service.ts';
import { getSetting } from '../settings.ts';
import { monthRange } from './attendance/compute.ts';
import { localDay, localDayInstants } from './attendance/rules.ts';
import type { CheckinBatch, CheckinRecord, PublicJwk } from './checkin-schema.ts';
import * as cq from './checkins.queries.ts';
import * as q from './queries.ts';

/**
 * The field app's check-ins (docs/decisions/0014-field-app.md). A phone signs each check-in offline with its
 * non-extractable ECDSA P-256 key over the canonical string below; the server verifies it with the key registered
 * for that device and keeps the phone's time (device_time) beside its own (received_at).
 */
export const CANONICAL_PREFIX = 'fupin-checkin-v1';
export const FUTURE_MS = 10 * 60_000;
export const DEFAULT_LATE_DAYS = 7;

type Rec = z.infer<typeof CheckinRecord>;
type Jwk = z.infer<typeof PublicJwk>;

/** What is signed: numbers as JavaScript prints them (String(n)), the device time exactly as sent. */
export const canonical = (r: Pick<Rec, 'clientId' | 'deviceTime' | 'lat' | 'lon' | 'accuracy'>) =>
  `${CANONICAL_PREFIX}|${r.clientId.toLowerCase()}|${r.deviceTime}|${String(r.lat)}|${String(r.lon)}|${String(r.accuracy)}`;

/** RFC 7638 thumbprint of a P-256 JWK: one device row per key. */
export const thumbprint = (k: Jwk) =>
  createHash('sha256')
    .update(JSON.stringify({ crv: k.crv, kty: k.kty, x: k.x, y: k.y }))
    .digest('base64url');

export function publicKeyOf(k: Jwk) {
  return createPublicKey({ key: { kty: k.kty, crv: k.crv, x: k.x, y: k.y }, format: 'jwk' });
}

/** WebCrypto's ECDSA signature (r‖s, 64 bytes, base64) over SHA-256 of the canonical string. */
export function signatureValid(k: Jwk | KeyObject, r: Rec): boolean {
  try {
    const sig = Buffer.from(r.signature, 'base64');
    if (sig.length !== 64) return false;
    const key = 'kty' in k && typeof k.kty === 'string' ? publicKeyOf(k as Jwk) : (k as KeyObject);
    return verify('sha256', Buffer.from(canonical(r)), { key, dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    return false;
  }
}

/** Too old (beyond the late limit) or ahead of the server by more than 10 minutes; null when in time. */
export function timeProblem(deviceTime: string, now: Date, lateDays: number): 'FIELD_TOO_LATE' | 'FIELD_FUTURE' | null {
  const at = Date.parse(deviceTime);
  if (!Number.isFinite(at)) return 'FIELD_TOO_LATE';
  if (at > now.getTime() + FUTURE_MS) return 'FIELD_FUTURE';
  if (at < now.getTime() - lateDays * 86_400_000) return 'FIELD_TOO_LATE';
  return null;
}

function postingLink(user: SessionUser) {
  // The field routes are the caller's own (access self) but write data: not with an initial password.
  if (mustChangePassword(user)) throw new AppError('PASSWORD_CHANGE_REQUIRED', 403);
  if (!user.posting_county || user.posting_id === null || user.posting_id === undefined) throw new AppError('FIELD_NO_POSTING', 403);
  return { county: user.posting_county, postingId: Number(user.posting_id) };
}

export async function registerDevice(db: Db, user: SessionUser, key: Jwk) {
  const { county, postingId } = postingLink(user);
  try {
    publicKeyOf(key);
  } catch {
    throw new AppError('FIELD_BAD_KEY', 400, {}, [{ path: 'publicKey', code: 'FIELD_BAD_KEY' }]);
  }
  const thumb = thumbprint(key);
  return db.transaction().execute(async (tx) => {
    const posting = await q.postingById(tx, postingId);
    if (!posting || posting.county_code !== county) throw new AppError('FIELD_NO_POSTING', 403);
    const made = await cq.insertDevice(tx, {
      county_code: county,
      posting_id: postingId,
      user_id: user.id,
      public_key: key,
      key_thumbprint: thumb,
    });
    // The same key again (a retry after a lost answer) is the same device; someone else's key is not taken over.
    const row = made ?? (await cq.deviceByThumbprint(tx, county, thumb));
    if (!row || (!made && Number((row as cq.DeviceRow).user_id) !== user.id)) throw new AppError('FIELD_DEVICE_TAKEN', 409);
    // A revoked key stays revoked: the phone makes a new one (the app does so on this answer).
    if (!made && (row as cq.DeviceRow).revoked_at) throw new AppError('FIELD_DEVICE_REVOKED', 409, revokedParams(row as cq.DeviceRow));
    return { deviceId: Number(row.id), registeredAt: today().toISOString() };
  });
}

/** What a refusal by a revoked device says: the day the county revoked it and why (records it signed before stay). */
export const revokedParams = (d: Pick<cq.DeviceRow, 'revoked_at' | 'revoke_reason'>) => ({
  date: d.revoked_at ? new Date(d.revoked_at).toISOString().slice(0, 10) : '',
  reason: d.revoke_reason ?? '—',
});

type Outcome = { clientId: string; status: 'accepted' | 'duplicate' | 'refused'; reasonCode: string | null; reason: string | null };

/** Public keys parsed once per device (parsing a JWK costs about as much as a verification), while the row's key holds. */
const keyCache = new Map<string, { x: string; y: string; key: KeyObject | null }>();
const KEY_CACHE_MAX = 20_000;

function keyOf(device: cq.DeviceRow): KeyObject | null {
  const jwk = device.public_key as Jwk;
  const name = `${device.county_code}:${device.id}`;
  const hit = keyCache.get(name);
  if (hit && hit.x === jwk.x && hit.y === jwk.y) return hit.key;
  let key: KeyObject | null;
  try {
    key = publicKeyOf(jwk);
  } catch {
    key = null;
  }
  if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
  keyCache.set(name, { x: jwk.x, y: jwk.y, key });
  return key;
}

/**
 * Stores a batch of signed check-ins: each record is judged on its own (device, signature, time, replay) and the
 * accepted ones are inserted together; a refused record never costs the good ones. The usual batch (new records of a
 * registered device) is two statements: its devices, then one insert that also marks the months for attendance.
 * Whether a client id is stored already is asked only of the records that were not inserted (refused, or stored
 * before): a stored one answers duplicate (same signature) or replayed, whatever else is wrong with it.
 */
export async function receiveCheckins(db: Db, user: SessionUser, batch: z.infer<typeof CheckinBatch>, lang: Lang) {
  const { county, postingId } = postingLink(user);
  const now = today();
  const refuse = (clientId: string, code: Parameters<typeof t>[1], params: Record<string, unknown> = {}): Outcome => ({
    clientId,
    status: 'refused',
    reasonCode: code,
    reason: t(lang, code, params),
  });
  const lateDays = Number(await getSetting(db, 'cadres.checkin_late_days', DEFAULT_LATE_DAYS, { scopeCode: county }));
  const devices = new Map((await cq.devicesByIds(db, county, [...new Set(batch.records.map((r) => r.deviceId))])).map((d) => [d.id, d]));
  const out: Outcome[] = [];
  const toInsert: cq.NewCheckin[] = [];
  // Accepted earlier in this batch: the same record again is a duplicate, another record with its id a replay.
  const accepted = new Map<string, string>();
  for (const r of batch.records) {
    const clientId = r.clientId.toLowerCase();
    const earlier = accepted.get(clientId);
    if (earlier !== undefined) {
      out.push(
        earlier === r.signature ? { clientId, status: 'duplicate', reasonCode: null, reason: null } : refuse(clientId, 'FIELD_REPLAYED'),
      );
      continue;
    }
    const device = devices.get(r.deviceId);
    // A device registered for an earlier posting of the same login is not this posting's.
    if (!device || (device.user_id === user.id && device.posting_id !== postingId)) {
      out.push(refuse(clientId, 'FIELD_DEVICE_UNKNOWN'));
      continue;
    }
    if (device.user_id !== user.id) {
      out.push(refuse(clientId, 'FIELD_DEVICE_OTHER_USER'));
      continue;
    }
    if (device.revoked_at) {
      out.push(refuse(clientId, 'FIELD_DEVICE_REVOKED', revokedParams(device)));
      continue;
    }
    const key = keyOf(device);
    if (!key || !signatureValid(key, r)) {
      out.push(refuse(clientId, 'FIELD_BAD_SIGNATURE'));
      continue;
    }
    const late = timeProblem(r.deviceTime, now, lateDays);
    if (late) {
      out.push(refuse(clientId, late, { days: lateDays }));
      continue;
    }
    accepted.set(clientId, r.signature);
    out.push({ clientId, status: 'accepted', reasonCode: null, reason: null });
    toInsert.push({
      county_code: county,
      posting_id: postingId,
      client_id: clientId,
      device_id: device.id,
      device_time: new Date(r.deviceTime).toISOString(),
      lat: r.lat,
      lon: r.lon,
      accuracy_m: r.accuracy,
      signature: r.signature,
      flags: r.accuracy > 200 ? ['low_accuracy'] : [],
    });
  }
  const inserted = new Set(await cq.insertCheckins(db, toInsert));
  // Stored before this batch (or by one running at the same time): that record's signature decides.
  const others = [...new Set(out.filter((o) => !inserted.has(o.clientId)).map((o) => o.clientId))];
  if (others.length > 0) {
    const stored = new Map((await cq.checkinsByClientIds(db, county, others)).map((c) => [c.client_id, c.signature]));
    batch.records.forEach((r, i) => {
      const o = out[i] as Outcome;
      const known = stored.get(o.clientId);
      if (known === undefined) return;
      out[i] =
        known === r.signature
          ? { clientId: o.clientId, status: 'duplicate', reasonCode: null, reason: null }
          : refuse(o.clientId, 'FIELD_REPLAYED');
    });
  }
  return { results: out };
}

export const checkinView = (c: cq.CheckinRow) => ({
  id: Number(c.id),
  clientId: c.client_id,
  deviceId: Number(c.device_id),
  deviceTime: new Date(c.device_time).toISOString(),
  receivedAt: new Date(c.received_at).toISOString(),
  lat: Number(c.lat),
  lon: Number(c.lon),
  accuracy: Number(c.accuracy_m),
  source: c.source,
  flags: c.flags ?? [],
});

/** The app's start page: whose posting, which village, and today's check-ins (the village's day, Asia/Shanghai, as attendance counts it). */
export async function fieldMe(db: Db, user: SessionUser) {
  const lateDays = Number(await getSetting(db, 'cadres.checkin_late_days', DEFAULT_LATE_DAYS, { scopeCode: user.scope_code }));
  const base = { username: user.username, displayName: user.display_name, mustChangePassword: mustChangePassword(user), lateDays };
  if (!user.posting_county || user.posting_id === null || user.posting_id === undefined) return { ...base, posting: null, today: [] };
  const p = await q.postingById(db, Number(user.posting_id));
  if (!p || p.county_code !== user.posting_county) return { ...base, posting: null, today: [] };
  const day = localDayInstants(localDay(today().getTime()));
  const rows = await cq.checkinsOfPosting(db, p.county_code, Number(p.id), day.from, day.to);
  return {
    ...base,
    posting: {
      id: Number(p.id),
      name: p.name,
      role: p.role,
      villageCode: p.village_code,
      villageName: p.village_name,
      townshipName: p.township_name,
      state: p.state,
    },
    today: rows.map(checkinView),
  };
}

/** The county's view of a posting's check-ins in a month (default this month). */
export async function postingCheckins(db: Db, postingId: number, month: string | undefined) {
  const m = month ?? localDay(today().getTime()).slice(0, 7);
  const p = await q.postingById(db, postingId);
  if (!p) return { month: m, items: [] };
  // The month attendance counts (Asia/Shanghai).
  const range = monthRange(m);
  const rows = await cq.checkinsOfPosting(db, p.county_code, postingId, range.from, range.to);
  return { month: m, items: rows.map(checkinView) };
}
