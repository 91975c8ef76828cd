/**
 * Uploaded register files: how many previews run at once, how much a user may keep, and when a kept file goes.
 * A file lives in DATA_DIR/imports only while its batch may still need it (staging, or previewed for the error
 * report and the commit); a rejected, failed, discarded, committed or expired upload is removed, and a periodic sweep
 * removes what a crash or a lost race left behind. Files outside that folder (the command line imports the user's
 * own file in place) are never touched.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db, Tx } from '../../../db/types.ts';
import { AppError } from '../../../server/errors.ts';
import { ShuttingDown } from '../../../server/plugins/lifecycle.ts';
import type { Actor } from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { getSetting } from '../../settings.ts';
import { InterchangeError } from '../interchange/errors.ts';
import { jobs } from '../jobs.ts';
import { type FileStager, stageFile } from './file.ts';
import { dropStaged, failBatch, failureReason } from './service.ts';

const MB = 1024 * 1024;
/** A file in the folder that no batch names is left alone this long: its upload may still be under way. */
const ORPHAN_GRACE_MS = 60 * 60 * 1000;

export interface UploadLimits {
  keepHours: number;
  maxRunningPerUser: number;
  maxRunning: number;
  quotaBytes: number;
}

export async function uploadLimits(db: Db): Promise<UploadLimits> {
  return {
    keepHours: Number(await getSetting(db, 'import.preview_keep_hours', 24)),
    maxRunningPerUser: Number(await getSetting(db, 'import.max_running_per_user', 1)),
    maxRunning: Number(await getSetting(db, 'import.max_running', 2)),
    quotaBytes: Number(await getSetting(db, 'import.user_quota_mb', 1024)) * MB,
  };
}

/** A batch still 'staging' after this long was left by a process that died: it no longer counts as running. */
const STALE_STAGING_MS = 2 * 3600_000;

/** Previews running now (batches staging), the user's and all. */
export async function runningPreviews(db: Db, userId: number): Promise<{ user: number; total: number }> {
  const rows = await db
    .selectFrom('import_batch')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('id').filterWhere('actor_id', '=', userId).as('user')])
    .where('status', '=', 'staging')
    // A household form's save stages through a batch too (named `form` or `edit:<id>`) inside its own request; it is
    // not an upload, and counting it made an upload during a colleague's save fail with IMPORT_BUSY_USER.
    .where('filename', '<>', 'form')
    .where('filename', 'not like', 'edit:%')
    .where('created_at', '>', new Date(Date.now() - STALE_STAGING_MS))
    .executeTakeFirst();
  return { user: Number(rows?.user ?? 0), total: Number(rows?.total ?? 0) };
}

/**
 * Uploads being received by this process, per user and in all. A running preview is a batch in 'staging' (counted
 * from the database, so a preview counts until its result is visible); an upload is counted here from before its
 * body is read until its batch exists. The check and the count are synchronous, so two requests cannot both pass.
 */
export class ImportSlots {
  private readonly perUser = new Map<number, number>();
  private total = 0;

  acquire(
    userId: number,
    limits: Pick<UploadLimits, 'maxRunningPerUser' | 'maxRunning'>,
    running: { user: number; total: number } = { user: 0, total: 0 },
  ): () => void {
    if ((this.perUser.get(userId) ?? 0) + running.user >= limits.maxRunningPerUser) {
      throw new AppError('IMPORT_BUSY_USER', 429, { max: limits.maxRunningPerUser });
    }
    if (this.total + running.total >= limits.maxRunning) throw new AppError('IMPORT_BUSY', 429, { max: limits.maxRunning });
    this.perUser.set(userId, (this.perUser.get(userId) ?? 0) + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const n = (this.perUser.get(userId) ?? 1) - 1;
      if (n > 0) this.perUser.set(userId, n);
      else this.perUser.delete(userId);
    };
  }

  get running() {
    return this.total;
  }
}

export const importSlots = new ImportSlots();

const inside = (dir: string, file: string) => path.resolve(file).startsWith(`${path.resolve(dir)}${path.sep}`);

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** Bytes of upload files the user's batches still keep in `dir`. */
export async function keptBytes(db: Db, dir: string, actorId: number): Promise<number> {
  const rows = await db
    .selectFrom('import_batch')
    .select('stored_file')
    .where('actor_id', '=', actorId)
    .where('stored_file', 'is not', null)
    .execute();
  let total = 0;
  for (const r of rows) if (r.stored_file && inside(dir, r.stored_file)) total += await sizeOf(r.stored_file);
  return total;
}

export function quotaExceeded(used: number, quota: number) {
  return new AppError('IMPORT_QUOTA_EXCEEDED', 413, { used: Math.round((used / MB) * 10) / 10, quota: Math.round(quota / MB) });
}

/** Removes a file of the uploads folder (anything else is left alone). */
export async function removeFile(dir: string, file: string | null | undefined) {
  if (file && inside(dir, file)) await rm(file, { force: true });
}

/** The batch no longer needs its upload: the file goes, and the batch forgets it. */
export async function releaseUpload(db: Db, dir: string, batchId: number) {
  const b = await db.selectFrom('import_batch').select('stored_file').where('id', '=', batchId).executeTakeFirst();
  if (!b?.stored_file || !inside(dir, b.stored_file)) return;
  await rm(b.stored_file, { force: true });
  await db.updateTable('import_batch').set({ stored_file: null }).where('id', '=', batchId).execute();
}

/**
 * Reads the stored upload into a preview in the background (`stager`: the kind's preview, by default the register's).
 * A file that cannot be read fails the batch (the reason kept in both languages; an unexpected error is logged) and is
 * removed.
 */
export function previewInBackground(
  db: Db,
  keys: PiiKeys,
  dir: string,
  opts: { path: string; filename: string; scopeCode: string; actor: Actor; batchId: number; signal?: AbortSignal },
  log: { error(o: object, msg: string): void },
  stager: FileStager = stageFile,
) {
  const { batchId } = opts;
  return stager(db, keys, opts, (p) => jobs.set(batchId, p))
    .catch(async (e) => {
      if (!(e instanceof InterchangeError) && !(e instanceof AppError) && !(e instanceof ShuttingDown))
        log.error({ err: e, batchId }, 'import preview failed');
      const reason = failureReason(e, batchId);
      jobs.fail(batchId, reason);
      await releaseUpload(db, dir, batchId);
      await failBatch(db, batchId, reason);
    })
    .catch((e) => log.error({ err: e, batchId }, 'import preview: marking the batch failed failed'))
    .finally(() => jobs.done(batchId));
}

export interface SweepResult {
  expired: number;
  removed: number;
  orphans: number;
}

/**
 * Expires previews older than `import.preview_keep_hours` (status discarded, summary.expiredAt), removes the uploads
 * of batches that no longer need them, and files of the folder that no batch names.
 */
export async function sweepUploads(db: Db, dir: string, now = new Date()): Promise<SweepResult> {
  const { keepHours } = await uploadLimits(db);
  const cutoff = new Date(now.getTime() - keepHours * 3600_000);
  const old = await db.selectFrom('import_batch').select('id').where('status', '=', 'previewed').where('created_at', '<', cutoff).execute();
  for (const { id } of old) {
    await db.transaction().execute(async (tx) => {
      const b = await tx.selectFrom('import_batch').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
      if (b?.status !== 'previewed') return; // committed or discarded meanwhile
      await tx
        .updateTable('import_batch')
        .set({
          status: 'discarded',
          finished_at: now,
          summary: JSON.stringify({ ...(await summaryOf(tx, id)), expiredAt: now.toISOString() }),
        })
        .where('id', '=', id)
        .execute();
      await dropStaged(tx, id);
      await tx.deleteFrom('import_household').where('batch_id', '=', id).execute();
    });
  }

  let removed = 0;
  const done = await db
    .selectFrom('import_batch')
    .select(['id', 'stored_file'])
    .where('stored_file', 'is not', null)
    .where('status', 'not in', ['staging', 'previewed'])
    .execute();
  for (const b of done) {
    if (!b.stored_file || !inside(dir, b.stored_file)) continue;
    await releaseUpload(db, dir, b.id);
    removed++;
  }

  let orphans = 0;
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch {
    return { expired: old.length, removed, orphans };
  }
  const named = new Set(
    (await db.selectFrom('import_batch').select('stored_file').where('stored_file', 'is not', null).execute()).map((r) =>
      path.resolve(r.stored_file ?? ''),
    ),
  );
  for (const name of names) {
    const file = path.resolve(dir, name);
    if (named.has(file)) continue;
    try {
      const s = await stat(file);
      if (!s.isFile() || now.getTime() - s.mtimeMs < ORPHAN_GRACE_MS) continue;
      await rm(file, { force: true });
      orphans++;
    } catch {
      // gone meanwhile
    }
  }
  return { expired: old.length, removed, orphans };
}

async function summaryOf(tx: Tx, id: number): Promise<Record<string, unknown>> {
  const b = await tx.selectFrom('import_batch').select('summary').where('id', '=', id).executeTakeFirst();
  return (b?.summary as Record<string, unknown> | null) ?? {};
}

/** Runs the sweep every `everyMs`; `stop()` on server close. */
export function startUploadSweeper(db: Db, dir: string, log: { warn(o: object, msg: string): void }, everyMs = 10 * 60_000) {
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running !== null) return;
    running = sweepUploads(db, dir)
      .catch((err) => log.warn({ err }, 'upload sweep failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
