import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { RegionCode } from '../../regions/schema.ts';
import { KINDS } from '../monitoring/procedures.ts';
import { DEPARTMENTS } from './interchange.ts';

export const UploadQuery = z.strictObject({
  region: RegionCode.optional(),
  department: z.enum(DEPARTMENTS),
  /** The list's name (required for 'other'). */
  label: z.string().trim().max(100).optional(),
});

export const HitQuery = z.strictObject({
  region: RegionCode.optional(),
  state: z.enum(['open', 'confirmed', 'dismissed']).optional(),
  department: z.enum(DEPARTMENTS).optional(),
  batch: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const BatchQuery = z.strictObject({ region: RegionCode.optional() });

export const DecideInput = z.strictObject({
  decision: z.enum(['confirm', 'dismiss']),
  reason: z.string().trim().max(500).optional(),
  /** Confirming a hit other than a death opens a monitoring case (this kind) unless false. */
  reassess: z.boolean().optional(),
  kind: z.enum(KINDS).optional(),
});

export const BatchItem = z.object({
  id: z.number(),
  department: z.string(),
  departmentLabel: z.string(),
  label: z.string().nullable(),
  filename: z.string(),
  status: z.string(),
  totalRows: z.number(),
  problemRows: z.number(),
  hits: z.number(),
  createdAt: z.string(),
});
export const BatchList = z.object({ items: z.array(BatchItem) });
export const BatchView = BatchItem.extend({
  header: z.array(z.string()),
  importedBy: z.string(),
  matchedAt: z.string().nullable(),
  problems: z.array(z.object({ row: z.number(), code: z.string(), message: z.string() })),
});
export const MatchResult = z.object({ hits: z.number(), counties: z.array(z.object({ county: z.string(), hits: z.number() })) });

export const HitItem = z.object({
  id: z.number(),
  batchId: z.number(),
  row: z.number(),
  department: z.string(),
  departmentLabel: z.string(),
  record: z.record(z.string(), z.string()),
  person: z.object({ id: z.number(), name: z.string(), idMasked: z.string(), relation: z.string().nullable() }),
  household: z.object({ id: z.number(), no: z.string(), status: z.string(), statusLabel: z.string() }),
  village: z.object({ code: z.string(), name: z.string(), township: z.string() }),
  state: z.string(),
  action: z.string().nullable(),
  reason: z.string().nullable(),
  monitoringCaseId: z.number().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export const HitList = z.object({ items: z.array(HitItem), nextCursor: z.string().nullable() });
export const HitDetail = HitItem.extend({
  members: z.array(z.object({ personId: z.number(), name: z.string(), idMasked: z.string(), relation: z.string() })),
});
export const Decided = z.object({ id: z.number(), action: z.string().nullable(), monitoringCaseId: z.number().nullable() });
export const Created = z.object({ id: z.number() });

nameSchemas({ ComparisonBatch: BatchView, ComparisonHit: HitItem, ComparisonHitDetail: HitDetail });
