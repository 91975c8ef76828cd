import { z } from 'zod';
import { nameSchemas } from '../../server/openapi.ts';
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

/** A page of the web app and the filter it opens with: the list behind a figure or a chart segment. */
export const ListLink = z.object({ path: z.string(), query: z.record(z.string(), z.string()) });

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
  /** The filtered list a click on the figure opens. */
  list: ListLink.nullable(),
});

export const Catalog = z.object({
  indicators: z.array(IndicatorMeta),
  breakdowns: z.array(z.object({ id: z.string(), name: z.string() })),
  alertRules: z.array(z.object({ id: z.string(), name: z.string(), severity: z.enum(['high', 'medium', 'low']) })),
  /** The current month (the clock's): the default month. */
  latestMonth: z.string(),
  /** The first month with data (the earliest dated fact): the month list runs from it to latestMonth. */
  firstMonth: z.string(),
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
  /** False where nothing is registered: every value is null, shown as "no data", outside the colour scales. */
  hasData: z.boolean(),
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

/** A back-dated change that revised a closed month (docs/decisions/0007-time-model.md). */
export const Revision = z.object({
  /** When the change was written (the figures of the month were recomputed after it). */
  at: z.string(),
  /** The table written: household_status_history, help_pairing, household_project, poor_village. */
  source: z.string(),
  sourceName: z.string(),
  /** The date the change speaks of, in or before the month. */
  dated: z.string(),
  countyCode: z.string().nullable(),
  villageCode: z.string().nullable(),
  householdId: z.number().nullable(),
  householdNo: z.string().nullable(),
  /** Who wrote it, from the audit row of the same transaction (null when there is none, e.g. a direct SQL fix). */
  by: z.string().nullable(),
});

/**
 * How current the figures are. A dashboard never waits for the figures to be brought up to date: it answers with what
 * is computed and says so, and the page asks again.
 */
export const Freshness = z.object({
  /** Every committed change is in the figures and every month shown has its values. */
  current: z.boolean(),
  /** While changes are still being folded in: the figures hold every change committed before this time (ISO). */
  asOf: z.string().nullable(),
  /** Closed months whose snapshot is being computed: shown without values until it is there. */
  pendingMonths: z.array(z.string()),
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
    z.object({
      id: z.string(),
      name: z.string(),
      items: z.array(z.object({ key: z.string(), label: z.string(), value: z.number(), list: ListLink.nullable() })),
    }),
  ),
  /** The scope's children (cities, counties, townships or villages), for rankings. Empty at village level. */
  children: z.array(ChildRow),
  alerts: z.array(AlertSummary),
  /** Whether the region has any data at all (no data is not zero: its figures are null). */
  hasData: z.boolean(),
  /** Back-dated changes that revised this (closed) month inside the region, newest first; empty for an unrevised month. */
  revisions: z.array(Revision),
  freshness: Freshness,
});

export const MapValues = z.object({
  level: z.number(),
  month: z.string(),
  items: z.array(ChildRow),
  freshness: Freshness,
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
  z.object({ kind: z.literal('security'), id: z.number() }),
  /** A module's own page (a posting, a leave request): the path inside the web app. */
  z.object({ kind: z.literal('page'), path: z.string() }),
]);

export const AlertItem = z.object({
  rule: z.string(),
  key: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  what: z.string(),
  region: z.object({ code: z.string(), name: z.string(), path: z.string() }),
  /** The day the condition began in the data (a pairing's end, the household's identification, a passed deadline). */
  since: z.string(),
  link: AlertLink,
  acknowledged: z.object({ by: z.string(), at: z.string(), note: z.string().nullable() }).nullable(),
});

export const AlertList = z.object({
  items: z.array(AlertItem),
  nextCursor: z.string().nullable(),
  /** The month the alerts belong to: the current month (alerts are about the records now). */
  month: z.string(),
});

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
  /** Back-dated changes that revised this month inside the region, newest first. */
  revisions: z.array(Revision),
});

/** The province's county outlines (data/geo, made by scripts/build-liaoning-geo.ts): documents /command/geo. */
export const CountyGeo = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ code: z.string(), name: z.string(), city: z.string() }),
      geometry: z.object({
        type: z.enum(['Polygon', 'MultiPolygon']),
        coordinates: z.array(z.array(z.unknown())),
      }),
    }),
  ),
});

nameSchemas({
  IndicatorMeta,
  Catalog,
  Figure,
  ChildRow,
  AlertSummary,
  Dashboard,
  MapValues,
  AlertItem,
  AlertLink,
  AlertList,
  Briefing,
  BriefingRow,
  CountyGeo,
});

export { IndicatorId };
