/**
 * The party spreadsheets (organisations, members) on the register's import machinery (decision 0013): the batch, the
 * reader, the staging loop and sinks, the background preview, problems, report and statuses are the register's; this
 * file holds the row checks, the checks against the database, the commit and the export rows.
 */
import type { Db, Tx } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { timed } from '../../../server/timing.ts';
import * as audit from '../../audit/service.ts';
import { decrypt, type PiiKeys } from '../../pii/crypto.ts';
import { type FileProgress, type StageFileOptions, stageSheet } from '../../registry/import/file.ts';
import type { ProblemCatalogue } from '../../registry/import/problems.ts';
import {
  type BatchOptions,
  createBatch,
  dropStaged,
  failBatch,
  failureReason,
  lockPreviewed,
  markBatch,
  type Progress,
  type RowSource,
} from '../../registry/import/service.ts';
import { stageChecked } from '../../registry/import/staging.ts';
import { VillageIndex } from '../../registry/import/villages.ts';
import type { ColumnSet } from '../../registry/interchange/columns.ts';
import type { SheetValues } from '../../registry/interchange/write.ts';
import { KIND_EXPORT, MEMBERS, type MemberColumnId, ORGS, type OrgColumnId, STANDING_EXPORT } from './columns.ts';
import * as q from './queries.ts';
import { MEMBER_STAGING, ORG_STAGING } from './staged.ts';
import { validateMemberRow, validateOrgRow } from './validate.ts';

export type PartyKind = q.PartyKind;

/** What a preview found and a commit did. */
export interface PartyImportCounts {
  rows: number;
  rowsWithProblems: number;
  records: { new: number; unchanged: number; rejected: number };
  persons: { new: number };
  /** Organisations: secretary terms the commit opened. */
  secretaries?: number;
}

/** Problem words beyond the register's (REQUIRED, TOO_LONG, the ID number's, GENDER_MISMATCH, BAD_PHONE, villages'). */
export const PARTY_PROBLEMS = {
  BAD_DATE: [
    '“{header}”应为不晚于今天的日期（如 2021-03-01），不是“{value}”',
    '"{header}" must be a date no later than today, such as 2021-03-01, not "{value}"',
  ],
  TOO_SHORT: ['“{header}”至少 2 个字', '"{header}" needs at least 2 characters'],
  PARTY_VALUE_UNKNOWN: ['“{header}”的“{value}”无法识别', '"{value}" is not a known value of "{header}"'],
  PARTY_MASKED_ID: [
    '证件号码为隐藏格式，且该村党组织中没有同名、同隐藏号码的在册记录；新记录须填写完整的 18 位证件号码',
    'The ID number is masked and no one on file in this village organisation has this name and masked number; a new record needs the full 18-character ID number',
  ],
  PARTY_MASKED_AMBIGUOUS: [
    '证件号码为隐藏格式，该村党组织中有 {count} 名同名、同隐藏号码的党员，无法确定是哪一位，请填写完整证件号码',
    'The ID number is masked and {count} members of this organisation have this name and masked number; give the full ID number',
  ],
  PARTY_INDUSTRY_NEEDS_LEADER: ['只有致富带头人才填写致富产业', 'Only a wealth-leading member has an industry'],
  PARTY_VILLAGE_TWICE: ['同一个村在第 {first} 行已有党组织', 'This village already has an organisation on row {first}'],
  PARTY_ORG_OTHER_NAME: [
    '该村已有党组织“{value}”，导入不修改已有组织（请在党组织页面修改）',
    'The village already has the organisation "{value}"; an import does not edit one (edit it on its page)',
  ],
  PARTY_NO_ORG: [
    '村代码 {value} 的村还没有党组织，请先导入或新建党组织',
    'Village {value} has no organisation yet; import or create it first',
  ],
  PARTY_MEMBER_ELSEWHERE: [
    '此人已是“{value}”的党员；组织关系转接请在党员页面办理',
    'This person is a member of "{value}"; a move is made on the member\'s page',
  ],
  DUPLICATE_PERSON: ['同一证件号码在第 {first} 行已出现', 'The same ID number is already on row {first}'],
  NAME_MISMATCH: ['该证件号码已登记，姓名为“{value}”，与本行不符', 'This ID number is registered under the name "{value}"'],
  PERSON_IN_OTHER_COUNTY: [
    '此人已登记在其他县，请先由该县核实',
    'This person is registered in another county; that county must verify first',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export const ORG_CATALOGUE: ProblemCatalogue = { columns: ORGS as ColumnSet, messages: PARTY_PROBLEMS };
export const MEMBER_CATALOGUE: ProblemCatalogue = { columns: MEMBERS as ColumnSet, messages: PARTY_PROBLEMS };

/** The checks against the database, in the caller's transaction, and the counts they give. */
async function check(tx: Tx, kind: PartyKind, batchId: number): Promise<PartyImportCounts> {
  if (kind === 'party_orgs') {
    await q.resetChecks(tx, kind, batchId);
    await q.checkPersons(tx, kind, batchId);
    await q.checkOrgs(tx, batchId);
  } else await q.checkMembers(tx, batchId);
  const c = await q.countOutcomes(tx, kind, batchId);
  return {
    rows: Number(c?.rows ?? 0),
    rowsWithProblems: Number(c?.bad ?? 0),
    records: { new: Number(c?.new ?? 0), unchanged: Number(c?.unchanged ?? 0), rejected: Number(c?.rejected ?? 0) },
    persons: { new: Number(c?.persons ?? 0) },
  };
}

/**
 * Preview: reads every row, checks it alone and against the database, and stages the result; nothing but the batch is
 * written. Villages outside the uploader's scope are problems (the VillageIndex of the scope does not know them).
 */
export async function stageParty(
  db: Db,
  keys: PiiKeys,
  kind: PartyKind,
  opts: BatchOptions & { batchId?: number },
  rows: RowSource<OrgColumnId> | RowSource<MemberColumnId>,
  onProgress?: (p: Progress) => void,
): Promise<{ batchId: number; counts: PartyImportCounts }> {
  const batchId = opts.batchId ?? (await createBatch(db, { ...opts, kind }));
  try {
    const villages = await VillageIndex.load(db, opts.scopeCode);
    const ctx = { villages, keys, today: thisDay() };
    const n =
      kind === 'party_orgs'
        ? await stageChecked(
            db,
            batchId,
            ORG_STAGING,
            rows as RowSource<OrgColumnId>,
            (r) => validateOrgRow(r.rowNumber, r.cells, ctx),
            onProgress,
          )
        : await stageChecked(
            db,
            batchId,
            MEMBER_STAGING,
            rows as RowSource<MemberColumnId>,
            (r) => validateMemberRow(r.rowNumber, r.cells, ctx),
            onProgress,
          );
    onProgress?.({ phase: 'checking', rows: n });
    const counts = await db.transaction().execute(async (tx) => {
      await q.analyzeStaged(tx, kind);
      const c = await timed('party.preview.check', () => check(tx, kind, batchId));
      await markBatch(tx, batchId, { status: 'previewed', summary: c, totalRows: n });
      return c;
    });
    onProgress?.({ phase: 'done', rows: n });
    return { batchId, counts };
  } catch (e) {
    await failBatch(db, batchId, failureReason(e, batchId));
    throw e;
  }
}

/** Reads a file from disk and stages it as a batch of the kind (the preview, in the background for an upload). */
export const partyFileStager =
  (kind: PartyKind) => (db: Db, keys: PiiKeys, opts: StageFileOptions, onProgress?: (p: FileProgress) => void) =>
    stageSheet(
      { path: opts.path, signal: opts.signal, columns: (kind === 'party_orgs' ? ORGS : MEMBERS) as ColumnSet<string> },
      onProgress,
      (header, rows, onStage) =>
        stageParty(
          db,
          keys,
          kind,
          { ...opts, storedFile: opts.path, headerRow: header.headerRowNumber, batchId: opts.batchId },
          rows as never,
          onStage,
        ),
    );

/**
 * Commit: checks again under the counties' lock, then writes the new persons and records at once, in one
 * transaction; rows on file or with problems write nothing. Running the same file again changes nothing.
 */
export async function commitParty(db: Db, actor: audit.Actor, kind: PartyKind, batchId: number): Promise<PartyImportCounts> {
  return db.transaction().execute(async (tx) => {
    const batch = await lockPreviewed(tx, batchId);
    await q.lockCounties(tx, kind, batchId);
    const counts = await timed('party.commit.check', () => check(tx, kind, batchId));
    await q.analyzeStaged(tx, kind);
    if (counts.records.new > 0) {
      await timed('party.commit.persons', () => q.insertPersons(tx, kind, batchId));
      if (kind === 'party_orgs') counts.secretaries = Number((await q.commitOrgs(tx, batchId))?.terms ?? 0);
      else await timed('party.commit.members', () => q.commitMembers(tx, batchId));
    }
    await audit.record(tx, actor, {
      scopeCode: batch.scope_code,
      entity: kind === 'party_orgs' ? 'party_org' : 'party_member',
      entityId: batchId,
      action: 'import',
      after: { batch: batchId, new: counts.records.new, unchanged: counts.records.unchanged, rejected: counts.records.rejected },
    });
    await markBatch(tx, batchId, { status: 'committed', summary: counts });
    await timed('party.commit.drop', () => dropStaged(tx, batchId));
    return counts;
  });
}

const PAGE = 1000;
const asDate = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

/** The current organisations of a region in the import format; secretaries' ID numbers masked unless `unmask`. */
export async function* exportOrgRows(db: Db, keys: PiiKeys, region: string, unmask: boolean) {
  let after = { region: '', id: 0 };
  for (;;) {
    const rows = await q.exportOrgPage(db, region, after, PAGE);
    const last = rows.at(-1);
    if (!last) return;
    after = { region: last.region_code, id: Number(last.id) };
    for (const r of rows) {
      const row: SheetValues<OrgColumnId> = {
        village_code: r.region_code,
        village: r.village_name,
        org_name: r.name,
        kind: KIND_EXPORT[r.kind as keyof typeof KIND_EXPORT],
        established_on: asDate(r.established_on),
        secretary_name: r.secretary_name,
        secretary_id: r.id_cipher ? (unmask ? decrypt(keys, r.id_cipher) : r.id_masked) : null,
        one_shoulder: r.secretary_name ? (r.one_shoulder ? '是' : '否') : null,
        secretary_since: asDate(r.since),
      };
      yield row;
    }
  }
}

/** The current members of a region in the import format; ID numbers and phones masked unless `unmask`. */
export async function* exportMemberRows(db: Db, keys: PiiKeys, region: string, unmask: boolean) {
  let after = { county: '', id: 0 };
  for (;;) {
    const rows = await q.exportMemberPage(db, region, after, PAGE);
    const last = rows.at(-1);
    if (!last) return;
    after = { county: last.county_code, id: Number(last.id) };
    for (const r of rows) {
      const row: SheetValues<MemberColumnId> = {
        name: r.name,
        id_number: unmask ? decrypt(keys, r.id_cipher) : r.id_masked,
        gender: r.gender === 'M' ? '男' : '女',
        village_code: r.village_code,
        village: r.village_name,
        joined_on: asDate(r.joined_on),
        standing: STANDING_EXPORT[r.standing as keyof typeof STANDING_EXPORT],
        post: r.post,
        duty: r.duty,
        wealth_leader: r.wealth_leader ? '是' : '否',
        wealth_industry: r.wealth_industry,
        phone: r.phone_cipher ? (unmask ? decrypt(keys, r.phone_cipher) : r.phone_masked) : null,
      };
      yield row;
    }
  }
}
