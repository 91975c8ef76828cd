import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { CaseView } from '../../cadres/schema.ts';
import { RegionCode } from '../../regions/schema.ts';
import { HouseholdInput } from '../../registry/edit.ts';
import { CHECKLIST, KINDS, MONITORING_STATES } from './procedures.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Village = RegionCode.refine((c) => c.length === 12, { message: '请选择村|Choose a village' });

export const MonitoringQuery = z.strictObject({
  region: RegionCode.optional(),
  state: z.enum(MONITORING_STATES).optional(),
  kind: z.enum(KINDS).optional(),
  /** Only open cases past a step's deadline or the 15-day limit. */
  overdue: z.enum(['1']).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * A proposal: a registered household (`householdId`), or for a marginal household outside the register a new
 * household record (`household`, saved as status 监测户 through the register's form checks).
 */
export const ProposalInput = z
  .strictObject({
    villageCode: Village,
    kind: z.enum(KINDS),
    source: z.enum(['application', 'visit']).default('application'),
    risk: z.string().trim().min(1, '请说明风险情况|Describe the risk').max(1000),
    income: z.number().min(0).max(10_000_000).optional(),
    householdId: Id.optional(),
    household: HouseholdInput.omit({ villageCode: true, status: true, version: true }).optional(),
  })
  .refine((x) => (x.householdId === undefined) !== (x.household === undefined), {
    message: '请选择在册农户或新建监测户（二选一）|Choose a registered household or create one (not both)',
    path: ['householdId'],
  });

const ChecklistInput = z.strictObject(
  Object.fromEntries(CHECKLIST.map((k) => [k, z.boolean()])) as Record<(typeof CHECKLIST)[number], z.ZodBoolean>,
);

export const MonitoringStepInput = z.strictObject({
  action: z.string().min(1).max(40),
  version: z.number().int().positive(),
  reason: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).optional(),
  date: Day.optional(),
  /** 'consent': the day the household signed its consent and authorisation. */
  consentSignedOn: Day.optional(),
  /** 'leave': the checklist, every item true. */
  checklist: ChecklistInput.optional(),
});

export const MeasureInput = z.strictObject({
  type: z.string().min(2).max(40),
  startedOn: Day,
  amount: z.number().min(0).max(100_000_000).default(0),
  note: z.string().trim().max(1000).optional(),
});

export const ScanInput = z.strictObject({ region: RegionCode.optional() });

const Label = z.object({ zh: z.string(), en: z.string() });

export const MonitoringItem = z.object({
  id: z.number(),
  householdId: z.number(),
  householdNo: z.string(),
  head: z.string().nullable(),
  village: z.object({ code: z.string(), name: z.string(), township: z.string() }),
  kind: z.string(),
  kindLabel: z.string(),
  source: z.string(),
  sourceLabel: z.string(),
  risk: z.string(),
  income: z.number().nullable(),
  monitoringOnly: z.boolean(),
  openedOn: z.string(),
  confirmedOn: z.string().nullable(),
  decisionDue: z.string().nullable(),
  consentSignedOn: z.string().nullable(),
  includedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  state: z.string(),
  stateLabel: z.string(),
  stepDue: z.string().nullable(),
  overdue: z.boolean(),
});
export const MonitoringList = z.object({ items: z.array(MonitoringItem), nextCursor: z.string().nullable() });
export const MonitoringDetail = MonitoringItem.extend({
  checklist: z.array(z.object({ code: z.string(), label: Label, met: z.boolean() })),
  measures: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      typeLabel: z.string(),
      startedOn: z.string(),
      amount: z.number(),
      note: z.string().nullable(),
    }),
  ),
  projectTypes: z.array(z.object({ code: z.string(), label: z.string() })),
  case: CaseView,
});
export const Created = z.object({ id: z.number() });
export const ScanResult = z.object({ proposed: z.number(), line: z.number() });

nameSchemas({ MonitoringItem, MonitoringDetail });
