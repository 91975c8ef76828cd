import { z } from 'zod';
import { type FupinModule, typed } from '../../server/module.ts';
import * as audit from './service.ts';

const AuditQuery = z.strictObject({
  actor: z.string().trim().max(64).optional(),
  entity: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const AuditRow = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string(),
  scopeCode: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const auditModule: FupinModule = {
  name: 'audit',
  async routes(app) {
    const r = typed(app);
    const db = app.deps.database.db;
    const access = { kind: 'collection', entity: 'audit', permission: 'audit.read' } as const;

    r.get(
      '/audit',
      {
        config: { access },
        schema: {
          tags: ['audit'],
          querystring: AuditQuery,
          response: { 200: z.object({ items: z.array(AuditRow), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => {
        const q = req.query;
        return audit.list(db, {
          scopeCode: req.region,
          actor: q.actor || undefined,
          entity: q.entity || undefined,
          entityId: q.entityId || undefined,
          action: q.action || undefined,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? endOf(q.to) : undefined,
          cursor: q.cursor,
          limit: q.limit,
        });
      },
    );

    r.get(
      '/audit/entities',
      { config: { access }, schema: { tags: ['audit'], response: { 200: z.object({ items: z.array(z.string()) }) } } },
      async (req) => ({
        items: await audit.entities(db, req.region),
      }),
    );
  },
};

/** A date without a time means the whole day. */
function endOf(v: string): Date {
  const d = new Date(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}
