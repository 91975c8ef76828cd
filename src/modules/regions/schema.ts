import { z } from 'zod';
import { nameSchemas } from '../../server/openapi.ts';

export const RegionCode = z
  .string()
  .regex(/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/, '区划代码应为 2、4、6、9 或 12 位数字|A region code has 2, 4, 6, 9 or 12 digits');

/** 1 province, 2 city, 3 county, 4 township, 5 village. */
export const RegionLevel = z.number().int().min(1).max(5);

export const RegionRef = z.object({ code: z.string(), name: z.string(), level: RegionLevel });

export const RegionView = z.object({
  code: z.string(),
  name: z.string(),
  level: RegionLevel,
  levelLabel: z.string(),
  parentCode: z.string().nullable(),
  isPovertyCounty: z.boolean(),
  childCount: z.number(),
});

export const RegionWithPath = RegionView.extend({ path: z.array(RegionRef) });

export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(50),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const SummaryQuery = z.strictObject({ region: RegionCode.optional() });

export const Summary = z.object({
  region: RegionWithPath,
  counts: z.object({ city: z.number(), county: z.number(), township: z.number(), village: z.number() }),
  povertyCounties: z.array(RegionRef),
});

nameSchemas({ RegionRef, Region: RegionView, RegionWithPath, RegionSummary: Summary });
