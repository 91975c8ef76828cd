import type { FastifyRequest } from 'fastify';
import { type FupinModule, typed } from '../../server/module.ts';
import { fileResponse } from '../../server/openapi.ts';
import { sendDownload } from '../registry/download.ts';
import { EventFilterQuery, EventPage, EventQuery, KindList, Summary } from './schema.ts';
import * as view from './view.ts';

/** A date without a time means the whole day. */
function endOf(v: string): Date {
  const d = new Date(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

function filterOf(q: { kind?: string; actor?: string; from?: string; to?: string }): view.Filter {
  return {
    kind: q.kind || undefined,
    actor: q.actor || undefined,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? endOf(q.to) : undefined,
  };
}

const viewer = (req: FastifyRequest): view.Viewer => ({ scopeCode: req.region });

/** The security-events view (等保 2.0): lockouts, scope conflicts, unmasking, failed CSRF — for `security.read`. */
export const securityModule: FupinModule = {
  name: 'security',
  async routes(app) {
    const r = typed(app);
    const db = app.deps.database.db;
    const access = { kind: 'collection', entity: 'security_event', permission: 'security.read' } as const;
    const tags = ['security'];

    r.get(
      '/security/events',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Security events (lockouts, scope conflicts, unmasking, failed CSRF), newest first',
          description: "Events of the caller's region and below; `from` and `to` are ISO dates or date-times. Pages by `nextCursor`.",
          querystring: EventQuery,
          response: { 200: EventPage },
        },
      },
      async (req) =>
        view.listEvents(db, viewer(req), { ...filterOf(req.query), cursor: req.query.cursor, limit: req.query.limit }, req.lang),
    );

    r.get(
      '/security/events/export',
      {
        config: { access },
        schema: {
          tags,
          summary: 'The security events of a filter as an .xlsx file',
          querystring: EventFilterQuery,
          response: fileResponse('The events, one row each, under the same filter as the list.'),
        },
      },
      async (req, reply) => {
        const f = filterOf(req.query);
        // The first page is read before any header goes out, so a failing query answers as an ordinary error.
        await view.listEvents(db, viewer(req), { ...f, limit: 1 }, req.lang);
        const name = `${req.lang === 'en' ? 'security-events' : '安全事件'}-${new Date().toISOString().slice(0, 10)}.xlsx`;
        return sendDownload(reply, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name }, (out) =>
          view.writeEventsXlsx(db, viewer(req), f, req.lang, out),
        );
      },
    );

    r.get(
      '/security/kinds',
      { config: { access }, schema: { tags, summary: 'The kinds of security event, with labels', response: { 200: KindList } } },
      async (req) => ({
        items: await view.kinds(db, viewer(req), req.lang),
      }),
    );

    r.get(
      '/security/summary',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Counts of security events per kind over recent windows',
          description: 'Also the number of persons whose full ID number was shown in each window.',
          response: { 200: Summary },
        },
      },
      async (req) => view.summary(db, viewer(req), req.lang),
    );
  },
};
