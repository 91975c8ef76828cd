import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../../server/module.ts';
import { procedureActor } from '../../procedures/service.ts';
import { Created } from '../households/schema.ts';
import {
  AreaStepInput,
  CountyExitDetail,
  CountyExitList,
  CountyProposal,
  RegionQuery,
  VillageExitDetail,
  VillageExitList,
  VillageProposal,
} from './schema.ts';
import {
  countyExitDetail,
  countyList,
  countyStep,
  proposeCounty,
  proposeVillage,
  villageExitDetail,
  villageList,
  villageStep,
} from './service.ts';

const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** 贫困村退出 and 贫困县退出: the candidates with their incidence, the proposal, each exit's steps. */
export async function areaExitRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const tags = ['exit'];
  const coll = (entity: string, permission: 'data.read' | 'data.write', where: { in: 'query' | 'body'; field: string }) =>
    ({ kind: 'collection', entity, permission, region: where }) as const;
  const rec = (entity: string, permission: 'data.read' | 'data.write') => ({ kind: 'record', entity, param: 'id', permission }) as const;

  r.get(
    '/exit/villages',
    {
      config: { access: coll('exit_village', 'data.read', { in: 'query', field: 'region' }) },
      schema: {
        tags,
        summary: 'Poor villages: incidence now, under the threshold or not, exit year, procedure',
        querystring: RegionQuery,
        response: { 200: VillageExitList },
      },
    },
    async (req) => villageList(db, req.region, req.lang),
  );
  r.post(
    '/exit/villages',
    {
      config: { access: coll('exit_village', 'data.write', { in: 'body', field: 'villageCode' }) },
      schema: {
        tags,
        summary: "The township proposes a poor village's exit with its checklist",
        description: '409 EXIT_ABOVE_THRESHOLD when the incidence is not below exit.incidence_pct.',
        body: VillageProposal,
        response: { 200: Created },
      },
    },
    async (req) => proposeVillage(db, procedureActor(req), req.body),
  );
  r.get(
    '/exit/villages/:id',
    {
      config: { access: rec('exit_village', 'data.read') },
      schema: { tags, summary: "A village's exit", params: IdParam, response: { 200: VillageExitDetail } },
    },
    async (req) => villageExitDetail(db, procedureActor(req), req.params.id, req.lang),
  );
  r.post(
    '/exit/villages/:id/steps',
    {
      config: { access: rec('exit_village', 'data.write') },
      schema: {
        tags,
        summary: "A step of a village's exit (check with `verified`, publish, announce sets the exit year, return, withdraw)",
        params: IdParam,
        body: AreaStepInput,
        response: { 200: Created },
      },
    },
    async (req) => villageStep(db, procedureActor(req), req.params.id, req.body),
  );

  r.get(
    '/exit/counties',
    {
      config: { access: coll('exit_county', 'data.read', { in: 'query', field: 'region' }) },
      schema: {
        tags,
        summary: 'The provincial poverty counties: incidence, threshold, procedure',
        querystring: RegionQuery,
        response: { 200: CountyExitList },
      },
    },
    async (req) => countyList(db, req.region, req.lang),
  );
  r.post(
    '/exit/counties',
    {
      config: { access: coll('exit_county', 'data.write', { in: 'body', field: 'countyCode' }) },
      schema: { tags, summary: 'A provincial poverty county applies for exit', body: CountyProposal, response: { 200: Created } },
    },
    async (req) => proposeCounty(db, procedureActor(req), req.body),
  );
  r.get(
    '/exit/counties/:id',
    {
      config: { access: rec('exit_county', 'data.read') },
      schema: { tags, summary: "A county's exit", params: IdParam, response: { 200: CountyExitDetail } },
    },
    async (req) => countyExitDetail(db, procedureActor(req), req.params.id, req.lang),
  );
  r.post(
    '/exit/counties/:id/steps',
    {
      config: { access: rec('exit_county', 'data.write') },
      schema: {
        tags,
        summary: "A step of a county's exit (city pre-check, province verification, notice, announcement)",
        params: IdParam,
        body: AreaStepInput,
        response: { 200: Created },
      },
    },
    async (req) => countyStep(db, procedureActor(req), req.params.id, req.body),
  );
}
