/**
 * The routes of an import's life, for any kind of import: upload → preview in the background (with progress) →
 * problems and report → commit or discard, and the recent batches. The register's (/registry/imports) and the cadres'
 * postings (/cadres/imports) are both made here, so they share the upload limits and quotas, the background preview,
 * the report and the statuses; each kind brings its preview, its commit, its summary and its problem words.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, notFound } from '../../../server/errors.ts';
import { bilingual, type Lang } from '../../../server/i18n.ts';
import { requestActor, typed } from '../../../server/module.ts';
import { fileResponse, XLSX } from '../../../server/openapi.ts';
import { hasPermission } from '../../auth/roles.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { sendDownload } from '../download.ts';
import { InterchangeError } from '../interchange/errors.ts';
import { formatOf } from '../interchange/read.ts';
import { inspectXlsx } from '../interchange/xlsx-limits.ts';
import { jobs } from '../jobs.ts';
import { recentImports } from '../queries.ts';
import { IdParam, ProblemList, ProblemQuery, ReportQuery, Saved } from '../schema.ts';
import { type FileStager, openReport } from './file.ts';
import type { ProblemCatalogue } from './problems.ts';
import { batchOf, createBatch, discard, failBatch, failureIn, type ImportKind, problems } from './service.ts';
import { importSlots, keptBytes, previewInBackground, quotaExceeded, releaseUpload, runningPreviews, uploadLimits } from './uploads.ts';

const MAX_UPLOAD = 200 * 1024 * 1024;

/** Where uploads wait for their batch (DATA_DIR/imports): one folder, one quota, one sweeper for every kind. */
export const uploadsDir = (app: FastifyInstance) => path.join(app.deps.dataDir ?? 'data', 'imports');

/** A route's words in the document. */
interface Doc {
  summary: string;
  description?: string;
}

export interface ImportRoutesConfig {
  kind: ImportKind;
  /** Under /api: '/registry/imports'. */
  base: string;
  tags: string[];
  /** The record entity of one batch (its locator knows only batches of this kind). */
  entity: string;
  /** The batch as the routes answer it, and the summary of a preview or a commit. */
  batchSchema: z.ZodType;
  summarySchema: z.ZodType;
  docs: { upload: Doc; list: Doc; one: Doc; problems: Doc; report: Doc; commit: Doc; discard: Doc };
  /** The kind's preview of the stored file. */
  stager: FileStager;
  /** The kind's commit of a previewed batch: what it did. */
  commit: (req: FastifyRequest, batchId: number) => Promise<unknown>;
  /** Refuses an upload before its body is read (who may import this kind). */
  mayUpload?: (req: FastifyRequest) => void;
  /** The kind's problem words and columns (default the register's). */
  catalogue?: ProblemCatalogue;
  /** The report's file name without extension, from the uploaded file's. */
  reportName: (lang: Lang, problemsOnly: boolean, filename: string) => string;
}

export function importBatchRoutes(app: FastifyInstance, keys: PiiKeys, cfg: ImportRoutesConfig) {
  const r = typed(app);
  const { db } = app.deps.database;
  const uploads = uploadsDir(app);
  const { tags, kind, base } = cfg;
  const write = 'data.write' as const;
  const record = { kind: 'record', entity: cfg.entity, param: 'id', permission: write } as const;

  const batchView = (b: NonNullable<Awaited<ReturnType<typeof batchOf>>>, lang: Lang) => ({
    id: b.id,
    filename: b.filename,
    // The column's check constraint holds the statuses; the summary is the JSON the import wrote.
    status: b.status,
    scopeCode: b.scope_code,
    actorName: b.actor_name,
    createdAt: b.created_at.toISOString(),
    summary: failureIn(b.summary, lang),
    progress: failureIn(jobs.get(b.id), lang),
  });
  /** The batch named in the URL; the record locator already placed it in the user's scope and kind. */
  const batch = async (id: number) => {
    const b = await batchOf(db, id);
    if (!b || b.kind !== kind) throw notFound();
    return b;
  };

  r.post(
    base,
    {
      config: { access: { kind: 'collection', entity: cfg.entity, permission: write } },
      schema: { tags, ...cfg.docs.upload, response: { 200: Saved } },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, { type: req.headers['content-type'] ?? '' });
      cfg.mayUpload?.(req);
      const actor = requestActor(req);
      const limits = await uploadLimits(db);
      const release = importSlots.acquire(actor.id, limits, await runningPreviews(db, actor.id));
      let stored: string | null = null;
      try {
        const room = limits.quotaBytes - (await keptBytes(db, uploads, actor.id));
        if (room <= 0) throw quotaExceeded(limits.quotaBytes - room, limits.quotaBytes);
        const part = await req.file({ limits: { fileSize: Math.min(MAX_UPLOAD, room), files: 1 } });
        if (!part) throw new AppError('IMPORT_NO_FILE', 400);
        const format = formatOf(part.filename);
        if (!format) {
          part.file.resume();
          throw new AppError('IMPORT_BAD_TYPE', 400, { name: part.filename });
        }
        mkdirSync(uploads, { recursive: true });
        stored = path.join(uploads, `${Date.now()}-${randomBytes(6).toString('hex')}.${format}`);
        let truncated = false;
        try {
          await pipeline(part.file, createWriteStream(stored));
        } catch (e) {
          if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
          truncated = true;
        }
        if (truncated || part.file.truncated) {
          if (room < MAX_UPLOAD) throw quotaExceeded(limits.quotaBytes - room, limits.quotaBytes);
          throw new AppError('IMPORT_FILE_TOO_LARGE', 413, { max: MAX_UPLOAD / 1024 / 1024 });
        }
        // An xlsx is a zip: what it unpacks to is judged from its directory before the preview starts.
        if (format === 'xlsx') {
          await inspectXlsx(stored).catch((e) => {
            if (e instanceof InterchangeError && e.code === 'UNPACKED_TOO_LARGE') {
              throw new AppError('IMPORT_FILE_REJECTED', 413, { reason: e.messageFor(req.lang) }, e.details);
            }
            // Other damage is reported by the preview, as for any unreadable file.
          });
        }
        const batchId = await createBatch(db, { kind, scopeCode: req.region, actor, filename: part.filename, storedFile: stored });
        const opts = { path: stored, filename: part.filename, scopeCode: req.region, actor, batchId };
        // The batch, staging, now counts as a running preview: the upload's own slot is given back.
        release();
        const job = previewInBackground(db, keys, uploads, { ...opts, signal: app.background.signal }, app.log, cfg.stager);
        // A shutdown stops the preview between two batches of rows; one it cannot wait for is marked failed.
        app.background.track(job, () => failBatch(db, batchId, bilingual('IMPORT_PREVIEW_INTERRUPTED')));
        return { id: batchId };
      } catch (e) {
        release();
        if (stored) await rm(stored, { force: true });
        throw e;
      }
    },
  );

  r.get(
    base,
    {
      config: { access: { kind: 'collection', entity: cfg.entity, permission: write } },
      schema: { tags, ...cfg.docs.list, response: { 200: z.object({ items: z.array(cfg.batchSchema) }) } },
    },
    async (req) => {
      const rows = await recentImports(db, req.region, kind);
      return { items: rows.map((b) => batchView(b, req.lang)) };
    },
  );

  r.get(
    `${base}/:id`,
    { config: { access: record }, schema: { tags, ...cfg.docs.one, params: IdParam, response: { 200: cfg.batchSchema } } },
    async (req) => batchView(await batch(req.params.id), req.lang),
  );

  r.get(
    `${base}/:id/problems`,
    {
      config: { access: record },
      schema: { tags, ...cfg.docs.problems, params: IdParam, querystring: ProblemQuery, response: { 200: ProblemList } },
    },
    async (req) => {
      await batch(req.params.id);
      const items = await problems<string>(db, req.params.id, req.lang, {
        afterRow: req.query.afterRow,
        limit: req.query.limit,
        kind,
        catalogue: cfg.catalogue,
      });
      return { items, nextAfterRow: items.length ? (items.at(-1)?.row ?? null) : null };
    },
  );

  r.get(
    `${base}/:id/report`,
    {
      config: { access: record },
      schema: { tags, ...cfg.docs.report, params: IdParam, querystring: ReportQuery, response: fileResponse('The report workbook.') },
    },
    async (req, reply) => {
      const b = await batch(req.params.id);
      if (!b.stored_file || b.status !== 'previewed') throw new AppError('IMPORT_NO_REPORT', 409, { status: b.status });
      const actor = requestActor(req);
      const mask = b.actor_id !== actor.id && !hasPermission(actor.role, 'pii.unmask');
      const problemsOnly = req.query.rows === 'problems';
      const writeReport = await openReport(db, b.id, b.stored_file, req.lang, { mask, problemsOnly, kind, catalogue: cfg.catalogue });
      return sendDownload(reply, { type: XLSX, name: `${cfg.reportName(req.lang, problemsOnly, b.filename)}.xlsx` }, writeReport);
    },
  );

  r.post(
    `${base}/:id/commit`,
    {
      config: { access: record },
      schema: {
        tags,
        ...cfg.docs.commit,
        params: IdParam,
        response: { 200: z.object({ status: z.literal('committed'), counts: cfg.summarySchema }) },
      },
    },
    async (req) => {
      await batch(req.params.id);
      const counts = await cfg.commit(req, req.params.id);
      await releaseUpload(db, uploads, req.params.id);
      return { status: 'committed' as const, counts };
    },
  );

  r.post(
    `${base}/:id/discard`,
    {
      config: { access: record },
      schema: { tags, ...cfg.docs.discard, params: IdParam, response: { 200: z.object({ status: z.literal('discarded') }) } },
    },
    async (req) => {
      const b = await batch(req.params.id);
      if (b.status !== 'previewed' && b.status !== 'failed') throw new AppError('IMPORT_NOT_PREVIEWED', 409, { status: b.status });
      await discard(db, req.params.id);
      await releaseUpload(db, uploads, req.params.id);
      return { status: 'discarded' as const };
    },
  );
}
