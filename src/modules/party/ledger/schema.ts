import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { CaseView } from '../../cadres/schema.ts';
import { RegionCode } from '../../regions/schema.ts';
import { RECTIFICATION_STATES } from './procedures.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Year = z.coerce.number().int().min(2000).max(2100);
const CauseCode = z.string().regex(/^[a-z0-9_]{2,40}$/);

export const LedgerQuery = z.strictObject({
  region: RegionCode.optional(),
  state: z.enum(RECTIFICATION_STATES).optional(),
  year: Year.optional(),
  /** Only cases past their plan's deadline and not closed. */
  overdue: z.enum(['1']).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CaseInput = z.strictObject({
  villageCode: RegionCode.refine((c) => c.length === 12, { message: 'village code (12 digits)' }),
  year: Year,
  causes: z.array(CauseCode).min(1).max(20),
  problems: z.string().trim().max(2000).optional(),
});

export const PlanInput = z.strictObject({
  causes: z.array(CauseCode).min(1).max(20).optional(),
  problems: z.string().trim().max(2000).optional(),
  plan: z.string().trim().max(4000),
  countyLeader: z.string().trim().max(50),
  townshipMember: z.string().trim().max(50),
  deadline: Day.optional(),
  version: z.number().int().positive().optional(),
});

export const ProgressInput = z.strictObject({ date: Day, content: z.string().trim().min(1).max(2000) });

export const StepInput = z.strictObject({
  action: z.string().min(1).max(40),
  version: z.number().int().positive(),
  reason: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).optional(),
  /** The date the step takes effect (销号 / 巩固 day); default today, never in the future. */
  date: Day.optional(),
});

export const LedgerItem = z.object({
  id: z.number(),
  village: z.object({ code: z.string(), name: z.string(), township: z.string() }),
  year: z.number(),
  causes: z.array(z.object({ code: z.string(), label: z.string() })),
  problems: z.string().nullable(),
  plan: z.string().nullable(),
  countyLeader: z.string().nullable(),
  townshipMember: z.string().nullable(),
  firstSecretary: z.string().nullable(),
  deadline: z.string().nullable(),
  closedOn: z.string().nullable(),
  consolidatedOn: z.string().nullable(),
  lastProgress: z.string().nullable(),
  state: z.string(),
  stateLabel: z.string(),
  overdue: z.boolean(),
  notClosedByYearEnd: z.boolean(),
});
export const LedgerList = z.object({ items: z.array(LedgerItem), nextCursor: z.string().nullable() });
export const LedgerDetail = LedgerItem.extend({
  currentFirstSecretary: z.string().nullable(),
  progress: z.array(z.object({ id: z.number(), date: z.string(), content: z.string(), actor: z.string() })),
  case: CaseView,
});
export const CauseList = z.object({ items: z.array(z.object({ code: z.string(), label: z.string() })) });
export const Created = z.object({ id: z.number() });

nameSchemas({ PartyLedgerItem: LedgerItem, PartyLedgerDetail: LedgerDetail });
