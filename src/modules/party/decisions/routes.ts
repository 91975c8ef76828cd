import { z } from 'zod';
import { type FupinModule, typed } from '../../../server/module.ts';
import { procedureActor } from '../../procedures/service.ts';
import { partyDecisionAuditFields } from './audit-fields.ts';
import * as q from './queries.ts';
import { Created, DecisionDetail, DecisionInput, DecisionList, DecisionQuery, StepInput, StepResult } from './schema.ts';
import { createDecision, decisionDetail, listDecisions } from './service.ts';
import { takeDecisionStep } from './steps.ts';

const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/**
 * 四议一审两公开 decision records (docs/decisions/0020-party-decisions.md): the list, a decision with its steps and
 * the form of the next one, create, and take the next step. The public disclosure page is public-routes.ts.
 */
export const partyDecisionsModule: FupinModule = {
  name: 'party-decisions',
  auditFields: partyDecisionAuditFields,
  entities(registry) {
    registry.register('party_decision', q.locateDecision);
  },
  async routes(app) {
    const r = typed(app);
    const { db } = app.deps.database;
    const tags = ['party'];
    const record = (permission: 'data.read' | 'data.write') =>
      ({ kind: 'record', entity: 'party_decision', param: 'id', permission }) as const;

    r.get(
      '/party/decisions',
      {
        config: {
          access: { kind: 'collection', entity: 'party_decision', permission: 'data.read', region: { in: 'query', field: 'region' } },
        },
        schema: {
          tags,
          summary: '四议一审两公开 decisions of a region, newest first',
          description: 'Filters: state, village (inside the region), year proposed. Keyset pages by `nextCursor`.',
          querystring: DecisionQuery,
          response: { 200: DecisionList },
        },
      },
      async (req) => {
        const village = req.query.village;
        if (village && !village.startsWith(req.region)) return { items: [], nextCursor: null };
        return listDecisions(db, req.region, req.query, req.lang);
      },
    );

    r.post(
      '/party/decisions',
      {
        config: {
          access: { kind: 'collection', entity: 'party_decision', permission: 'data.write', region: { in: 'body', field: 'villageCode' } },
        },
        schema: {
          tags,
          summary: 'Record a proposal (the first step): a major matter of a village with a party organisation',
          description: '400 DECISION_NOT_VILLAGE; 409 DECISION_NO_ORG when the village has no party organisation on record.',
          body: DecisionInput,
          response: { 200: Created },
        },
      },
      async (req) => createDecision(db, procedureActor(req), req.body),
    );

    r.get(
      '/party/decisions/:id',
      {
        config: { access: record('data.read') },
        schema: {
          tags,
          summary: 'A decision: its steps with attendance and votes, its history, and the next step with the fields it needs',
          params: IdParam,
          response: { 200: DecisionDetail },
        },
      },
      async (req) => decisionDetail(db, procedureActor(req), req.params.id, req.lang),
    );

    r.post(
      '/party/decisions/:id/steps',
      {
        config: { access: record('data.write') },
        schema: {
          tags,
          summary: 'Take the next step (in order, none skipped); a meeting is judged by its quorum and majority',
          description:
            'Refused with the rule named, nothing written: 409 DECISION_WRONG_STEP (out of order), DECISION_NOT_ONE_SHOULDER (joint meeting), PROCEDURE_CHANGED (stale version); 400 DECISION_QUORUM, DECISION_VOTES_EXCEED, DECISION_PRESENT_EXCEEDS, DECISION_FIELD_REQUIRED, DECISION_DATE_ORDER. A meeting that votes the matter down, or a township that refuses it, ends the decision as rejected (outcome `rejected`).',
          params: IdParam,
          body: StepInput,
          response: { 200: StepResult },
        },
      },
      async (req) => takeDecisionStep(db, procedureActor(req), req.params.id, req.body),
    );
  },
};
