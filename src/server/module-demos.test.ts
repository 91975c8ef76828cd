import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openSeeded } from '../../tests/support/db.ts';
import type { Database } from '../db/connection.ts';
import { parseKey } from '../modules/pii/crypto.ts';
import { loadDemo } from '../modules/registry/demo/load.ts';
import { loadModuleDemos, MODULE_DEMOS } from './module-demos.ts';

/**
 * Every module's demo after the register, as `fupin demo` and a first start load them, on both engines: each module
 * says what it added, and the planner has statistics for what they wrote (PGlite never runs autovacuum: without them
 * the province's first page of party members took 1.5 s at scale 1, planned on 28 organisations for 7,867). The
 * expected row counts are direct counts; these tables are under ANALYZE's sample, so its figure is exact.
 */
const KEYS = parseKey(randomBytes(64).toString('base64'));
const TABLES = ['party_org', 'party_member', 'cadre_posting', 'procedure_case', 'exit_household', 'monitoring_case'];

describe.each(engines())('module demos on %s', (engine) => {
  let database: Database;
  const said: string[] = [];

  beforeAll(async () => {
    database = await openSeeded(engine);
    await loadDemo(database.db, KEYS, { scale: 0.004 });
    await loadModuleDemos(database.db, KEYS, { scale: 0.004, computeMonths: 1 }, (m) => said.push(m));
  }, 600_000);
  afterAll(() => database?.close());

  /** Whether nothing else vacuums this database (PGlite; a PostgreSQL with autovacuum off): the demo vacuums then. */
  const nothingVacuums = async () =>
    database.kind === 'pglite' ||
    (await sql<{ v: string }>`SELECT setting AS v FROM pg_settings WHERE name = 'autovacuum'`.execute(database.db)).rows[0]?.v !== 'on';

  it('loads each module in order and gathers statistics last, vacuuming where nothing else does', async () => {
    expect(said.length).toBe(MODULE_DEMOS.length + 1);
    expect(said.at(-1)).toMatch((await nothingVacuums()) ? /^statistics gathered, tables vacuumed \(/ : /^statistics gathered \(/);
    expect(said.some((m) => m.includes('none added'))).toBe(false);
  });

  it.each(TABLES)('%s: the planner knows its rows', async (table) => {
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(database.db);
    const s = await sql<{
      reltuples: number;
    }>`SELECT reltuples::int AS reltuples FROM pg_class WHERE relname = ${table} AND relkind = 'r'`.execute(database.db);
    expect(n.rows[0]?.n).toBeGreaterThan(0);
    expect(s.rows[0]?.reltuples).toBe(n.rows[0]?.n);
    if (await nothingVacuums()) {
      // Vacuumed: its pages are marked all-visible, so an index-only scan need not read them.
      const v = await sql<{ all_visible: number; pages: number }>`
        SELECT relallvisible::int AS all_visible, relpages::int AS pages FROM pg_class WHERE relname = ${table} AND relkind = 'r'`.execute(
        database.db,
      );
      expect(v.rows[0]?.all_visible).toBeGreaterThan(0);
    }
  });

  it('adds nothing and gathers nothing the second time', async () => {
    const again: string[] = [];
    await loadModuleDemos(database.db, KEYS, { scale: 0.004, computeMonths: 1 }, (m) => again.push(m));
    expect(again).toHaveLength(MODULE_DEMOS.length);
    expect(again.every((m) => m.includes('none added'))).toBe(true);
  });
});
