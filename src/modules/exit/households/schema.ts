import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { CaseView } from '../../cadres/schema.ts';
import { RegionCode } from '../../regions/schema.ts';

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD|A date is YYYY-MM-DD');
export const Year = z.coerce.number().int().min(2000).max(2100);
export const VillageCode = RegionCode.refine((c) => c.length === 12, { message: '应为村级代码（12 位）|A village code (12 digits)' });
const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const CandidateQuery = z.strictObject({ region: VillageCode, year: Year });
export const BatchQuery = z.strictObject({ region: RegionCode.optional(), year: Year.optional() });

export const ProposalInput = z.strictObject({
  villageCode: VillageCode,
  year: Year,
  householdIds: z.array(Id).min(1).max(500),
  note: z.string().trim().max(1000).optional(),
});

export const StepInput = z.strictObject({
  action: z.string().min(1).max(40),
  version: z.number().int().positive(),
  reason: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).optional(),
  /** The date the step took effect (the meeting, the notice's first day); default today, never in the future. */
  date: Day.optional(),
});

export const BatchStepInput = z.strictObject({
  action: z.string().min(1).max(40),
  /** Only these exits of the batch (default: all that stand where the step starts). */
  ids: z.array(Id).min(1).max(500).optional(),
  reason: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).optional(),
  date: Day.optional(),
});

export const OBJECTION_SOURCES = ['public_page', 'visit', 'letter', 'phone', 'meeting', 'other'] as const;
export const ObjectionInput = z.strictObject({
  source: z.enum(OBJECTION_SOURCES),
  content: z.string().trim().min(1, '请填写异议内容|Please give the objection').max(2000),
  receivedOn: Day.optional(),
});

export const DecisionInput = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed']),
  reason: z.string().trim().min(1, '请填写处理理由|Please give the reason').max(1000),
});

const Fail = z.object({ code: z.string(), label: z.string() });
export const CandidateList = z.object({
  year: z.number(),
  povertyLine: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      householdNo: z.string(),
      head: z.string(),
      members: z.number(),
      incomePerCapita: z.number().nullable(),
      eligible: z.boolean(),
      fails: z.array(Fail),
      exitId: z.number().nullable(),
      exitState: z.string().nullable(),
    }),
  ),
});

export const BatchItem = z.object({
  id: z.number(),
  village: z.object({ code: z.string(), name: z.string(), township: z.string() }),
  year: z.number(),
  proposedOn: z.string(),
  households: z.number(),
  states: z.record(z.string(), z.number()),
});
export const BatchList = z.object({ items: z.array(BatchItem) });

export const ExitItem = z.object({
  id: z.number(),
  batchId: z.number(),
  householdId: z.number(),
  householdNo: z.string(),
  head: z.string(),
  members: z.number(),
  year: z.number(),
  incomePerCapita: z.number(),
  povertyLine: z.number(),
  noticeFrom: z.string().nullable(),
  noticeUntil: z.string().nullable(),
  announcedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  state: z.string(),
  stateLabel: z.string(),
  version: z.number(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  objectionsOpen: z.number(),
});
export const BatchDetail = BatchItem.extend({ items: z.array(ExitItem) });

export const Objection = z.object({
  id: z.number(),
  source: z.string(),
  content: z.string(),
  receivedOn: z.string(),
  fromPublicPage: z.boolean(),
  outcome: z.string().nullable(),
  outcomeReason: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decidedBy: z.string().nullable(),
  recordedBy: z.string(),
});
export const ExitDetail = ExitItem.extend({ objections: z.array(Objection), case: CaseView });
export const Created = z.object({ id: z.number() });
export const Moved = z.object({ id: z.number(), moved: z.number() });

nameSchemas({ ExitBatchItem: BatchItem, ExitBatchDetail: BatchDetail, ExitHouseholdItem: ExitItem, ExitHouseholdDetail: ExitDetail });
