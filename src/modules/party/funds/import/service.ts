/**
 * Funds payments from a spreadsheet (村级经费拨付表) on the register's import machinery (decision 0013): the batch, the
 * reader, the staging loop, the background preview, problems, report and statuses are the register's; this file holds
 * the row check, the checks against the database and the commit.
 */
import type { Db, Tx } from '../../../../db/types.ts';
import { thisDay } from '../../../../server/clock.ts';
import * as audit from '../../../audit/service.ts';
import type { PiiKeys } from '../../../pii/crypto.ts';
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
import { FUNDS, type FundColumnId } from '../columns.ts';
import * as q from './queries.ts';
import { FUND_STAGING } from './staged.ts';
import { validateFundRow } from './validate.ts';

export interface FundCounts {
  rows: number;
  rowsWithProblems: number;
  payments: { new: number; unchanged: number; rejected: number };
  /** The sum of the new payments, in fen. */
  amountFen: number;
}

export async function checkFunds(tx: Tx, batchId: number): Promise<FundCounts> {
  await q.resetChecks(tx, batchId);
  await q.markDuplicates(tx, batchId);
  await q.classify(tx, batchId);
  const c = await q.countOutcomes(tx, batchId);
  return {
    rows: Number(c?.rows ?? 0),
    rowsWithProblems: Number(c?.bad ?? 0),
    payments: { new: Number(c?.new ?? 0), unchanged: Number(c?.unchanged ?? 0), rejected: Number(c?.rejected ?? 0) },
    amountFen: Number(c?.amount ?? 0),
  };
}

/** Preview: reads every row, checks it alone and against the database, and stages the result; nothing else is written. */
export async function stagePartyFunds(
  db: Db,
  opts: BatchOptions & { batchId?: number },
  rows: RowSource<FundColumnId>,
  onProgress?: (p: Progress) => void,
): Promise<{ batchId: number; counts: FundCounts }> {
  const batchId = opts.batchId ?? (await createBatch(db, { ...opts, kind: 'party_funds' }));
  try {
    const villages = await VillageIndex.load(db, opts.scopeCode);
    const ctx = { villages, today: thisDay() };
    const n = await stageChecked(db, batchId, FUND_STAGING, rows, (row) => validateFundRow(row.rowNumber, row.cells, ctx), onProgress);
    onProgress?.({ phase: 'checking', rows: n });
    const counts = await db.transaction().execute(async (tx) => {
      await q.analyzeStaged(tx);
      const c = await checkFunds(tx, batchId);
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

/** Reads a funds file from disk and stages it as a batch (the preview; in the background for an upload). */
export async function stagePartyFundsFile(db: Db, _keys: PiiKeys, opts: StageFileOptions, onProgress?: (p: FileProgress) => void) {
  return stageSheet({ path: opts.path, signal: opts.signal, columns: FUNDS }, onProgress, (header, rows, onStageProgress) =>
    stagePartyFunds(
      db,
      { ...opts, storedFile: opts.path, headerRow: header.headerRowNumber, batchId: opts.batchId },
      rows,
      onStageProgress,
    ),
  );
}

/**
 * Commit: the checks again (what the database holds now decides), then the new payments, all or nothing, one audit row
 * each. Rows on file or with problems write nothing; committing the same file twice adds nothing the second time.
 */
export async function commitPartyFunds(db: Db, actor: audit.Actor, batchId: number): Promise<FundCounts> {
  return db.transaction().execute(async (tx) => {
    await lockPreviewed(tx, batchId);
    const counts = await checkFunds(tx, batchId);
    if (counts.payments.new > 0) {
      const written = await q.insertNew(tx, batchId);
      await audit.recordMany(
        tx,
        actor,
        written.map((p) => ({
          scopeCode: p.village_code,
          entity: 'party_fund_payment',
          entityId: p.id,
          action: 'import_create',
          after: {
            villageCode: p.village_code,
            paidOn: p.paid_on,
            amountFen: Number(p.amount_fen),
            purpose: p.purpose,
            source: p.source,
            batchId,
            row: p.row_number,
          },
        })),
      );
    }
    await markBatch(tx, batchId, { status: 'committed', summary: counts });
    await dropStaged(tx, batchId);
    return counts;
  });
}
