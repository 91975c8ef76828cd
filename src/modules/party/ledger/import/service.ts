/**
 * The rectification ledger from a spreadsheet (软弱涣散村党组织整顿台账) on the register's import machinery (decision
 * 0013): the batch, the reader, the staging loop, the background preview, problems, report and statuses are the
 * register's; this file holds the preview's checks against the database and the commit. Decision 0019 § Ledger import.
 */
import type { Db, Tx } from '../../../../db/types.ts';
import { thisDay } from '../../../../server/clock.ts';
import * as audit from '../../../audit/service.ts';
import { roleById } from '../../../auth/roles.ts';
import type { PiiKeys } from '../../../pii/crypto.ts';
import type { StepActor } from '../../../procedures/define.ts';
import { openCases, type ProcedureActor, takeSteps } from '../../../procedures/service.ts';
import { type FileProgress, type StageFileOptions, stageSheet } from '../../../registry/import/file.ts';
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
} from '../../../registry/import/service.ts';
import { stageChecked } from '../../../registry/import/staging.ts';
import { VillageIndex } from '../../../registry/import/villages.ts';
import { settingReader } from '../../../settings.ts';
import { type Cause, DEFAULT_CAUSES } from '../causes.ts';
import { LEDGER, type LedgerColumnId } from '../interchange.ts';
import { FOLLOW_UP_DAYS, RECTIFICATION } from '../procedures.ts';
import * as writes from './commit.queries.ts';
import { judgeRows, problemItems } from './compare.ts';
import * as q from './queries.ts';
import { LEDGER_STAGING } from './staged.ts';
import { validateLedgerRow } from './validate.ts';
import { STEPS_TO } from './words.ts';

export interface LedgerCounts {
  rows: number;
  rowsWithProblems: number;
  records: { new: number; updated: number; unchanged: number; rejected: number };
  /** Progress entries the new cases bring and the updated cases gain. */
  progressEntries: number;
}

/**
 * The checks over the staged batch: repeats in the file, then each row against the case of its village and year on
 * file (compare.ts: a new case, an update, unchanged, or problems). Returns the counts and each update's changes.
 */
export async function checkLedger(tx: Tx, batchId: number, actor: StepActor) {
  await q.resetChecks(tx, batchId);
  await q.markDuplicates(tx, batchId);
  const rows = await q.rowsOnFile(tx, batchId);
  const judged = judgeRows(rows, actor, thisDay());
  await q.addProblems(tx, batchId, problemItems(judged));
  const updates = judged.filter((j) => j.changes !== null);
  await q.classify(
    tx,
    batchId,
    updates.map((u) => ({ row: u.row, changes: JSON.stringify(u.changes) })),
  );
  const c = await q.countOutcomes(tx, batchId);
  const counts: LedgerCounts = {
    rows: Number(c?.rows ?? 0),
    rowsWithProblems: Number(c?.bad ?? 0),
    records: {
      new: Number(c?.new ?? 0),
      updated: Number(c?.update ?? 0),
      unchanged: Number(c?.unchanged ?? 0),
      rejected: Number(c?.rejected ?? 0),
    },
    progressEntries: Number(c?.progress ?? 0),
  };
  const byRow = new Map(rows.map((r) => [r.row_number, r]));
  return {
    counts,
    updates: updates.map((u) => ({ row: byRow.get(u.row) as q.OnFileRow, changes: u.changes as q.LedgerChanges })),
  };
}

/** The uploader as the procedure's rules see them: the CLI hands its actor over; a web user is read from the users. */
async function stepActorOf(db: Db, actor: audit.Actor): Promise<StepActor> {
  if ('scope' in actor && 'permissions' in actor) return actor as unknown as StepActor;
  const u = actor.id === null ? null : await q.uploader(db, actor.id);
  return u
    ? { role: u.role, scope: u.scope_code, permissions: roleById(u.role)?.permissions ?? [] }
    : { role: '', scope: '', permissions: [] };
}

/** Preview: reads every row, checks it alone and against the database, and stages the result; nothing else is written. */
export async function stagePartyLedger(
  db: Db,
  opts: BatchOptions & { batchId?: number },
  rows: RowSource<LedgerColumnId>,
  onProgress?: (p: Progress) => void,
): Promise<{ batchId: number; counts: LedgerCounts }> {
  const batchId = opts.batchId ?? (await createBatch(db, { ...opts, kind: 'party_ledger' }));
  try {
    const villages = await VillageIndex.load(db, opts.scopeCode);
    const causes = await settingReader<unknown>(db, 'party.rectification_causes', DEFAULT_CAUSES);
    const followUp = await settingReader<unknown>(db, FOLLOW_UP_DAYS.setting, FOLLOW_UP_DAYS.fallback);
    const ctx = {
      villages,
      today: thisDay(),
      causesOf: (v: string) => {
        const list = causes(v);
        return Array.isArray(list) && list.length ? (list as Cause[]) : DEFAULT_CAUSES;
      },
      followUpDays: (v: string) => Number(followUp(v)),
    };
    const actor = await stepActorOf(db, opts.actor);
    const n = await stageChecked(db, batchId, LEDGER_STAGING, rows, (row) => validateLedgerRow(row.rowNumber, row.cells, ctx), onProgress);
    onProgress?.({ phase: 'checking', rows: n });
    const counts = await db.transaction().execute(async (tx) => {
      await q.analyzeStaged(tx);
      const { counts: c } = await checkLedger(tx, batchId, actor);
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

/** Reads a ledger file from disk and stages it as a batch (the preview; in the background for an upload). */
export async function stagePartyLedgerFile(db: Db, _keys: PiiKeys, opts: StageFileOptions, onProgress?: (p: FileProgress) => void) {
  return stageSheet({ path: opts.path, signal: opts.signal, columns: LEDGER }, onProgress, (header, rows, onStageProgress) =>
    stagePartyLedger(
      db,
      { ...opts, storedFile: opts.path, headerRow: header.headerRowNumber, batchId: opts.batchId },
      rows,
      onStageProgress,
    ),
  );
}

/**
 * Commit: the checks again (what the database holds now decides), then the new cases with their progress entries and
 * the updates of cases on file, all or nothing. Commits touching the same village and year are serialized first
 * (lockCaseKeys): the second waits for the first and then finds the cases it wrote, so it adds nothing twice and never
 * trips over the one-case-per-village-and-year index. Each new case enters the procedure as the form's cases do —
 * opened (排查认定), then the steps its state implies (plan, start, close, consolidate) — and a case on file takes the
 * steps from its state to the file's, through the mechanism's bulk openCases and takeSteps, which apply takeStep's rules
 * to every case (level, order, the follow-up wait before 巩固), each step dated by the file and noted as imported. Rows
 * unchanged or with problems write nothing; committing the same file twice adds nothing.
 */
export async function commitPartyLedger(db: Db, actor: ProcedureActor, batchId: number): Promise<LedgerCounts> {
  return db.transaction().execute(async (tx) => {
    const batch = await lockPreviewed(tx, batchId);
    await q.lockCaseKeys(tx, batchId);
    const { counts, updates } = await checkLedger(tx, batchId, actor);
    const note = (row: number) => `台账导入 imported: ${batch.filename} 第 ${row} 行 row ${row}`;
    type StepItem = { county: string; id: number; effectiveDate?: string; note: string };
    const stepItems: Record<(typeof STEP_ORDER)[number], StepItem[]> = { plan: [], start: [], close: [], consolidate: [] };
    const written = counts.records.new > 0 ? await writes.insertNew(tx, batchId, actor.username) : [];
    if (written.length) {
      const cases = await openCases(
        tx,
        RECTIFICATION,
        actor,
        written.map((w) => ({
          county: w.county_code,
          subjectId: Number(w.id),
          region: w.village_code,
          effectiveDate: w.opened_on,
          note: note(w.row_number),
        })),
      );
      const caseOf = new Map(cases.map((c) => [`${c.county_code}-${c.subject_id}`, Number(c.id)]));
      for (const w of written)
        for (const action of STEPS_TO[w.state as keyof typeof STEPS_TO] ?? [])
          stepItems[action].push({
            county: w.county_code,
            id: caseOf.get(`${w.county_code}-${w.id}`) ?? 0,
            effectiveDate:
              (action === 'close' ? w.closed_on : action === 'consolidate' ? w.consolidated_on : (w.planned_on ?? w.opened_on)) ??
              undefined,
            note: note(w.row_number),
          });
    }
    await applyUpdates(tx, actor, updates, batchId, note, stepItems);
    for (const action of STEP_ORDER) await takeSteps(tx, RECTIFICATION, action, actor, stepItems[action]);
    // 销号日期 and 巩固日期 of the cases on file the import closed or consolidated (new cases were written with theirs).
    await writes.setOutcomeDays(
      tx,
      updates
        .filter((u) => u.changes.steps.includes('close') || u.changes.steps.includes('consolidate'))
        .map((u) => ({
          county_code: u.row.case?.county_code ?? '',
          id: Number(u.row.case?.id),
          closed_on: u.changes.steps.includes('close') ? (u.changes.stepDays.close ?? null) : null,
          consolidated_on: u.changes.steps.includes('consolidate') ? (u.changes.stepDays.consolidate ?? null) : null,
        })),
    );
    if (written.length)
      await audit.recordMany(
        tx,
        actor,
        written.map((w) => ({
          scopeCode: w.village_code,
          entity: 'party_rectification',
          entityId: w.id,
          action: 'import_create',
          after: { year: w.year, causes: w.causes, state: w.state, firstSecretary: w.first_secretary_name, batchId, row: w.row_number },
        })),
      );
    await markBatch(tx, batchId, { status: 'committed', summary: counts });
    await dropStaged(tx, batchId);
    return counts;
  });
}

const STEP_ORDER = ['plan', 'start', 'close', 'consolidate'] as const;

/**
 * The updates of cases on file: the measures written before 制定整顿方案 (as the page's plan is), the new progress
 * lines, each case's steps queued (taken with the new cases' in the procedure's order), an audit row per case.
 */
async function applyUpdates(
  tx: Tx,
  actor: ProcedureActor,
  updates: Awaited<ReturnType<typeof checkLedger>>['updates'],
  batchId: number,
  note: (row: number) => string,
  stepItems: Record<(typeof STEP_ORDER)[number], { county: string; id: number; effectiveDate?: string; note: string }[]>,
) {
  if (!updates.length) return;
  const onFile = updates.map((u) => ({ ...u, c: u.row.case as NonNullable<q.OnFileRow['case']> }));
  await writes.updatePlans(
    tx,
    onFile
      .filter((u) => u.changes.steps.includes('plan'))
      .map((u) => ({
        county_code: u.c.county_code,
        id: Number(u.c.id),
        village_code: u.row.village_code,
        plan: u.row.plan,
        county_leader: u.row.county_leader,
        township_member: u.row.township_member,
        first_secretary: u.row.first_secretary,
        deadline: u.row.deadline,
      })),
  );
  await writes.appendProgress(
    tx,
    onFile.flatMap((u) => u.changes.progress.map((p) => ({ county_code: u.c.county_code, id: Number(u.c.id), ...p }))),
    actor.username,
  );
  for (const u of onFile)
    for (const action of u.changes.steps as (typeof STEP_ORDER)[number][])
      stepItems[action].push({
        county: u.c.county_code,
        id: Number(u.c.case_id),
        effectiveDate: u.changes.stepDays[action],
        note: note(u.row.row_number),
      });
  await audit.recordMany(
    tx,
    actor,
    onFile.map((u) => ({
      scopeCode: u.row.village_code,
      entity: 'party_rectification',
      entityId: u.c.id,
      action: 'import_update',
      before: { state: u.c.state, progress: u.c.progress.length },
      after: {
        state: u.changes.to,
        steps: u.changes.steps,
        progress: u.changes.progress,
        fields: u.changes.fields,
        batchId,
        row: u.row.row_number,
      },
    })),
  );
}
