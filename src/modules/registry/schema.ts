import { z } from 'zod';
import { nameSchemas } from '../../server/openapi.ts';
import { AuditRow } from '../audit/schema.ts';
import { RegionCode } from '../regions/schema.ts';
import { CODE_LIST_IDS } from './codelists.ts';

const Code = z.string().trim().max(40);

export const HouseholdQuery = z.strictObject({
  region: RegionCode.optional(),
  status: Code.optional(),
  cause: Code.optional(),
  category: Code.optional(),
  gap: z.enum(['no_helper', 'no_project', 'no_deadline', 'deadline_passed']).optional(),
  plannedExit: z
    .string()
    .regex(/^(none|\d{4})$/, '计划脱贫年度应为 4 位年份或 none|The planned exit year must be a 4-digit year or none')
    .optional(),
  incomeBand: z.coerce.number().int().min(0).max(10).optional(),
  q: z.string().trim().max(40).optional(),
  cursor: z
    .string()
    .regex(/^\d{6}-\d{1,15}$/, '翻页位置无效|Invalid page cursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ExportQuery = HouseholdQuery.omit({ cursor: true, limit: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  unmask: z.enum(['0', '1']).default('0'),
});

/** The 两不愁三保障 items, in the national order. */
export const GUARANTEES = ['food', 'clothing', 'education', 'medical', 'housing'] as const;
export type Guarantee = (typeof GUARANTEES)[number];

export const HouseholdItem = z.object({
  id: z.number(),
  householdNo: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  headName: z.string().nullable(),
  headIdMasked: z.string().nullable(),
  memberCount: z.number(),
  category: z.string(),
  categoryLabel: z.string().nullable(),
  cause: z.string(),
  causeLabel: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string().nullable(),
  yearIdentified: z.number(),
  plannedExitYear: z.number().nullable(),
  exitYear: z.number().nullable(),
  income: z.number().nullable(),
  helperName: z.string().nullable(),
  hasProject: z.boolean(),
  /** Why a search listed the household: the member it matched (head first), or its number, or its village. */
  matched: z
    .object({
      kind: z.enum(['member', 'household_no', 'village']),
      name: z.string(),
      relation: z.string().nullable(),
      via: z.string(),
    })
    .nullable(),
  /** The 两不愁三保障 items not met (food, clothing, education, medical, housing), for the list's "key gap". */
  unmetGuarantees: z.array(z.enum(GUARANTEES)),
  /** Per-capita income of the register year under that year's poverty line; null without an income. */
  incomeBelowLine: z.boolean().nullable(),
});

/** `total` comes with the first page only: exact when `totalExact`, else an estimate above the exact-count limit. */
export const HouseholdList = z.object({
  items: z.array(HouseholdItem),
  nextCursor: z.string().nullable(),
  total: z.number().optional(),
  totalExact: z.boolean().optional(),
  /** The register year's poverty line (yuan per person), which `incomeBelowLine` compares with. */
  povertyLine: z.number().optional(),
});

/**
 * One member as a household detail shows it. Only what is listed here is sent (a field added to the service and not
 * here never reaches the client). `birthDate` is null for users without `pii.unmask`: see decision 0005.
 */
export const DetailMember = z.object({
  personId: z.number(),
  name: z.string(),
  idMasked: z.string(),
  gender: z.string(),
  genderLabel: z.string().nullable(),
  birthDate: z.string().nullable(),
  birthYear: z.number(),
  ethnicity: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  relation: z.string(),
  relationLabel: z.string().nullable(),
  education: z.string().nullable(),
  schooling: z.string().nullable(),
  health: z.string().nullable(),
  labour: z.string().nullable(),
  work: z.string().nullable(),
  medicalInsurance: z.boolean().nullable(),
});

export const HouseholdDetail = z.object({
  id: z.number(),
  householdNo: z.string(),
  /** The household's version: an edit sends it back, and a save over a later change is refused (409 HOUSEHOLD_VERSION). */
  version: z.number(),
  countyCode: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  category: z.string(),
  categoryLabel: z.string().nullable(),
  cause: z.string(),
  causeLabel: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string().nullable(),
  yearIdentified: z.number(),
  plannedExitYear: z.number().nullable(),
  exitYear: z.number().nullable(),
  registerYear: z.number(),
  povertyLine: z.number(),
  guarantees: z.object({ food: z.boolean(), clothing: z.boolean(), education: z.boolean(), medical: z.boolean(), housing: z.boolean() }),
  members: z.array(DetailMember),
  /** Per year; the sources (household totals, yuan) and persons are null for a year known only as a per-capita figure. */
  incomes: z.array(
    z.object({
      year: z.number(),
      perCapita: z.number(),
      wages: z.number().nullable(),
      business: z.number().nullable(),
      businessCosts: z.number().nullable(),
      property: z.number().nullable(),
      transfers: z.number().nullable(),
      persons: z.number().nullable(),
    }),
  ),
  statusHistory: z.array(
    z.object({
      status: z.string(),
      statusLabel: z.string().nullable(),
      previousStatus: z.string().nullable(),
      changedOn: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  helpers: z.array(
    z.object({
      id: z.number(),
      /** The helper record (GET /helpers/{id}); name, unit and phone are the helper's. */
      helperId: z.number(),
      name: z.string(),
      workUnit: z.string().nullable(),
      phoneMasked: z.string().nullable(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
    }),
  ),
  /** Visits by resident cadres, entered once in the field app (走访). */
  visits: z.array(z.object({ id: z.number(), date: z.string(), cadreName: z.string(), note: z.string() })),
  projects: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      typeLabel: z.string().nullable(),
      year: z.number(),
      amount: z.number().nullable(),
      state: z.string(),
      stateLabel: z.string().nullable(),
    }),
  ),
  audit: z.array(AuditRow),
});

export const Coverage = z.object({
  stillPoor: z.number(),
  withHelper: z.number(),
  withProject: z.number(),
  withDeadline: z.number(),
  deadlinePassed: z.number(),
  pctHelper: z.number().nullable(),
  pctProject: z.number().nullable(),
  pctDeadline: z.number().nullable(),
});

export const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const VillageParam = z.strictObject({ code: z.string().max(12) });

export const PoorVillage = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  yearListed: z.number(),
  plannedExitYear: z.number().nullable(),
  exitYear: z.number().nullable(),
  ruralPopulation: z.number(),
  households: z.number(),
  poorPersons: z.number(),
  incidence: z.number().nullable(),
});

export const VillageQuery = z.strictObject({ region: RegionCode.optional(), exit: z.enum(['all', 'exited', 'not_exited']).default('all') });

const ImportCounts = z.object({ new: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() });

/** What the preview found (previewed, committed), or why the batch failed (`error`); `expiredAt` once swept. */
export const ImportSummary = z.object({
  rows: z.number().optional(),
  rowsWithProblems: z.number().optional(),
  households: ImportCounts.optional(),
  persons: ImportCounts.optional(),
  /** How the 帮扶责任人 column resolves, per household: 现有 / 新建 / 有歧义; `created`: helpers a commit adds. */
  helpers: z.object({ existing: z.number(), new: z.number(), ambiguous: z.number(), created: z.number() }).optional(),
  error: z.string().optional(),
  interrupted: z.boolean().optional(),
  expiredAt: z.string().optional(),
});

/** The moving figures of a preview while this server runs it (null otherwise). */
export const ImportProgress = z.object({
  phase: z.enum(['reading', 'checking', 'committing', 'done']),
  rows: z.number(),
  totalRows: z.number().nullable(),
  bytesRead: z.number(),
  totalBytes: z.number().nullable(),
  /** Rows per second so far, and the seconds left at that rate. */
  rate: z.number(),
  secondsLeft: z.number().nullable(),
  error: z.string().optional(),
});

export const ImportBatch = z.object({
  id: z.number(),
  filename: z.string(),
  status: z.enum(['staging', 'previewed', 'committed', 'discarded', 'failed']),
  scopeCode: z.string(),
  actorName: z.string(),
  createdAt: z.string(),
  summary: ImportSummary.nullable(),
  progress: ImportProgress.nullable(),
});

export const ImportProblem = z.object({
  row: z.number(),
  /** The column's identifier (e.g. `id_number`), or null for a problem of the whole row or household. */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

export const ProblemList = z.object({ items: z.array(ImportProblem), nextAfterRow: z.number().nullable() });

export const ProblemQuery = z.strictObject({
  afterRow: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** The problem report: every row of the file (default) or only the rows with a problem. */
export const ReportQuery = z.strictObject({ rows: z.enum(['all', 'problems']).default('all') });

export const CodeListView = z.object({
  id: z.enum(CODE_LIST_IDS),
  label: z.string(),
  items: z.array(z.object({ code: z.string(), label: z.string() })),
});

export const PoorVillageDetail = PoorVillage.extend({ coverage: Coverage });

export const Saved = z.object({ id: z.number() });

export const Unmasked = z.object({ personId: z.number(), idNumber: z.string() });

nameSchemas({
  HouseholdItem,
  HouseholdDetail,
  DetailMember,
  Coverage,
  PoorVillage,
  ImportBatch,
  ImportSummary,
  ImportCounts,
  ImportProgress,
  ImportProblem,
  CodeList: CodeListView,
});
