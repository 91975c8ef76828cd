import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type FupinModule, requestActor, typed } from '../../server/module.ts';
import { fileResponse } from '../../server/openapi.ts';
import { acknowledge, listAlerts } from './alerts.ts';
import { briefing, briefingXlsx } from './briefing.ts';
import { keeperOf } from './keeper.ts';
import { AckBody, AlertList, AlertQuery, Briefing, Catalog, CountyGeo, Dashboard, MapQuery, MapValues, ScopeQuery } from './schema.ts';
import { cachedJson, catalog, currentContext, dashboard, mapValues } from './service.ts';

/** Sends JSON text that was checked against the route's schema when it was built (see cachedJson), or a JSON file's bytes. */
const sendJson = (reply: FastifyReply, json: string | Buffer) => reply.type('application/json; charset=utf-8').send(json);

const GEO_FILE = new URL('../../../data/geo/liaoning-counties.json', import.meta.url);
let geo: { raw: Buffer; gz: Buffer } | null = null;

export const commandModule: FupinModule = {
  name: 'command',
  async routes(app) {
    const r = typed(app);
    const { db } = app.deps.database;
    // Background figure work this app's readers started must end before the database closes.
    app.addHook('onClose', () => keeperOf(db).stop());
    const tags = ['command'];
    const read = 'data.read' as const;
    const inRegion = { in: 'query', field: 'region' } as const;
    const scoped = (entity: string, permission: 'data.read' | 'data.write' = read) =>
      ({ access: { kind: 'collection', entity, permission, region: inRegion } }) as const;

    r.get(
      '/command/catalog',
      {
        config: scoped('indicator'),
        schema: {
          tags,
          summary: 'The indicators, breakdowns and alert rules of the command centre (指挥中心)',
          description: 'Also the latest month with data (the default month of the other command routes).',
          response: { 200: Catalog },
        },
      },
      async (req) => catalog(db, req.region, req.lang),
    );

    r.get(
      '/command/dashboard',
      {
        config: scoped('indicator'),
        schema: {
          tags,
          summary: 'The dashboard of a region for a month',
          description:
            "Key figures with the previous month's, trends, breakdowns, the region's children for rankings and the alert counts. `region` defaults to the user's scope; `month` (YYYY-MM, never after the current month) to the catalog's `latestMonth`.",
          querystring: ScopeQuery,
          response: { 200: Dashboard },
        },
      },
      async (req, reply) => {
        const scope = req.user?.scope_code ?? req.region;
        const key = `dash|${scope}|${req.region}|${req.query.month ?? ''}|${req.lang}`;
        return sendJson(
          reply,
          await cachedJson(db, req.region, key, Dashboard, (v) => dashboard(db, scope, req.region, req.query.month, req.lang, v)),
        );
      },
    );

    r.get(
      '/command/map',
      {
        config: scoped('indicator'),
        schema: {
          tags,
          summary: 'Indicator values of the regions at one level under a region, for the map',
          description: '`level` defaults to counties for a province or a city, else one level down.',
          querystring: MapQuery,
          response: { 200: MapValues },
        },
      },
      async (req, reply) => {
        const key = `map|${req.region}|${req.query.month ?? ''}|${req.query.level ?? ''}`;
        return sendJson(
          reply,
          await cachedJson(db, req.region, key, MapValues, (v) => mapValues(db, req.region, req.query.month, req.query.level, v)),
        );
      },
    );

    r.get(
      '/command/geo',
      {
        config: scoped('map'),
        schema: {
          tags,
          summary: 'The county outlines of the province (GeoJSON)',
          description:
            "Liaoning's counties; `properties.code` is the county code (and the map's name). The same file for every user (cached for a day), gzip-compressed when the client accepts it.",
          response: { 200: CountyGeo },
        },
      },
      async (req, reply) => {
        if (!geo) {
          const raw = await readFile(GEO_FILE);
          geo = { raw, gz: gzipSync(raw) };
        }
        reply.header('cache-control', 'private, max-age=86400');
        if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')))
          return sendJson(reply.header('content-encoding', 'gzip'), geo.gz);
        return sendJson(reply, geo.raw);
      },
    );

    r.get(
      '/command/alerts',
      {
        config: scoped('alert'),
        schema: {
          tags,
          summary: 'Current alerts of a region',
          description: '`state`: open (default), acknowledged or all; `rule` narrows to one alert rule. Pages by `nextCursor`.',
          querystring: AlertQuery,
          response: { 200: AlertList },
        },
      },
      async (req, reply) => {
        const scope = req.user?.scope_code ?? req.region;
        const q = req.query;
        const key = `alerts|${scope}|${req.region}|${q.rule ?? ''}|${q.state}|${q.cursor ?? ''}|${q.limit}|${req.lang}`;
        const build = async () => listAlerts(db, scope, { ...q, region: req.region }, await currentContext(db, req.region), req.lang);
        return sendJson(reply, await cachedJson(db, req.region, key, AlertList, build));
      },
    );

    r.post(
      '/command/alerts/ack',
      {
        config: { access: { kind: 'collection', entity: 'alert', permission: 'data.write' } },
        schema: {
          tags,
          summary: 'Acknowledge an alert, with an optional note',
          description: "Audited and idempotent; an item that is not a current alert inside the user's scope answers 404.",
          body: AckBody,
          response: { 204: z.undefined().describe('Acknowledged') },
        },
      },
      async (req, reply) => {
        const ctx = await currentContext(db, req.region);
        await acknowledge(db, req.region, requestActor(req), req.body, ctx);
        return reply.code(204).send();
      },
    );

    r.get(
      '/command/briefing',
      {
        config: scoped('briefing'),
        schema: {
          tags,
          summary: 'The monthly briefing (月度通报) of a region',
          description: 'Every indicator for each child region with its rank, the worst marked, and a written summary.',
          querystring: ScopeQuery,
          response: { 200: Briefing },
        },
      },
      async (req) => briefing(db, req.user?.scope_code ?? req.region, req.region, req.query.month, req.lang),
    );

    r.get(
      '/command/briefing.xlsx',
      {
        config: scoped('briefing'),
        schema: {
          tags,
          summary: 'The monthly briefing as an .xlsx workbook',
          querystring: ScopeQuery,
          response: fileResponse('The briefing workbook, named after the region and the month.'),
        },
      },
      async (req, reply) => {
        const b = await briefing(db, req.user?.scope_code ?? req.region, req.region, req.query.month, req.lang);
        const name = req.lang === 'en' ? `briefing-${b.region.name}-${b.month}.xlsx` : `${b.region.name}-${b.month}-月度通报.xlsx`;
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
          .send(await briefingXlsx(b, req.lang));
      },
    );
  },
};
