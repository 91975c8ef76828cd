import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../../server/module.ts';
import { procedureActor } from '../../procedures/service.ts';
import {
  BatchDetail,
  BatchList,
  BatchQuery,
  BatchStepInput,
  CandidateList,
  CandidateQuery,
  Created,
  DecisionInput,
  ExitDetail,
  Moved,
  ObjectionInput,
  ProposalInput,
  StepInput,
} from './schema.ts';
import { addObjection, batchDetail, batchStep, candidateList, decide, exitDetail, householdStep, listBatches, propose } from './service.ts';

const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const ObjectionParam = IdParam.extend({ objectionId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** 贫困户退出: candidates, the village's batch of a year, each household's steps, objections during the notice. */
export async function householdExitRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const tags = ['exit'];
  const read = 'data.read' as const;
  const write = 'data.write' as const;
  const rec = (entity: string, permission: typeof read | typeof write) => ({ kind: 'record', entity, param: 'id', permission }) as const;

  r.get(
    '/exit/candidates',
    {
      config: { access: { kind: 'collection', entity: 'exit_household', permission: read, region: { in: 'query', field: 'region' } } },
      schema: {
        tags,
        summary: "A village's poor households and whether each may exit in the year (income above the line, 两不愁三保障)",
        querystring: CandidateQuery,
        response: { 200: CandidateList },
      },
    },
    async (req) => candidateList(db, req.region, req.query.year, req.lang),
  );

  r.get(
    '/exit/batches',
    {
      config: { access: { kind: 'collection', entity: 'exit_household', permission: read, region: { in: 'query', field: 'region' } } },
      schema: {
        tags,
        summary: "The villages' exit batches in a region, households counted by state",
        querystring: BatchQuery,
        response: { 200: BatchList },
      },
    },
    async (req) => listBatches(db, req.region, req.query.year),
  );

  r.post(
    '/exit/batches',
    {
      config: { access: { kind: 'collection', entity: 'exit_household', permission: write, region: { in: 'body', field: 'villageCode' } } },
      schema: {
        tags,
        summary: "Propose households for exit in the village's batch of a year (all eligible, or nothing is saved)",
        description: '409 EXIT_NOT_ELIGIBLE with details [{householdId, codes}] naming each failing condition.',
        body: ProposalInput,
        response: { 200: Created },
      },
    },
    async (req) => propose(db, procedureActor(req), req.body),
  );

  r.get(
    '/exit/batches/:id',
    {
      config: { access: rec('exit_batch', read) },
      schema: {
        tags,
        summary: 'A batch and its households with their states and notice dates',
        params: IdParam,
        response: { 200: BatchDetail },
      },
    },
    async (req) => batchDetail(db, req.params.id, req.lang),
  );

  r.post(
    '/exit/batches/:id/steps',
    {
      config: { access: rec('exit_batch', write) },
      schema: {
        tags,
        summary: 'One step for the households of the batch where it starts (appraise, verify, agree, publish, announce, close)',
        description: 'Each household is judged as on its own; one refusal refuses all (nothing written).',
        params: IdParam,
        body: BatchStepInput,
        response: { 200: Moved },
      },
    },
    async (req) => batchStep(db, procedureActor(req), req.params.id, req.body),
  );

  r.get(
    '/exit/households/:id',
    {
      config: { access: rec('exit_household', read) },
      schema: { tags, summary: "A household's exit: facts, objections, procedure", params: IdParam, response: { 200: ExitDetail } },
    },
    async (req) => exitDetail(db, procedureActor(req), req.params.id, req.lang),
  );

  r.post(
    '/exit/households/:id/steps',
    {
      config: { access: rec('exit_household', write) },
      schema: {
        tags,
        summary: "A step of one household's exit",
        description:
          'announce waits exit.notice_days calendar days from the notice (409 PROCEDURE_TOO_EARLY) and no open objection (409 EXIT_OBJECTION_OPEN); close sets the household exited in the register.',
        params: IdParam,
        body: StepInput,
        response: { 200: Created },
      },
    },
    async (req) => householdStep(db, procedureActor(req), req.params.id, req.body),
  );

  r.post(
    '/exit/households/:id/objections',
    {
      config: { access: rec('exit_household', write) },
      schema: {
        tags,
        summary: 'An objection during the notice (异议), with its source',
        params: IdParam,
        body: ObjectionInput,
        response: { 200: Created },
      },
    },
    async (req) => addObjection(db, procedureActor(req), req.params.id, req.body),
  );

  r.post(
    '/exit/households/:id/objections/:objectionId/decision',
    {
      config: { access: rec('exit_household', write) },
      schema: {
        tags,
        summary: 'Decide an objection: upheld sends the household back with the reason; dismissed lets the notice run on',
        params: ObjectionParam,
        body: DecisionInput,
        response: { 200: Created },
      },
    },
    async (req) => decide(db, procedureActor(req), req.params.id, req.params.objectionId, req.body),
  );
}
