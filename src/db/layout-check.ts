import { sql } from 'kysely';
import { type Blocker, LAYOUT, type Placement } from './layout.ts';
import type { Tx } from './types.ts';

/** What of a table's shape decides whether Citus can place it as declared; read from the catalogue (PGlite too). */
export interface TableShape {
  columns: Map<string, { notNull: boolean }>;
  /** Foreign keys: referenced table and the column pairs. */
  foreignKeys: { target: string; columns: string[]; targetColumns: string[]; onDelete?: string }[];
  /** Unique indexes (primary keys included), by their columns. */
  uniques: string[][];
  /** Statement-level triggers that declare transition tables (REFERENCING OLD/NEW TABLE). */
  transitionTriggers: string[];
}

export async function readSchema(db: Tx): Promise<Map<string, TableShape>> {
  const tables = await sql<{ t: string }>`
    SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`.execute(db);
  const out = new Map<string, TableShape>(
    tables.rows.map((r) => [r.t, { columns: new Map(), foreignKeys: [], uniques: [], transitionTriggers: [] }]),
  );
  const cols = await sql<{ t: string; col: string; not_null: boolean }>`
    SELECT c.relname AS t, a.attname AS col, a.attnotnull AS not_null
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`.execute(db);
  for (const r of cols.rows) out.get(r.t)?.columns.set(r.col, { notNull: r.not_null });
  const fks = await sql<{ t: string; target: string; cols: string[]; target_cols: string[]; on_delete: string }>`
    SELECT c.conrelid::regclass::text AS t, c.confrelid::regclass::text AS target, c.confdeltype::text AS on_delete,
           array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols,
           array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS target_cols
    FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
    WHERE c.contype = 'f' AND n.nspname = 'public'`.execute(db);
  for (const r of fks.rows)
    out.get(r.t)?.foreignKeys.push({ target: r.target, columns: r.cols, targetColumns: r.target_cols, onDelete: r.on_delete });
  const uniques = await sql<{ t: string; cols: string[] }>`
    SELECT c.relname AS t,
           array(SELECT a.attname::text FROM unnest(i.indkey) k(n) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n) AS cols
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND i.indisunique`.execute(db);
  for (const r of uniques.rows) out.get(r.t)?.uniques.push(r.cols);
  const triggers = await sql<{ t: string; name: string }>`
    SELECT c.relname AS t, g.tgname AS name FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND NOT g.tgisinternal AND (g.tgoldtable IS NOT NULL OR g.tgnewtable IS NOT NULL)
    ORDER BY 2`.execute(db);
  for (const r of triggers.rows) out.get(r.t)?.transitionTriggers.push(r.name);
  return out;
}

export interface LayoutProblem {
  table: string;
  problem: string;
}

/** Declared placements that the schema contradicts outright (not a known blocker): each one is a bug to fix. */
export function layoutProblems(schema: Map<string, TableShape>, layout: Record<string, Placement> = LAYOUT): LayoutProblem[] {
  const out: LayoutProblem[] = [];
  for (const t of schema.keys()) if (!layout[t]) out.push({ table: t, problem: 'not declared in src/db/layout.ts' });
  for (const t of Object.keys(layout)) if (!schema.has(t)) out.push({ table: t, problem: 'declared but not in the schema' });
  for (const [t, p] of Object.entries(layout)) {
    const shape = schema.get(t);
    if (!shape || p.kind !== 'distributed') continue;
    const col = shape.columns.get(p.column);
    if (!col) out.push({ table: t, problem: `distribution column ${p.column} missing` });
    else if (!col.notNull) out.push({ table: t, problem: `distribution column ${p.column} may be NULL` });
    for (const u of shape.uniques)
      if (!u.includes(p.column)) out.push({ table: t, problem: `unique key (${u.join(', ')}) does not include ${p.column}` });
  }
  return out;
}

/**
 * What keeps each table declared distributed from being distributed, computed from the schema: transition-table
 * triggers on it, or a foreign key to a table that is neither a reference table nor distributed, unblocked, in the
 * same group by the same column, or that sets NULL or a default on delete.
 */
export function schemaBlockers(schema: Map<string, TableShape>, layout: Record<string, Placement> = LAYOUT): Map<string, Blocker[]> {
  const own = new Map<string, Blocker[]>();
  for (const [t, p] of Object.entries(layout)) {
    const shape = schema.get(t);
    if (!shape || p.kind !== 'distributed') continue;
    own.set(t, shape.transitionTriggers.length ? ['transition-triggers'] : []);
  }
  // A foreign key blocks when its target is blocked (transitively) or is not colocated or reference.
  const blocked = (t: string, seen: Set<string>): boolean => {
    if ((own.get(t) ?? []).length) return true;
    const p = layout[t];
    if (p?.kind !== 'distributed' || seen.has(t)) return false;
    seen.add(t);
    return (schema.get(t)?.foreignKeys ?? []).some((fk) => fk.target !== t && fkBlocks(t, fk, seen));
  };
  const fkBlocks = (t: string, fk: TableShape['foreignKeys'][number], seen: Set<string>): boolean => {
    const p = layout[t];
    const q = layout[fk.target];
    if (p?.kind !== 'distributed' || !q) return true;
    if (q.kind === 'reference') return false;
    if (q.kind !== 'distributed' || q.group !== p.group) return true;
    const i = fk.columns.indexOf(p.column);
    if (i < 0 || fk.targetColumns[i] !== q.column) return true;
    // Citus refuses ON DELETE SET NULL / SET DEFAULT on a key that includes the distribution column (even when, as
    // PostgreSQL 15 allows, only other columns are set).
    if (fk.onDelete === 'n' || fk.onDelete === 'd') return true;
    return fk.target !== t && blocked(fk.target, new Set(seen));
  };
  const out = new Map<string, Blocker[]>();
  for (const [t, b] of own) {
    const fk = (schema.get(t)?.foreignKeys ?? []).some((k) => k.target !== t && fkBlocks(t, k, new Set([t])));
    out.set(t, fk ? [...b, 'foreign-key'] : b);
  }
  return out;
}
