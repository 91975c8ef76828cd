import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../../server/module.ts';
import { procedureActor } from '../../procedures/service.ts';
import { AnswerInput, ComplaintDetail, ComplaintList, ComplaintQuery } from './schema.ts';
import { answerComplaint, complaintDetail, listComplaints } from './service.ts';

const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The county's side of the public complaints: the list of its region, a complaint, the answer that closes it. */
export async function complaintRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const tags = ['exit'];
  r.get(
    '/exit/complaints',
    {
      config: {
        access: { kind: 'collection', entity: 'exit_complaint', permission: 'data.read', region: { in: 'query', field: 'region' } },
      },
      schema: {
        tags,
        summary: 'Complaints and objections from the public pages of a region (open first)',
        querystring: ComplaintQuery,
        response: { 200: ComplaintList },
      },
    },
    async (req) => listComplaints(db, req.region, req.query.open === '1', req.lang),
  );
  r.get(
    '/exit/complaints/:id',
    {
      config: { access: { kind: 'record', entity: 'exit_complaint', param: 'id', permission: 'data.read' } },
      schema: { tags, summary: 'A complaint with its procedure', params: IdParam, response: { 200: ComplaintDetail } },
    },
    async (req) => complaintDetail(db, procedureActor(req), req.params.id, req.lang),
  );
  r.post(
    '/exit/complaints/:id/answer',
    {
      config: { access: { kind: 'record', entity: 'exit_complaint', param: 'id', permission: 'data.write' } },
      schema: {
        tags,
        summary: "答复办结: the county's answer closes the complaint (the sender reads it by the reference)",
        params: IdParam,
        body: AnswerInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (req) => answerComplaint(db, procedureActor(req), req.params.id, req.body),
  );
}
