import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { PublicDisclosure } from '../../party/decisions/public-schema.ts';

const BoardSection = z.object({
  id: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  empty: z.string(),
  items: z.array(z.object({ key: z.string(), heading: z.string(), fields: z.array(z.object({ label: z.string(), value: z.string() })) })),
  objectable: z.array(z.object({ id: z.number(), label: z.string() })).optional(),
});
export const PublicBoard = z.object({
  village: z.object({ code: z.string(), name: z.string(), township: z.string(), county: z.string() }),
  sections: z.array(BoardSection),
  decisions: z.array(PublicDisclosure),
});

nameSchemas({ PublicBoard, PublicBoardSection: BoardSection });
