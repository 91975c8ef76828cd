/**
 * Postings as spreadsheets: the export of a filter (xlsx or csv), and the import's routes, which are the register's
 * (registry/import/routes.ts) with the postings' preview, commit, summary and problem words.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../server/errors.ts';
import { requestActor, typed } from '../../server/module.ts';
import { fileResponse, XLSX } from '../../server/openapi.ts';
import { record } from '../audit/service.ts';
import { hasPermission } from '../auth/roles.ts';
import { assertMayOpen, procedureActor } from '../procedures/service.ts';
import { findRegion } from '../regions/queries.ts';
import { primed, sendDownload } from '../registry/download.ts';
import { importBatchRoutes } from '../registry/import/routes.ts';
import { writeSheetCsv, writeSheetXlsx } from '../registry/interchange/write.ts';
import { withUnmaskBudget } from '../security/unmask.ts';
import { countExportPersons } from './export.queries.ts';
import { exportPostingRows, postingsExportNaming } from './export.ts';
import { commitPostings } from './import/commit.ts';
import { POSTING_CATALOGUE } from './import/problems.ts';
import { stagePostingsFile } from './import/service.ts';
import { POSTINGS } from './interchange.ts';
import { POSTING } from './procedures.ts';
import { PostingExportQuery, PostingImportBatch, PostingImportSummary } from './schema.ts';

export function postingInterchangeRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const keys = app.deps.keys;
  const tags = ['cadres'];

  r.get(
    '/cadres/postings/export',
    {
      config: {
        access: { kind: 'collection', entity: 'cadre_posting', permission: 'data.read', region: { in: 'query', field: 'region' } },
      },
      schema: {
        tags,
        summary: 'The postings of a filter as a spreadsheet (驻村干部花名册), .xlsx or .csv, in the import format',
        description:
          'The same filters as the list (state, role, q). ID numbers and phones are masked; `unmask=1` writes them in full: it needs pii.unmask, counts against the unmasking budget and is audited. An unmasked export imports again as unchanged, and so does a masked one (a masked ID number names the posting on file).',
        querystring: PostingExportQuery,
        response: fileResponse('The postings file, one row per posting.', [XLSX, 'text/csv']),
      },
    },
    async (req, reply) => {
      const unmask = req.query.unmask === '1';
      const actor = requestActor(req);
      if (unmask && !hasPermission(actor.role, 'pii.unmask')) throw new AppError('FORBIDDEN', 403);
      const text = req.query.q?.trim();
      const latin = text && /^[a-z]+$/i.test(text) ? text.toLowerCase() : undefined;
      const filter = {
        region: req.region,
        state: req.query.state,
        role: req.query.role,
        name: latin ? undefined : text || undefined,
        pinyin: latin,
      };
      const query = { state: req.query.state, role: req.query.role, q: req.query.q, format: req.query.format };
      if (unmask) {
        const persons = await countExportPersons(db, filter);
        await withUnmaskBudget(
          db,
          actor,
          {
            scopeCode: req.region,
            actorScope: req.user?.scope_code ?? req.region,
            persons,
            source: 'export',
            details: { filter: query, what: 'postings' },
          },
          (tx) =>
            record(tx, actor, {
              scopeCode: req.region,
              entity: 'cadre_postings',
              entityId: req.region,
              action: 'export_unmasked',
              after: { filter: query, persons },
            }),
        );
      }
      const region = await findRegion(db, req.region);
      const rows = await primed(exportPostingRows(db, keys, filter, unmask));
      const lang = req.lang;
      const { filename: name, title } = postingsExportNaming({
        scopeName: region?.name ?? req.region,
        filter: req.query,
        date: new Date().toISOString().slice(0, 10),
        format: req.query.format,
        lang,
      });
      return req.query.format === 'csv'
        ? sendDownload(reply, { type: 'text/csv; charset=utf-8', name }, (out) => writeSheetCsv(out, rows, { lang, columnSet: POSTINGS }))
        : sendDownload(reply, { type: XLSX, name }, (out) => writeSheetXlsx(out, rows, { lang, title, columnSet: POSTINGS }));
    },
  );

  importBatchRoutes(app, keys, {
    kind: 'postings',
    base: '/cadres/imports',
    tags,
    entity: 'posting_import',
    batchSchema: PostingImportBatch,
    summarySchema: PostingImportSummary,
    stager: stagePostingsFile,
    // Postings are opened (and confirmed) by the county: a township or village user is refused before the upload.
    mayUpload: (req) => assertMayOpen(POSTING, procedureActor(req)),
    commit: (req, id) => commitPostings(db, keys, procedureActor(req), id),
    catalogue: POSTING_CATALOGUE,
    reportName: (lang, problemsOnly, filename) =>
      `${lang === 'en' ? (problemsOnly ? 'posting problem rows' : 'posting problems') : problemsOnly ? '驻村干部导入错误-仅问题行' : '驻村干部导入错误'}-${filename.replace(/\.\w+$/, '')}`,
    docs: {
      upload: {
        summary: 'Upload a postings file (驻村干部花名册, .xlsx or .csv, at most 200 MB) to import',
        description:
          "multipart/form-data with one file field; columns 姓名 证件号码 性别 派出单位 派出单位层级 职务 是否党员 联系电话 市 县(市、区) 乡(镇) 行政村 村代码 驻村身份 任职开始日期 任职结束日期. Answers the batch id at once; the preview runs in the background (poll `GET /api/cadres/imports/{id}`). County level and above (403 PROCEDURE_LEVEL). The same limits and quota as the register's uploads.",
      },
      list: { summary: "The last 20 postings imports of the user's region" },
      one: {
        summary: "One postings import: its status, with the preview's progress or outcome",
        description:
          'The summary counts new, unchanged and rejected postings, the new ones that will be in post or proposed, new persons, and the units the commit creates (`unitsToCreate`).',
      },
      problems: {
        summary: 'The problems the postings preview found, by file row',
        description: 'Pages by `afterRow` (pass `nextAfterRow`).',
      },
      report: {
        summary: 'The postings problem report: the uploaded rows with a column of their problems (.xlsx)',
        description: '`rows=problems` keeps only the rows with a problem. Only while the batch is previewed (409 IMPORT_NO_REPORT).',
      },
      commit: {
        summary: 'Commit a previewed postings import',
        description:
          'Checks again, then writes the new postings in one transaction: missing units, persons, cadre profiles, postings and their cases (proposed, and confirmed in post from the start when it is not in the future). Rows with problems and postings on file write nothing.',
      },
      discard: { summary: 'Discard a previewed or failed postings import' },
    },
  });
}
