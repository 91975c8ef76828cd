import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError, notFound } from '../../server/errors.ts';
import { type FupinModule, requestActor, typed } from '../../server/module.ts';
import * as audit from '../audit/service.ts';
import { hasPermission } from '../auth/roles.ts';
import { findRegion } from '../regions/queries.ts';
import { RegionCode } from '../regions/schema.ts';
import { codeLists } from './codelists.ts';
import { HouseholdInput, saveHousehold } from './edit.ts';
import { exportRows } from './export.ts';
import { stageFile, writeReport } from './import/file.ts';
import { batchOf, commit, createBatch, discard, failBatch, problems, registerYear } from './import/service.ts';
import { InterchangeError } from './interchange/errors.ts';
import { formatOf } from './interchange/read.ts';
import { writeRegisterCsv, writeRegisterXlsx } from './interchange/write.ts';
import { jobs } from './jobs.ts';
import * as q from './queries.ts';
import {
  Coverage,
  ExportQuery,
  HouseholdList,
  HouseholdQuery,
  IdParam,
  ImportBatch,
  PoorVillage,
  ProblemList,
  ProblemQuery,
  VillageParam,
  VillageQuery,
} from './schema.ts';
import * as registry from './service.ts';

const MAX_UPLOAD = 200 * 1024 * 1024;

export const registryModule: FupinModule = {
  name: 'registry',
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
    const importRecord = { kind: 'record', entity: 'import', param: 'id', permission: write } as const;

    r.get(
      '/registry/codelists',
      { config: { access: { kind: 'collection', entity: 'codelist', permission: read } }, schema: { tags } },
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
        schema: { tags, querystring: HouseholdQuery, response: { 200: HouseholdList } },
      },
      async (req) => registry.listHouseholds(db, keys, { ...req.query, region: req.region }, req.lang),
    );

    r.get(
      '/registry/households/export',
      {
        config: { access: { kind: 'collection', entity: 'household', permission: read, region: inRegion } },
        schema: { tags, querystring: ExportQuery },
      },
      async (req, reply) => {
        const unmask = req.query.unmask === '1';
        const actor = requestActor(req);
        if (unmask && !hasPermission(actor.role, 'pii.unmask')) throw new AppError('FORBIDDEN', 403);
        const filter = await registry.filterOf(db, keys, { ...req.query, region: req.region });
        const region = await findRegion(db, req.region);
        if (unmask) {
          await audit.record(db, actor, {
            scopeCode: req.region,
            entity: 'register',
            entityId: req.region,
            action: 'export_unmasked',
            after: { filter: req.query },
          });
        }
        const body = new PassThrough();
        const rows = exportRows(db, keys, filter, unmask);
        const lang = req.lang;
        const name = `${region?.name ?? req.region}-花名册-${new Date().toISOString().slice(0, 10)}.${req.query.format}`;
        reply
          .header(
            'content-type',
            req.query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
        const title = `${region?.name ?? ''}建档立卡贫困人口花名册（${filter.registerYear}年）`;
        (req.query.format === 'csv' ? writeRegisterCsv(body, rows, { lang }) : writeRegisterXlsx(body, rows, { lang, title })).catch((e) =>
          body.destroy(e),
        );
        return reply.send(body);
      },
    );

    r.get(
      '/registry/households/:id',
      { config: { access: { kind: 'record', entity: 'household', param: 'id', permission: read } }, schema: { tags, params: IdParam } },
      async (req) => registry.householdDetail(db, req.params.id, req.lang),
    );

    r.post(
      '/registry/households',
      {
        config: { access: { kind: 'collection', entity: 'household', permission: write, region: { in: 'body', field: 'villageCode' } } },
        schema: { tags, body: HouseholdInput },
      },
      async (req) => saveHousehold(db, keys, req.user?.scope_code ?? req.region, requestActor(req), req.body, req.lang),
    );

    r.put(
      '/registry/households/:id',
      {
        config: { access: { kind: 'record', entity: 'household', param: 'id', permission: write } },
        schema: { tags, params: IdParam, body: HouseholdInput },
      },
      async (req) => saveHousehold(db, keys, req.user?.scope_code ?? '', requestActor(req), req.body, req.lang, req.params.id),
    );

    r.get(
      '/registry/template',
      { config: { access: { kind: 'collection', entity: 'codelist', permission: read } }, schema: { tags } },
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
        schema: { tags, querystring: z.strictObject({ region: RegionCode.optional() }), response: { 200: Coverage } },
      },
      async (req) => registry.coverage(db, req.region),
    );

    r.post(
      '/registry/persons/:id/unmask',
      {
        config: { access: { kind: 'record', entity: 'person', param: 'id', permission: 'pii.unmask' } },
        schema: { tags, params: IdParam },
      },
      async (req) => registry.unmaskPerson(db, keys, req.params.id, requestActor(req), req.recordRegion),
    );

    r.get(
      '/registry/villages',
      {
        config: { access: { kind: 'collection', entity: 'poor_village', permission: read, region: inRegion } },
        schema: { tags, querystring: VillageQuery, response: { 200: z.object({ items: z.array(PoorVillage) }) } },
      },
      async (req) => ({ items: await registry.listPoorVillages(db, req.region, req.query.exit, req.lang) }),
    );

    r.get(
      '/registry/villages/:code',
      {
        config: { access: { kind: 'record', entity: 'poor_village', param: 'code', permission: read } },
        schema: { tags, params: VillageParam },
      },
      async (req) => registry.poorVillage(db, req.params.code, req.lang),
    );

    // Imports: upload → preview (in the background, with progress) → problems and report → commit or discard.
    r.post(
      '/registry/imports',
      { config: { access: { kind: 'collection', entity: 'import', permission: write } }, schema: { tags } },
      async (req) => {
        if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, { type: req.headers['content-type'] ?? '' });
        const part = await req.file({ limits: { fileSize: MAX_UPLOAD, files: 1 } });
        if (!part) throw new AppError('IMPORT_NO_FILE', 400);
        const format = formatOf(part.filename);
        if (!format) {
          part.file.resume();
          throw new AppError('IMPORT_BAD_TYPE', 400, { name: part.filename });
        }
        const dir = path.join(app.deps.dataDir ?? 'data', 'imports');
        mkdirSync(dir, { recursive: true });
        const stored = path.join(dir, `${Date.now()}-${randomBytes(6).toString('hex')}.${format}`);
        await pipeline(part.file, createWriteStream(stored));
        if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 413);
        const actor = requestActor(req);
        const batchId = await createBatch(db, { scopeCode: req.region, actor, filename: part.filename, storedFile: stored });
        stageFile(db, keys, { path: stored, filename: part.filename, scopeCode: req.region, actor, batchId }, (p) => jobs.set(batchId, p))
          .catch(async (e) => {
            const message = e instanceof InterchangeError ? e.messageFor(req.lang) : e instanceof Error ? e.message : String(e);
            jobs.fail(batchId, message);
            await failBatch(db, batchId, message);
          })
          .finally(() => jobs.done(batchId));
        return { id: batchId };
      },
    );

    r.get(
      '/registry/imports',
      { config: { access: { kind: 'collection', entity: 'import', permission: write } }, schema: { tags } },
      async (req) => {
        const rows = await db
          .selectFrom('import_batch')
          .selectAll()
          .where('scope_code', 'like', `${req.region}%`)
          .orderBy('id', 'desc')
          .limit(20)
          .execute();
        return { items: rows.map((b) => batchView(b)) };
      },
    );

    const batchView = (b: NonNullable<Awaited<ReturnType<typeof batchOf>>>) => ({
      id: b.id,
      filename: b.filename,
      status: b.status,
      scopeCode: b.scope_code,
      actorName: b.actor_name,
      createdAt: b.created_at.toISOString(),
      summary: b.summary,
      progress: jobs.get(b.id),
    });

    r.get(
      '/registry/imports/:id',
      { config: { access: importRecord }, schema: { tags, params: IdParam, response: { 200: ImportBatch } } },
      async (req) => {
        const b = await batchOf(db, req.params.id);
        if (!b) throw notFound();
        return batchView(b);
      },
    );

    r.get(
      '/registry/imports/:id/problems',
      { config: { access: importRecord }, schema: { tags, params: IdParam, querystring: ProblemQuery, response: { 200: ProblemList } } },
      async (req) => {
        const items = await problems(db, req.params.id, req.lang, { afterRow: req.query.afterRow, limit: req.query.limit });
        return { items, nextAfterRow: items.length ? (items.at(-1)?.row ?? null) : null };
      },
    );

    r.get('/registry/imports/:id/report', { config: { access: importRecord }, schema: { tags, params: IdParam } }, async (req, reply) => {
      const b = await batchOf(db, req.params.id);
      if (!b) throw notFound();
      if (!b.stored_file || b.status !== 'previewed') throw new AppError('IMPORT_NO_REPORT', 409, { status: b.status });
      const body = new PassThrough();
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`错误报告-${b.filename.replace(/\.\w+$/, '')}.xlsx`)}`,
        );
      writeReport(db, b.id, b.stored_file, body, req.lang).catch((e) => body.destroy(e));
      return reply.send(body);
    });

    r.post('/registry/imports/:id/commit', { config: { access: importRecord }, schema: { tags, params: IdParam } }, async (req) => {
      const counts = await commit(db, req.params.id, requestActor(req));
      return { status: 'committed', counts };
    });

    r.post('/registry/imports/:id/discard', { config: { access: importRecord }, schema: { tags, params: IdParam } }, async (req) => {
      const b = await batchOf(db, req.params.id);
      if (b?.status !== 'previewed' && b?.status !== 'failed') throw new AppError('IMPORT_NOT_PREVIEWED', 409, { status: b?.status ?? '' });
      await discard(db, req.params.id);
      return { status: 'discarded' };
    });

    r.get(
      '/registry/register-year',
      { config: { access: { kind: 'collection', entity: 'setting', permission: read } }, schema: { tags } },
      async () => ({
        year: await registerYear(db),
      }),
    );
  },
};
