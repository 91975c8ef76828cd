import { z } from 'zod';
import { VERSION } from '../../config.ts';
import { migrationState } from '../../db/migrate.ts';
import type { Db } from '../../db/types.ts';
import { type FupinModule, typed } from '../../server/module.ts';
import { nameSchemas } from '../../server/openapi.ts';
import { state } from '../command/rollups.ts';
import { workerStatus } from '../command/worker.ts';
import { hasDemoUsers, ping } from './queries.ts';

const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['pglite', 'postgresql']),
  demo: z.boolean(),
});
nameSchemas({ Health });

const Check = z.object({ ok: z.boolean(), detail: z.string() });
const Ready = z.object({
  ready: z.boolean(),
  version: z.string(),
  checks: z.object({
    database: Check.extend({ ms: z.number().nullable() }),
    migrations: Check.extend({ applied: z.number(), pending: z.number(), latest: z.string().nullable() }),
    worker: Check.extend({ lastRunAt: z.string().nullable() }),
  }),
  /** Informative, never a reason to be unready: changes not yet in the figures, and since when. */
  figures: z.object({ backlogVillages: z.number(), oldestChangeAt: z.string().nullable() }).nullable(),
});

// A worker that has not gone round for this many of its intervals is taken for stuck.
const WORKER_MISSED_ROUNDS = 3;
const PING_TIMEOUT_MS = 2_000;

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, no) => setTimeout(() => no(new Error(`no answer in ${ms} ms`)), ms).unref())]);

async function readiness(db: Db) {
  const t0 = performance.now();
  const database = await withTimeout(ping(db), PING_TIMEOUT_MS).then(
    () => ({ ok: true, detail: 'answers', ms: Math.round((performance.now() - t0) * 10) / 10 }),
    // The route is public: the cause goes to the log, not to whoever asks.
    () => ({ ok: false, detail: 'unreachable', ms: null }),
  );
  const m = database.ok ? await migrationState(db) : null;
  const migrations = m
    ? { ok: m.pending === 0, detail: m.pending ? `${m.pending} not applied: run fupin migrate` : 'all applied', ...m }
    : { ok: false, detail: 'database unreachable', applied: 0, pending: 0, latest: null };
  const w = workerStatus(db);
  const late = w?.lastRunAt ? Date.now() - w.lastRunAt.getTime() > w.intervalMs * WORKER_MISSED_ROUNDS : true;
  const worker = {
    ok: Boolean(w) && !late,
    detail: !w ? 'not started' : w.lastError ? 'failing (see the server log)' : late ? 'has not run lately' : 'running',
    lastRunAt: w?.lastRunAt?.toISOString() ?? null,
  };
  const s = database.ok ? await state(db) : null;
  return {
    ready: database.ok && migrations.ok && worker.ok,
    version: VERSION,
    checks: { database, migrations, worker },
    figures: s ? { backlogVillages: s.backlog, oldestChangeAt: s.dirtySince?.toISOString() ?? null } : null,
  };
}

export const systemModule: FupinModule = {
  name: 'system',
  async routes(app) {
    const { db, kind } = app.deps.database;
    // Demo accounts are made when the database is first filled, before the server starts: asked once.
    let demo: Promise<boolean> | null = null;
    typed(app).get(
      '/health',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags: ['system'],
          summary: 'Liveness: the process answers (no database round trip; see /api/ready)',
          description: 'Public, for load balancers and monitoring. `demo` says whether the database holds the demo accounts.',
          response: { 200: Health },
        },
      },
      async () => {
        demo ??= hasDemoUsers(db).catch(() => {
          demo = null;
          return false;
        });
        return { status: 'ok' as const, version: VERSION, database: kind, demo: await demo };
      },
    );
    typed(app).get(
      '/ready',
      {
        config: { access: { kind: 'public' } },
        schema: {
          tags: ['system'],
          summary: 'Readiness: database reachable, migrations applied, figures worker running (503 when not)',
          response: { 200: Ready, 503: Ready },
        },
      },
      async (_req, reply) => {
        const r = await readiness(db);
        return reply.code(r.ready ? 200 : 503).send(r);
      },
    );
  },
};
