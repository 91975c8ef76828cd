import type { Writable } from 'node:stream';
import type { Db } from '../../../db/types.ts';
import type { Lang } from '../../../server/i18n.ts';
import type { Actor } from '../../audit/service.ts';
import { maskId, maskPhone, type PiiKeys } from '../../pii/crypto.ts';
import type { ColumnSet } from '../interchange/columns.ts';
import { type HeaderInfo, type ReadProgress, readRows } from '../interchange/read.ts';
import { writeErrorReport } from '../interchange/write.ts';
import type { ProblemCatalogue } from './problems.ts';
import { type ImportKind, type InputRow, type Progress, reasonsByRow, stage } from './service.ts';

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

export interface StageFileOptions {
  path: string;
  filename: string;
  scopeCode: string;
  actor: Actor;
  batchId?: number;
  signal?: AbortSignal;
}

/** A kind's preview of a stored file: reads it and stages it into the batch, reporting progress. */
export type FileStager = (db: Db, keys: PiiKeys, opts: StageFileOptions, onProgress?: (p: FileProgress) => void) => Promise<unknown>;

/**
 * Reads a spreadsheet from disk in the format of `columns` and hands its header and its rows, a few hundred at a time,
 * to `stage`, reporting progress (rows read, bytes, rate, time left) while it reads and once `stage` says it checks.
 * Memory stays flat for any size. Every kind of import reads its files through this.
 */
export async function stageSheet<Id extends string, R>(
  opts: { path: string; signal?: AbortSignal; columns?: ColumnSet<Id> },
  onProgress: ((p: FileProgress) => void) | undefined,
  stage: (header: HeaderInfo<Id>, rows: AsyncIterable<InputRow<Id>[]>, onStageProgress: (p: Progress) => void) => Promise<R>,
): Promise<R & { header: HeaderInfo<Id> }> {
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
  const reader = readRows<Id>(
    { path: opts.path },
    {
      columns: opts.columns,
      onProgress: (p) => {
        last = p;
        report('reading');
      },
    },
  );
  const header = await reader.header();
  const result = await stage(
    header,
    (async function* () {
      for await (const batch of reader.batches()) {
        opts.signal?.throwIfAborted();
        yield batch.map((row) => ({ rowNumber: row.rowNumber, cells: row.cells }));
      }
    })(),
    (p) => {
      if (p.phase === 'checking') report('checking', p.rows);
    },
  );
  report('done');
  return { ...result, header };
}

/** Reads a register file from disk and stages it as a batch (the preview). Memory stays flat for any size. */
export async function stageFile(db: Db, keys: PiiKeys, opts: StageFileOptions, onProgress?: (p: FileProgress) => void) {
  return stageSheet({ path: opts.path, signal: opts.signal }, onProgress, (header, rows, onStageProgress) =>
    stage(
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
      rows,
      onStageProgress,
    ),
  );
}

/**
 * The original rows with a reason column, re-read from the stored file so nothing of it had to be kept in memory.
 * The reasons and the file's header are read here (a failure is an ordinary error, before any byte of a download);
 * the returned function writes the report.
 */
export async function openReport(
  db: Db,
  batchId: number,
  path: string,
  lang: Lang,
  opts: { mask?: boolean; problemsOnly?: boolean; kind?: ImportKind; catalogue?: ProblemCatalogue } = {},
) {
  const reasons = await reasonsByRow(db, batchId, lang, { kind: opts.kind, catalogue: opts.catalogue });
  const columns = opts.catalogue?.columns;
  const reader = readRows<string>({ path }, { columns });
  const header = await reader.header();
  // The report is the uploaded file itself: for anyone but its uploader (or a user who may unmask), the ID number
  // and phone cells are masked like everywhere else.
  const masks = new Map<number, (v: string) => string>();
  if (opts.mask) {
    for (const [index, column] of header.mapping) {
      if (column === 'id_number') masks.set(index, maskId);
      if (column === 'phone') masks.set(index, maskPhone);
    }
  }
  const shown = (raw: unknown[]) =>
    masks.size ? raw.map((v, i) => (v !== null && v !== undefined && v !== '' && masks.has(i) ? masks.get(i)?.(String(v)) : v)) : raw;
  return (out: string | Writable) =>
    writeErrorReport(
      out,
      header.header,
      (async function* () {
        for await (const row of reader) yield { rowNumber: row.rowNumber, raw: shown(row.raw), reasons: reasons.get(row.rowNumber) ?? [] };
      })(),
      { lang, rowNumbers: true, problemsOnly: opts.problemsOnly, columnSet: columns },
    );
}

export async function writeReport(db: Db, batchId: number, path: string, out: string | Writable, lang: Lang) {
  return (await openReport(db, batchId, path, lang))(out);
}
