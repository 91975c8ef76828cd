import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { RegionCode } from '../../regions/schema.ts';
import { Day, VillageCode } from '../funds/schema.ts';

export const ReserveInput = z.strictObject({
  villageCode: VillageCode,
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(15).max(20),
  since: Day,
  /** 来源: 致富能手, 返乡青年, 大学毕业生, 退役军人 … */
  source: z.string().trim().max(40).optional(),
  education: z.string().trim().max(20).optional(),
});
export const TrainingInput = z.strictObject({
  trainedOn: Day,
  course: z.string().trim().min(2).max(100),
  hours: z.number().positive().max(2000).multipleOf(0.1),
  organiser: z.string().trim().max(60).optional(),
});
/** 退出后备干部队伍: elected or appointed to a post, moved away, found unfit, withdrew, other. */
export const RESERVE_LEAVE_REASONS = ['elected', 'appointed', 'moved', 'unfit', 'withdrew', 'other'] as const;
export const ReserveLeaveInput = z.strictObject({
  leftOn: Day,
  reason: z.enum(RESERVE_LEAVE_REASONS),
  note: z.string().trim().max(200).optional(),
});
export const ReserveQuery = z.strictObject({ region: RegionCode.optional() });
export const Reserve = z.object({
  id: z.number(),
  villageCode: z.string(),
  villageName: z.string(),
  name: z.string(),
  idMasked: z.string(),
  since: z.string(),
  source: z.string().nullable(),
  education: z.string().nullable(),
  leftOn: z.string().nullable(),
  leftReason: z.enum(RESERVE_LEAVE_REASONS).nullable(),
  leftNote: z.string().nullable(),
  trainingHours: z.number(),
});
export const ReserveList = z.object({ items: z.array(Reserve) });
export const Training = z.object({
  id: z.number(),
  trainedOn: z.string(),
  course: z.string(),
  hours: z.number(),
  organiser: z.string().nullable(),
});
export const ReserveDetail = Reserve.extend({ trainings: z.array(Training) });

nameSchemas({ Reserve, ReserveDetail, Training });
