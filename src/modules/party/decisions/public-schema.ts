import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';

const Meeting = z
  .object({
    heldOn: z.string(),
    present: z.number(),
    total: z.number(),
    votesFor: z.number(),
    votesAgainst: z.number(),
    votesAbstain: z.number(),
  })
  .nullable();

export const PublicDisclosure = z.object({
  id: z.number(),
  title: z.string(),
  content: z.string(),
  category: z.string(),
  amount: z.number().nullable(),
  proposedOn: z.string(),
  membersMeeting: Meeting,
  villagersMeeting: Meeting,
  townshipReview: z.object({ heldOn: z.string(), reviewer: z.string().nullable() }).nullable(),
  disclosedOn: z.string().nullable(),
  place: z.string().nullable(),
  result: z.object({ disclosedOn: z.string(), summary: z.string(), place: z.string().nullable() }).nullable(),
});

export const PublicDisclosureList = z.object({
  village: z.object({ code: z.string(), name: z.string(), township: z.string(), county: z.string() }),
  decisions: z.array(PublicDisclosure),
});

nameSchemas({ PublicDisclosure, PublicDisclosureList });
