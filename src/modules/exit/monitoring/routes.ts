import { z } from 'zod';
import { type FupinModule, typed } from '../../../server/module.ts';
import { procedureActor } from '../../procedures/service.ts';
import * as cq from '../comparison/queries.ts';
import { comparisonRoutes } from '../comparison/routes.ts';
import * as q from './queries.ts';
import {
  Created,
  MeasureInput,
  MonitoringDetail,
  MonitoringList,
  MonitoringQuery,
  MonitoringStepInput,
  ProposalInput,
  ScanInput,
  ScanResult,
} from './schema.ts';
import { addMeasure, listMonitoring, monitoringDetail, monitoringStep, propose, scanIncomes } from './service.ts';

const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/**
 * The exit module's part 2 (issue 13): return-to-poverty monitoring (防返贫监测) here, the cross-department data
 * comparison (数据比对) in ../comparison.
 */
export const exitMonitoringModule: FupinModule = {
  name: 'exit-monitoring',
  entities(registry) {
    registry.register('monitoring_case', q.locateMonitoringCase);
    registry.register('comparison_hit', cq.locateHit);
    registry.register('comparison_batch', cq.locateBatch);
  },
  async routes(app) {
    const r = typed(app);
    const { db } = app.deps.database;
    const keys = app.deps.keys;
    const tags = ['exit'];
    const read = 'data.read' as const;
    const write = 'data.write' as const;
    const one = (permission: typeof read | typeof write) =>
      ({ kind: 'record', entity: 'monitoring_case', param: 'id', permission }) as const;

    r.get(
      '/monitoring/cases',
      {
        config: { access: { kind: 'collection', entity: 'monitoring_case', permission: read, region: { in: 'query', field: 'region' } } },
        schema: {
          tags,
          summary: '防返贫监测: the monitoring cases of a region',
          description: 'Filters: state, kind, overdue=1 (past a step deadline or the 15-day limit). Keyset pages by `nextCursor`.',
          querystring: MonitoringQuery,
          response: { 200: MonitoringList },
        },
      },
      async (req) => listMonitoring(db, req.region, req.query, req.lang),
    );

    r.post(
      '/monitoring/cases',
      {
        config: {
          access: { kind: 'collection', entity: 'monitoring_case', permission: write, region: { in: 'body', field: 'villageCode' } },
        },
        schema: {
          tags,
          summary: 'Propose a household for monitoring (a registered one, or a new monitoring-only marginal household)',
          description:
            '409 MONITORING_CASE_EXISTS (a live case), MONITORING_STILL_POOR, MONITORING_KIND_STATUS (unstable needs exited), MONITORING_INCOME_ABOVE (marginal over 1.5 × the line).',
          body: ProposalInput,
          response: { 200: Created },
        },
      },
      async (req) => propose(db, keys, procedureActor(req), req.body, req.lang),
    );

    r.post(
      '/monitoring/scan',
      {
        config: { access: { kind: 'collection', entity: 'monitoring_case', permission: write, region: { in: 'body', field: 'region' } } },
        schema: {
          tags,
          summary: 'System proposals: exited households whose latest income is under the monitoring line, for a person to confirm',
          body: ScanInput,
          response: { 200: ScanResult },
        },
      },
      async (req) => scanIncomes(db, procedureActor(req), req.region),
    );

    r.get(
      '/monitoring/cases/:id',
      {
        config: { access: one(read) },
        schema: {
          tags,
          summary: 'A monitoring case: facts, measures, checklist, procedure',
          params: IdParam,
          response: { 200: MonitoringDetail },
        },
      },
      async (req) => monitoringDetail(db, procedureActor(req), req.params.id, req.lang),
    );

    r.post(
      '/monitoring/cases/:id/steps',
      {
        config: { access: one(write) },
        schema: {
          tags,
          summary: 'confirm / consent / appraise / approve / include / reject / leave',
          description:
            'consent needs consentSignedOn; appraise waits exit.monitoring_notice_days (409 PROCEDURE_TOO_EARLY); approve is the township’s, include and leave the county’s (403 PROCEDURE_LEVEL); leave needs the whole checklist (409 MONITORING_CHECKLIST); reject needs a reason.',
          params: IdParam,
          body: MonitoringStepInput,
          response: { 200: Created },
        },
      },
      async (req) => monitoringStep(db, procedureActor(req), req.params.id, req.body),
    );

    r.post(
      '/monitoring/cases/:id/measures',
      {
        config: { access: one(write) },
        schema: {
          tags,
          summary: '帮扶措施: an assistance measure of a monitored household',
          params: IdParam,
          body: MeasureInput,
          response: { 200: Created },
        },
      },
      async (req) => addMeasure(db, procedureActor(req), req.params.id, req.body),
    );

    await comparisonRoutes(app);
  },
};
