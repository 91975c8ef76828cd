import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import { type FupinModule, requestActor, typed } from '../../server/module.ts';
import { acknowledge, listAlerts } from './alerts.ts';
import { briefing, briefingXlsx } from './briefing.ts';
import { AckBody, AlertList, AlertQuery, Briefing, Catalog, Dashboard, MapQuery, MapValues, ScopeQuery } from './schema.ts';
import { cachedJson, catalog, currentContext, dashboard, mapValues } from './service.ts';

/** Sends JSON text that was checked against the route's schema when it was built (see cachedJson). */
const sendJson = (reply: FastifyReply, json: string) => reply.type('application/json; charset=utf-8').send(json);

const GEO_FILE = new URL('../../../data/geo/liaoning-counties.json', import.meta.url);
let geo: { raw: Buffer; gz: Buffer } | null = null;

export const commandModule: FupinModule = {
  name: 'command',
  async routes(app) {
    const r = typed(app);
    const { db } = app.deps.database;
    const tags = ['command'];
    const read = 'data.read' as const;
    const inRegion = { in: 'query', field: 'region' } as const;
    const scoped = (entity: string, permission: 'data.read' | 'data.write' = read) =>
      ({ access: { kind: 'collection', entity, permission, region: inRegion } }) as const;

    r.get('/command/catalog', { config: scoped('indicator'), schema: { tags, response: { 200: Catalog } } }, async (req) =>
      catalog(db, req.region, req.lang),
    );

    r.get(
      '/command/dashboard',
      { config: scoped('indicator'), schema: { tags, querystring: ScopeQuery, response: { 200: Dashboard } } },
      async (req, reply) => {
        const scope = req.user?.scope_code ?? req.region;
        const key = `dash|${scope}|${req.region}|${req.query.month ?? ''}|${req.lang}`;
        return sendJson(reply, await cachedJson(db, key, Dashboard, (v) => dashboard(db, scope, req.region, req.query.month, req.lang, v)));
      },
    );

    r.get(
      '/command/map',
      { config: scoped('indicator'), schema: { tags, querystring: MapQuery, response: { 200: MapValues } } },
      async (req, reply) => {
        const key = `map|${req.region}|${req.query.month ?? ''}|${req.query.level ?? ''}`;
        return sendJson(reply, await cachedJson(db, key, MapValues, (v) => mapValues(db, req.region, req.query.month, req.query.level, v)));
      },
    );

    r.get('/command/geo', { config: scoped('map'), schema: { tags } }, async (req, reply) => {
      if (!geo) {
        const raw = await readFile(GEO_FILE);
        geo = { raw, gz: gzipSync(raw) };
      }
      reply.header('content-type', 'application/json; charset=utf-8').header('cache-control', 'private, max-age=86400');
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(geo.gz);
      return reply.send(geo.raw);
    });

    r.get(
      '/command/alerts',
      { config: scoped('alert'), schema: { tags, querystring: AlertQuery, response: { 200: AlertList } } },
      async (req, reply) => {
        const scope = req.user?.scope_code ?? req.region;
        const q = req.query;
        const key = `alerts|${scope}|${req.region}|${q.rule ?? ''}|${q.state}|${q.cursor ?? ''}|${q.limit}|${req.lang}`;
        const build = async () => listAlerts(db, scope, { ...q, region: req.region }, await currentContext(db, req.region), req.lang);
        return sendJson(reply, await cachedJson(db, key, AlertList, build));
      },
    );

    r.post(
      '/command/alerts/ack',
      { config: { access: { kind: 'collection', entity: 'alert', permission: 'data.write' } }, schema: { tags, body: AckBody } },
      async (req, reply) => {
        const ctx = await currentContext(db, req.region);
        await acknowledge(db, req.region, requestActor(req), req.body, ctx);
        return reply.code(204).send();
      },
    );

    r.get(
      '/command/briefing',
      { config: scoped('briefing'), schema: { tags, querystring: ScopeQuery, response: { 200: Briefing } } },
      async (req) => briefing(db, req.user?.scope_code ?? req.region, req.region, req.query.month, req.lang),
    );

    r.get('/command/briefing.xlsx', { config: scoped('briefing'), schema: { tags, querystring: ScopeQuery } }, async (req, reply) => {
      const b = await briefing(db, req.user?.scope_code ?? req.region, req.region, req.query.month, req.lang);
      const name = req.lang === 'en' ? `briefing-${b.region.name}-${b.month}.xlsx` : `${b.region.name}-${b.month}-月度通报.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await briefingXlsx(b, req.lang));
    });
  },
};
