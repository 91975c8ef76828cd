import { z } from 'zod';
import { nameSchemas } from '../../server/openapi.ts';

const b64url = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** An ECDSA P-256 public key as WebCrypto exports it (extra members such as key_ops and ext are ignored). */
export const PublicJwk = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: b64url, y: b64url });

export const DeviceInput = z.strictObject({ publicKey: PublicJwk });
export const DeviceCreated = z.object({ deviceId: z.number().int(), registeredAt: z.string() });

export const CheckinRecord = z.strictObject({
  clientId: z.uuid(),
  deviceId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  deviceTime: z.iso.datetime({ offset: true }),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(100_000),
  signature: z.string().min(1).max(200),
});

export const CheckinBatch = z.strictObject({ records: z.array(CheckinRecord).min(1).max(200) });

export const CheckinResult = z.object({
  clientId: z.string(),
  status: z.enum(['accepted', 'duplicate', 'refused']),
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
});
export const CheckinBatchResult = z.object({ results: z.array(CheckinResult) });

export const CheckinView = z.object({
  id: z.number().int(),
  clientId: z.string(),
  deviceId: z.number().int(),
  deviceTime: z.string(),
  receivedAt: z.string(),
  lat: z.number(),
  lon: z.number(),
  accuracy: z.number(),
  source: z.enum(['app', 'imported']),
  flags: z.array(z.string()),
});

export const FieldMe = z.object({
  username: z.string(),
  displayName: z.string(),
  /** The login still has the password the county gave it: the app asks for a new one before anything is sent. */
  mustChangePassword: z.boolean(),
  posting: z
    .object({
      id: z.number().int(),
      name: z.string(),
      role: z.string(),
      villageCode: z.string(),
      villageName: z.string(),
      townshipName: z.string().nullable(),
      state: z.string(),
    })
    .nullable(),
  today: z.array(CheckinView),
  lateDays: z.number().int(),
});

export const MonthQuery = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});
export const CheckinList = z.object({ month: z.string(), items: z.array(CheckinView) });

/** A device as the county sees it on the posting page (decision 0014, "Revoking a device"). */
export const PostingDevice = z.object({
  id: z.number().int(),
  /** The start of the key's RFC 7638 thumbprint. */
  fingerprint: z.string(),
  username: z.string().nullable(),
  /** false: registered to another posting, seen here because it signed this posting's records. */
  ofThisPosting: z.boolean(),
  registeredAt: z.string(),
  lastUsedAt: z.string().nullable(),
  checkins: z.number().int(),
  logs: z.number().int(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
export const PostingDeviceList = z.object({ items: z.array(PostingDevice) });
export const DeviceRevokeInput = z.strictObject({ reason: z.string().max(500) });
export const DeviceParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  deviceId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
nameSchemas({ PostingDevice });
