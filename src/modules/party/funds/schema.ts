import { z } from 'zod';
import { nameSchemas } from '../../../server/openapi.ts';
import { RegionCode } from '../../regions/schema.ts';

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const Year = z.coerce.number().int().min(2000).max(2100);
export const VillageCode = z.string().regex(/^\d{12}$/, '12 digits');
/** Fen (分): integers, so sums are exact. */
export const Fen = z.number().int().positive().max(10_000_000_000);

export const PURPOSES = ['operation', 'party_building', 'other'] as const;
export const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const Version = z.number().int().min(1);

export const YearQuery = z.strictObject({ region: RegionCode.optional(), year: Year.optional() });

export const PaymentInput = z.strictObject({
  villageCode: VillageCode,
  paidOn: Day,
  amountFen: Fen,
  purpose: z.enum(PURPOSES),
  source: z.string().trim().max(60).optional(),
  note: z.string().trim().max(200).optional(),
});
/**
 * A correction (更正) of a payment entered wrongly: the original is kept and reversed (冲正) on the day given, and, unless
 * the payment is withdrawn altogether, a replacement payment with the right values is recorded in the same transaction.
 */
export const PaymentCorrection = z.strictObject({
  version: Version,
  correctedOn: Day,
  reason: z.string().trim().min(2).max(200),
  replacement: PaymentInput.omit({ villageCode: true }).optional(),
});
export const CorrectionResult = z.object({ reversalId: z.number(), replacementId: z.number().nullable() });

export const PaymentQuery = z.strictObject({
  region: RegionCode.optional(),
  year: Year.optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const Payment = z.object({
  id: z.number(),
  villageCode: z.string(),
  villageName: z.string(),
  paidOn: z.string(),
  amountFen: z.number(),
  purpose: z.enum(PURPOSES),
  source: z.string(),
  note: z.string().nullable(),
  batchId: z.number().nullable(),
  version: z.number(),
  /** A reversal (冲正, negative amount) names the payment it reverses, the day and the reason of the correction. */
  reversesId: z.number().nullable(),
  correctedOn: z.string().nullable(),
  correctionReason: z.string().nullable(),
  /** A replacement names the payment it corrects. */
  correctsId: z.number().nullable(),
  /** The reversal of this payment, when it was corrected or withdrawn (the payment then no longer counts). */
  reversedBy: z.number().nullable(),
});
export const PaymentList = z.object({ items: z.array(Payment), nextCursor: z.string().nullable() });

export const FundsRow = z.object({
  code: z.string(),
  name: z.string(),
  villages: z.number(),
  standardFen: z.number(),
  operationFen: z.number(),
  partyBuildingFen: z.number(),
  otherFen: z.number(),
  /** Operation and party-building paid, each counted up to its standard for the region's villages. */
  coveredFen: z.number(),
  /** Paid against the standard (%), or null over no village. */
  percent: z.number().nullable(),
  /** Villages short of a purpose's standard. */
  shortVillages: z.number(),
});
export const FundsSummary = z.object({
  region: z.string(),
  regionName: z.string(),
  year: z.number(),
  standards: z.object({ operationFen: z.number(), partyBuildingFen: z.number() }),
  total: FundsRow,
  children: z.array(FundsRow),
});

export const PayInput = z.strictObject({
  villageCode: VillageCode,
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(15).max(20),
  post: z.string().trim().min(1).max(40),
  month: z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM'),
  amountDueFen: z.number().int().positive().max(100_000_000),
  dueOn: Day,
  paidOn: Day.optional(),
});
export const PaidInput = z.strictObject({ paidOn: Day.nullable(), version: Version });
export const PayQuery = z.strictObject({
  region: RegionCode.optional(),
  year: Year.optional(),
  late: z.enum(['1']).optional(),
});
export const PayItem = z.object({
  id: z.number(),
  villageCode: z.string(),
  villageName: z.string(),
  name: z.string(),
  idMasked: z.string(),
  post: z.string(),
  month: z.string(),
  amountDueFen: z.number(),
  dueOn: z.string(),
  paidOn: z.string().nullable(),
  late: z.boolean(),
  version: z.number(),
});
export const PayList = z.object({ items: z.array(PayItem) });

export const IncomeInput = z.strictObject({
  villageCode: VillageCode,
  year: z.number().int().min(2000).max(2100),
  amountFen: z.number().int().min(0).max(100_000_000_000),
  sources: z.string().trim().max(200).optional(),
  /** The version read; absent for a village with no income on record that year. */
  version: Version.optional(),
});
export const IncomeItem = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  amountFen: z.number().nullable(),
  sources: z.string().nullable(),
  version: z.number().nullable(),
  hollow: z.boolean(),
});
export const IncomeList = z.object({ year: z.number(), items: z.array(IncomeItem) });

export const Created = z.object({ id: z.number() });
export const Saved = z.object({ version: z.number() });

export const FundsExportQuery = z.strictObject({
  region: RegionCode.optional(),
  year: Year.optional(),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export const FundsImportSummary = z.object({
  rows: z.number(),
  rowsWithProblems: z.number(),
  payments: z.object({ new: z.number(), unchanged: z.number(), rejected: z.number() }),
  amountFen: z.number(),
});
export const FundsImportBatch = z.object({
  id: z.number(),
  filename: z.string(),
  status: z.string(),
  scopeCode: z.string(),
  actorName: z.string(),
  createdAt: z.string(),
  summary: z.unknown(),
  progress: z.unknown(),
});

nameSchemas({ Payment, FundsRow, FundsSummary, PayItem, IncomeItem });
