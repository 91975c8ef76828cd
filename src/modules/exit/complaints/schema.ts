import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { CaseView } from '../../cadres/schema.ts';
import { RegionCode } from '../../regions/schema.ts';

/** What the public form takes: bounded text, no file, no personal data asked (a contact is optional). */
export const ComplaintInput = z.strictObject({
  kind: z.enum(['objection', 'complaint']),
  /** The notice entry (a household in 公示) the objection is about, as the board lists it. */
  noticeId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  content: z.string().trim().min(5, '请至少写 5 个字|Please write at least 5 characters').max(2000, '最多 2000 字|At most 2000 characters'),
  contact: z.string().trim().max(100, '联系方式最多 100 字|At most 100 characters').optional(),
});
export const ComplaintReceipt = z.object({ reference: z.string() });
export const ComplaintStatus = z.object({
  reference: z.string(),
  receivedOn: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  answeredOn: z.string().nullable(),
  answer: z.string().nullable(),
});

export const ComplaintQuery = z.strictObject({ region: RegionCode.optional(), open: z.enum(['1']).optional() });
export const ComplaintItem = z.object({
  id: z.number(),
  reference: z.string(),
  village: z.object({ code: z.string(), name: z.string(), township: z.string() }),
  kind: z.string(),
  exitId: z.number().nullable(),
  householdNo: z.string().nullable(),
  content: z.string(),
  contact: z.string().nullable(),
  receivedAt: z.string(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  state: z.string(),
  stateLabel: z.string(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
});
export const ComplaintList = z.object({ items: z.array(ComplaintItem) });
export const ComplaintDetail = ComplaintItem.extend({ case: CaseView });
export const AnswerInput = z.strictObject({
  version: z.number().int().positive(),
  answer: z.string().trim().min(1, '请填写答复|Please give the answer').max(2000),
});

nameSchemas({ ExitComplaintItem: ComplaintItem, ExitComplaintDetail: ComplaintDetail, PublicComplaintStatus: ComplaintStatus });
