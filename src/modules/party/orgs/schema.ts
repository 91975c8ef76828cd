import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { RegionCode } from '../../regions/schema.ts';

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const ORG_KINDS = ['branch', 'general_branch', 'committee'] as const;
export const TERM_END_REASONS = ['term_end', 'adjusted', 'resigned', 'deceased', 'other'] as const;

export const OrgQuery = z.strictObject({
  /** A province, city, county, township or village code inside the user's scope. */
  region: RegionCode.optional(),
  kind: z.enum(ORG_KINDS).optional(),
  /** normal, or weak and lax (软弱涣散: an open rectification case). */
  state: z.enum(['normal', 'weak']).optional(),
  /** true: the dissolved ones instead of the current ones. */
  dissolved: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const OrgItem = z.object({
  id: z.number(),
  countyCode: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  /** The township of a village (the county of a township's organisation). */
  parentName: z.string().nullable(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  establishedOn: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  /** Members now (derived: rows not ended). */
  members: z.number(),
  wealthLeaders: z.number(),
  secretary: z.object({ name: z.string(), oneShoulder: z.boolean(), since: z.string() }).nullable(),
  /** normal, or weak (软弱涣散): derived from open rectification cases of the village. */
  state: z.enum(['normal', 'weak']),
  /** The version an edit names (the last change's time): a stale one answers 409 PARTY_CHANGED. */
  version: z.string(),
});
export const OrgList = z.object({ items: z.array(OrgItem), nextCursor: z.string().nullable() });

export const SecretaryTerm = z.object({
  id: z.number(),
  personId: z.number(),
  name: z.string(),
  idMasked: z.string(),
  gender: z.string(),
  birthYear: z.number(),
  oneShoulder: z.boolean(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  endReason: z.enum(TERM_END_REASONS).nullable(),
  endNote: z.string().nullable(),
});
export const OrgDetail = OrgItem.extend({ secretaries: z.array(SecretaryTerm) });

const Name = z.string().trim().min(2).max(60);
export const OrgInput = z.strictObject({
  /** The village (or township) the organisation is of. */
  regionCode: RegionCode,
  name: Name,
  kind: z.enum(ORG_KINDS),
  establishedOn: Day.optional(),
});
export const OrgEdit = z.strictObject({
  name: Name,
  kind: z.enum(ORG_KINDS),
  establishedOn: Day.nullable().optional(),
  version: z.string().min(1).max(40),
});
export const DissolveInput = z.strictObject({ date: Day, version: z.string().min(1).max(40) });

export const AppointInput = z.strictObject({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(15).max(20),
  /** 一肩挑: the secretary also heads the village committee. */
  oneShoulder: z.boolean().default(false),
  startDate: Day,
  /** Why the current secretary's term ends (the day before the new one starts). */
  endReason: z.enum(TERM_END_REASONS).default('term_end'),
  endNote: z.string().trim().max(500).optional(),
  version: z.string().min(1).max(40),
});

export const Created = z.object({ id: z.number() });

nameSchemas({ OrgItem, OrgDetail, SecretaryTerm });
