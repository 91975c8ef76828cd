import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../../server/module.ts';
import { procedureActor } from '../../procedures/service.ts';
import { actorOf, IdParam } from '../ledger/routes.ts';
import { barList, nominate, nominations, saveBarList } from './bars.ts';
import {
  AssessInput,
  BarList,
  BarsInput,
  BarsQuery,
  HistoryQuery,
  NominationInput,
  NominationList,
  RoundCreated,
  RoundDetail,
  RoundInput,
  RoundList,
  RoundQuery,
  ScreeningDetail,
  ScreeningStepInput,
  VillageHistory,
} from './schema.ts';
import { adjustmentStep, assessSecretary, listRounds, openRound, roundDetail, screeningDetail, villageHistory } from './service.ts';

const Created = z.object({ id: z.number() });
const Nominated = z.object({ id: z.number(), nominated: z.boolean() });
const Saved = z.object({ count: z.number() });

/** 过筛子 (screening rounds, assessments, adjustments) and 不得提名的情形 (nomination bars, nominations). */
export function screeningRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const keys = app.deps.keys;
  const tags = ['party'];
  const read = 'data.read' as const;
  const write = 'data.write' as const;
  const screening = (permission: typeof read | typeof write) =>
    ({ kind: 'record', entity: 'party_screening', param: 'id', permission }) as const;

  r.get(
    '/party/screening/rounds',
    {
      config: {
        access: { kind: 'collection', entity: 'party_screening_round', permission: read, region: { in: 'query', field: 'region' } },
      },
      schema: {
        tags,
        summary: '过筛子: screening rounds with their progress inside the region',
        querystring: RoundQuery,
        response: { 200: RoundList },
      },
    },
    async (req) => listRounds(db, req.region),
  );

  r.post(
    '/party/screening/rounds',
    {
      config: {
        access: { kind: 'collection', entity: 'party_screening_round', permission: write, region: { in: 'body', field: 'countyCode' } },
      },
      schema: {
        tags,
        summary: "Open a county's screening round of a year: every poor village's current secretary is listed",
        description: 'County users and above (403 PROCEDURE_LEVEL); once per county and year (409 PARTY_ROUND_EXISTS).',
        body: RoundInput,
        response: { 200: RoundCreated },
      },
    },
    async (req) => openRound(db, actorOf(req), req.body),
  );

  r.get(
    '/party/screening/rounds/:id',
    {
      config: {
        access: { kind: 'collection', entity: 'party_screening_round', permission: read, region: { in: 'query', field: 'region' } },
      },
      schema: {
        tags,
        summary: "A round's villages and results inside the region (a township sees its villages)",
        description: 'A round of a county outside the region answers 404, as a missing one.',
        params: IdParam,
        querystring: RoundQuery,
        response: { 200: RoundDetail },
      },
    },
    async (req) => roundDetail(db, req.region, req.params.id, req.lang),
  );

  r.get(
    '/party/screening/:id',
    {
      config: { access: screening(read) },
      schema: {
        tags,
        summary: "A secretary's screening with its adjustment procedure",
        params: IdParam,
        response: { 200: ScreeningDetail },
      },
    },
    async (req) => screeningDetail(db, procedureActor(req), req.params.id, req.lang),
  );

  r.put(
    '/party/screening/:id',
    {
      config: { access: screening(write) },
      schema: {
        tags,
        summary: 'Assess a secretary (胜任 / 基本胜任 / 不胜任): 不胜任 opens the adjustment, due by year end',
        description: 'Once (409 PARTY_ALREADY_ASSESSED). Township or county users.',
        params: IdParam,
        body: AssessInput,
        response: { 200: Created },
      },
    },
    async (req) => assessSecretary(db, procedureActor(req), req.params.id, req.body),
  );

  r.post(
    '/party/screening/:id/steps',
    {
      config: { access: screening(write) },
      schema: {
        tags,
        summary: 'adjust (the new secretary takes over: one transaction) / withdraw (kept on review, with a reason)',
        params: IdParam,
        body: ScreeningStepInput,
        response: { 200: Created },
      },
    },
    async (req) => adjustmentStep(db, keys, procedureActor(req), req.params.id, req.body),
  );

  r.get(
    '/party/secretary-history',
    {
      config: { access: { kind: 'collection', entity: 'party_screening', permission: read, region: { in: 'query', field: 'village' } } },
      schema: {
        tags,
        summary: "A village's secretaries over time and its screenings",
        querystring: HistoryQuery,
        response: { 200: VillageHistory },
      },
    },
    async (req) => villageHistory(db, req.region, req.lang),
  );

  r.get(
    '/party/nomination-bars',
    {
      config: { access: { kind: 'collection', entity: 'party_nomination', permission: read, region: { in: 'query', field: 'region' } } },
      schema: {
        tags,
        summary: "不得提名的情形: the province's list of disqualifying conditions",
        querystring: BarsQuery,
        response: { 200: BarList },
      },
    },
    async (req) => barList(db, req.region, req.lang),
  );

  r.put(
    '/party/nomination-bars',
    {
      config: {
        access: { kind: 'collection', entity: 'party_nomination', permission: write, region: { in: 'body', field: 'provinceCode' } },
      },
      schema: {
        tags,
        summary: 'The province edits its list (a condition left out is retired, never deleted)',
        description: 'Province users only (403 PARTY_BARS_PROVINCE).',
        body: BarsInput,
        response: { 200: Saved },
      },
    },
    async (req) => saveBarList(db, actorOf(req), req.body),
  );

  r.get(
    '/party/nominations',
    {
      config: { access: { kind: 'collection', entity: 'party_nomination', permission: read, region: { in: 'query', field: 'village' } } },
      schema: { tags, summary: "A village's nomination checks", querystring: HistoryQuery, response: { 200: NominationList } },
    },
    async (req) => nominations(db, req.region, req.lang),
  );

  r.post(
    '/party/nominations',
    {
      config: {
        access: { kind: 'collection', entity: 'party_nomination', permission: write, region: { in: 'body', field: 'villageCode' } },
      },
      schema: {
        tags,
        summary: 'Nominate a candidate for village secretary: every condition is checked and recorded',
        description:
          'A condition that applies refuses the nomination: 409 PARTY_NOMINATION_BARRED naming the conditions (the check stays recorded).',
        body: NominationInput,
        response: { 200: Nominated },
      },
    },
    async (req) => nominate(db, keys, actorOf(req), req.body),
  );
}
