import { z } from 'zod';

export const RegionCode = z
  .string()
  .regex(/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/, '区划代码应为 2、4、6、9 或 12 位数字|A region code has 2, 4, 6, 9 or 12 digits');

export const RegionRef = z.object({ code: z.string(), name: z.string(), level: z.number() });

export const RegionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number(),
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
