import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestActor, typed } from '../../../server/module.ts';
import { AppointInput, Created, DissolveInput, OrgDetail, OrgEdit, OrgInput, OrgList, OrgQuery } from './schema.ts';
import { appointSecretary, createOrg, dissolveOrg, listOrgs, orgDetail, updateOrg } from './service.ts';

export const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const actorOf = (req: FastifyRequest) => ({ ...requestActor(req), scope: req.user?.scope_code ?? req.region });

/** Organisations (村党组织) and their secretaries. */
export function orgRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const keys = app.deps.keys;
  const tags = ['party'];
  const read = 'data.read' as const;
  const write = 'data.write' as const;
  const org = (permission: typeof read | typeof write) => ({ kind: 'record', entity: 'party_org', param: 'id', permission }) as const;

  r.get(
    '/party/orgs',
    {
      config: { access: { kind: 'collection', entity: 'party_org', permission: read, region: { in: 'query', field: 'region' } } },
      schema: {
        tags,
        summary: 'Village party organisations (村党组织) of a region',
        description:
          'In village-code order; filters: kind, state (normal / weak: 软弱涣散, an open rectification case of the village), dissolved. Keyset pages by `nextCursor`.',
        querystring: OrgQuery,
        response: { 200: OrgList },
      },
    },
    async (req) => listOrgs(db, req.region, req.query),
  );

  r.post(
    '/party/orgs',
    {
      config: { access: { kind: 'collection', entity: 'party_org', permission: write, region: { in: 'body', field: 'regionCode' } } },
      schema: {
        tags,
        summary: 'Create the organisation of a village (or township)',
        description: 'One at a time per place: 409 PARTY_ORG_EXISTS while one is not dissolved.',
        body: OrgInput,
        response: { 200: Created },
      },
    },
    async (req) => createOrg(db, actorOf(req), req.body),
  );

  r.get(
    '/party/orgs/:id',
    {
      config: { access: org(read) },
      schema: { tags, summary: 'An organisation with its secretaries, current first', params: IdParam, response: { 200: OrgDetail } },
    },
    async (req) => orgDetail(db, req.params.id),
  );

  r.put(
    '/party/orgs/:id',
    {
      config: { access: org(write) },
      schema: {
        tags,
        summary: 'Edit name, kind, establishment date',
        description: '`version` is the one read: a change meanwhile answers 409 PARTY_CHANGED.',
        params: IdParam,
        body: OrgEdit,
        response: { 200: Created },
      },
    },
    async (req) => updateOrg(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/party/orgs/:id/dissolve',
    {
      config: { access: org(write) },
      schema: {
        tags,
        summary: 'Dissolve an organisation on a date (kept, never deleted)',
        description: 'Its members must have moved out (409 PARTY_ORG_HAS_MEMBERS); the current secretary term ends that day.',
        params: IdParam,
        body: DissolveInput,
        response: { 200: Created },
      },
    },
    async (req) => dissolveOrg(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/party/orgs/:id/secretary',
    {
      config: { access: org(write) },
      schema: {
        tags,
        summary: 'Appoint a secretary: the current term ends the day before with its reason',
        description:
          "The person is the county's person of that ID number (a household member or a cadre is the same row), or a new one; 409 PARTY_PERSON_OTHER_COUNTY, PARTY_NAME_MISMATCH, PARTY_SECRETARY_SAME.",
        params: IdParam,
        body: AppointInput,
        response: { 200: Created },
      },
    },
    async (req) => appointSecretary(db, keys, actorOf(req), req.params.id, req.body),
  );
}
