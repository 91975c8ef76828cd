import { z } from 'zod';
import { nameSchemas } from '../../server/openapi.ts';
import { RegionCode } from '../regions/schema.ts';
import { ImportProgress } from '../registry/schema.ts';

export const ROLES = ['first_secretary', 'team_leader', 'team_member'] as const;
export const UNIT_LEVELS = ['province', 'city', 'county', 'township'] as const;
export const END_REASONS = ['seldom_present', 'no_results', 'dissatisfied', 'health', 'promotion', 'other'] as const;
export const LEAVE_KINDS = ['personal', 'sick', 'official'] as const;
export const POSTING_STATES = ['proposed', 'in_post', 'rotated', 'replaced', 'finished', 'withdrawn'] as const;
export const LEAVE_STATES = ['requested', 'approved', 'rejected', 'cancelled', 'taken'] as const;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Text = (max: number) => z.string().trim().min(1).max(max);
const Label = z.object({ zh: z.string(), en: z.string() });

export const UnitInput = z.strictObject({
  name: Text(60),
  level: z.enum(UNIT_LEVELS),
  /** The unit's region: the province, a city, a county or a township, matching the level. */
  regionCode: RegionCode,
});
export const Unit = z.object({
  id: z.number(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS),
  regionCode: z.string(),
  regionName: z.string(),
});
export const UnitList = z.object({ items: z.array(Unit) });
export const UnitQuery = z.strictObject({ region: RegionCode.optional() });

export const CadreInput = z.strictObject({
  name: Text(50),
  idNumber: z.string().trim().min(15).max(20),
  phone: z.string().trim().max(20).optional(),
  unitId: z.number().int().positive(),
  post: Text(60),
  rank: z.string().trim().max(40).optional(),
  partyMember: z.boolean(),
});

export const PostingInput = z.strictObject({
  cadre: CadreInput,
  villageCode: RegionCode,
  role: z.enum(ROLES),
  startDate: Day,
  /** Default: the start plus the minimum tenure. */
  plannedEndDate: Day.optional(),
  note: z.string().trim().max(2000).optional(),
  /** A successor names the posting it replaces (撤换): that posting must have been ended as a replacement. */
  replacesId: z.number().int().positive().optional(),
});

export const StepInput = z.strictObject({
  action: z.string().min(1).max(40),
  version: z.number().int().positive(),
  reason: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).optional(),
  /** confirm: the day in post (default the start); finish/rotate/replace: the last day in post (default today). */
  date: Day.optional(),
  /** replace: why (撤换原因). */
  reasonCode: z.enum(END_REASONS).optional(),
});

export const PostingQuery = z.strictObject({
  region: RegionCode.optional(),
  state: z.enum(POSTING_STATES).optional(),
  role: z.enum(ROLES).optional(),
  q: z.string().trim().max(50).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const PostingItem = z.object({
  id: z.number(),
  name: z.string(),
  idMasked: z.string(),
  gender: z.enum(['M', 'F']),
  /** The birth year only: with the masked ID and the county a full birth date would give the number back. */
  birthYear: z.number(),
  phoneMasked: z.string().nullable(),
  partyMember: z.boolean(),
  post: z.string(),
  unit: z.object({ id: z.number(), name: z.string(), level: z.enum(UNIT_LEVELS) }),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  village: z.object({ code: z.string(), name: z.string(), township: z.string().nullable() }),
  startDate: z.string(),
  plannedEndDate: z.string(),
  endDate: z.string().nullable(),
  state: z.enum(POSTING_STATES),
  stateLabel: z.string(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
});
export const PostingList = z.object({ items: z.array(PostingItem), nextCursor: z.string().nullable() });

const History = z.array(
  z.object({
    seq: z.number(),
    action: z.string(),
    actionLabel: Label,
    from: Label.nullable(),
    to: Label,
    at: z.string(),
    effectiveDate: z.string(),
    actor: z.string(),
    reason: z.string().nullable(),
    note: z.string().nullable(),
  }),
);
const Steps = z.array(
  z.object({
    action: z.string(),
    label: Label,
    to: z.string(),
    allowed: z.boolean(),
    needsReason: z.boolean(),
    refusal: z.string().nullable(),
    level: z.string().nullable(),
    notBefore: z.string().nullable(),
  }),
);
export const CaseView = z.object({
  procedure: z.string(),
  state: z.string(),
  stateLabel: Label,
  stateSince: z.string(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  closed: z.boolean(),
  version: z.number(),
  history: History,
  steps: Steps,
});

export const LeaveItem = z.object({
  id: z.number(),
  postingId: z.number(),
  name: z.string(),
  village: z.object({ code: z.string(), name: z.string() }),
  kind: z.enum(LEAVE_KINDS),
  kindLabel: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  days: z.number(),
  reason: z.string(),
  state: z.enum(LEAVE_STATES),
  stateLabel: z.string(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
});
export const LeaveList = z.object({ items: z.array(LeaveItem), nextCursor: z.string().nullable() });
export const LeaveQuery = z.strictObject({
  region: RegionCode.optional(),
  state: z.enum(LEAVE_STATES).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const LeaveInput = z.strictObject({
  kind: z.enum(LEAVE_KINDS),
  startDate: Day,
  endDate: Day,
  reason: Text(500),
});
export const LeaveDetail = LeaveItem.extend({ case: CaseView });

export const PostingDetail = PostingItem.extend({
  rank: z.string().nullable(),
  /** The cadre as a helper (帮扶责任人): GET /helpers/{id} lists the households they help. */
  helper: z.object({ id: z.number(), households: z.number() }).nullable(),
  /** Month flags the county confirmed as grounds for replacing the cadre (撤换). */
  replacementGrounds: z.array(
    z.object({
      flagId: z.number(),
      month: z.string(),
      code: z.string(),
      reason: z.string(),
      decidedBy: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  endKind: z.string().nullable(),
  endReasonCode: z.enum(END_REASONS).nullable(),
  endReason: z.string().nullable(),
  replacesId: z.number().nullable(),
  case: CaseView,
  leave: z.array(LeaveItem),
});

export const Created = z.object({ id: z.number() });

// Named in the OpenAPI document so the web's types read Schemas['PostingItem'] etc.; the case is shared by every
// procedure's page (the web's ProcedurePanel).
nameSchemas({ CadreUnit: Unit, PostingItem, PostingDetail, LeaveItem, LeaveDetail, ProcedureCase: CaseView });

export const SpotCheckInput = z.strictObject({
  date: Day,
  found: z.boolean(),
  note: z.string().trim().max(500).optional(),
});
export const SpotCheckResult = z.object({ id: z.number(), absence: z.boolean() });

const RATING = z.enum(['excellent', 'competent', 'basic', 'incompetent']);
const PERIOD = z.enum(['year', 'q1', 'q2', 'q3', 'q4']);
export const ReviewInput = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  period: PERIOD.default('year'),
  rating: RATING,
  comment: z.string().trim().max(2000).optional(),
});
export const ReviewQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const ReviewSummary = z.object({
  year: z.number(),
  absences: z.array(z.object({ day: z.string(), source: z.string() })),
  cap: RATING,
  capLabel: z.string(),
  reviewer: z.object({ unit: z.string(), regionCode: z.string(), regionName: z.string() }),
  spotChecks: z.array(z.object({ id: z.number(), date: z.string(), found: z.boolean(), note: z.string().nullable(), checker: z.string() })),
  reviews: z.array(
    z.object({
      id: z.number(),
      year: z.number(),
      period: PERIOD,
      rating: RATING,
      ratingLabel: z.string(),
      comment: z.string().nullable(),
      reviewer: z.string(),
      at: z.string(),
    }),
  ),
});
export const LoginInput = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{2,32}$/),
  password: z.string().min(1).max(128),
});
nameSchemas({ CadreReviewSummary: ReviewSummary });

export const PostingExportQuery = PostingQuery.omit({ cursor: true, limit: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  /** Full ID numbers and phones: needs pii.unmask, counts against the unmasking budget, audited. */
  unmask: z.enum(['0', '1']).default('0'),
});

const Outcomes = z.object({ new: z.number(), unchanged: z.number(), rejected: z.number() });

/** What a postings preview found or a commit did (previewed, committed), or why the batch failed (`error`). */
export const PostingImportSummary = z.object({
  rows: z.number().optional(),
  rowsWithProblems: z.number().optional(),
  postings: Outcomes.optional(),
  /** New postings confirmed in post (start not in the future) and those left proposed. */
  inPost: z.number().optional(),
  proposed: z.number().optional(),
  persons: z.object({ new: z.number() }).optional(),
  units: z.object({ new: z.number() }).optional(),
  /** Dispatching units the commit creates: named by the file, missing in their region. */
  unitsToCreate: z
    .array(z.object({ name: z.string(), level: z.enum(UNIT_LEVELS), regionCode: z.string(), regionName: z.string() }))
    .optional(),
  error: z.string().optional(),
  interrupted: z.boolean().optional(),
  expiredAt: z.string().optional(),
});

export const PostingImportBatch = z.object({
  id: z.number(),
  filename: z.string(),
  status: z.enum(['staging', 'previewed', 'committed', 'discarded', 'failed']),
  scopeCode: z.string(),
  actorName: z.string(),
  createdAt: z.string(),
  summary: PostingImportSummary.nullable(),
  progress: ImportProgress.nullable(),
});

nameSchemas({ PostingImportBatch, PostingImportSummary });
