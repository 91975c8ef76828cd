import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { RegionCode } from '../../regions/schema.ts';
import { DECISION } from './procedure.ts';

export const CATEGORIES = ['collective_assets', 'project', 'funds', 'land', 'welfare', 'other'] as const;
export const SOURCES = ['members_villagers', 'village_cadres', 'higher_level'] as const;
export const STATES = Object.keys(DECISION.states) as [string, ...string[]];
export const ACTIONS = [
  'org_propose',
  'joint_meeting',
  'committees',
  'members_meeting',
  'villagers_meeting',
  'township_review',
  'disclose_decision',
  'disclose_result',
] as const;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD 格式|A date is written YYYY-MM-DD');
const Text = (max: number) => z.string().trim().min(1).max(max);
const Count = z.number().int().min(0).max(100_000);
const Label = z.object({ zh: z.string(), en: z.string() });

export const DecisionInput = z.strictObject({
  villageCode: RegionCode,
  title: z.string().trim().min(2).max(100),
  content: Text(4000),
  category: z.enum(CATEGORIES),
  amount: z.number().min(0).max(1e11).nullable().optional(),
  source: z.enum(SOURCES),
  proposedOn: Day,
});

export const DecisionQuery = z.strictObject({
  region: RegionCode.optional(),
  state: z.enum(STATES).optional(),
  village: RegionCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** One step as a person records it: which fields apply depends on the step (the service says which are missing). */
export const StepInput = z.strictObject({
  action: z.enum(ACTIONS),
  /** The version of the decision the person saw (409 when someone moved it since). */
  version: z.number().int().positive(),
  heldOn: Day,
  present: Count.optional(),
  /** Ignored for the party members' meeting: its total is the organisation's members that day, counted. */
  total: Count.optional(),
  votesFor: Count.optional(),
  votesAgainst: Count.optional(),
  votesAbstain: Count.optional(),
  townshipAttendee: z.string().trim().max(50).optional(),
  /** The township review: approve (true) or refuse (false, with a reason). */
  approve: z.boolean().optional(),
  reason: z.string().trim().max(500).optional(),
  summary: z.string().trim().max(2000).optional(),
  place: z.string().trim().max(100).optional(),
});

export const DecisionStep = z.object({
  step: z.string(),
  label: z.string(),
  heldOn: z.string(),
  present: z.number().nullable(),
  total: z.number().nullable(),
  votesFor: z.number().nullable(),
  votesAgainst: z.number().nullable(),
  votesAbstain: z.number().nullable(),
  townshipAttendee: z.string().nullable(),
  joint: z.boolean(),
  outcome: z.enum(['passed', 'rejected', 'done']),
  summary: z.string().nullable(),
  place: z.string().nullable(),
});

export const DecisionItem = z.object({
  id: z.number(),
  village: z.object({ code: z.string(), name: z.string() }),
  title: z.string(),
  category: z.enum(CATEGORIES),
  categoryLabel: z.string(),
  amount: z.number().nullable(),
  source: z.enum(SOURCES),
  sourceLabel: z.string(),
  proposedOn: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
});
export const DecisionList = z.object({ items: z.array(DecisionItem), nextCursor: z.string().nullable() });

const History = z.object({
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
});

export const NextStep = z.object({
  action: z.enum(ACTIONS),
  label: z.string(),
  allowed: z.boolean(),
  refusal: z.string().nullable(),
  /** Which fields the form shows. */
  fields: z.array(z.string()),
  /** The party members' meeting: the members counted today (the total is not typed). */
  members: z.number().nullable(),
  /** The rule the meeting is judged by, in words. */
  rule: z.string().nullable(),
});

export const DecisionDetail = DecisionItem.extend({
  content: z.string(),
  orgName: z.string(),
  oneShoulder: z.boolean(),
  version: z.number(),
  closed: z.boolean(),
  steps: z.array(DecisionStep),
  history: z.array(History),
  next: z.array(NextStep),
  /** The village's public disclosure page (no login), for the QR code. */
  publicPath: z.string(),
});

export const Created = z.object({ id: z.number() });
export const StepResult = z.object({ id: z.number(), state: z.string(), outcome: z.enum(['passed', 'rejected', 'done']) });

nameSchemas({ DecisionItem, DecisionDetail, DecisionStep });
