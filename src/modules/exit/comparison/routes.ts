import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../server/errors.ts';
import { typed } from '../../../server/module.ts';
import { fileRejected, withUploadedSheet } from '../../cadres/points/sheet.ts';
import { procedureActor } from '../../procedures/service.ts';
import { uploadsDir } from '../../registry/import/routes.ts';
import {
  BatchList,
  BatchQuery,
  BatchView,
  Created,
  Decided,
  DecideInput,
  HitDetail,
  HitList,
  HitQuery,
  MatchResult,
  UploadQuery,
} from './schema.ts';
import { batchView, decideHit, discardList, hitDetail, listBatches, listHits, matchList, stageList } from './service.ts';

const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** 数据比对: a department's list uploaded and previewed, matched within the importer's scope, hits decided by counties. */
export async function comparisonRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const keys = app.deps.keys;
  const uploads = uploadsDir(app);
  const tags = ['exit'];
  const batch = (permission: 'data.read' | 'data.write') =>
    ({ kind: 'record', entity: 'comparison_batch', param: 'id', permission }) as const;
  const hit = (permission: 'data.read' | 'data.write') => ({ kind: 'record', entity: 'comparison_hit', param: 'id', permission }) as const;

  r.get(
    '/comparison/batches',
    {
      config: {
        access: { kind: 'collection', entity: 'comparison_batch', permission: 'data.read', region: { in: 'query', field: 'region' } },
      },
      schema: { tags, summary: 'The department lists imported in a region', querystring: BatchQuery, response: { 200: BatchList } },
    },
    async (req) => listBatches(db, req.region, req.lang),
  );

  r.post(
    '/comparison/batches',
    {
      config: {
        access: { kind: 'collection', entity: 'comparison_batch', permission: 'data.write', region: { in: 'query', field: 'region' } },
      },
      schema: {
        tags,
        summary: 'Upload a department list (证件号码 plus the department’s fields) and preview it',
        description:
          'multipart/form-data with one file field (.xlsx or .csv, at most 20 MB). ID numbers are normalised as the register’s and kept only as keyed hash and masked form; rows whose number cannot be read are listed with their problem. Nothing is matched until POST /comparison/batches/:id/match. County level and above.',
        querystring: UploadQuery,
        response: { 200: Created },
      },
    },
    async (req) => {
      const actor = procedureActor(req);
      if (actor.scope.length > 6) throw new AppError('PROCEDURE_LEVEL', 403, { level: '县级', levelEn: 'county' });
      const label = req.query.label?.trim() || null;
      if (req.query.department === 'other' && !label)
        throw new AppError('COMPARISON_LABEL_REQUIRED', 400, {}, [{ path: 'label', code: 'required' }]);
      return withUploadedSheet(req, uploads, (file) =>
        stageList(db, keys, actor, { ...file, department: req.query.department, label, scope: req.region }).catch((e) =>
          fileRejected(e, req.lang),
        ),
      );
    },
  );

  r.get(
    '/comparison/batches/:id',
    {
      config: { access: batch('data.read') },
      schema: { tags, summary: 'A list: counts and the rows that could not be read', params: IdParam, response: { 200: BatchView } },
    },
    async (req) => batchView(db, req.params.id, req.lang),
  );

  r.post(
    '/comparison/batches/:id/match',
    {
      config: { access: batch('data.write') },
      schema: {
        tags,
        summary: 'Match a previewed list against every person of the register (keyed hash) within the importer’s scope',
        description:
          'Each matching row becomes an open hit for the household’s county. 409 COMPARISON_BATCH_STATE when already matched or discarded.',
        params: IdParam,
        response: { 200: MatchResult },
      },
    },
    async (req) => matchList(db, procedureActor(req), req.params.id),
  );

  r.delete(
    '/comparison/batches/:id',
    {
      config: { access: batch('data.write') },
      schema: { tags, summary: 'Discard a previewed list', params: IdParam, response: { 200: Created } },
    },
    async (req) => discardList(db, procedureActor(req), req.params.id),
  );

  r.get(
    '/comparison/hits',
    {
      config: {
        access: { kind: 'collection', entity: 'comparison_hit', permission: 'data.read', region: { in: 'query', field: 'region' } },
      },
      schema: { tags, summary: '比对疑点: the hits of a region, to verify', querystring: HitQuery, response: { 200: HitList } },
    },
    async (req) => listHits(db, req.region, req.query, req.lang),
  );

  r.get(
    '/comparison/hits/:id',
    {
      config: { access: hit('data.read') },
      schema: { tags, summary: 'A hit: the department’s record and the household', params: IdParam, response: { 200: HitDetail } },
    },
    async (req) => hitDetail(db, req.params.id, req.lang),
  );

  r.post(
    '/comparison/hits/:id/decision',
    {
      config: { access: hit('data.write') },
      schema: {
        tags,
        summary: 'The county confirms (and acts) or dismisses (with a reason) a hit',
        description:
          'confirm on a death ends the membership; on another department opens a monitoring case for re-assessment unless reassess=false (then a reason). 403 PROCEDURE_LEVEL below the county; 409 COMPARISON_HIT_DECIDED.',
        params: IdParam,
        body: DecideInput,
        response: { 200: Decided },
      },
    },
    async (req) => decideHit(db, procedureActor(req), req.params.id, req.body),
  );
}
