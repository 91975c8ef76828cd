import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { AppError } from '../../server/errors.ts';
import { type FupinModule, requestActor, typed } from '../../server/module.ts';
import { fileResponse, XLSX } from '../../server/openapi.ts';
import { hasPermission } from '../auth/roles.ts';
import { findRegion } from '../regions/queries.ts';
import { RegionCode } from '../regions/schema.ts';
import { householdAuditFields, personAuditFields } from './audit-fields.ts';
import { codeLists } from './codelists.ts';
import { primed, sendDownload } from './download.ts';
import { HouseholdInput, saveHousehold } from './edit.ts';
import { exportRows } from './export.ts';
import { exportNaming } from './export-name.ts';
import { householdFileRoutes } from './file-routes.ts';
import { stageFile } from './import/file.ts';
import { importBatchRoutes, uploadsDir } from './import/routes.ts';
import { commit, registerYear } from './import/service.ts';
import { startUploadSweeper } from './import/uploads.ts';
import { writeRegisterCsv, writeRegisterXlsx } from './interchange/write.ts';
import * as q from './queries.ts';
import {
  CodeListView,
  Coverage,
  ExportQuery,
  HouseholdDetail,
  HouseholdList,
  HouseholdQuery,
  IdParam,
  ImportBatch,
  ImportSummary,
  PoorVillage,
  PoorVillageDetail,
  Saved,
  Unmasked,
  VillageParam,
  VillageQuery,
} from './schema.ts';
import * as registry from './service.ts';

export const registryModule: FupinModule = {
  name: 'registry',
  auditFields: { household: householdAuditFields, person: personAuditFields },
  entities(registry) {
    registry.register('household', q.locateHousehold);
    registry.register('person', q.locatePerson);
    registry.register('poor_village', q.locatePoorVillage);
    registry.register('import', q.locateImport);
  },
  async routes(app) {
    const r = typed(app);
    const { db } = app.deps.database;
    const keys = app.deps.keys;
    const tags = ['registry'];
    const read = 'data.read' as const;
    const write = 'data.write' as const;
    const inRegion = { in: 'query', field: 'region' } as const;

    r.get(
      '/registry/codelists',
      {
        config: { access: { kind: 'collection', entity: 'codelist', permission: read } },
        schema: {
          tags,
          summary: "The code lists of the register, labelled in the user's language",
          description:
            'Household category, poverty cause, household status (poor 未脱贫, exited 已脱贫, returned 返贫, monitored 监测户), relation (head = 户主), gender, ethnicity, education, schooling, health, labour, work, yes/no, project type and state. Forms and imports take the codes.',
          response: { 200: z.object({ items: z.array(CodeListView) }) },
        },
      },
      async (req) => ({
        items: codeLists().map((l) => ({
          id: l.id,
          label: req.lang === 'en' ? l.label.en : l.label.zh,
          items: l.items.map((i) => ({ code: i.code, label: req.lang === 'en' ? i.en : i.zh })),
        })),
      }),
    );

    r.get(
      '/registry/households',
      {
        config: { access: { kind: 'collection', entity: 'household', permission: read, region: inRegion } },
        schema: {
          tags,
          summary: 'Households (建档立卡户) of a region, filtered',
          description:
            '`gap` (over households still poor, status poor or returned): no_helper, no_project, no_deadline, deadline_passed. `q`: the Chinese name (prefix) of any member, pinyin initials, or a full 18-character ID number. Pages by `nextCursor`.',
          querystring: HouseholdQuery,
          response: { 200: HouseholdList },
        },
      },
      async (req) =>
        registry.listHouseholds(db, keys, { ...req.query, region: req.region }, req.lang, {
          actor: requestActor(req),
          scope: req.user?.scope_code ?? req.region,
        }),
    );

    r.get(
      '/registry/households/export',
      {
        config: { access: { kind: 'collection', entity: 'household', permission: read, region: inRegion } },
        schema: {
          tags,
          summary: 'The households of a filter as a register file (花名册), .xlsx or .csv',
          description:
            'The same filters as the list. `unmask=1` writes full ID numbers: it needs the permission pii.unmask, counts against the unmasking limit and is audited.',
          querystring: ExportQuery,
          response: fileResponse('The register file, one row per member.', [XLSX, 'text/csv']),
        },
      },
      async (req, reply) => {
        const unmask = req.query.unmask === '1';
        const actor = requestActor(req);
        if (unmask && !hasPermission(actor.role, 'pii.unmask')) throw new AppError('FORBIDDEN', 403);
        const filter = await registry.filterOf(
          db,
          keys,
          { ...req.query, region: req.region },
          { actor, scope: req.user?.scope_code ?? req.region },
        );
        const region = await findRegion(db, req.region);
        if (unmask) {
          await registry.authoriseUnmaskedExport(db, actor, {
            region: req.region,
            actorScope: req.user?.scope_code ?? req.region,
            filter,
            query: req.query,
          });
        }
        const rows = await primed(exportRows(db, keys, filter, unmask));
        const lang = req.lang;
        const { filename: name, title } = exportNaming({
          scopeName: region?.name ?? req.region,
          filter: req.query,
          date: new Date().toISOString().slice(0, 10),
          registerYear: filter.registerYear,
          format: req.query.format,
          lang,
        });
        return req.query.format === 'csv'
          ? sendDownload(reply, { type: 'text/csv; charset=utf-8', name }, (out) => writeRegisterCsv(out, rows, { lang }))
          : sendDownload(reply, { type: XLSX, name }, (out) => writeRegisterXlsx(out, rows, { lang, title }));
      },
    );

    r.get(
      '/registry/households/:id',
      {
        config: { access: { kind: 'record', entity: 'household', param: 'id', permission: read } },
        schema: {
          tags,
          summary: 'One household: members, income, status history, helpers, projects and its audit trail',
          description: 'ID numbers are masked; `birthDate` is given only to users who may unmask (decision 0005), others get `birthYear`.',
          params: IdParam,
          response: { 200: HouseholdDetail },
        },
      },
      async (req) => registry.householdDetail(db, req.params.id, req.lang, { unmask: hasPermission(requestActor(req).role, 'pii.unmask') }),
    );

    householdFileRoutes(app);

    r.post(
      '/registry/households',
      {
        config: { access: { kind: 'collection', entity: 'household', permission: write, region: { in: 'body', field: 'villageCode' } } },
        schema: {
          tags,
          summary: 'Register a household',
          description:
            'Codes from the code lists; checked as an import row is. Problems answer 400 VALIDATION_FAILED with details `[{ path: "members.1.idNumber" | "category" | …, code, message }]`.',
          body: HouseholdInput,
          response: { 200: Saved },
        },
      },
      async (req) => saveHousehold(db, keys, req.user?.scope_code ?? req.region, requestActor(req), req.body, req.lang),
    );

    r.put(
      '/registry/households/:id',
      {
        config: { access: { kind: 'record', entity: 'household', param: 'id', permission: write } },
        schema: {
          tags,
          summary: 'Edit a household',
          description:
            'As the create route. A member already registered may send an empty `idNumber` to keep the one on file (it is never sent to the client unmasked).',
          params: IdParam,
          body: HouseholdInput,
          response: { 200: Saved },
        },
      },
      async (req) => saveHousehold(db, keys, req.user?.scope_code ?? '', requestActor(req), req.body, req.lang, req.params.id),
    );

    r.get(
      '/registry/template',
      {
        config: { access: { kind: 'collection', entity: 'codelist', permission: read } },
        schema: {
          tags,
          summary: 'An empty register workbook to fill in for an import',
          response: fileResponse('The import template (.xlsx) with the header row.'),
        },
      },
      async (req, reply) => {
        const body = new PassThrough();
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('建档立卡花名册导入模板.xlsx')}`);
        writeRegisterXlsx(body, [], { lang: req.lang, title: '建档立卡贫困人口花名册' }).catch((e) => body.destroy(e));
        return reply.send(body);
      },
    );

    r.get(
      '/registry/coverage',
      {
        config: { access: { kind: 'collection', entity: 'household', permission: read, region: inRegion } },
        schema: {
          tags,
          summary: 'How many households still poor have a helper, a project and an exit deadline',
          querystring: z.strictObject({ region: RegionCode.optional() }),
          response: { 200: Coverage },
        },
      },
      async (req) => registry.coverage(db, req.region),
    );

    r.post(
      '/registry/persons/:id/unmask',
      {
        config: { access: { kind: 'record', entity: 'person', param: 'id', permission: 'pii.unmask' } },
        schema: {
          tags,
          summary: "Show a person's full ID number",
          description: "Needs pii.unmask; audited, and counted against the user's daily unmasking limit (decision 0005).",
          params: IdParam,
          response: { 200: Unmasked },
        },
      },
      async (req) =>
        registry.unmaskPerson(db, keys, req.params.id, requestActor(req), req.recordRegion, req.user?.scope_code ?? req.recordRegion),
    );

    r.get(
      '/registry/villages',
      {
        config: { access: { kind: 'collection', entity: 'poor_village', permission: read, region: inRegion } },
        schema: {
          tags,
          summary: 'Poor villages (贫困村) of a region',
          description: '`exit`: all (default), exited or not_exited. `incidence` is a percentage.',
          querystring: VillageQuery,
          response: { 200: z.object({ items: z.array(PoorVillage) }) },
        },
      },
      async (req) => ({ items: await registry.listPoorVillages(db, req.region, req.query.exit, req.lang) }),
    );

    r.get(
      '/registry/villages/:code',
      {
        config: { access: { kind: 'record', entity: 'poor_village', param: 'code', permission: read } },
        schema: {
          tags,
          summary: 'One poor village with the coverage of its households',
          description: 'Its households: `GET /api/registry/households?region=<code>`.',
          params: VillageParam,
          response: { 200: PoorVillageDetail },
        },
      },
      async (req) => registry.poorVillage(db, req.params.code, req.lang),
    );

    // Imports: upload → preview (in the background, with progress) → problems and report → commit or discard.
    // The upload stays in DATA_DIR/imports only while its batch needs it (import/uploads.ts); the sweeper serves every
    // kind of import (the cadres' postings share the folder, the limits and the quota).
    const sweeper = startUploadSweeper(db, uploadsDir(app), app.log);
    app.addHook('onClose', () => sweeper.stop());
    importBatchRoutes(app, keys, {
      kind: 'register',
      base: '/registry/imports',
      tags,
      entity: 'import',
      batchSchema: ImportBatch,
      summarySchema: ImportSummary,
      stager: stageFile,
      commit: (req, id) => commit(db, id, requestActor(req)),
      reportName: (lang, problemsOnly, filename) =>
        `${lang === 'en' ? (problemsOnly ? 'problem rows' : 'problems') : problemsOnly ? '错误报告-仅问题行' : '错误报告'}-${filename.replace(/\.\w+$/, '')}`,
      docs: {
        upload: {
          summary: 'Upload a register file (.xlsx or .csv, at most 200 MB) to import',
          description:
            'multipart/form-data with one file field. Answers the batch id at once; the preview runs in the background (poll `GET /api/registry/imports/{id}`), then the batch is committed or discarded. Uploads are limited per user in number and kept bytes.',
        },
        list: { summary: "The last 20 import batches of the user's region" },
        one: {
          summary: "One import batch: its status, with the preview's progress or outcome",
          description:
            'Status staging (the preview runs; see `progress`), previewed, committed, discarded or failed (`summary.error` says why).',
        },
        problems: { summary: 'The problems the preview found, by file row', description: 'Pages by `afterRow` (pass `nextAfterRow`).' },
        report: {
          summary: 'The problem report: the uploaded rows with a column of their problems (.xlsx)',
          description:
            '`rows=problems` keeps only the rows with a problem. Only while the batch is previewed (409 IMPORT_NO_REPORT otherwise). ID numbers are masked unless the caller uploaded the file or may unmask.',
        },
        commit: {
          summary: 'Commit a previewed import into the register',
          description: 'Rows with problems are left out; `counts` says what changed. 409 IMPORT_NOT_PREVIEWED unless previewed.',
        },
        discard: { summary: 'Discard a previewed or failed import' },
      },
    });

    r.get(
      '/registry/register-year',
      {
        config: { access: { kind: 'collection', entity: 'setting', permission: read } },
        schema: {
          tags,
          summary: 'The register year',
          description: "The year whose per-capita income the register's income column holds.",
          response: { 200: z.object({ year: z.number() }) },
        },
      },
      async () => ({
        year: await registerYear(db),
      }),
    );
  },
};
