import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { CaseView } from '../../cadres/schema.ts';
import { RegionCode } from '../../regions/schema.ts';
import { Day, VillageCode, Year } from '../households/schema.ts';
import { VILLAGE_CHECKS } from './procedure.ts';

const Checklist = z.partialRecord(z.enum(VILLAGE_CHECKS), z.boolean());
export const RegionQuery = z.strictObject({ region: RegionCode.optional() });
export const VillageProposal = z.strictObject({
  villageCode: VillageCode,
  year: Year,
  checklist: Checklist,
  note: z.string().trim().max(1000).optional(),
});
export const CountyProposal = z.strictObject({
  countyCode: RegionCode.refine((c) => c.length === 6, { message: '应为县级代码（6 位）|A county code (6 digits)' }),
  year: Year,
  note: z.string().trim().max(1000).optional(),
});
export const AreaStepInput = z.strictObject({
  action: z.string().min(1).max(40),
  version: z.number().int().positive(),
  reason: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).optional(),
  date: Day.optional(),
  /** The county's verification of the village's checklist (action check). */
  verified: Checklist.optional(),
});

const Base = {
  code: z.string(),
  name: z.string(),
  ruralPopulation: z.number(),
  poorPersons: z.number(),
  incidence: z.number(),
  meetsThreshold: z.boolean(),
  exitId: z.number().nullable(),
  exitState: z.string().nullable(),
  exitStateLabel: z.string().nullable(),
};
export const VillageExitList = z.object({
  threshold: z.number(),
  /** The checklist's items (the township ticks them when proposing). */
  checks: z.array(z.object({ code: z.enum(VILLAGE_CHECKS), label: z.string() })),
  items: z.array(z.object({ ...Base, township: z.string(), exitYear: z.number().nullable() })),
});
export const CountyExitList = z.object({
  threshold: z.number(),
  items: z.array(z.object({ ...Base, exitFor: z.number().nullable(), announcedOn: z.string().nullable() })),
});
const Check = z.object({ code: z.string(), label: z.string(), ok: z.boolean() });
const Common = {
  id: z.number(),
  year: z.number(),
  poorPersons: z.number(),
  ruralPopulation: z.number(),
  incidence: z.number(),
  noticeFrom: z.string().nullable(),
  noticeUntil: z.string().nullable(),
  announcedOn: z.string().nullable(),
  case: CaseView,
};
export const VillageExitDetail = z.object({
  ...Common,
  village: z.object({ code: z.string(), name: z.string() }),
  checklist: z.array(Check),
  verified: z.array(Check),
});
export const CountyExitDetail = z.object({ ...Common, county: z.object({ code: z.string(), name: z.string() }), stateLabel: z.string() });

nameSchemas({ ExitVillageDetail: VillageExitDetail, ExitCountyDetail: CountyExitDetail });
