import type { FastifyInstance } from 'fastify';
import { typed } from '../../../server/module.ts';
import { actorOf } from '../funds/routes.ts';
import { Created, IdParam, Saved } from '../funds/schema.ts';
import { CommitmentInput, CommitmentList, CommitmentQuery, FulfilmentInput, ReviewInput } from './schema.ts';
import { createCommitment, fulfil, listCommitments, review } from './service.ts';

/** Members' yearly public commitments (承诺), their fulfilment (践诺) and the organisation's review (评诺). */
export function commitmentRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const tags = ['party'];
  const record = { kind: 'record', entity: 'party_commitment', param: 'id', permission: 'data.write' } as const;

  r.get(
    '/party/commitments',
    {
      config: {
        access: { kind: 'collection', entity: 'party_commitment', permission: 'data.read', region: { in: 'query', field: 'region' } },
      },
      schema: {
        tags,
        summary: "The members' public commitments of a region for a year, with the share fulfilled",
        description: 'Fulfilled: the member reported it fulfilled with evidence and the organisation confirmed it.',
        querystring: CommitmentQuery,
        response: { 200: CommitmentList },
      },
    },
    async (req) => listCommitments(db, req.region, req.query),
  );

  r.post(
    '/party/commitments',
    {
      config: { access: { kind: 'collection', entity: 'party_commitment', permission: 'data.write' } },
      schema: {
        tags,
        summary: "Record a member's public commitment for a year",
        description:
          "The member must be inside the writer's region (404 otherwise, as a missing one) and not have left (409 PARTY_MEMBER_LEFT).",
        body: CommitmentInput,
        response: { 200: Created },
      },
    },
    async (req) => createCommitment(db, actorOf(req), req.body),
  );

  r.post(
    '/party/commitments/:id/fulfilment',
    {
      config: { access: record },
      schema: {
        tags,
        summary: '践诺: the result of a commitment and its evidence (a new result undoes the review)',
        description: 'fulfilled needs evidence (400 PARTY_EVIDENCE_REQUIRED).',
        params: IdParam,
        body: FulfilmentInput,
        response: { 200: Saved },
      },
    },
    async (req) => fulfil(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/party/commitments/:id/review',
    {
      config: { access: record },
      schema: {
        tags,
        summary: "The organisation's review of a commitment's result: confirmed or returned",
        description: '409 PARTY_REVIEW_OPEN while the result is pending.',
        params: IdParam,
        body: ReviewInput,
        response: { 200: Saved },
      },
    },
    async (req) => review(db, actorOf(req), req.params.id, req.body),
  );
}
