import type { FastifyInstance } from 'fastify';
import { typed } from '../../../server/module.ts';
import { actorOf } from '../funds/routes.ts';
import { Created, IdParam } from '../funds/schema.ts';
import { ReserveDetail, ReserveInput, ReserveLeaveInput, ReserveList, ReserveQuery, TrainingInput } from './schema.ts';
import { addTraining, createReserve, leaveReserve, listReserves, reserveDetail } from './service.ts';

/** Reserve cadres (后备干部) per village, trained for the next election. */
export function reserveRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const keys = app.deps.keys;
  const tags = ['party'];

  r.get(
    '/party/reserve',
    {
      config: {
        access: { kind: 'collection', entity: 'party_reserve_cadre', permission: 'data.read', region: { in: 'query', field: 'region' } },
      },
      schema: {
        tags,
        summary: "Reserve cadres of a region's villages, with their training hours",
        querystring: ReserveQuery,
        response: { 200: ReserveList },
      },
    },
    async (req) => listReserves(db, req.region),
  );

  r.post(
    '/party/reserve',
    {
      config: {
        access: {
          kind: 'collection',
          entity: 'party_reserve_cadre',
          permission: 'data.write',
          region: { in: 'body', field: 'villageCode' },
        },
      },
      schema: {
        tags,
        summary: 'Add a reserve cadre to a village (the person by ID number: one human, one row)',
        description: '409 PARTY_RESERVE_EXISTS, PARTY_PERSON_OTHER_COUNTY, PARTY_NAME_MISMATCH.',
        body: ReserveInput,
        response: { 200: Created },
      },
    },
    async (req) => createReserve(db, keys, actorOf(req), req.body),
  );

  r.get(
    '/party/reserve/:id',
    {
      config: { access: { kind: 'record', entity: 'party_reserve_cadre', param: 'id', permission: 'data.read' } },
      schema: { tags, summary: 'A reserve cadre with their training records', params: IdParam, response: { 200: ReserveDetail } },
    },
    async (req) => reserveDetail(db, req.params.id),
  );

  r.post(
    '/party/reserve/:id/trainings',
    {
      config: { access: { kind: 'record', entity: 'party_reserve_cadre', param: 'id', permission: 'data.write' } },
      schema: {
        tags,
        summary: 'Record a training of a reserve cadre (date, course, hours, organiser)',
        params: IdParam,
        body: TrainingInput,
        response: { 200: Created },
      },
    },
    async (req) => addTraining(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/party/reserve/:id/leave',
    {
      config: { access: { kind: 'record', entity: 'party_reserve_cadre', param: 'id', permission: 'data.write' } },
      schema: {
        tags,
        summary: 'A reserve cadre leaves the reserve (dated, with the reason; never deleted)',
        description: '409 PARTY_RESERVE_ALREADY_LEFT; 400 PARTY_RESERVE_LEFT_BEFORE (before joining), PARTY_DAY_FUTURE.',
        params: IdParam,
        body: ReserveLeaveInput,
        response: { 200: Created },
      },
    },
    async (req) => leaveReserve(db, actorOf(req), req.params.id, req.body),
  );
}
