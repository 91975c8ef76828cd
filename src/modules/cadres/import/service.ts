/**
 * Postings from a spreadsheet (docs/decisions/0013-postings-interchange.md), on the register's import machinery: the
 * batch, the reader, the staging loop and sinks, the background preview, problems, report and statuses are the
 * register's (src/modules/registry/import/); this file holds what postings add: the row check, the checks against the
 * database, and the commit through the procedure mechanism.
 */
import type { Db, Tx } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { timed } from '../../../server/timing.ts';
import { decrypt, type PiiKeys } from '../../pii/crypto.ts';
import { type FileProgress, type StageFileOptions, stageSheet } from '../../registry/import/file.ts';
import {
  type BatchOptions,
  createBatch,
  failBatch,
  failureReason,
  markBatch,
  type Progress,
  type RowSource,
} from '../../registry/import/service.ts';
import { stageChecked } from '../../registry/import/staging.ts';
import { VillageIndex } from '../../registry/import/villages.ts';
import { POSTINGS, type PostingColumnId, ROLE_EXPORT, UNIT_LEVEL_EXPORT } from '../interchange.ts';
import { POSTING } from '../procedures.ts';
import * as q from './queries.ts';
import { POSTING_STAGING } from './staged.ts';
import { validatePostingRow } from './validate.ts';

/** What a preview found and a commit did. */
export interface PostingCounts {
  rows: number;
  rowsWithProblems: number;
  postings: { new: number; unchanged: number; rejected: number };
  /** New postings confirmed in post at commit (start not in the future), and those left proposed. */
  inPost: number;
  proposed: number;
  persons: { new: number };
  units: { new: number };
  /** The dispatching units a commit creates (named by the file, missing in their region). */
  unitsToCreate: { name: string; level: string; regionCode: string; regionName: string }[];
}

const STATE_LABELS = Object.fromEntries(Object.entries(POSTING.states).map(([k, s]) => [k, s.label]));

/**
 * The checks against the database, in the caller's transaction: masked ID numbers resolved to the postings they
 * name, persons, postings on file (and whether the row says what they say), one person per new posting and one
 * village at a time, units; then each row's outcome and the counts.
 */
export async function checkPostings(tx: Tx, keys: PiiKeys, batchId: number, today: string): Promise<PostingCounts> {
  await timed('postings.check.reset', () => q.resetChecks(tx, batchId));
  await timed('postings.check.masked', () => resolveMasked(tx, keys, batchId));
  await timed('postings.check.persons', () => q.checkPersons(tx, batchId));
  await timed('postings.check.match', () => q.matchPostings(tx, batchId, { roles: ROLE_EXPORT, levels: UNIT_LEVEL_EXPORT }));
  await timed('postings.check.new', () => q.checkNewPostings(tx, batchId, STATE_LABELS));
  await timed('postings.check.units', () => q.findUnits(tx, batchId));
  await timed('postings.check.classify', () => q.classify(tx, batchId));
  const c = await q.countOutcomes(tx, batchId, today);
  const units = await q.unitsToCreate(tx, batchId);
  return {
    rows: Number(c?.rows ?? 0),
    rowsWithProblems: Number(c?.bad ?? 0),
    postings: { new: Number(c?.new ?? 0), unchanged: Number(c?.unchanged ?? 0), rejected: Number(c?.rejected ?? 0) },
    inPost: Number(c?.in_post ?? 0),
    proposed: Number(c?.new ?? 0) - Number(c?.in_post ?? 0),
    persons: { new: Number(c?.persons ?? 0) },
    units: { new: units.length },
    unitsToCreate: units.map((u) => ({ name: u.name, level: u.level, regionCode: u.region_code, regionName: u.region_name })),
  };
}

/**
 * A masked row (2113**************, from a masked export) names the posting of its village from its start date held by
 * a person of its name whose ID number has the visible characters: that person's number is then the row's. None or
 * several is a problem: a new posting needs the full number.
 */
async function resolveMasked(tx: Tx, keys: PiiKeys, batchId: number) {
  const rows = await q.maskedCandidates(tx, batchId);
  if (!rows.length) return;
  const byRow = new Map<number, { r: (typeof rows)[number]; hashes: Set<string> }>();
  for (const r of rows) {
    const entry = byRow.get(r.row_number) ?? { r, hashes: new Set<string>() };
    byRow.set(r.row_number, entry);
    if (!r.id_cipher || !r.id_hash) continue;
    const id = decrypt(keys, r.id_cipher);
    if ([...r.pattern].every((ch, i) => ch === '*' || ch === id[i])) entry.hashes.add(r.id_hash);
  }
  const found: { row: number; hash: string }[] = [];
  const problems: { row: number; column: string; code: string; params: Record<string, string | number> }[] = [];
  for (const [row, { r, hashes }] of byRow) {
    const [hash] = hashes;
    if (hashes.size === 1 && hash) found.push({ row, hash });
    else
      problems.push({
        row,
        column: 'id_number',
        code: hashes.size > 1 ? 'MASKED_ID_AMBIGUOUS_POSTING' : 'MASKED_ID_NO_POSTING',
        params: { masked: r.pattern, village: r.village_name, start: r.start_date, name: r.name, count: hashes.size },
      });
  }
  await q.settleMasked(tx, batchId, found, problems);
}

/** Reads a postings file from disk and stages it as a batch (the preview, in the background for an upload). */
export async function stagePostingsFile(db: Db, keys: PiiKeys, opts: StageFileOptions, onProgress?: (p: FileProgress) => void) {
  return stageSheet({ path: opts.path, signal: opts.signal, columns: POSTINGS }, onProgress, (header, rows, onStageProgress) =>
    stagePostings(
      db,
      keys,
      { ...opts, storedFile: opts.path, headerRow: header.headerRowNumber, batchId: opts.batchId },
      rows,
      onStageProgress,
    ),
  );
}

/**
 * Preview: reads every row, checks it alone and against the database, and stages the result; nothing but the batch
 * is written. A failure fails the batch (its reason kept in both languages) and is thrown.
 */
export async function stagePostings(
  db: Db,
  keys: PiiKeys,
  opts: BatchOptions & { batchId?: number },
  rows: RowSource<PostingColumnId>,
  onProgress?: (p: Progress) => void,
): Promise<{ batchId: number; counts: PostingCounts }> {
  const batchId = opts.batchId ?? (await createBatch(db, { ...opts, kind: 'postings' }));
  const today = thisDay();
  try {
    const villages = await VillageIndex.load(db, opts.scopeCode);
    const check = { villages, keys, today: new Date(`${today}T00:00:00Z`) };
    const n = await stageChecked(
      db,
      batchId,
      POSTING_STAGING,
      rows,
      (row) => validatePostingRow(row.rowNumber, row.cells, check),
      onProgress,
    );
    onProgress?.({ phase: 'checking', rows: n });
    const counts = await db.transaction().execute(async (tx) => {
      await q.analyzeStaged(tx);
      const c = await checkPostings(tx, keys, batchId, today);
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
