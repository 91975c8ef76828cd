import { z } from 'zod';
import { type FupinModule, typed } from '../../server/module.ts';
import { RegionView, RegionWithPath, SearchQuery, Summary, SummaryQuery } from './schema.ts';
import * as regions from './service.ts';

const CodeParam = z.strictObject({ code: z.string().max(12) });

export const regionsModule: FupinModule = {
  name: 'regions',
  entities(registry) {
    registry.register('region', regions.locateRegion);
  },
  async routes(app) {
    const r = typed(app);
    const db = app.deps.database.db;
    const tags = ['regions'];
    const read = 'data.read' as const;

    r.get(
      '/regions/search',
      {
        config: { access: { kind: 'collection', entity: 'region', permission: read } },
        schema: {
          tags,
          summary: 'Search regions by name or code',
          description: "Within the user's scope: `q` matches a part of the name or the start of the code.",
          querystring: SearchQuery,
          response: { 200: z.object({ items: z.array(RegionWithPath) }) },
        },
      },
      async (req) => ({ items: await regions.search(db, req.region, req.query.q, req.query.limit, req.lang) }),
    );

    r.get(
      '/regions/summary',
      {
        config: { access: { kind: 'collection', entity: 'region', permission: read, region: { in: 'query', field: 'region' } } },
        schema: {
          tags,
          summary: 'A region with its counts of subordinate regions and its poverty counties',
          description: "Default region: the user's scope.",
          querystring: SummaryQuery,
          response: { 200: Summary },
        },
      },
      async (req) => regions.summary(db, req.user?.scope_code ?? req.region, req.region, req.lang),
    );

    r.get(
      '/regions/:code',
      {
        config: { access: { kind: 'record', entity: 'region', param: 'code', permission: read } },
        schema: {
          tags,
          summary: "One region, with its path from the user's scope down to it",
          params: CodeParam,
          response: { 200: RegionWithPath },
        },
      },
      async (req) => regions.getRegion(db, req.user?.scope_code ?? '', req.params.code, req.lang),
    );

    r.get(
      '/regions/:code/children',
      {
        config: { access: { kind: 'record', entity: 'region', param: 'code', permission: read } },
        schema: {
          tags,
          summary: 'The regions directly under a region',
          params: CodeParam,
          response: { 200: z.object({ items: z.array(RegionView) }) },
        },
      },
      async (req) => ({ items: await regions.children(db, req.params.code, req.lang) }),
    );
  },
};
