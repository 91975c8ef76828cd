import { createReadStream, existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, notFound } from '../../server/errors.ts';
import { typed } from '../../server/module.ts';
import { fileResponse } from '../../server/openapi.ts';
import { procedureActor } from '../procedures/service.ts';
import { MonthQuery } from './checkin-schema.ts';
import * as fq from './fieldlog.queries.ts';
import { fieldHouseholds, fieldPostingOf, postingFieldRecords, readLogUpload, receiveLog, receiveVisits } from './fieldlog.ts';
import {
  FieldLeaveList,
  FieldRecords,
  LogResult,
  PhotoParams,
  VillageHouseholds,
  VisitBatch,
  VisitBatchResult,
} from './fieldlog-schema.ts';
import { leaveItem, requestLeave } from './leave.ts';
import { photoPath } from './photos.ts';
import * as q from './queries.ts';
import { Created, LeaveInput } from './schema.ts';

const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Work logs, visits and leave from the phone (/api/field, the caller's own posting), and the county's view of them. */
export async function fieldLogRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const dataDir = app.deps.dataDir ?? 'data';
  const tags = ['cadres'];
  const self = { access: { kind: 'self' } } as const;
  const me = (req: { user: import('../auth/service.ts').SessionUser | null }) => {
    if (!req.user) throw new AppError('UNAUTHENTICATED', 401);
    return req.user;
  };

  r.post(
    '/field/logs',
    {
      config: self,
      schema: {
        tags,
        summary: "Send a day's work log (工作日志) with up to 3 photos, signed by the device key",
        description:
          'multipart/form-data: a `meta` field (JSON: clientId, deviceId, logDate, text ≤ 2,000 characters, signature) then up to 3 `photo` files, JPEG or PNG by their first bytes, each within cadres.log_photo_max_mb (default 5; 413 FIELD_PHOTO_TOO_LARGE). signature: base64 ECDSA P-256 / SHA-256 (r‖s) over `fupin-log-v1|clientId|logDate|sha256 hex of each photo, comma-separated|text`. One log per day; the same client id again is a duplicate. Answered like a check-in: accepted, duplicate or refused with a reason.',
        response: { 200: LogResult },
      },
    },
    async (req) => {
      const user = me(req);
      const { county } = fieldPostingOf(user);
      const upload = await readLogUpload(req, db, county);
      return receiveLog(db, dataDir, user, upload, req.lang);
    },
  );

  r.get(
    '/field/households',
    {
      config: self,
      schema: {
        tags,
        summary: "The posting village's households for the visit picker: number and householder's name only",
        response: { 200: VillageHouseholds },
      },
    },
    async (req) => fieldHouseholds(db, me(req)),
  );

  r.post(
    '/field/visits',
    {
      config: self,
      schema: {
        tags,
        summary: 'Send household visits (走访), up to 50; each answered accepted, duplicate or refused with a reason',
        description:
          "A household outside the posting's village is refused (FIELD_HOUSEHOLD_NOT_IN_VILLAGE). withLog links the visit to that day's work log.",
        body: VisitBatch,
        response: { 200: VisitBatchResult },
      },
    },
    async (req) => receiveVisits(db, me(req), req.body, req.lang),
  );

  r.get(
    '/field/records',
    {
      config: self,
      schema: {
        tags,
        summary: "The caller's own work logs and visits of a month (default this month)",
        querystring: MonthQuery,
        response: { 200: FieldRecords },
      },
    },
    async (req) => postingFieldRecords(db, fieldPostingOf(me(req)).postingId, req.query.month),
  );

  r.get(
    '/field/leave',
    { config: self, schema: { tags, summary: "The caller's own leave requests with their state", response: { 200: FieldLeaveList } } },
    async (req) => {
      const { county, postingId } = fieldPostingOf(me(req));
      return { items: (await q.leaveOfPosting(db, county, postingId)).map((l) => leaveItem(l, req.lang)) };
    },
  );

  r.post(
    '/field/leave',
    {
      config: self,
      schema: {
        tags,
        summary: "Ask for leave for the caller's own posting (as POST /cadres/postings/{id}/leave)",
        body: LeaveInput,
        response: { 200: Created },
      },
    },
    async (req) => requestLeave(db, procedureActor(req), fieldPostingOf(me(req)).postingId, req.body),
  );

  r.get(
    '/cadres/postings/:id/field-records',
    {
      config: { access: { kind: 'record', entity: 'cadre_posting', param: 'id', permission: 'data.read' } },
      schema: {
        tags,
        summary: "A posting's work logs (with photo links and EXIF signals) and household visits in a month",
        params: IdParam,
        querystring: MonthQuery,
        response: { 200: FieldRecords },
      },
    },
    async (req) => postingFieldRecords(db, req.params.id, req.query.month),
  );

  r.get(
    '/cadres/postings/:id/logs/:logId/photos/:seq',
    {
      config: { access: { kind: 'record', entity: 'cadre_posting', param: 'id', permission: 'data.read' } },
      schema: {
        tags,
        summary: "One photo of a posting's work log (the posting's scope: another county gets 404)",
        params: PhotoParams,
        response: fileResponse('The photo.', ['image/jpeg', 'image/png']),
      },
    },
    async (req, reply) => {
      const p = await q.postingById(db, req.params.id);
      if (!p) throw notFound();
      const photo = await fq.photoOfPosting(db, p.county_code, req.params.id, req.params.logId, req.params.seq);
      if (!photo) throw notFound();
      const file = photoPath(dataDir, photo.sha256, photo.mime);
      // The row without its file (a data folder restored without its photos): said so, not a broken stream.
      if (!existsSync(file)) throw new AppError('FIELD_PHOTO_MISSING', 404);
      // Content-addressed: the bytes under a URL never change.
      reply.header('cache-control', 'private, max-age=604800, immutable');
      reply.header('x-content-type-options', 'nosniff');
      return reply.type(photo.mime).send(createReadStream(file));
    },
  );
}
