import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keeperOf } from '../../src/modules/command/keeper.ts';
import { startRollupWorker } from '../../src/modules/command/worker.ts';
import { Client, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

/**
 * /api/health says the process answers and costs nothing; /api/ready checks the database, the migrations and the
 * figures worker, and answers 503 when one fails. Expected values come from the migration folder and direct SQL.
 */
const MIGRATIONS = readdirSync('src/db/migrations').filter((f) => /^\d{4}_.+\.sql$/.test(f)).length;

describe.each(engines())('health and readiness on %s', (engine) => {
  let t: TestApp;
  let anon: Client;
  let stopWorker: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    t = await openTestApp(engine);
    anon = new Client(t.app);
  });
  afterAll(async () => {
    await stopWorker?.();
    await t.close();
  });

  it('answers health without a session and without the migration list', async () => {
    const r = await anon.get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', version: expect.any(String), database: engine === 'citus' ? 'postgresql' : engine, demo: true });
  });

  it('is not ready while no figures worker runs, and says which check failed', async () => {
    const r = await anon.get('/api/ready');
    expect(r.status).toBe(503);
    expect(r.body.ready).toBe(false);
    expect(r.body.checks.database.ok).toBe(true);
    expect(r.body.checks.migrations).toMatchObject({ ok: true, applied: MIGRATIONS, pending: 0 });
    expect(r.body.checks.worker).toMatchObject({ ok: false, detail: 'not started', lastRunAt: null });
  });

  it('is ready with the worker running, and reports changes not yet in the figures', async () => {
    stopWorker = startRollupWorker(t.database.db, { intervalMs: 60_000 });
    let r = await anon.get('/api/ready');
    for (let i = 0; i < 200 && r.status !== 200; i++) {
      await new Promise((done) => setTimeout(done, 50));
      r = await anon.get('/api/ready');
    }
    expect(r.status).toBe(200);
    expect(r.body.checks.worker.ok).toBe(true);
    // Let the worker fold in what the seed left marked (the poverty counties' own rows, migration 0041) before pausing:
    // a refresh already under way when the keeper pauses still clears its marks.
    for (let i = 0; i < 400; i++) {
      const left = await sql<{ n: number }>`SELECT count(*) AS n FROM rollup_dirty`.execute(t.database.db);
      if (Number(left.rows[0]?.n) === 0) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    const release = keeperOf(t.database.db).pause();
    try {
      await sql`INSERT INTO household (county_code, village_code, household_no, category, cause, year_identified, status)
        VALUES ('211381', '211381109201', 'READY1', 'ordinary', 'illness', 2016, 'poor')`.execute(t.database.db);
      const marked = await sql<{ n: number }>`SELECT count(*) AS n FROM rollup_dirty`.execute(t.database.db);
      const busy = await anon.get('/api/ready');
      expect(busy.status).toBe(200);
      expect(busy.body.figures.backlogVillages).toBe(Number(marked.rows[0]?.n));
      expect(busy.body.figures.backlogVillages).toBeGreaterThan(0);
      expect(busy.body.figures.oldestChangeAt).not.toBeNull();
    } finally {
      release();
    }
  });

  it('is not ready when a migration is missing', async () => {
    const last = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name DESC LIMIT 1`.execute(t.database.db);
    await sql`DELETE FROM schema_migration WHERE name = ${last.rows[0]?.name}`.execute(t.database.db);
    const r = await anon.get('/api/ready');
    expect(r.status).toBe(503);
    expect(r.body.checks.migrations).toMatchObject({ ok: false, pending: 1, applied: MIGRATIONS - 1 });
    // Health does not look: the process still answers.
    expect((await anon.get('/api/health')).status).toBe(200);
  });
});
