import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeeded } from '../../../tests/support/db.ts';
import type { Database } from '../connection.ts';
import { tablesOf } from '../layout.ts';

/**
 * Every table can be distributed by county_code under Citus (ARCHITECTURE.md, "Scale-out"; issue 14), checked on the
 * catalogue the migrations leave, so that a new table cannot quietly break it:
 * - a table with county_code has it in its primary key and in every unique key (Citus enforces uniqueness per shard);
 * - a foreign key between two such tables includes county_code (the rows are colocated);
 * - a foreign key to a table without county_code points at a lookup that becomes a Citus reference table;
 * - a table without county_code is a lookup (reference table) or a coordinator-only table, declared in src/db/layout.ts.
 * What issue 14 must still redo is listed as debt, by name: the list may shrink, never grow.
 */
// Where each table goes is declared once, in src/db/layout.ts (checked whole by src/db/layout.test.ts).
const REFERENCE = tablesOf('reference');
const COORDINATOR_ONLY = new Set(tablesOf('coordinator'));
/** Unique keys without county_code that issue 14 must re-home. */
const DEBT_UNIQUE = [
  // Staging rows keyed by their batch and row number, like the register's (issue 14 decides the import batch's home).
  'import_row_pkey',
  'import_posting_row_pkey',
  'import_party_org_row_pkey',
  'import_party_member_row_pkey',
  'import_party_ledger_row_pkey',
  'import_party_fund_row_pkey',
  'indicator_month_revision_pkey',
  'person_identity_pkey',
];
/** Statement triggers with transition tables (refused by Citus on distributed tables): only the rollup mechanism's. */
const ROLLUP_TRIGGER = /_(rollup|dates)_(ins|upd|del)$/;
const DEBT_TRIGGERS = ['cadre_checkin_rollup_ins'];

describe('distribution by county_code', () => {
  let database: Database;
  const rows = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(database.db)).rows;
  beforeAll(async () => {
    database = await openSeeded('pglite');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('gives every table county_code, or names it a lookup or coordinator-only table', async () => {
    const without = await rows(sql<{ t: string }>`
      SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r'
        AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'county_code' AND NOT a.attisdropped)
      ORDER BY 1`);
    const unnamed = without.map((r) => r.t).filter((t) => !REFERENCE.includes(t) && !COORDINATOR_ONLY.has(t));
    expect(unnamed, 'a table without county_code: add it, or name it here with why').toEqual([]);
  });

  it('keeps county_code in every unique key and in foreign keys between county tables', async () => {
    const unique = await rows(sql<{ name: string }>`
      SELECT i.indexrelid::regclass::text AS name FROM pg_index i
      JOIN pg_attribute cc ON cc.attrelid = i.indrelid AND cc.attname = 'county_code' AND NOT cc.attisdropped
      WHERE i.indisunique AND NOT (cc.attnum = ANY (i.indkey::int2[]))
      ORDER BY 1`);
    expect(unique.map((r) => r.name).filter((n) => !DEBT_UNIQUE.includes(n))).toEqual([]);
    const keys = await rows(sql<{ name: string; target: string }>`
      SELECT con.conname AS name, con.confrelid::regclass::text AS target FROM pg_constraint con
      JOIN pg_attribute cc ON cc.attrelid = con.conrelid AND cc.attname = 'county_code' AND NOT cc.attisdropped
      WHERE con.contype = 'f'
        AND (NOT (cc.attnum = ANY (con.conkey))
             OR NOT EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = con.confrelid AND t.attname = 'county_code'))
      ORDER BY 1`);
    const bad = keys.filter((k) => !REFERENCE.includes(k.target) && k.target !== 'import_batch');
    expect(bad, 'a foreign key that Citus cannot colocate').toEqual([]);
  });

  it('has no statement trigger with transition tables beyond the rollup mechanism issue 14 redoes', async () => {
    const triggers = await rows(sql<{ name: string }>`
      SELECT t.tgname AS name FROM pg_trigger t
      WHERE NOT t.tgisinternal AND (t.tgoldtable IS NOT NULL OR t.tgnewtable IS NOT NULL) ORDER BY 1`);
    expect(triggers.map((t) => t.name).filter((n) => !ROLLUP_TRIGGER.test(n) && !DEBT_TRIGGERS.includes(n))).toEqual([]);
  });
});
