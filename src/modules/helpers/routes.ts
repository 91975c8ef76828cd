import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type FupinModule, requestActor, typed } from '../../server/module.ts';
import { helperAuditFields } from './audit-fields.ts';
import * as q from './queries.ts';
import {
  AssignInput,
  AssignResult,
  Created,
  HelperDetail,
  HelperInput,
  HelperList,
  HelperQuery,
  ResolutionList,
  ResolutionQuery,
} from './schema.ts';
import { assignHelper, createHelper, helperDetail, importResolutions, listHelpers, updateHelper } from './service.ts';

const IdParam = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const actorOf = (req: FastifyRequest) => ({ ...requestActor(req), scope: req.region });

/**
 * Helpers (帮扶责任人) as records of their county (docs/decisions/0017-helpers.md): the list, a helper's households,
 * create and edit, and the bulk assignment from the household list. The register's import resolves its 帮扶责任人
 * column to these records (registry/import/helpers.ts).
 */
export const helpersModule: FupinModule = {
  name: 'helpers',
  auditFields: helperAuditFields,
  entities(registry) {
    registry.register('helper', q.locateHelper);
  },
  async routes(app) {
    const r = typed(app);
    const { db } = app.deps.database;
    const keys = app.deps.keys;
    const tags = ['helpers'];
    const read = 'data.read' as const;
    const write = 'data.write' as const;
    const helper = (permission: typeof read | typeof write) => ({ kind: 'record', entity: 'helper', param: 'id', permission }) as const;

    r.get(
      '/helpers',
      {
        config: { access: { kind: 'collection', entity: 'helper', permission: read, region: { in: 'query', field: 'region' } } },
        schema: {
          tags,
          summary: 'Helpers (帮扶责任人) of a region',
          description:
            "A region below a county lists its county's helpers (everyone there picks among them). `q`: a name prefix. Keyset pages by `nextCursor`.",
          querystring: HelperQuery,
          response: { 200: HelperList },
        },
      },
      async (req) => listHelpers(db, req.region, req.query),
    );

    r.post(
      '/helpers',
      {
        config: {
          access: { kind: 'collection', entity: 'helper', permission: write, region: { in: 'body', field: 'countyCode' } },
        },
        schema: {
          tags,
          summary: 'Add a helper',
          description:
            "With an ID number the helper is the county's person of that number (a cadre or a household member: one person, one record), created if new; 409 HELPER_PERSON_OTHER_COUNTY, HELPER_NAME_MISMATCH. Without one, a helper of the same name and phone in the county answers 409 HELPER_EXISTS.",
          body: HelperInput,
          response: { 200: Created },
        },
      },
      async (req) => createHelper(db, keys, actorOf(req), req.body),
    );

    r.get(
      '/helpers/:id',
      {
        config: { access: helper(read) },
        schema: {
          tags,
          summary: 'A helper with their households (current first) and pairing dates',
          params: IdParam,
          response: { 200: HelperDetail },
        },
      },
      async (req) => helperDetail(db, req.params.id),
    );

    r.put(
      '/helpers/:id',
      {
        config: { access: helper(write) },
        schema: {
          tags,
          summary: 'Edit a helper: name, unit, phone (blank keeps it), an ID number when none is on record',
          description: 'The pairings carry the new name at once (the household list, the export).',
          params: IdParam,
          body: HelperInput.omit({ countyCode: true }),
          response: { 200: Created },
        },
      },
      async (req) => updateHelper(db, keys, actorOf(req), req.params.id, req.body),
    );

    r.get(
      '/registry/imports/:id/helpers',
      {
        config: { access: { kind: 'record', entity: 'import', param: 'id', permission: write } },
        schema: {
          tags,
          summary: 'How a previewed register import resolves its 帮扶责任人 column, household by household',
          description:
            "existing (the household's current helper, or the one helper of that name in the county) · new (created at commit, once per name) · ambiguous (two or more helpers of the county bear the name: the household is imported, its pairing left as it is). Pages by row number (`after`).",
          params: IdParam,
          querystring: ResolutionQuery,
          response: { 200: ResolutionList },
        },
      },
      async (req) => importResolutions(db, req.params.id, req.query),
    );

    r.post(
      '/helpers/assignments',
      {
        config: { access: { kind: 'collection', entity: 'help_pairing', permission: write } },
        schema: {
          tags,
          summary: '指定帮扶责任人: pair the selected households with a helper from today',
          description:
            "All or nothing. A household's current pairing with another helper ends today; households already helped by this helper stay as they are. Refused: repeated ids (400 HELPER_DUPLICATE_HOUSEHOLDS), ids outside the writer's region or of no household (404 HELPER_HOUSEHOLDS_OUT_OF_SCOPE, without telling which exist), households of another county than the helper's (400 HELPER_OTHER_COUNTY).",
          body: AssignInput,
          response: { 200: AssignResult },
        },
      },
      async (req) => assignHelper(db, actorOf(req), req.body),
    );
  },
};
