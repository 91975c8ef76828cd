import { z } from 'zod';
import { RegionCode } from '../regions/schema.ts';

const Code = z.string().trim().max(40);

export const HouseholdQuery = z.strictObject({
  region: RegionCode.optional(),
  status: Code.optional(),
  cause: Code.optional(),
  category: Code.optional(),
  gap: z.enum(['no_helper', 'no_project', 'no_deadline', 'deadline_passed']).optional(),
  q: z.string().trim().max(40).optional(),
  cursor: z
    .string()
    .regex(/^\d{6}-\d{1,15}$/, '翻页位置无效|Invalid page cursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ExportQuery = HouseholdQuery.omit({ cursor: true, limit: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  unmask: z.enum(['0', '1']).default('0'),
});

export const HouseholdItem = z.object({
  id: z.number(),
  householdNo: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  headName: z.string().nullable(),
  headIdMasked: z.string().nullable(),
  memberCount: z.number(),
  category: z.string(),
  categoryLabel: z.string().nullable(),
  cause: z.string(),
  causeLabel: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string().nullable(),
  yearIdentified: z.number(),
  plannedExitYear: z.number().nullable(),
  exitYear: z.number().nullable(),
  income: z.number().nullable(),
  helperName: z.string().nullable(),
  hasProject: z.boolean(),
});

export const HouseholdList = z.object({ items: z.array(HouseholdItem), nextCursor: z.string().nullable(), total: z.number().optional() });

export const Coverage = z.object({
  stillPoor: z.number(),
  withHelper: z.number(),
  withProject: z.number(),
  withDeadline: z.number(),
  deadlinePassed: z.number(),
  pctHelper: z.number().nullable(),
  pctProject: z.number().nullable(),
  pctDeadline: z.number().nullable(),
});

export const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const VillageParam = z.strictObject({ code: z.string().max(12) });

export const PoorVillage = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  yearListed: z.number(),
  plannedExitYear: z.number().nullable(),
  exitYear: z.number().nullable(),
  ruralPopulation: z.number(),
  households: z.number(),
  poorPersons: z.number(),
  incidence: z.number().nullable(),
});

export const VillageQuery = z.strictObject({ region: RegionCode.optional(), exit: z.enum(['all', 'exited', 'not_exited']).default('all') });

export const ImportBatch = z.object({
  id: z.number(),
  filename: z.string(),
  status: z.string(),
  scopeCode: z.string(),
  actorName: z.string(),
  createdAt: z.string(),
  summary: z.unknown(),
  progress: z.unknown(),
});

export const ProblemList = z.object({
  items: z.array(z.object({ row: z.number(), column: z.string().nullable(), code: z.string(), message: z.string() })),
  nextAfterRow: z.number().nullable(),
});

export const ProblemQuery = z.strictObject({
  afterRow: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
