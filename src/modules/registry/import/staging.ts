import type { Db } from '../../../db/types.ts';
import { addTiming, timed } from '../../../server/timing.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { type CheckJob, startCheckJob } from './check-pool.ts';
import { openStageSink } from './copy.ts';
import type { InputRow, Progress, RowSource } from './service.ts';
import { copyLine, type StagedWithProblems } from './staged.ts';
import { validateRow } from './validate-row.ts';
import { VillageIndex } from './villages.ts';

const STAGE_BATCH = 1000;
/** Below this many rows (a form, a small file) the rows are checked here; above, checking threads take over. */
const THREAD_AFTER_ROWS = 4000;
/** Batches handed to checking threads and not yet written: bounds memory whatever the file's size. */
const MAX_IN_FLIGHT = 6;

/**
 * Reads the rows, checks each on its own (validateRow) and stages it in import_row. Small inputs are checked on
 * this thread; large ones by checking threads while this one reads and writes, written as they come back (order
 * does not matter: the row number is a column). Returns the number of rows.
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
  let job: CheckJob | null = null;
  let threads = sink.lines; // Threads send COPY lines; a sink that wants objects checks here.
  let buffer: StagedWithProblems[] = [];
  let raw: InputRow[] = [];
  let lines = '';
  let read = 0;
  let written = 0;
  let validateMs = 0;
  let validated = 0;

  // Writes are chained (one at a time, in completion order); in-flight batches are bounded.
  let writing: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  const write = (text: string, count: number, objects?: StagedWithProblems[]) => {
    writing = writing.then(async () => {
      await timed('stage.write', () => sink.write(text, count, objects));
      written += count;
      onProgress?.({ phase: 'reading', rows: written });
    });
    return writing;
  };
  const dispatch = async (batch: InputRow[]) => {
    const j = job as CheckJob;
    const task: Promise<void> = j
      .check(batch)
      .then((r) => write(r.lines, r.rows))
      .catch((e) => {
        failure ??= e;
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
    while (inFlight.size >= MAX_IN_FLIGHT && !failure) await Promise.race(inFlight);
    if (failure) throw failure;
  };
  const flushHere = async () => {
    if (buffer.length) await write(lines, buffer.length, buffer);
    buffer = [];
    lines = '';
  };

  try {
    for await (const item of rows) {
      for (const row of Array.isArray(item) ? item : [item]) {
        read++;
        if (job) {
          raw.push(row);
          if (raw.length >= STAGE_BATCH) {
            await dispatch(raw);
            raw = [];
          }
          continue;
        }
        const t0 = performance.now();
        const { staged, problems } = validateRow(row.rowNumber, row.cells, { villages, keys });
        const r = { ...staged, problems: problems.length ? JSON.stringify(problems) : null };
        if (sink.lines) lines += copyLine(batchId, r);
        validateMs += performance.now() - t0;
        validated++;
        buffer.push(r);
        if (buffer.length >= STAGE_BATCH) {
          await flushHere();
          if (threads && read >= THREAD_AFTER_ROWS) {
            job = startCheckJob({ batchId, scopeCode, villages: villages.villages, keys });
            threads = job !== null;
          }
        }
      }
    }
    await flushHere();
    if (raw.length) await dispatch(raw);
    while (inFlight.size) await Promise.race(inFlight);
    if (failure) throw failure;
    await writing;
    await timed('stage.write', () => sink.end());
  } catch (e) {
    await sink.abort(e);
    throw e;
  } finally {
    job?.end();
  }
  addTiming('stage.validate', validateMs, validated);
  return read;
}
