import type { FastifyInstance } from 'fastify';
import { assertMayOpen, procedureActor } from '../../procedures/service.ts';
import { importBatchRoutes } from '../../registry/import/routes.ts';
import { PartyImportBatch, PartyImportSummary } from '../interchange/routes.ts';
import { LEDGER_CATALOGUE } from './import/problems.ts';
import { commitPartyLedger, stagePartyLedgerFile } from './import/service.ts';
import { RECTIFICATION } from './procedures.ts';

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
          "multipart/form-data with one file field; columns 序号 市 县(市、区) 乡(镇) 行政村 村代码 党组织名称 整顿年度 认定日期 软弱涣散类型 主要问题 整顿措施(一村一策) 县级联系领导 乡镇包村干部 第一书记 整顿时限 整顿进展 状态 销号日期 巩固日期 备注 (整顿年度 and 软弱涣散类型 required). Causes must be on the settings' list; a state needs what its steps need (the measures for 已定措施 on, 销号日期 for 已销号, 巩固日期 for 已巩固). The preview runs in the background; villages outside the uploader's scope are problems.",
      },
      list: { summary: "The last 20 ledger imports of the user's region" },
      one: { summary: "One ledger import: its status, with the preview's progress or outcome (new, unchanged, rejected cases)" },
      problems: { summary: 'The problems the ledger preview found, by file row', description: 'Pages by `afterRow`.' },
      report: { summary: 'The ledger problem report: the uploaded rows with a column of their problems (.xlsx)' },
      commit: {
        summary: 'Commit a previewed ledger import',
        description:
          'Checks again, then writes the new cases and their progress in one transaction; each case is opened and taken through the steps its state implies by the procedure mechanism, dated by the file. Cases on file and rows with problems write nothing.',
      },
      discard: { summary: 'Discard a previewed or failed ledger import' },
    },
  });
}
