import type { Db } from '../../../db/types.ts';
import { addTiming, timed } from '../../../server/timing.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { openStageSink } from './copy.ts';
import type { Progress, RowSource } from './service.ts';
import { copyLine, type StagedWithProblems } from './staged.ts';
import { validateRow } from './validate-row.ts';
import { VillageIndex } from './villages.ts';

const STAGE_BATCH = 1000;

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
  const sink = await openStageSink(db, batchId);
  let buffer: StagedWithProblems[] = [];
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
        const { staged, problems } = validateRow(row.rowNumber, row.cells, { villages, keys });
        const r = { ...staged, problems: problems.length ? JSON.stringify(problems) : null };
        if (sink.lines) lines += copyLine(batchId, r);
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
