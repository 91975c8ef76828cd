import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from './connection.ts';
import { statementsOf } from './sql-split.ts';
import type { Tx } from './types.ts';

const DIR = path.resolve('src/db/migrations');
const files = readdirSync(DIR)
  .filter((f) => /^\d{4}_.+\.sql$/.test(f))
  .sort();

/** The schema as the catalogs say: columns, constraints, indexes, triggers and function bodies. */
async function catalog(db: Tx): Promise<string[]> {
  const r = await sql<{ line: string }>`
    SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
           || coalesce(' ' || pg_get_expr(d.adbin, d.adrelid), '') AS line
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace s ON s.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE s.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace
    UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT proname || ' ' || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
    ORDER BY 1`.execute(db);
  return r.rows.map((x) => x.line);
}

describe('statementsOf', () => {
  it('keeps semicolons inside strings, identifiers, dollar quotes and comments, and refuses an open string', () => {
    const text = [
      "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'back\\'slash;');",
      'CREATE TABLE "odd;name" (x int); -- a comment; with a semicolon',
      '/* block; /* nested; */ still; */ SELECT 1;',
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;',
      "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT 'x;$$;y' $body$;",
      "SELECT 'UPDATE'; SELECT $1::text",
      '-- only a comment at the end;',
    ].join('\n');
    expect(statementsOf(text)).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'back\\'slash;')",
      'CREATE TABLE "odd;name" (x int)',
      'SELECT 1',
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$',
      "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT 'x;$$;y' $body$",
      "SELECT 'UPDATE'",
      'SELECT $1::text',
    ]);
    expect(() => statementsOf("SELECT 'open; SELECT 2;")).toThrow(/quoted string/);
  });

  it('gives every migration, run statement by statement, the schema it gives run whole', async () => {
    const whole = await openMemoryDatabase();
    const split = await openMemoryDatabase();
    try {
      let statements = 0;
      for (const f of files) {
        const text = readFileSync(path.join(DIR, f), 'utf8');
        await sql.raw(text).execute(whole.db);
        const parts = statementsOf(text);
        for (const s of parts) await sql.raw(s).execute(split.db);
        statements += parts.length;
      }
      expect(statements).toBeGreaterThan(files.length * 5);
      expect(await catalog(split.db)).toEqual(await catalog(whole.db));
    } finally {
      await whole.close();
      await split.close();
    }
  }, 120_000);
});
