import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { RegionCode } from '../../regions/schema.ts';
import { Day } from '../orgs/schema.ts';

export const STANDINGS = ['full', 'probationary'] as const;
export const LEAVE_REASONS = ['deceased', 'expelled', 'withdrawn', 'other'] as const;
const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const MemberQuery = z.strictObject({
  region: RegionCode.optional(),
  org: Id.optional(),
  /** Wealth-leading members (党员致富带头人) only. */
  wealth: z.enum(['true', 'false']).optional(),
  /** true: the members who left or moved out instead of the current ones. */
  left: z.enum(['true', 'false']).optional(),
  /** A name prefix. */
  q: z.string().trim().max(50).optional(),
  cursor: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const MemberItem = z.object({
  id: z.number(),
  countyCode: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  personId: z.number(),
  name: z.string(),
  idMasked: z.string(),
  gender: z.string(),
  birthYear: z.number(),
  phoneMasked: z.string().nullable(),
  joinedOn: z.string(),
  standing: z.enum(STANDINGS),
  post: z.string().nullable(),
  duty: z.string().nullable(),
  wealthLeader: z.boolean(),
  wealthIndustry: z.string().nullable(),
  leftOn: z.string().nullable(),
  leftReason: z.string().nullable(),
  leftNote: z.string().nullable(),
  /** Households paired with now. */
  pairings: z.number(),
  version: z.string(),
});
export const MemberList = z.object({ items: z.array(MemberItem), nextCursor: z.string().nullable() });

export const PartyPairing = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  wealthLeader: z.boolean(),
  wealthIndustry: z.string().nullable(),
  orgName: z.string(),
  householdId: z.number(),
  householdNo: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  headName: z.string().nullable(),
  householdStatus: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
});
export const MemberDetail = MemberItem.extend({ pairings: z.number(), households: z.array(PartyPairing) });
export const PairingList = z.object({ items: z.array(PartyPairing) });

const Post = {
  standing: z.enum(STANDINGS).default('full'),
  /** 设岗定责: the post and its duty. */
  post: z.string().trim().max(40).optional(),
  duty: z.string().trim().max(200).optional(),
  wealthLeader: z.boolean().default(false),
  wealthIndustry: z.string().trim().max(60).optional(),
};

export const MemberInput = z.strictObject({
  orgId: z.number().int().positive(),
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(15).max(20),
  joinedOn: Day,
  ...Post,
});
export const MemberEdit = z.strictObject({ ...Post, version: z.string().min(1).max(40) });
export const LeaveInput = z.strictObject({
  date: Day,
  reason: z.enum(LEAVE_REASONS),
  note: z.string().trim().max(500).optional(),
  version: z.string().min(1).max(40),
});
export const MoveInput = z.strictObject({
  date: Day,
  toOrgId: z.number().int().positive(),
  note: z.string().trim().max(500).optional(),
  version: z.string().min(1).max(40),
});
export const PairInput = z.strictObject({ householdId: z.number().int().positive(), startDate: Day });
export const EndPairingInput = z.strictObject({ date: Day });

nameSchemas({ MemberItem, MemberDetail, PartyPairing });
