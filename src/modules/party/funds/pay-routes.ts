import type { FastifyInstance } from 'fastify';
import { thisYear } from '../../../server/clock.ts';
import { typed } from '../../../server/module.ts';
import { actorOf } from './routes.ts';
import { Created, IdParam, IncomeInput, IncomeList, PaidInput, PayInput, PayList, PayQuery, Saved, YearQuery } from './schema.ts';
import { createPay, listIncomes, listPay, setIncome, setPaid } from './service.ts';

/** Village cadres' monthly pay (late pay is an alert) and the villages' collective-economy income (none: 空壳村). */
export function payRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const keys = app.deps.keys;
  const tags = ['party'];

  r.get(
    '/party/funds/pay',
    {
      config: {
        access: { kind: 'collection', entity: 'party_cadre_pay', permission: 'data.read', region: { in: 'query', field: 'region' } },
      },
      schema: {
        tags,
        summary: "Village cadres' monthly pay records of a year, late ones first",
        description: 'late: unpaid past the due date, or paid after it. `late=1` lists only those.',
        querystring: PayQuery,
        response: { 200: PayList },
      },
    },
    async (req) => listPay(db, req.region, req.query),
  );

  r.post(
    '/party/funds/pay',
    {
      config: {
        access: { kind: 'collection', entity: 'party_cadre_pay', permission: 'data.write', region: { in: 'body', field: 'villageCode' } },
      },
      schema: {
        tags,
        summary: "Record a village cadre's pay for a month (the person by ID number, as everywhere: one human, one row)",
        description: '409 PARTY_PAY_EXISTS for the same person, village and month; PARTY_PERSON_OTHER_COUNTY, PARTY_NAME_MISMATCH.',
        body: PayInput,
        response: { 200: Created },
      },
    },
    async (req) => createPay(db, keys, actorOf(req), req.body),
  );

  r.post(
    '/party/funds/pay/:id/paid',
    {
      config: { access: { kind: 'record', entity: 'party_cadre_pay', param: 'id', permission: 'data.write' } },
      schema: {
        tags,
        summary: "Record (or clear) the date a month's pay was paid, from the version read",
        params: IdParam,
        body: PaidInput,
        response: { 200: Saved },
      },
    },
    async (req) => setPaid(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/party/funds/income',
    {
      config: {
        access: { kind: 'collection', entity: 'party_fund_payment', permission: 'data.read', region: { in: 'query', field: 'region' } },
      },
      schema: {
        tags,
        summary: 'Collective-economy income of the known villages of a region for a year (hollow villages first)',
        description: 'A village with no income on record for the year, or zero, is a hollow village (空壳村).',
        querystring: YearQuery,
        response: { 200: IncomeList },
      },
    },
    async (req) => listIncomes(db, req.region, req.query.year ?? thisYear()),
  );

  r.put(
    '/party/funds/income',
    {
      config: {
        access: {
          kind: 'collection',
          entity: 'party_fund_payment',
          permission: 'data.write',
          region: { in: 'body', field: 'villageCode' },
        },
      },
      schema: {
        tags,
        summary: "Set a village's collective-economy income for a year (amount in fen)",
        description: 'Pass the version read when the year has an income on record; 409 PARTY_RECORD_CHANGED when it changed meanwhile.',
        body: IncomeInput,
        response: { 200: Saved },
      },
    },
    async (req) => setIncome(db, actorOf(req), req.body),
  );
}
