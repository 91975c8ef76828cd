import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../../server/module.ts';
import { fileResponse, XLSX } from '../../../server/openapi.ts';
import { findRegion } from '../../regions/queries.ts';
import { RegionCode } from '../../regions/schema.ts';
import { primed, sendDownload } from '../../registry/download.ts';
import { writeSheetCsv, writeSheetXlsx } from '../../registry/interchange/write.ts';
import { ledgerExportNaming, ledgerRows } from './export.ts';
import { LEDGER } from './interchange.ts';

const ExportQuery = z.strictObject({
  region: RegionCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

/** The ledger as the spreadsheet counties keep (县 · 乡镇 · 村 · 村代码 · 整顿年度 · 软弱涣散类型 · …). */
export function ledgerExportRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  r.get(
    '/party/rectifications/export',
    {
      config: {
        access: { kind: 'collection', entity: 'party_rectification', permission: 'data.read', region: { in: 'query', field: 'region' } },
      },
      schema: {
        tags: ['party'],
        summary: '软弱涣散整顿台账 as a spreadsheet (.xlsx or .csv), one row per case',
        querystring: ExportQuery,
        response: fileResponse('The ledger file, one row per case.', [XLSX, 'text/csv']),
      },
    },
    async (req, reply) => {
      const lang = req.lang;
      const region = await findRegion(db, req.region);
      const year = req.query.year ?? null;
      const rows = await primed(ledgerRows(db, req.region, year, lang));
      const { filename: name, title } = ledgerExportNaming({
        scopeName: region?.name ?? req.region,
        year,
        date: new Date().toISOString().slice(0, 10),
        format: req.query.format,
        lang,
      });
      return req.query.format === 'csv'
        ? sendDownload(reply, { type: 'text/csv; charset=utf-8', name }, (out) => writeSheetCsv(out, rows, { lang, columnSet: LEDGER }))
        : sendDownload(reply, { type: XLSX, name }, (out) => writeSheetXlsx(out, rows, { lang, title, columnSet: LEDGER }));
    },
  );
}
