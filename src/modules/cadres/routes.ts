import { z } from 'zod';
import { type FupinModule, requestActor, typed } from '../../server/module.ts';
import { procedureActor } from '../procedures/service.ts';
import { locateImport } from '../registry/queries.ts';
import { attendanceRoutes } from './attendance/routes.ts';
import { locateFlag } from './attendance/view.queries.ts';
import { cadreAuditFields } from './audit-fields.ts';
import { checkinRoutes } from './checkin-routes.ts';
import { fieldLogRoutes } from './fieldlog-routes.ts';
import { postingInterchangeRoutes } from './interchange-routes.ts';
import { leaveDetail, leaveStep, listLeave, requestLeave } from './leave.ts';
import { locateVillage } from './points/points.queries.ts';
import { villagePointRoutes } from './points/routes.ts';
import * as q from './queries.ts';
import { createPostingLogin, recordSpotCheck, reviewSummary, writeReview } from './reviews.ts';
import {
  Created,
  LeaveDetail,
  LeaveInput,
  LeaveList,
  LeaveQuery,
  LoginInput,
  PostingDetail,
  PostingInput,
  PostingList,
  PostingQuery,
  ReviewInput,
  ReviewQuery,
  ReviewSummary,
  SpotCheckInput,
  SpotCheckResult,
  StepInput,
  UnitInput,
  UnitList,
  UnitQuery,
} from './schema.ts';
import { createPosting, createUnit, listPostings, listUnits, postingDetail, postingStep } from './service.ts';

const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Resident cadres (驻村帮扶): dispatching units, postings and their procedure, leave. */
export const cadresModule: FupinModule = {
  name: 'cadres',
  auditFields: cadreAuditFields,
  entities(registry) {
    registry.register('cadre_posting', q.locatePosting);
    registry.register('cadre_leave', q.locateLeave);
    registry.register('cadre_flag', locateFlag);
    registry.register('posting_import', (tx, id) => locateImport(tx, id, 'postings'));
    registry.register('village_point', locateVillage);
  },
  async routes(app) {
    const r = typed(app);
    const { db } = app.deps.database;
    const keys = app.deps.keys;
    const tags = ['cadres'];
    const read = 'data.read' as const;
    const write = 'data.write' as const;
    const inRegion = { in: 'query', field: 'region' } as const;
    const posting = (permission: typeof read | typeof write) =>
      ({ kind: 'record', entity: 'cadre_posting', param: 'id', permission }) as const;
    const leave = (permission: typeof read | typeof write) => ({ kind: 'record', entity: 'cadre_leave', param: 'id', permission }) as const;

    postingInterchangeRoutes(app);
    villagePointRoutes(app);

    r.get(
      '/cadres/units',
      {
        config: { access: { kind: 'collection', entity: 'dispatch_unit', permission: read, region: inRegion } },
        schema: {
          tags,
          summary: 'Dispatching units (派出单位) of the regions above the scope and inside it',
          querystring: UnitQuery,
          response: { 200: UnitList },
        },
      },
      async (req) => listUnits(db, req.region),
    );

    r.post(
      '/cadres/units',
      {
        config: { access: { kind: 'collection', entity: 'dispatch_unit', permission: write, region: { in: 'body', field: 'regionCode' } } },
        schema: {
          tags,
          summary: 'Add a dispatching unit',
          description:
            'The region must fit the level (province 2 digits, city 4, county 6, township 9) and lie inside the scope. A name is unique per region (409 CADRE_UNIT_EXISTS).',
          body: UnitInput,
          response: { 200: Created },
        },
      },
      async (req) => createUnit(db, requestActor(req), req.body),
    );

    r.get(
      '/cadres/postings',
      {
        config: { access: { kind: 'collection', entity: 'cadre_posting', permission: read, region: inRegion } },
        schema: {
          tags,
          summary: 'Postings (驻村任职) of a region',
          description: 'Filters: state, role, `q` (a name prefix or its pinyin / initials). Keyset pages by `nextCursor`.',
          querystring: PostingQuery,
          response: { 200: PostingList },
        },
      },
      async (req) => listPostings(db, req.region, req.query, req.lang),
    );

    r.post(
      '/cadres/postings',
      {
        config: {
          access: { kind: 'collection', entity: 'cadre_posting', permission: write, region: { in: 'body', field: 'villageCode' } },
        },
        schema: {
          tags,
          summary: 'Propose a posting (拟派)',
          description:
            'Creates the cadre (a person found by ID number, or new) and the posting in state proposed. A person with a posting proposed or in post is refused (409 CADRE_ALREADY_POSTED); a person of another county too (409 CADRE_PERSON_OTHER_COUNTY).',
          body: PostingInput,
          response: { 200: Created },
        },
      },
      async (req) => createPosting(db, keys, procedureActor(req), req.body),
    );

    r.get(
      '/cadres/postings/:id',
      {
        config: { access: posting(read) },
        schema: {
          tags,
          summary: 'A posting with its procedure: state, deadline, history, the steps the reader may take',
          params: IdParam,
          response: { 200: PostingDetail },
        },
      },
      async (req) => postingDetail(db, procedureActor(req), req.params.id, req.lang),
    );

    r.post(
      '/cadres/postings/:id/steps',
      {
        config: { access: posting(write) },
        schema: {
          tags,
          summary: 'Take a step of the posting procedure',
          description:
            'confirm (in post from `date`, default the start) · withdraw · finish · rotate · replace (`reasonCode` required). Ending before the minimum tenure needs `reason`. `version` is the case version read: 409 PROCEDURE_CHANGED when someone moved it since.',
          params: IdParam,
          body: StepInput,
          response: { 200: Created },
        },
      },
      async (req) => postingStep(db, procedureActor(req), req.params.id, req.body),
    );

    r.post(
      '/cadres/postings/:id/leave',
      {
        config: { access: posting(write) },
        schema: {
          tags,
          summary: 'Ask for leave (请假) for a cadre in post',
          description:
            'Refused when not in post, outside the posting, too long (setting cadres.leave_max_days) or overlapping other leave (409 LEAVE_OVERLAP).',
          params: IdParam,
          body: LeaveInput,
          response: { 200: Created },
        },
      },
      async (req) => requestLeave(db, procedureActor(req), req.params.id, req.body),
    );

    r.post(
      '/cadres/postings/:id/spot-checks',
      {
        config: { access: posting(write) },
        schema: {
          tags,
          summary: 'Record a spot check (抽查): found in the village or not',
          description:
            'Township or county users. "Not found" on a day without approved leave is an unexcused absence (`absence: true`), which caps the year\'s rating.',
          params: IdParam,
          body: SpotCheckInput,
          response: { 200: SpotCheckResult },
        },
      },
      async (req) => recordSpotCheck(db, procedureActor(req), req.params.id, req.body),
    );

    r.get(
      '/cadres/postings/:id/reviews',
      {
        config: { access: posting(read) },
        schema: {
          tags,
          summary: "A posting's year: unexcused absences, the rating cap, spot checks, reviews and who reviews",
          params: IdParam,
          querystring: ReviewQuery,
          response: { 200: ReviewSummary },
        },
      },
      async (req) => reviewSummary(db, req.params.id, req.query.year, req.lang),
    );

    r.post(
      '/cadres/postings/:id/reviews',
      {
        config: { access: posting(write) },
        schema: {
          tags,
          summary: 'Write a review (述职评议) as the dispatching level',
          description:
            "Only users whose scope is the dispatching unit's region (403 CADRE_REVIEW_LEVEL). A rating above the cap of the year's unexcused absences answers 409 CADRE_RATING_CAPPED; one review per year and period.",
          params: IdParam,
          body: ReviewInput,
          response: { 200: Created },
        },
      },
      async (req) => writeReview(db, procedureActor(req), req.params.id, req.body),
    );

    r.post(
      '/cadres/postings/:id/login',
      {
        config: { access: posting(write) },
        schema: {
          tags,
          summary: 'Give a cadre in post a login (role resident_cadre, scope the village)',
          description:
            'County users with users.manage. The account is disabled when the posting ends. The password follows the password policy.',
          params: IdParam,
          body: LoginInput,
          response: { 200: Created },
        },
      },
      async (req) => createPostingLogin(db, procedureActor(req), req.params.id, req.body, req.lang),
    );

    r.get(
      '/cadres/leave',
      {
        config: { access: { kind: 'collection', entity: 'cadre_leave', permission: read, region: inRegion } },
        schema: { tags, summary: 'Leave requests of a region', querystring: LeaveQuery, response: { 200: LeaveList } },
      },
      async (req) => listLeave(db, req.region, req.query, req.lang),
    );

    r.get(
      '/cadres/leave/:id',
      {
        config: { access: leave(read) },
        schema: { tags, summary: 'A leave request with its procedure', params: IdParam, response: { 200: LeaveDetail } },
      },
      async (req) => leaveDetail(db, procedureActor(req), req.params.id, req.lang),
    );

    r.post(
      '/cadres/leave/:id/steps',
      {
        config: { access: leave(write) },
        schema: {
          tags,
          summary: 'Approve, reject, cancel or close a leave request',
          description:
            'approve / reject: the township up to cadres.leave_township_max_days days, the county beyond (403 PROCEDURE_LEVEL). reject needs `reason`.',
          params: IdParam,
          body: StepInput,
          response: { 200: Created },
        },
      },
      async (req) => leaveStep(db, procedureActor(req), req.params.id, req.body),
    );

    await checkinRoutes(app);
    await fieldLogRoutes(app);
    await attendanceRoutes(app);
  },
};
