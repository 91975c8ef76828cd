/**
 * The small imports' shared path (docs/decisions/0015-village-points.md): village points and foreign check-ins are
 * read by the register's reader with their column sets, checked in memory and against the database, and answered
 * as a preview; a commit reads the same file again, checks again in its transaction and writes everything or
 * nothing. Problems have the register's shape (row, column, code, message in the user's language).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../server/errors.ts';
import type { Lang } from '../../../server/i18n.ts';
import { type Problem, type ProblemCatalogue, problemMessage } from '../../registry/import/problems.ts';
import type { ColumnSet } from '../../registry/interchange/columns.ts';
import { InterchangeError } from '../../registry/interchange/errors.ts';
import { formatOf, readRows, type SheetInput, type SheetRow } from '../../registry/interchange/read.ts';

/** A points file of a whole province is ~20,000 rows and under 2 MB; a year of one county's check-ins ~100,000. */
export const MAX_SMALL_UPLOAD = 20 * 1024 * 1024;

/** The file's rows with the recognised cells; a file the reader refuses is an InterchangeError. */
export async function readSheet<Id extends string>(input: SheetInput, columns: ColumnSet<Id>, maxRows: number): Promise<SheetRow<Id>[]> {
  const reader = readRows<Id>(input, { columns, maxRows, maxBytes: MAX_SMALL_UPLOAD });
  const rows: SheetRow<Id>[] = [];
  for await (const batch of reader.batches()) rows.push(...batch);
  return rows;
}

/** A file refused as a whole, in the user's language (400 IMPORT_FILE_REJECTED, as the batch upload answers). */
export function fileRejected(e: unknown, lang: Lang): never {
  if (e instanceof InterchangeError) throw new AppError('IMPORT_FILE_REJECTED', 400, { reason: e.messageFor(lang) }, e.details);
  throw e;
}

export interface WordedProblem {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export const worded = (problems: readonly Problem<string>[], lang: Lang, catalogue: ProblemCatalogue): WordedProblem[] =>
  problems
    .slice()
    .sort((a, b) => a.row - b.row)
    .map((p) => ({ row: p.row, column: p.column, code: p.code, message: problemMessage(p, lang, catalogue) }));

/**
 * The uploaded file (multipart, one file field) in a temporary file under `dir`; `use` runs with it and the file is
 * removed afterwards whatever happens.
 */
export async function withUploadedSheet<T>(
  req: FastifyRequest,
  dir: string,
  use: (file: { path: string; filename: string }) => Promise<T>,
) {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, { type: req.headers['content-type'] ?? '' });
  const part = await req.file({ limits: { fileSize: MAX_SMALL_UPLOAD, files: 1 } });
  if (!part) throw new AppError('IMPORT_NO_FILE', 400);
  const format = formatOf(part.filename);
  if (!format) {
    part.file.resume();
    throw new AppError('IMPORT_BAD_TYPE', 400, { name: part.filename });
  }
  mkdirSync(dir, { recursive: true });
  const stored = path.join(dir, `small-${Date.now()}-${randomBytes(6).toString('hex')}.${format}`);
  try {
    let truncated = false;
    try {
      await pipeline(part.file, createWriteStream(stored));
    } catch (e) {
      if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
      truncated = true;
    }
    if (truncated || part.file.truncated) throw new AppError('IMPORT_FILE_TOO_LARGE', 413, { max: MAX_SMALL_UPLOAD / 1024 / 1024 });
    return await use({ path: stored, filename: part.filename });
  } finally {
    await rm(stored, { force: true });
  }
}
