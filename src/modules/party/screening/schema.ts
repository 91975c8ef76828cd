import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { CaseView } from '../../cadres/schema.ts';
import { RegionCode } from '../../regions/schema.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const VillageCode = RegionCode.refine((c) => c.length === 12, { message: '村代码应为 12 位数字|A village code has 12 digits' });

export const RoundQuery = z.strictObject({ region: RegionCode.optional() });
export const RoundInput = z.strictObject({
  countyCode: RegionCode.refine((c) => c.length === 6, { message: '县级代码应为 6 位数字|A county code has 6 digits' }),
  year: z.number().int().min(2000).max(2100),
  note: z.string().trim().max(500).optional(),
});
export const AssessInput = z.strictObject({
  result: z.enum(['competent', 'basically', 'incompetent']),
  opinion: z.enum(['satisfied', 'basically', 'dissatisfied']),
  note: z.string().trim().max(1000).optional(),
});
export const ScreeningStepInput = z.strictObject({
  action: z.string().min(1).max(40),
  version: z.number().int().positive(),
  reason: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).optional(),
  date: Day.optional(),
  /** adjust: the new secretary (the county's person of the ID number; created when new). */
  successor: z
    .strictObject({
      name: z.string().trim().min(1).max(50),
      idNumber: z.string().trim().min(15).max(20),
      oneShoulder: z.boolean().optional(),
    })
    .optional(),
});

const Village = z.object({ code: z.string(), name: z.string(), township: z.string() });
export const ScreeningItem = z.object({
  id: z.number(),
  roundId: z.number(),
  year: z.number(),
  village: Village,
  secretary: z.string(),
  oneShoulder: z.boolean(),
  termStart: z.string(),
  result: z.string().nullable(),
  resultLabel: z.string().nullable(),
  opinion: z.string().nullable(),
  opinionLabel: z.string().nullable(),
  note: z.string().nullable(),
  assessedOn: z.string().nullable(),
  assessedBy: z.string().nullable(),
  adjustBy: z.string().nullable(),
  adjustedOn: z.string().nullable(),
  successor: z.string().nullable(),
  adjustment: z.string().nullable(),
  adjustmentOverdue: z.boolean(),
});
const Round = z.object({
  id: z.number(),
  countyCode: z.string(),
  countyName: z.string(),
  year: z.number(),
  openedOn: z.string(),
  note: z.string().nullable(),
  total: z.number(),
  assessed: z.number(),
  unfit: z.number(),
  adjusted: z.number(),
});
export const RoundList = z.object({ items: z.array(Round) });
export const RoundDetail = Round.extend({
  items: z.array(ScreeningItem),
  withoutSecretary: z.array(z.object({ village_code: z.string(), name: z.string() })),
});
export const RoundCreated = z.object({ id: z.number(), listed: z.number() });
export const ScreeningDetail = ScreeningItem.extend({ case: CaseView.nullable() });
export const HistoryQuery = z.strictObject({ village: VillageCode });
export const VillageHistory = z.object({
  secretaries: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      idMasked: z.string(),
      oneShoulder: z.boolean(),
      startDate: z.string(),
      endDate: z.string().nullable(),
      endReason: z.string().nullable(),
    }),
  ),
  screenings: z.array(ScreeningItem),
});

export const BarsQuery = z.strictObject({ region: RegionCode.optional() });
export const BarList = z.object({
  provinceCode: z.string(),
  items: z.array(z.object({ code: z.string(), label: z.string(), zh: z.string(), en: z.string(), active: z.boolean() })),
});
export const BarsInput = z.strictObject({
  provinceCode: RegionCode.refine((c) => c.length === 2, { message: '省级代码应为 2 位数字|A province code has 2 digits' }),
  items: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z0-9_]{2,40}$/),
        zh: z.string().trim().min(2).max(200),
        en: z.string().trim().min(2).max(300),
        active: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(50),
});
export const NominationInput = z.strictObject({
  villageCode: VillageCode,
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(15).max(20),
  /** The codes of the conditions that apply to the candidate (every other active condition is checked as not). */
  hits: z.array(z.string().max(40)).max(50),
  note: z.string().trim().max(500).optional(),
});
export const NominationList = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      idMasked: z.string(),
      checkedOn: z.string(),
      nominated: z.boolean(),
      reasons: z.array(z.string()),
      checked: z.number(),
      note: z.string().nullable(),
      by: z.string(),
    }),
  ),
});

nameSchemas({ PartyScreeningItem: ScreeningItem, PartyScreeningDetail: ScreeningDetail, PartyRoundDetail: RoundDetail });
