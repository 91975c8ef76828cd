import type { Column, Schema } from './introspect.ts';

/** TypeScript types of PostgreSQL base types, as both engines return them (connection.ts sets the parsers). */
const BASE: Record<string, string> = {
  int2: 'number',
  int4: 'number',
  int8: 'number',
  numeric: 'number',
  float4: 'number',
  float8: 'number',
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  date: 'string',
  inet: 'string',
  uuid: 'string',
  bool: 'boolean',
  timestamptz: 'Timestamp',
  timestamp: 'Timestamp',
  jsonb: 'Json',
  json: 'Json',
  bytea: 'Uint8Array',
};

/**
 * Columns without a default that the database fills all the same (a trigger), so an insert leaves them out; and
 * what the generated file says about them.
 */
const FILLED_BY_TRIGGER: Record<string, string> = {
  'audit_log.chain_seq': 'Set by the audit_log_chain trigger (migration 0007): place in the hash chain.',
  'audit_log.hash': 'Set by the audit_log_chain trigger (migration 0007): the chained hash.',
};

const pascal = (table: string) => table.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
export const interfaceName = (table: string) => `${pascal(table)}Table`;

function tsType(c: Column): string {
  const array = c.udt.startsWith('_');
  const base = BASE[array ? c.udt.slice(1) : c.udt];
  if (!base) throw new Error(`${c.table}.${c.name}: no TypeScript type for PostgreSQL type ${c.type}; add it to BASE in types-file.ts`);
  const value = `${array ? `${base}[]` : base}${c.nullable ? ' | null' : ''}`;
  if (c.identity === 'ALWAYS' || c.generated) return `GeneratedAlways<${value}>`;
  if (c.identity || c.default !== null || `${c.table}.${c.name}` in FILLED_BY_TRIGGER) {
    return value === 'Timestamp' ? 'GeneratedTimestamp' : `Generated<${value}>`;
  }
  return value;
}

/** src/db/types.ts as the schema says it must read. */
export function renderTypes(s: Schema, header: string[]): string {
  const tables = [...new Set(s.columns.map((c) => c.table))].sort();
  const out = [
    ...header.map((l) => `// ${l}`),
    "import type { ColumnType, Generated, GeneratedAlways, Kysely, Transaction } from 'kysely';",
    '',
    '/** Column types as both engines return them (see connection.ts for the parsers). */',
    'type Timestamp = ColumnType<Date, Date | string, Date | string>;',
    'type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;',
    'type Json = ColumnType<unknown, string | undefined, string>;',
    '',
  ];
  for (const t of tables) {
    out.push(`export interface ${interfaceName(t)} {`);
    for (const c of s.columns.filter((x) => x.table === t)) {
      const note = FILLED_BY_TRIGGER[`${c.table}.${c.name}`];
      if (note) out.push(`  /** ${note} */`);
      out.push(`  ${c.name}: ${tsType(c)};`);
    }
    out.push('}', '');
  }
  out.push('export interface DB {', ...tables.map((t) => `  ${t}: ${interfaceName(t)};`), '}', '');
  out.push(
    'export type Db = Kysely<DB>;',
    '/** Anything that can run a query: the database or a transaction. Pass it down; never reach for a global. */',
    'export type Tx = Kysely<DB> | Transaction<DB>;',
    '',
  );
  return out.join('\n');
}
