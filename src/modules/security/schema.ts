import { z } from 'zod';
import { nameSchemas } from '../../server/openapi.ts';

const Kind = z
  .string()
  .trim()
  .regex(/^[a-z_]{1,40}$/, '类型代码有误|Not an event kind')
  .optional();
const When = z.iso.datetime({ offset: true }).or(z.iso.date()).optional();

export const EventFilterQuery = z.strictObject({
  kind: Kind,
  actor: z.string().trim().max(64).optional(),
  from: When,
  to: When,
});

export const EventQuery = EventFilterQuery.extend({
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const SecurityEventRow = z.object({
  id: z.number(),
  at: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string(),
  scopeCode: z.string(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const EventPage = z.object({ items: z.array(SecurityEventRow), nextCursor: z.string().nullable() });

export const KindList = z.object({ items: z.array(z.object({ kind: z.string(), label: z.string() })) });

const Window = z.object({
  days: z.number(),
  since: z.string(),
  /** Events per kind in the window, every kind of the summary present (0 when none). */
  counts: z.record(z.string(), z.number()),
  /** Persons whose full ID number was shown (an unmasked export counts each person). */
  unmaskedPersons: z.number(),
});

export const Summary = z.object({
  kinds: z.array(z.object({ kind: z.string(), label: z.string() })),
  windows: z.array(Window),
});

nameSchemas({ SecurityEvent: SecurityEventRow, SecuritySummary: Summary });
