import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { RegionCode } from '../../regions/schema.ts';
import { FLAG_CODES } from './flags.ts';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const Label = z.object({ zh: z.string(), en: z.string() });
const Bool = z.enum(['0', '1']).transform((v) => v === '1');

export const AttendanceQuery = z.strictObject({
  region: RegionCode.optional(),
  month: Month,
  /** 1: only those meeting the standard; 0: only those below it. */
  compliant: Bool.optional(),
  /** 1: only cadres with an open 挂名/走读/forged flag. */
  flagged: Bool.optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AttendanceItem = z.object({
  postingId: z.number(),
  name: z.string(),
  idMasked: z.string(),
  role: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  daysInPost: z.number(),
  daysInVillage: z.number(),
  nights: z.number(),
  officialDays: z.number(),
  leaveDays: z.number(),
  requiredDays: z.number(),
  compliant: z.boolean(),
  checkins: z.number(),
  /** Open flag codes (not absence candidates). */
  flags: z.array(z.enum(FLAG_CODES)),
  openAbsenceCandidates: z.number(),
});

export const AttendanceList = z.object({
  month: z.string(),
  /** When the month was last computed for this region (null: never). */
  computedAt: z.string().nullable(),
  items: z.array(AttendanceItem),
  nextCursor: z.string().nullable(),
});

export const ComputeInput = z.strictObject({ region: RegionCode.optional(), month: Month });
export const ComputeResult = z.object({
  region: z.string(),
  month: z.string(),
  postings: z.number(),
  checkins: z.number(),
  flags: z.number(),
  flagsChanged: z.number(),
  flagsRemoved: z.number(),
  ms: z.number(),
});

export const FlagView = z.object({
  id: z.number(),
  code: z.enum(FLAG_CODES),
  codeLabel: z.string(),
  subject: z.string(),
  reason: z.string(),
  reasonBoth: Label,
  evidence: z.record(z.string(), z.unknown()),
  state: z.enum(['open', 'confirmed', 'dismissed']),
  version: z.number(),
  openedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  absenceId: z.number().nullable(),
  /** A confirmed flag: an unexcused absence, or a ground for replacing the cadre. */
  outcome: z.enum(['absence', 'replacement']).nullable(),
  /** Who decides it: the county (month flags) or the township (absence candidates). */
  decider: z.enum(['county', 'township']),
});

export const DayKind = z.enum(['present', 'official', 'leave', 'absence', 'candidate', 'missing', 'weekend', 'out']);

export const AttendanceDetail = z.object({
  postingId: z.number(),
  name: z.string(),
  idMasked: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string().nullable(),
  month: z.string(),
  hasPoint: z.boolean(),
  figures: z
    .object({
      daysInPost: z.number(),
      daysInVillage: z.number(),
      nights: z.number(),
      officialDays: z.number(),
      leaveDays: z.number(),
      requiredDays: z.number(),
      compliant: z.boolean(),
      computedAt: z.string(),
    })
    .nullable(),
  days: z.array(z.object({ day: z.string(), kind: DayKind, night: z.boolean() })),
  checkins: z.array(
    z.object({
      id: z.number(),
      deviceTime: z.string(),
      receivedAt: z.string(),
      lat: z.number(),
      lon: z.number(),
      accuracy: z.number(),
      distanceM: z.number().nullable(),
      inVillage: z.boolean(),
      source: z.enum(['app', 'imported']),
    }),
  ),
  flags: z.array(FlagView),
});

export const DetailQuery = z.strictObject({ month: Month });

export const DecideInput = z.strictObject({
  decision: z.enum(['confirm', 'dismiss']),
  /** The flag's version as the clerk saw it (two clerks at once: the second is told). */
  version: z.number().int().min(1),
  note: z.string().trim().max(500).optional(),
  /** What a confirmed month flag becomes: an unexcused absence (default) or a ground for replacing the cadre (撤换). */
  outcome: z.enum(['absence', 'replacement']).optional(),
});
export const DecideResult = z.object({
  id: z.number(),
  state: z.enum(['confirmed', 'dismissed']),
  outcome: z.enum(['absence', 'replacement']).nullable(),
  absenceDay: z.string().nullable(),
});

nameSchemas({ AttendanceItem, FlagView });
