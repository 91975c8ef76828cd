import type { Db, Tx } from '../../../db/types.ts';
import { addTiming, timed } from '../../../server/timing.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { openStageSink } from './copy.ts';
import type { Problem } from './problems.ts';
import type { InputRow, Progress, RowSource } from './service.ts';
import { copyLine, REGISTER_STAGING, type StagingTarget } from './staged.ts';
import { validateRow } from './validate-row.ts';
import { VillageIndex } from './villages.ts';

const STAGE_BATCH = 1000;

/** The staged rows of a batch are dropped once it is committed or given up (the outcome stays in import_household). */
export async function dropStagedRows(tx: Tx, batchId: number) {
  await tx.deleteFrom('import_row').where('batch_id', '=', batchId).execute();
}

/**
 * Reads the rows, checks each on its own (validateRow) and stages it in import_row, a thousand rows per write.
 * A write goes on while the next rows are checked; at most one is waiting. Returns the number of rows.
 *
 * Checking in worker threads was built and measured three times on the 2-core machine (2026-11): no gain in time,
 * 100–150 MB more memory, so it was removed (decision 0002).
 */
export async function stageRows(
  db: Db,
  keys: PiiKeys,
  batchId: number,
  scopeCode: string,
  rows: RowSource,
  onProgress?: (p: Progress) => void,
): Promise<number> {
  const villages = await VillageIndex.load(db, scopeCode);
  return stageChecked(
    db,
    batchId,
    REGISTER_STAGING,
    rows,
    (row) => {
      const { staged, problems } = validateRow(row.rowNumber, row.cells, { villages, keys });
      return { ...staged, problems: problemsJson(problems) };
    },
    onProgress,
  );
}

/**
 * The staging loop of every kind of import: each row checked on its own by `check` and written to the kind's staging
 * table (`target`), a thousand rows per write (COPY where the database allows), one write going on while the next rows
 * are checked. Returns the number of rows.
 */
export async function stageChecked<Id extends string, Row>(
  db: Db,
  batchId: number,
  target: StagingTarget<Row>,
  rows: RowSource<Id>,
  check: (row: InputRow<Id>) => Row,
  onProgress?: (p: Progress) => void,
): Promise<number> {
  const sink = await openStageSink(db, batchId, target);
  let buffer: Row[] = [];
  let lines = '';
  let read = 0;
  let written = 0;
  let validateMs = 0;

  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (!buffer.length) return;
    const [text, objects] = [lines, buffer];
    buffer = [];
    lines = '';
    await writing;
    writing = timed('stage.write', () => sink.write(text, objects.length, objects)).then(() => {
      written += objects.length;
      onProgress?.({ phase: 'reading', rows: written });
    });
    // A failed write is thrown at the next flush or at the end, not as an unhandled rejection meanwhile.
    writing.catch(() => {});
  };

  try {
    for await (const item of rows) {
      for (const row of Array.isArray(item) ? item : [item]) {
        read++;
        const t0 = performance.now();
        const r = check(row);
        if (sink.lines) lines += copyLine(batchId, r, target);
        validateMs += performance.now() - t0;
        buffer.push(r);
        if (buffer.length >= STAGE_BATCH) await flush();
      }
    }
    await flush();
    await writing;
    await timed('stage.write', () => sink.end());
  } catch (e) {
    await writing.catch(() => {});
    await sink.abort(e);
    throw e;
  }
  addTiming('stage.validate', validateMs, read);
  return read;
}

/** A row's problems as staged (JSON text for COPY), or null. */
export const problemsJson = (problems: readonly Problem<string>[]) => (problems.length ? JSON.stringify(problems) : null);
