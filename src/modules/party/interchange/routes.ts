/**
 * The organisations' and members' spreadsheets: the export of a region (xlsx or csv) and the import's routes, which
 * are the register's batch routes (registry/import/routes.ts) with the party kinds' preview, commit and words.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../server/errors.ts';
import { requestActor, typed } from '../../../server/module.ts';
import { fileResponse, nameSchemas, XLSX } from '../../../server/openapi.ts';
import { record } from '../../audit/service.ts';
import { hasPermission } from '../../auth/roles.ts';
import { findRegion } from '../../regions/queries.ts';
import { RegionCode } from '../../regions/schema.ts';
import { primed, sendDownload } from '../../registry/download.ts';
import { importBatchRoutes } from '../../registry/import/routes.ts';
import type { ColumnSet } from '../../registry/interchange/columns.ts';
import { writeSheetCsv, writeSheetXlsx } from '../../registry/interchange/write.ts';
import { ImportProgress } from '../../registry/schema.ts';
import { withUnmaskBudget } from '../../security/unmask.ts';
import { MEMBERS, ORGS } from './columns.ts';
import { countExportPersons } from './queries.ts';
import {
  commitParty,
  exportMemberRows,
  exportOrgRows,
  MEMBER_CATALOGUE,
  ORG_CATALOGUE,
  type PartyKind,
  partyFileStager,
} from './service.ts';

const Outcomes = z.object({
  new: z.number(),
  /** Ledger: cases on file the import updates (new progress lines, steps forward). */
  updated: z.number().optional(),
  unchanged: z.number(),
  rejected: z.number(),
});
export const PartyImportSummary = z.object({
  rows: z.number().optional(),
  rowsWithProblems: z.number().optional(),
  records: Outcomes.optional(),
  persons: z.object({ new: z.number() }).optional(),
  secretaries: z.number().optional(),
  /** Ledger: the progress entries the new cases bring and the updated cases gain. */
  progressEntries: z.number().optional(),
  error: z.string().optional(),
  interrupted: z.boolean().optional(),
  expiredAt: z.string().optional(),
});
export const PartyImportBatch = z.object({
  id: z.number(),
  filename: z.string(),
  status: z.enum(['staging', 'previewed', 'committed', 'discarded', 'failed']),
  scopeCode: z.string(),
  actorName: z.string(),
  createdAt: z.string(),
  summary: PartyImportSummary.nullable(),
  progress: ImportProgress.nullable(),
});
export const PartyExportQuery = z.strictObject({
  region: RegionCode.optional(),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  /** Full ID numbers and phones: needs pii.unmask, counts against the unmasking budget, audited. */
  unmask: z.enum(['0', '1']).default('0'),
});
nameSchemas({ PartyImportBatch, PartyImportSummary });

const WORDS = {
  party_orgs: {
    zh: '村党组织',
    en: 'organisations',
    path: 'orgs',
    entity: 'party_org_import',
    columns: ORGS as ColumnSet,
    catalogue: ORG_CATALOGUE,
  },
  party_members: {
    zh: '党员',
    en: 'members',
    path: 'members',
    entity: 'party_member_import',
    columns: MEMBERS as ColumnSet,
    catalogue: MEMBER_CATALOGUE,
  },
} as const;

export function interchangeRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const keys = app.deps.keys;
  const tags = ['party'];

  for (const kind of ['party_orgs', 'party_members'] as const satisfies readonly PartyKind[]) {
    const w = WORDS[kind];
    r.get(
      `/party/${w.path}/export`,
      {
        config: {
          access: {
            kind: 'collection',
            entity: kind === 'party_orgs' ? 'party_org' : 'party_member',
            permission: 'data.read',
            region: { in: 'query', field: 'region' },
          },
        },
        schema: {
          tags,
          summary: `The ${w.en} of a region as a spreadsheet (${w.zh}), .xlsx or .csv, in the import format`,
          description:
            'ID numbers and phones are masked; `unmask=1` writes them in full: it needs pii.unmask, counts against the unmasking budget and is audited. An unmasked file imports again as unchanged.',
          querystring: PartyExportQuery,
          response: fileResponse(`The ${w.en} file.`, [XLSX, 'text/csv']),
        },
      },
      async (req, reply) => {
        const unmask = req.query.unmask === '1';
        const actor = requestActor(req);
        if (unmask && !hasPermission(actor.role, 'pii.unmask')) throw new AppError('FORBIDDEN', 403);
        if (unmask) {
          const persons = await countExportPersons(db, kind, req.region);
          await withUnmaskBudget(
            db,
            actor,
            { scopeCode: req.region, actorScope: req.user?.scope_code ?? req.region, persons, source: 'export', details: { what: kind } },
            (tx) =>
              record(tx, actor, {
                scopeCode: req.region,
                entity: kind,
                entityId: req.region,
                action: 'export_unmasked',
                after: { persons },
              }),
          );
        }
        const region = await findRegion(db, req.region);
        const rows =
          kind === 'party_orgs'
            ? await primed(exportOrgRows(db, keys, req.region, unmask))
            : await primed(exportMemberRows(db, keys, req.region, unmask));
        const lang = req.lang;
        const date = new Date().toISOString().slice(0, 10);
        const title = `${region?.name ?? req.region} ${lang === 'en' ? w.en : w.zh} ${date}`;
        const name = `${title.replace(/\s+/g, '-')}.${req.query.format}`;
        return req.query.format === 'csv'
          ? sendDownload(reply, { type: 'text/csv; charset=utf-8', name }, (out) =>
              writeSheetCsv(out, rows as never, { lang, columnSet: w.columns }),
            )
          : sendDownload(reply, { type: XLSX, name }, (out) => writeSheetXlsx(out, rows as never, { lang, title, columnSet: w.columns }));
      },
    );

    importBatchRoutes(app, keys, {
      kind,
      base: `/party/imports/${w.path}`,
      tags,
      entity: w.entity,
      batchSchema: PartyImportBatch,
      summarySchema: PartyImportSummary,
      stager: partyFileStager(kind),
      commit: (req, id) => commitParty(db, requestActor(req), kind, id),
      catalogue: w.catalogue,
      reportName: (lang, problemsOnly, filename) =>
        `${lang === 'en' ? `${w.en} problems${problemsOnly ? ' (rows)' : ''}` : `${w.zh}导入错误${problemsOnly ? '-仅问题行' : ''}`}-${filename.replace(/\.\w+$/, '')}`,
      docs: {
        upload: {
          summary: `Upload a ${w.en} file (${w.zh}, .xlsx or .csv) to import`,
          description:
            kind === 'party_orgs'
              ? 'Columns 村代码 行政村 组织名称 组织类型 成立日期 书记姓名 书记证件号码 是否一肩挑 书记任职日期. The preview runs in the background.'
              : 'Columns 姓名 证件号码 性别 村代码 行政村 入党日期 党员类别 岗位 职责 是否致富带头人 致富产业 联系电话. The preview runs in the background.',
        },
        list: { summary: `The last 20 ${w.en} imports of the user's region` },
        one: { summary: `One ${w.en} import: its status, with the preview's progress or outcome` },
        problems: { summary: `The problems the ${w.en} preview found, by file row`, description: 'Pages by `afterRow`.' },
        report: { summary: `The ${w.en} problem report: the uploaded rows with a column of their problems (.xlsx)` },
        commit: {
          summary: `Commit a previewed ${w.en} import`,
          description: 'Checks again, then writes new persons and records in one transaction; rows on file or with problems write nothing.',
        },
        discard: { summary: `Discard a previewed or failed ${w.en} import` },
      },
    });
  }
}
