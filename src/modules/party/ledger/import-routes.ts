import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../../server/errors.ts';
import type { Lang } from '../../../server/i18n.ts';
import { typed } from '../../../server/module.ts';
import { assertMayOpen, procedureActor } from '../../procedures/service.ts';
import { importBatchRoutes } from '../../registry/import/routes.ts';
import { batchOf } from '../../registry/import/service.ts';
import { IdParam } from '../../registry/schema.ts';
import { PartyImportBatch, PartyImportSummary } from '../interchange/routes.ts';
import { LEDGER_CATALOGUE } from './import/problems.ts';
import { outcomeRows } from './import/queries.ts';
import { commitPartyLedger, stagePartyLedgerFile } from './import/service.ts';
import { LEDGER } from './interchange.ts';
import { RECTIFICATION } from './procedures.ts';

const LedgerRowsQuery = z.strictObject({
  afterRow: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
const LedgerRow = z.object({
  row: z.number(),
  /** new: a case is created; update: the case on file changes (see `changes`); unchanged; rejected: see the problems. */
  outcome: z.enum(['new', 'update', 'unchanged', 'rejected']).nullable(),
  village: z.object({ code: z.string(), name: z.string().nullable() }).nullable(),
  year: z.number().nullable(),
  changes: z
    .object({
      from: z.string(),
      to: z.string(),
      steps: z.array(z.object({ action: z.string(), label: z.string(), date: z.string() })),
      progress: z.array(z.object({ date: z.string(), content: z.string() })),
      fields: z.array(z.string()),
      /** The changes in a sentence of the request's language. */
      text: z.string(),
    })
    .nullable(),
});

const pick = (l: { zh: string; en: string }, lang: Lang) => (lang === 'en' ? l.en : l.zh);
const stateLabel = (s: string, lang: Lang) => pick(RECTIFICATION.states[s]?.label ?? { zh: s, en: s }, lang);
const headerOf = (id: string, lang: Lang) => {
  const c = LEDGER.columns.find((x) => x.id === id);
  return c ? pick(c, lang) : id;
};

/** One preview row as the page shows it: what a commit would do to its case. */
function rowView(r: Awaited<ReturnType<typeof outcomeRows>>[number], lang: Lang) {
  const c = r.changes;
  const steps = (c?.steps ?? []).map((action) => {
    const t = RECTIFICATION.transitions.find((x) => x.action === action);
    return { action, label: t ? pick(t.label, lang) : action, date: c?.stepDays[action] ?? '' };
  });
  const en = lang === 'en';
  const parts: string[] = [];
  if (c && c.from !== c.to)
    parts.push(
      `${stateLabel(c.from, lang)} → ${stateLabel(c.to, lang)}${en ? ' (' : '（'}${steps.map((s) => `${s.label} ${s.date}`).join(en ? ', ' : '，')}${en ? ')' : '）'}`,
    );
  if (c?.progress.length) parts.push(en ? `${c.progress.length} new progress entries` : `新增整顿进展 ${c.progress.length} 条`);
  if (c?.fields.length) parts.push(`${en ? 'fills in: ' : '填写：'}${c.fields.map((f) => headerOf(f, lang)).join(en ? ', ' : '、')}`);
  return {
    row: r.row_number,
    outcome: r.outcome as z.infer<typeof LedgerRow>['outcome'],
    village: r.village_code ? { code: r.village_code, name: r.village_name } : null,
    year: r.year,
    changes: c
      ? {
          from: c.from,
          to: c.to,
          steps,
          progress: c.progress,
          fields: c.fields,
          text: parts.join(en ? '; ' : '；'),
        }
      : null,
  };
}

/**
 * The ledger spreadsheet's import (软弱涣散村党组织整顿台账): the register's batch routes with the ledger's preview,
 * commit and words, under /party/imports/ledger beside the organisations' and members'. Importing is for users who may
 * identify cases (township and above); a row whose state needs a step above the uploader's level is a problem of its row.
 */
export function ledgerImportRoutes(app: FastifyInstance) {
  const { db } = app.deps.database;
  importBatchRoutes(app, app.deps.keys, {
    kind: 'party_ledger',
    base: '/party/imports/ledger',
    tags: ['party'],
    entity: 'party_ledger_import',
    batchSchema: PartyImportBatch,
    summarySchema: PartyImportSummary,
    stager: stagePartyLedgerFile,
    mayUpload: (req) => assertMayOpen(RECTIFICATION, procedureActor(req)),
    commit: (req, id) => commitPartyLedger(db, procedureActor(req), id),
    catalogue: LEDGER_CATALOGUE,
    reportName: (lang, problemsOnly, filename) =>
      `${lang === 'en' ? `ledger problems${problemsOnly ? ' (rows)' : ''}` : `整顿台账导入错误${problemsOnly ? '-仅问题行' : ''}`}-${filename.replace(/\.\w+$/, '')}`,
    docs: {
      upload: {
        summary: 'Upload a rectification ledger (软弱涣散村党组织整顿台账, .xlsx or .csv) to import',
        description:
          "multipart/form-data with one file field; columns 序号 市 县(市、区) 乡(镇) 行政村 村代码 党组织名称 整顿年度 认定日期 软弱涣散类型 主要问题 整顿措施(一村一策) 县级联系领导 乡镇包村干部 第一书记 整顿时限 整顿进展 状态 销号日期 巩固日期 备注 (整顿年度 and 软弱涣散类型 required). Causes must be on the settings' list; a state needs what its steps need (the measures for 已定措施 on, 销号日期 for 已销号, 巩固日期 for 已巩固). A row whose village has a case of that year updates it: new dated progress lines are appended, a later state takes the steps to it. The preview runs in the background; villages outside the uploader's scope are problems.",
      },
      list: { summary: "The last 20 ledger imports of the user's region" },
      one: {
        summary: "One ledger import: its status, with the preview's progress or outcome (new, updated, unchanged, rejected cases)",
      },
      problems: { summary: 'The problems the ledger preview found, by file row', description: 'Pages by `afterRow`.' },
      report: { summary: 'The ledger problem report: the uploaded rows with a column of their problems (.xlsx)' },
      commit: {
        summary: 'Commit a previewed ledger import',
        description:
          "Checks again, then writes the new cases and their progress and the updates of cases on file (new progress lines, the steps to the file's state) in one transaction; each step through the procedure mechanism, dated by the file. Commits of the same villages and years are serialized: a second one finds the cases the first wrote. Unchanged rows and rows with problems write nothing.",
      },
      discard: { summary: 'Discard a previewed or failed ledger import' },
    },
  });

  // The preview per row (new / update with what changes / unchanged / rejected), by file row.
  typed(app).get(
    '/party/imports/ledger/:id/rows',
    {
      config: { access: { kind: 'record', entity: 'party_ledger_import', param: 'id', permission: 'data.write' } },
      schema: {
        tags: ['party'],
        summary: 'The ledger preview per row: new case, update of the case on file (what changes), unchanged or rejected',
        description:
          "Pages by `afterRow`. An update appends the new dated progress lines and takes the steps from the case's state to the file's, dated by the file.",
        params: IdParam,
        querystring: LedgerRowsQuery,
        response: { 200: z.object({ items: z.array(LedgerRow), nextAfterRow: z.number().nullable() }) },
      },
    },
    async (req) => {
      const b = await batchOf(db, req.params.id);
      if (b?.kind !== 'party_ledger') throw notFound();
      const rows = await outcomeRows(db, req.params.id, req.query.afterRow, req.query.limit);
      const items = rows.map((r) => rowView(r, req.lang));
      return { items, nextAfterRow: rows.length === req.query.limit ? (rows.at(-1)?.row_number ?? null) : null };
    },
  );
}
