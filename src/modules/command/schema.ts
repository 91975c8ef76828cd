import { z } from 'zod';
import { RegionCode, RegionRef } from '../regions/schema.ts';

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM 格式|A month is written YYYY-MM');

const IndicatorId = z.string().regex(/^[a-z0-9_.]{1,60}$/, '指标编号无效|Unknown indicator id');

export const ScopeQuery = z.strictObject({ region: RegionCode.optional(), month: Month.optional() });

export const MapQuery = z.strictObject({
  region: RegionCode.optional(),
  month: Month.optional(),
  level: z.coerce.number().int().min(2).max(5).optional(),
});

export const Status = z.enum(['good', 'warn', 'bad']).nullable();

export const IndicatorMeta = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  format: z.enum(['count', 'percent', 'yuan']),
  better: z.enum(['higher', 'lower', 'neutral']),
  target: z.number().nullable(),
  group: z.string(),
  groupName: z.string(),
  /** Shown as a key figure on the dashboard and in the briefing. */
  key: z.boolean(),
  /** Charted month by month. */
  trend: z.boolean(),
});

export const Catalog = z.object({
  indicators: z.array(IndicatorMeta),
  breakdowns: z.array(z.object({ id: z.string(), name: z.string() })),
  alertRules: z.array(z.object({ id: z.string(), name: z.string(), severity: z.enum(['high', 'medium', 'low']) })),
  /** The latest month with a recorded change in the register (never after the current month): the default month. */
  latestMonth: z.string(),
  defaultIndicator: z.string(),
});

export const Figure = z.object({
  id: z.string(),
  value: z.number().nullable(),
  /** The value at the end of the previous month. */
  previous: z.number().nullable(),
  status: Status,
});

export const ChildRow = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number(),
  isPovertyCounty: z.boolean(),
  values: z.record(z.string(), z.number().nullable()),
  status: z.record(z.string(), Status),
});

export const AlertSummary = z.object({
  rule: z.string(),
  name: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  /** All current items of the rule in the region, acknowledged ones included (open = count − acknowledged). */
  count: z.number(),
  acknowledged: z.number(),
});

export const Dashboard = z.object({
  region: RegionRef.extend({ path: z.array(RegionRef) }),
  month: z.string(),
  previousMonth: z.string(),
  referenceYear: z.number(),
  figures: z.array(Figure),
  trend: z.object({
    months: z.array(z.string()),
    series: z.array(z.object({ id: z.string(), values: z.array(z.number().nullable()) })),
  }),
  breakdowns: z.array(
    z.object({ id: z.string(), name: z.string(), items: z.array(z.object({ key: z.string(), label: z.string(), value: z.number() })) }),
  ),
  /** The scope's children (cities, counties, townships or villages), for rankings. Empty at village level. */
  children: z.array(ChildRow),
  alerts: z.array(AlertSummary),
});

export const MapValues = z.object({
  level: z.number(),
  month: z.string(),
  items: z.array(ChildRow),
});

export const AlertQuery = z.strictObject({
  region: RegionCode.optional(),
  rule: z.string().max(60).optional(),
  state: z.enum(['open', 'acknowledged', 'all']).default('open'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const AlertLink = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('household'), id: z.number(), countyCode: z.string() }),
  z.object({ kind: z.literal('village'), code: z.string() }),
]);

export const AlertItem = z.object({
  rule: z.string(),
  key: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  what: z.string(),
  region: z.object({ code: z.string(), name: z.string(), path: z.string() }),
  since: z.string(),
  link: AlertLink,
  acknowledged: z.object({ by: z.string(), at: z.string(), note: z.string().nullable() }).nullable(),
});

export const AlertList = z.object({ items: z.array(AlertItem), nextCursor: z.string().nullable() });

export const AckBody = z.strictObject({
  rule: z.string().min(1).max(60),
  key: z.string().min(1).max(120),
  note: z.string().trim().max(200).optional(),
});

export const BriefingRow = z.object({
  code: z.string(),
  name: z.string(),
  values: z.record(z.string(), z.object({ value: z.number().nullable(), rank: z.number().nullable(), worst: z.boolean() })),
  /** How many of the main indicators put this child among the worst. */
  flags: z.number(),
});

export const Briefing = z.object({
  region: RegionRef.extend({ path: z.array(RegionRef) }),
  month: z.string(),
  generatedAt: z.string(),
  indicators: z.array(IndicatorMeta),
  totals: z.record(z.string(), z.number().nullable()),
  rows: z.array(BriefingRow),
  /** Sentences of the summary, in the user's language. */
  summary: z.array(z.string()),
});

export { IndicatorId };
