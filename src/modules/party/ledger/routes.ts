import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type FupinModule, requestActor, typed } from '../../../server/module.ts';
import { procedureActor } from '../../procedures/service.ts';
import { locateImport } from '../../registry/queries.ts';
import * as sq from '../screening/queries.ts';
import { screeningRoutes } from '../screening/routes.ts';
import { ledgerAuditFields } from './audit-fields.ts';
import { ledgerExportRoutes } from './export-routes.ts';
import { ledgerImportRoutes } from './import-routes.ts';
import * as q from './queries.ts';
import { CaseInput, CauseList, Created, LedgerDetail, LedgerList, LedgerQuery, PlanInput, ProgressInput, StepInput } from './schema.ts';
import { addProgress, causeList, createCase, ledgerDetail, ledgerStep, listLedger, savePlan } from './service.ts';

export const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const actorOf = (req: FastifyRequest) => ({ ...requestActor(req), scope: req.user?.scope_code ?? '' });

/**
 * The party module's part 2 (issue 12): the weak-and-lax rectification ledger (软弱涣散整顿台账) here, the secretary
 * screening and nomination bars in ../screening (docs/decisions/0019-party-ledger.md).
 */
export const partyLedgerModule: FupinModule = {
  name: 'party-ledger',
  auditFields: ledgerAuditFields,
  entities(registry) {
    registry.register('party_rectification', q.locateRectification);
    registry.register('party_screening', sq.locateScreening);
    registry.register('party_ledger_import', (tx, id) => locateImport(tx, id, 'party_ledger'));
  },
  async routes(app) {
    const r = typed(app);
    const { db } = app.deps.database;
    const tags = ['party'];
    const read = 'data.read' as const;
    const write = 'data.write' as const;
    const rect = (permission: typeof read | typeof write) =>
      ({ kind: 'record', entity: 'party_rectification', param: 'id', permission }) as const;

    r.get(
      '/party/rectifications',
      {
        config: {
          access: { kind: 'collection', entity: 'party_rectification', permission: read, region: { in: 'query', field: 'region' } },
        },
        schema: {
          tags,
          summary: '软弱涣散整顿台账: the rectification cases of a region',
          description: 'Filters: state, year, overdue=1 (past the plan deadline, not closed). Keyset pages by `nextCursor`.',
          querystring: LedgerQuery,
          response: { 200: LedgerList },
        },
      },
      async (req) => listLedger(db, req.region, req.query, req.lang),
    );

    r.get(
      '/party/rectification-causes',
      {
        config: { access: { kind: 'collection', entity: 'party_rectification', permission: read } },
        schema: {
          tags,
          summary: 'The standard causes of a weak-and-lax organisation (setting party.rectification_causes)',
          response: { 200: CauseList },
        },
      },
      async (req) => causeList(db, req.region, req.lang),
    );

    r.post(
      '/party/rectifications',
      {
        config: {
          access: { kind: 'collection', entity: 'party_rectification', permission: write, region: { in: 'body', field: 'villageCode' } },
        },
        schema: {
          tags,
          summary: '排查认定: identify a weak-and-lax organisation (one case per village and year)',
          description:
            'Township or county users. 409 PARTY_CASE_EXISTS for a second case of the village in the year; 400 PARTY_CAUSE_UNKNOWN.',
          body: CaseInput,
          response: { 200: Created },
        },
      },
      async (req) => createCase(db, procedureActor(req), req.body),
    );

    r.get(
      '/party/rectifications/:id',
      {
        config: { access: rect(read) },
        schema: { tags, summary: 'A rectification case: facts, progress, procedure', params: IdParam, response: { 200: LedgerDetail } },
      },
      async (req) => ledgerDetail(db, procedureActor(req), req.params.id, req.lang),
    );

    r.put(
      '/party/rectifications/:id/plan',
      {
        config: { access: rect(write) },
        schema: {
          tags,
          summary: '一村一策: the plan, county leader, township member and deadline (the first secretary comes from the cadres module)',
          params: IdParam,
          body: PlanInput,
          response: { 200: Created },
        },
      },
      async (req) => savePlan(db, procedureActor(req), req.params.id, req.body),
    );

    r.post(
      '/party/rectifications/:id/progress',
      {
        config: { access: rect(write) },
        schema: { tags, summary: '整改进展: a dated progress entry', params: IdParam, body: ProgressInput, response: { 200: Created } },
      },
      async (req) => addProgress(db, procedureActor(req), req.params.id, req.body),
    );

    r.post(
      '/party/rectifications/:id/steps',
      {
        config: { access: rect(write) },
        schema: {
          tags,
          summary: 'plan / start / close (销号) / consolidate (巩固) / reopen',
          description:
            "plan needs the measures complete (409 PARTY_PLAN_INCOMPLETE); close, consolidate and reopen are the county's (403 PROCEDURE_LEVEL); consolidate waits party.rectification_follow_up_days after closing (409 PROCEDURE_TOO_EARLY); reopen needs `reason`.",
          params: IdParam,
          body: StepInput,
          response: { 200: Created },
        },
      },
      async (req) => ledgerStep(db, procedureActor(req), req.params.id, req.body),
    );

    ledgerExportRoutes(app);
    ledgerImportRoutes(app);
    screeningRoutes(app);
  },
};

export { actorOf as partyActorOf };
