import type { Writable } from 'node:stream';
import type { Db } from '../../../db/types.ts';
import type { Lang } from '../../../server/i18n.ts';
import type { Actor } from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { type ReadProgress, readRows } from '../interchange/read.ts';
import { writeErrorReport } from '../interchange/write.ts';
import { reasonsByRow, stage } from './service.ts';

export interface FileProgress {
  phase: 'reading' | 'checking' | 'committing' | 'done';
  rows: number;
  totalRows: number | null;
  bytesRead: number;
  totalBytes: number | null;
  /** Rows per second so far, and the seconds left at that rate (null while unknown). */
  rate: number;
  secondsLeft: number | null;
}

/** Reads a spreadsheet from disk and stages it as a batch (the preview). Memory stays flat for any size. */
export async function stageFile(
  db: Db,
  keys: PiiKeys,
  opts: { path: string; filename: string; scopeCode: string; actor: Actor; batchId?: number },
  onProgress?: (p: FileProgress) => void,
) {
  const started = Date.now();
  let last: ReadProgress = { rows: 0, bytesRead: 0, totalBytes: null, totalRowsEstimate: null, phase: 'file' };
  const report = (phase: FileProgress['phase'], rows = last.rows) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? rows / seconds : 0;
    const total = last.totalRowsEstimate;
    onProgress?.({
      phase,
      rows,
      totalRows: total,
      bytesRead: last.bytesRead,
      totalBytes: last.totalBytes,
      rate: Math.round(rate),
      secondsLeft: total && rate > 0 ? Math.max(0, Math.round((total - rows) / rate)) : null,
    });
  };
  const reader = readRows(
    { path: opts.path },
    {
      onProgress: (p) => {
        last = p;
        report('reading');
      },
    },
  );
  const header = await reader.header();
  const result = await stage(
    db,
    keys,
    {
      scopeCode: opts.scopeCode,
      actor: opts.actor,
      filename: opts.filename,
      storedFile: opts.path,
      headerRow: header.headerRowNumber,
      batchId: opts.batchId,
    },
    (async function* () {
      for await (const batch of reader.batches()) yield batch.map((row) => ({ rowNumber: row.rowNumber, cells: row.cells }));
    })(),
    (p) => {
      if (p.phase === 'checking') report('checking', p.rows);
    },
  );
  report('done');
  return { ...result, header };
}

/** The original rows with a reason column, re-read from the stored file so nothing of it had to be kept in memory. */
export async function writeReport(db: Db, batchId: number, path: string, out: string | Writable, lang: Lang) {
  const reasons = await reasonsByRow(db, batchId, lang);
  const reader = readRows({ path });
  const header = await reader.header();
  return writeErrorReport(
    out,
    header.header,
    (async function* () {
      for await (const row of reader) yield { raw: row.raw, reasons: reasons.get(row.rowNumber) ?? [] };
    })(),
    { lang },
  );
}
