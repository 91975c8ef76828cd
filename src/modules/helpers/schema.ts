import { z } from 'zod';
import { nameSchemas } from '../../server/openapi.ts';
import { RegionCode } from '../regions/schema.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
/** Largest bulk assignment (a list page shows at most 100 rows; a user may select across several pages). */
export const MAX_BULK = 1000;

export const HelperInput = z.strictObject({
  name: Text(50),
  /** Optional: with it the helper is a person of the county (the same row as a cadre or a household member). */
  idNumber: z.string().trim().min(15).max(20).optional(),
  workUnit: z.string().trim().max(60).optional(),
  /** Blank on an edit keeps the phone on record (the client only ever saw it masked). */
  phone: z.string().trim().max(20).optional(),
  /** The helper's county: required when the writer's scope is above a county. */
  countyCode: RegionCode.optional(),
});

export const HelperQuery = z.strictObject({
  region: RegionCode.optional(),
  /** A name prefix. */
  q: z.string().trim().max(50).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const HelperItem = z.object({
  id: z.number(),
  countyCode: z.string(),
  name: z.string(),
  workUnit: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  idMasked: z.string().nullable(),
  /** Households helped now (pairings not ended). */
  households: z.number(),
  /** The posting of a cadre in post who is this helper (one person, one record), or null. */
  cadrePostingId: z.number().nullable(),
});
export const HelperList = z.object({ items: z.array(HelperItem), nextCursor: z.string().nullable() });

export const HelperPairing = z.object({
  pairingId: z.number(),
  householdId: z.number(),
  householdNo: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  headName: z.string().nullable(),
  status: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
});
export const HelperDetail = HelperItem.extend({ pairings: z.array(HelperPairing) });

export const AssignInput = z.strictObject({
  helperId: z.number().int().positive(),
  householdIds: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1).max(MAX_BULK),
});
export const AssignResult = z.object({
  /** Households now paired with the helper from today. */
  assigned: z.number(),
  /** Of those, households whose previous helper's pairing ended today. */
  replaced: z.number(),
  /** Households already helped by this helper: left as they were. */
  unchanged: z.number(),
});

export const Created = z.object({ id: z.number() });

export const RESOLUTIONS = ['existing', 'new', 'ambiguous'] as const;
export const ResolutionQuery = z.strictObject({
  resolution: z.enum(RESOLUTIONS).optional(),
  /** The last row number of the previous page. */
  after: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ResolutionItem = z.object({
  row: z.number(),
  householdNo: z.string(),
  helperName: z.string(),
  resolution: z.enum(RESOLUTIONS),
  /** The helper the household is paired with (existing), null when new (not yet made) or ambiguous. */
  helperId: z.number().nullable(),
  /** Helpers of the county bearing the name (2 or more when ambiguous). */
  candidates: z.number(),
});
export const ResolutionList = z.object({ items: z.array(ResolutionItem), nextAfter: z.number().nullable() });

nameSchemas({ HelperItem, HelperDetail, HelperPairing });
