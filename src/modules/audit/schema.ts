import { z } from 'zod';

export const AuditChange = z.object({
  path: z.string().describe('The field path, list items by key: cause, members.123.phone'),
  label: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  beforeCode: z.string().optional(),
  afterCode: z.string().optional(),
});

/** One audit row as the audit page and a household's history show it. */
export const AuditRow = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string(),
  scopeCode: z.string(),
  scopeName: z.string().nullable().describe("The region's names below the province"),
  entity: z.string(),
  entityId: z.string(),
  entityName: z.string().nullable().describe("The record's own name where it has one (a household's number)"),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  changes: z.array(AuditChange).describe('The fields that differ between before and after, labelled, values masked'),
});
