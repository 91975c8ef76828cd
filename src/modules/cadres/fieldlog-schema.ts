import { z } from 'zod';
import { LeaveItem } from './schema.ts';

const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');

/** The `meta` field of a work-log upload (multipart: meta as JSON text, then up to 3 `photo` files). */
export const LogMeta = z.strictObject({
  clientId: z.uuid(),
  deviceId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  logDate: Day,
  text: z.string().trim().min(1).max(2000),
  signature: z.string().min(1).max(200),
});

const Outcome = {
  clientId: z.string(),
  status: z.enum(['accepted', 'duplicate', 'refused']),
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
};
export const LogResult = z.object({ ...Outcome, logId: z.number().int().nullable() });

export const VisitRecord = z.strictObject({
  clientId: z.uuid(),
  householdId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  visitDate: Day,
  note: z.string().trim().max(1000),
  /** Link the visit to that day's work log (its photos). */
  withLog: z.boolean().default(false),
  /** The visit found a risk of return to poverty: propose the household for monitoring (exit module). */
  monitoring: z.strictObject({ kind: z.enum(['unstable', 'marginal', 'hardship']), risk: z.string().trim().min(1).max(1000) }).optional(),
});
export const VisitBatch = z.strictObject({ records: z.array(VisitRecord).min(1).max(50) });
export const VisitBatchResult = z.object({
  results: z.array(
    z.object({
      ...Outcome,
      visitId: z.number().int().nullable(),
      /** The monitoring proposal the visit raised: its case, or why the rules refused it (the visit stands). */
      monitoring: z.object({ caseId: z.number().nullable(), refusal: z.string().nullable() }).optional(),
    }),
  ),
});

export const VillageHouseholds = z.object({
  villageCode: z.string(),
  items: z.array(
    z.object({
      id: z.number().int(),
      householdNo: z.string(),
      headName: z.string().nullable(),
      headPinyin: z.string().nullable(),
      headInitials: z.string().nullable(),
    }),
  ),
});

export const PhotoView = z.object({
  seq: z.number().int(),
  mime: z.string(),
  bytes: z.number().int(),
  exifTime: z.string().nullable(),
  exifLat: z.number().nullable(),
  exifLon: z.number().nullable(),
  /** The authenticated route serving it (the posting's scope). */
  url: z.string(),
});
export const LogView = z.object({
  id: z.number().int(),
  clientId: z.string(),
  logDate: z.string(),
  text: z.string(),
  receivedAt: z.string(),
  photos: z.array(PhotoView),
});
export const VisitView = z.object({
  id: z.number().int(),
  clientId: z.string(),
  householdId: z.number().int(),
  householdNo: z.string(),
  headName: z.string().nullable(),
  visitDate: z.string(),
  note: z.string(),
  logId: z.number().int().nullable(),
});
export const FieldRecords = z.object({ month: z.string(), logs: z.array(LogView), visits: z.array(VisitView) });

export const PhotoParams = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  logId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  seq: z.coerce.number().int().min(1).max(3),
});

export const FieldLeaveList = z.object({ items: z.array(LeaveItem) });
