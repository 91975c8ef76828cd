import { sql } from 'kysely';
import type { Tx } from '../types.ts';

export interface Column {
  table: string;
  name: string;
  /** As PostgreSQL prints it: `numeric(14,2)`, `timestamp with time zone`. */
  type: string;
  /** The base type's name (`int8`, `timestamptz`, `_text` for text[]). */
  udt: string;
  nullable: boolean;
  default: string | null;
  identity: 'ALWAYS' | 'BY DEFAULT' | null;
  generated: boolean;
}

export interface Schema {
  columns: Column[];
  constraints: { table: string; name: string; definition: string }[];
  indexes: { table: string; name: string; definition: string }[];
  triggers: { table: string; name: string; definition: string }[];
  sequences: string[];
  functions: string[];
}

/** Tables of the migration runner itself: not the application's. */
const RUNNER_TABLES = ['schema_migration', 'schema_migration_lock', 'kysely_migration_lock'];

/** The public schema as the migrations left it: tables, columns with type and nullability, and what guards them. */
export async function introspect(db: Tx): Promise<Schema> {
  const columns = await sql<{
    table: string;
    name: string;
    type: string;
    udt: string;
    is_nullable: string;
    default: string | null;
    identity: string | null;
    generated: string;
  }>`
    SELECT c.table_name AS table, c.column_name AS name, format_type(a.atttypid, a.atttypmod) AS type, c.udt_name AS udt,
           c.is_nullable, c.column_default AS default, c.identity_generation AS identity, c.is_generated AS generated
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> ALL(${RUNNER_TABLES}::text[])
    ORDER BY c.table_name, c.ordinal_position`.execute(db);
  const constraints = await sql<{ table: string; name: string; definition: string }>`
    SELECT cl.relname AS table, co.conname AS name, pg_get_constraintdef(co.oid) AS definition
    FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
    WHERE co.connamespace = 'public'::regnamespace AND co.contype IN ('p', 'u', 'f', 'c', 'x')
      AND cl.relname <> ALL(${RUNNER_TABLES}::text[])
    ORDER BY 1, 2`.execute(db);
  const indexes = await sql<{ table: string; name: string; definition: string }>`
    SELECT i.tablename AS table, i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename <> ALL(${RUNNER_TABLES}::text[])
      -- The index behind a primary key or unique constraint is listed as that constraint.
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
    ORDER BY 1, 2`.execute(db);
  const triggers = await sql<{ table: string; name: string; definition: string }>`
    SELECT cl.relname AS table, tg.tgname AS name, pg_get_triggerdef(tg.oid) AS definition
    FROM pg_trigger tg JOIN pg_class cl ON cl.oid = tg.tgrelid
    WHERE cl.relnamespace = 'public'::regnamespace AND NOT tg.tgisinternal
    ORDER BY 1, 2`.execute(db);
  const sequences = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
    ORDER BY 1`.execute(db);
  const functions = await sql<{ name: string }>`
    SELECT p.oid::regprocedure::text AS name FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1`.execute(db);
  return {
    columns: columns.rows.map((c) => ({
      table: c.table,
      name: c.name,
      type: c.type,
      udt: c.udt,
      nullable: c.is_nullable === 'YES',
      default: c.default,
      identity: c.identity === 'ALWAYS' || c.identity === 'BY DEFAULT' ? c.identity : null,
      generated: c.generated === 'ALWAYS',
    })),
    constraints: constraints.rows,
    indexes: indexes.rows,
    triggers: triggers.rows,
    sequences: sequences.rows.map((r) => r.name),
    functions: functions.rows.map((r) => r.name),
  };
}

/** A reviewable text of the schema: one block per table, then sequences and functions. */
export function renderSnapshot(s: Schema, header: string): string {
  const tables = [...new Set(s.columns.map((c) => c.table))].sort();
  const out = [header, ''];
  for (const t of tables) {
    const cols = s.columns.filter((c) => c.table === t);
    const w1 = Math.max(...cols.map((c) => c.name.length));
    const w2 = Math.max(...cols.map((c) => c.type.length));
    out.push(`TABLE ${t}`);
    for (const c of cols) {
      const extra = [
        c.nullable ? 'NULL' : 'NOT NULL',
        ...(c.identity ? [`GENERATED ${c.identity} AS IDENTITY`] : []),
        ...(c.default !== null && !c.identity ? [`DEFAULT ${c.default}`] : []),
      ];
      out.push(`  ${c.name.padEnd(w1)}  ${c.type.padEnd(w2)}  ${extra.join('  ')}`.trimEnd());
    }
    for (const c of s.constraints.filter((x) => x.table === t)) out.push(`  CONSTRAINT ${c.name} ${c.definition}`);
    for (const i of s.indexes.filter((x) => x.table === t)) out.push(`  ${i.definition.replace(/ ON public\./, ' ON ')}`);
    for (const g of s.triggers.filter((x) => x.table === t)) out.push(`  ${g.definition.replace(/ ON public\./, ' ON ')}`);
    out.push('');
  }
  out.push('SEQUENCES', ...s.sequences.map((n) => `  ${n}`), '');
  out.push('FUNCTIONS', ...s.functions.map((n) => `  ${n}`), '');
  return out.join('\n');
}
