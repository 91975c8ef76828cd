import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { RegionCode } from '../../regions/schema.ts';

const Datum = z.enum(['wgs84', 'gcj02']);
const Source = z.enum(['imported', 'edited', 'approximate']);

export const PointListQuery = z.strictObject({
  region: RegionCode.optional(),
  /** Only villages without a point. */
  missing: z.enum(['0', '1']).optional(),
  cursor: z
    .string()
    .regex(/^\d{12}$/, 'a village code')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const VillagePoint = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  townshipCode: z.string().nullable(),
  townshipName: z.string().nullable(),
  point: z
    .object({
      lon: z.number(),
      lat: z.number(),
      source: Source,
      givenCrs: Datum,
      updatedAt: z.string().nullable(),
      updatedBy: z.string().nullable(),
    })
    .nullable(),
});
export const PointList = z.object({ items: z.array(VillagePoint), nextCursor: z.string().nullable() });

export const VillageCodeParam = z.strictObject({ villageCode: z.string().regex(/^\d{12}$/, 'a 12-digit village code') });

/** A point placed on the map: WGS-84 degrees (the map shows WGS-84). */
export const PointInput = z.strictObject({
  lon: z.number().min(73).max(136),
  lat: z.number().min(3).max(54),
});
export const PointSaved = z.object({
  villageCode: z.string(),
  lon: z.number(),
  lat: z.number(),
  source: Source,
  givenCrs: Datum,
});

export const SmallImportQuery = z.strictObject({
  region: RegionCode.optional(),
  /** 1: write when no row has a problem (all or nothing); otherwise a preview that writes nothing. */
  commit: z.enum(['0', '1']).default('0'),
});

const Problem = z.object({ row: z.number(), column: z.string().nullable(), code: z.string(), message: z.string() });

export const PointsImportResult = z.object({
  filename: z.string(),
  rows: z.number(),
  counts: z.object({ new: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() }),
  rowsWithProblems: z.number(),
  problems: z.array(Problem),
  preview: z.array(
    z.object({
      row: z.number(),
      villageCode: z.string().nullable(),
      villageName: z.string().nullable(),
      lon: z.number().nullable(),
      lat: z.number().nullable(),
      givenCrs: Datum.nullable(),
      outcome: z.enum(['new', 'updated', 'unchanged', 'rejected']),
    }),
  ),
  committed: z.boolean(),
});

export const CheckinsImportResult = z.object({
  filename: z.string(),
  rows: z.number(),
  counts: z.object({ new: z.number(), unchanged: z.number(), duplicate: z.number(), rejected: z.number() }),
  rowsWithProblems: z.number(),
  problems: z.array(Problem),
  preview: z.array(
    z.object({
      row: z.number(),
      name: z.string().nullable(),
      idMasked: z.string().nullable(),
      time: z.string().nullable(),
      villageCode: z.string().nullable(),
      lon: z.number().nullable(),
      lat: z.number().nullable(),
      accuracy: z.number().nullable(),
      givenCrs: Datum.nullable(),
      outcome: z.enum(['new', 'unchanged', 'duplicate', 'rejected']),
    }),
  ),
  committed: z.boolean(),
});

nameSchemas({ VillagePoint, PointsImportResult, CheckinsImportResult });
