import type { FastifyRequest } from 'fastify';
import { thisYear } from '../../../server/clock.ts';
import { type FupinModule, requestActor, typed } from '../../../server/module.ts';
import { fileResponse, XLSX } from '../../../server/openapi.ts';
import { findRegion } from '../../regions/queries.ts';
import { primed, sendDownload } from '../../registry/download.ts';
import { importBatchRoutes } from '../../registry/import/routes.ts';
import { writeSheetCsv, writeSheetXlsx } from '../../registry/interchange/write.ts';
import { locateImport } from '../../registry/queries.ts';
import { locateCommitment } from '../commitments/queries.ts';
import { commitmentRoutes } from '../commitments/routes.ts';
import { locateReserve } from '../reserve/queries.ts';
import { reserveRoutes } from '../reserve/routes.ts';
import { partyFundsAuditFields } from './audit-fields.ts';
import { FUNDS } from './columns.ts';
import { fundsExportName, fundsExportRows } from './export.ts';
import { FUND_CATALOGUE } from './import/problems.ts';
import { commitPartyFunds, stagePartyFundsFile } from './import/service.ts';
import { locatePay } from './pay.queries.ts';
import { payRoutes } from './pay-routes.ts';
import { locatePayment } from './queries.ts';
import {
  CorrectionResult,
  Created,
  FundsExportQuery,
  FundsImportBatch,
  FundsImportSummary,
  FundsSummary,
  IdParam,
  Payment,
  PaymentCorrection,
  PaymentInput,
  PaymentList,
  PaymentQuery,
  YearQuery,
} from './schema.ts';
import { correctPayment, createPayment, fundsSummary, listPayments, paymentDetail } from './service.ts';

export const actorOf = (req: FastifyRequest) => ({ ...requestActor(req), scope: req.region || req.user?.scope_code || '' });

/**
 * Village funds (村级组织运转经费、党建工作经费): payments entered or imported, paid against the yearly standard by region;
 * with the village cadres' pay, collective income, members' commitments and reserve cadres (party/commitments,
 * party/reserve). Decision 0021.
 */
export const partyFundsModule: FupinModule = {
  name: 'party-funds',
  auditFields: partyFundsAuditFields,
  entities(registry) {
    registry.register('party_fund_payment', locatePayment);
    registry.register('party_cadre_pay', locatePay);
    registry.register('party_commitment', locateCommitment);
    registry.register('party_reserve_cadre', locateReserve);
    registry.register('party_funds_import', (tx, id) => locateImport(tx, id, 'party_funds'));
  },
  async routes(app) {
    const r = typed(app);
    const { db } = app.deps.database;
    const keys = app.deps.keys;
    const tags = ['party'];
    const read = 'data.read' as const;
    const write = 'data.write' as const;
    const payment = (permission: typeof read | typeof write) =>
      ({ kind: 'record', entity: 'party_fund_payment', param: 'id', permission }) as const;
    const inRegion = (permission: typeof read | typeof write) =>
      ({ kind: 'collection', entity: 'party_fund_payment', permission, region: { in: 'query', field: 'region' } }) as const;

    r.get(
      '/party/funds/summary',
      {
        config: { access: inRegion(read) },
        schema: {
          tags,
          summary: 'Funds paid against the standard for a year, by the children of a region (drill-down)',
          description:
            'Every village the party module knows (a village party organisation, a poor village, a payment or an income on record) is owed the yearly standards (settings party.funds_operation_yuan, party.funds_party_building_yuan). `coveredFen` counts each purpose up to its standard, village by village. Amounts in fen.',
          querystring: YearQuery,
          response: { 200: FundsSummary },
        },
      },
      async (req) => fundsSummary(db, req.region, req.query.year ?? thisYear()),
    );

    r.get(
      '/party/funds/payments',
      {
        config: { access: inRegion(read) },
        schema: {
          tags,
          summary: "Payments of a region's villages in a year, newest first",
          querystring: PaymentQuery,
          response: { 200: PaymentList },
        },
      },
      async (req) => listPayments(db, req.region, req.query),
    );

    r.post(
      '/party/funds/payments',
      {
        config: {
          access: { kind: 'collection', entity: 'party_fund_payment', permission: write, region: { in: 'body', field: 'villageCode' } },
        },
        schema: {
          tags,
          summary: 'Record a payment to a village (amount in fen)',
          description: '409 PARTY_PAYMENT_EXISTS when the same village, date, purpose, amount and source is on record.',
          body: PaymentInput,
          response: { 200: Created },
        },
      },
      async (req) => createPayment(db, actorOf(req), req.body),
    );

    r.get(
      '/party/funds/payments/:id',
      { config: { access: payment(read) }, schema: { tags, summary: 'One payment', params: IdParam, response: { 200: Payment } } },
      async (req) => paymentDetail(db, req.params.id),
    );

    r.post(
      '/party/funds/payments/:id/correct',
      {
        config: { access: payment(write) },
        schema: {
          tags,
          summary: 'Correct a payment entered wrongly: a dated reversal that keeps the original, and the replacement if any',
          description:
            'Never an edit in place. 409 PARTY_RECORD_CHANGED (version), PARTY_PAYMENT_REVERSED (already corrected), ' +
            'PARTY_PAYMENT_IS_REVERSAL, PARTY_PAYMENT_EXISTS (the replacement is on record); 400 PARTY_CORRECTION_SAME, ' +
            'PARTY_CORRECTION_BEFORE_PAYMENT, PARTY_DAY_FUTURE.',
          params: IdParam,
          body: PaymentCorrection,
          response: { 200: CorrectionResult },
        },
      },
      async (req) => correctPayment(db, actorOf(req), req.params.id, req.body),
    );

    r.get(
      '/party/funds/export',
      {
        config: { access: inRegion(read) },
        schema: {
          tags,
          summary: 'The payments of a region and year as a spreadsheet in the import format (.xlsx or .csv)',
          description: 'Columns 村代码 行政村 乡(镇) 拨付日期 金额(元) 用途 资金来源 备注; importing the file again changes nothing.',
          querystring: FundsExportQuery,
          response: fileResponse('The funds file, one row per payment.', [XLSX, 'text/csv']),
        },
      },
      async (req, reply) => {
        const year = req.query.year ?? thisYear();
        const region = await findRegion(db, req.region);
        const rows = await primed(
          (async function* () {
            yield* await fundsExportRows(db, req.region, year);
          })(),
        );
        const { title, filename } = fundsExportName(region?.name ?? req.region, year, req.lang, req.query.format);
        return req.query.format === 'csv'
          ? sendDownload(reply, { type: 'text/csv; charset=utf-8', name: filename }, (out) =>
              writeSheetCsv(out, rows, { lang: req.lang, columnSet: FUNDS }),
            )
          : sendDownload(reply, { type: XLSX, name: filename }, (out) =>
              writeSheetXlsx(out, rows, { lang: req.lang, title, columnSet: FUNDS }),
            );
      },
    );

    importBatchRoutes(app, keys, {
      kind: 'party_funds',
      base: '/party/funds/imports',
      tags,
      entity: 'party_funds_import',
      batchSchema: FundsImportBatch,
      summarySchema: FundsImportSummary,
      stager: stagePartyFundsFile,
      commit: (req, id) => commitPartyFunds(db, requestActor(req), id),
      catalogue: FUND_CATALOGUE,
      reportName: (lang, problemsOnly, filename) =>
        `${lang === 'en' ? (problemsOnly ? 'funds problem rows' : 'funds problems') : problemsOnly ? '经费导入错误-仅问题行' : '经费导入错误'}-${filename.replace(/\.\w+$/, '')}`,
      docs: {
        upload: {
          summary: 'Upload a funds file (村级经费拨付表, .xlsx or .csv) to import',
          description:
            "multipart/form-data with one file field; columns 村代码 行政村 拨付日期 金额(元) 用途 资金来源 备注 (乡(镇) optional, to tell villages of one name apart). Answers the batch id at once; the preview runs in the background (poll `GET /api/party/funds/imports/{id}`). Villages outside the uploader's scope are problems.",
        },
        list: { summary: "The last 20 funds imports of the user's region" },
        one: { summary: "One funds import: its status, with the preview's progress or outcome (new, unchanged, rejected payments)" },
        problems: { summary: 'The problems the funds preview found, by file row', description: 'Pages by `afterRow`.' },
        report: { summary: 'The funds problem report: the uploaded rows with a column of their problems (.xlsx)' },
        commit: {
          summary: 'Commit a previewed funds import',
          description:
            'Checks again, then writes the new payments in one transaction. Payments on file and rows with problems write nothing.',
        },
        discard: { summary: 'Discard a previewed or failed funds import' },
      },
    });

    payRoutes(app);
    commitmentRoutes(app);
    reserveRoutes(app);
  },
};
