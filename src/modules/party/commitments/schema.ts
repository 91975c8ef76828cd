import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { RegionCode } from '../../regions/schema.ts';
import { Day, Version, Year } from '../funds/schema.ts';

export const COMMITMENT_STATUSES = ['pending', 'fulfilled', 'unfulfilled'] as const;
export const REVIEWS = ['confirmed', 'returned'] as const;

export const CommitmentInput = z.strictObject({
  memberId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  year: z.number().int().min(2000).max(2100),
  content: z.string().trim().min(2).max(500),
});
/** 践诺: the result and its evidence (text, and a reference to an attachment kept elsewhere). */
export const FulfilmentInput = z.strictObject({
  status: z.enum(COMMITMENT_STATUSES),
  evidence: z.string().trim().max(1000).optional(),
  attachmentRef: z.string().trim().max(200).optional(),
  version: Version,
});
/** The organisation's review of the fulfilment. */
export const ReviewInput = z.strictObject({
  review: z.enum(REVIEWS),
  reviewedOn: Day,
  note: z.string().trim().max(500).optional(),
  version: Version,
});
export const CommitmentQuery = z.strictObject({
  region: RegionCode.optional(),
  year: Year.optional(),
  status: z.enum(COMMITMENT_STATUSES).optional(),
});
export const Commitment = z.object({
  id: z.number(),
  memberId: z.number(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  year: z.number(),
  content: z.string(),
  status: z.enum(COMMITMENT_STATUSES),
  evidence: z.string().nullable(),
  attachmentRef: z.string().nullable(),
  review: z.enum(REVIEWS).nullable(),
  reviewedOn: z.string().nullable(),
  reviewNote: z.string().nullable(),
  version: z.number(),
});
export const CommitmentList = z.object({
  items: z.array(Commitment),
  /** Fulfilled and confirmed by the organisation, of all the year's commitments in the region (%). */
  fulfilledPercent: z.number().nullable(),
});

nameSchemas({ Commitment });
