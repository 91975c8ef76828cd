import { z } from 'zod';
import { AppError } from '../../server/errors.ts';
import { type FupinModule, typed } from '../../server/module.ts';
import { nameSchemas } from '../../server/openapi.ts';
import { describeChain, mayVerify, verifyChain } from './chain.ts';
import { AuditRow } from './schema.ts';
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

const AuditPage = z.object({ items: z.array(AuditRow), nextCursor: z.string().nullable() });
nameSchemas({ AuditRow });

const ChainReport = z.object({
  intact: z.boolean(),
  rows: z.number(),
  message: z.string(),
  head: z.object({ id: z.number(), seq: z.number(), at: z.string(), hash: z.string() }).nullable(),
  broken: z
    .object({ id: z.number(), at: z.string(), seq: z.number(), reason: z.enum(['altered', 'missing']), missing: z.number().optional() })
    .nullable(),
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
          summary: "The audit trail of the caller's region, newest first",
          description:
            '`actor` is a user name; `from` and `to` are ISO dates or date-times (a date alone means the whole day). Pages by `nextCursor`.',
          querystring: AuditQuery,
          response: { 200: AuditPage },
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
          lang: req.lang,
        });
      },
    );

    r.get(
      '/audit/verify',
      {
        config: { access },
        schema: {
          tags: ['audit'],
          summary: 'Verify the hash chain of the whole audit trail',
          description:
            'For province-level users only (403 otherwise): the chain spans every scope. Says whether a row was altered or removed.',
          response: { 200: ChainReport },
        },
      },
      async (req) => {
        if (!req.user || !mayVerify(req.user)) throw new AppError('FORBIDDEN', 403);
        const report = await verifyChain(db);
        return { ...report, message: describeChain(report, req.lang) };
      },
    );

    r.get(
      '/audit/entities',
      {
        config: { access },
        schema: {
          tags: ['audit'],
          summary: "The entity names that occur in the caller's audit trail (for a filter)",
          response: { 200: z.object({ items: z.array(z.string()) }) },
        },
      },
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
