import { type Kysely, sql } from 'kysely';
import { AppError } from '../server/errors.ts';
import { LAYOUT, type Placement } from './layout.ts';
import { layoutProblems, readSchema, schemaBlockers, type TableShape } from './layout-check.ts';
import type { DB } from './types.ts';

/**
 * Turns a migrated database on a Citus coordinator into the layout of src/db/layout.ts (docs/scale-out.md):
 * reference tables first, then the distributed tables in foreign-key order, each group colocated with its first
 * table, then the coordinator tables that reference a reference table are added to Citus's metadata (a foreign key
 * from a plain table to a reference table is not a supported topology). Idempotent: a table already placed as
 * declared is left alone. A table whose schema still has a blocker (layout-check.ts) is left where it is and named.
 */

export type Outcome = 'done' | 'already' | 'blocked' | 'refused';

export interface Step {
  table: string;
  placement: Placement['kind'];
  outcome: Outcome;
  detail?: string;
}

interface Current {
  /** 'h' hash-distributed, 'n' reference (repmodel 't') or Citus local (repmodel 's'). */
  method: string;
  repmodel: string;
  column: string | null;
  colocation: number;
}

export async function citusVersion(db: Kysely<DB>): Promise<string | null> {
  const r = await sql<{ v: string }>`SELECT extversion AS v FROM pg_extension WHERE extname = 'citus'`.execute(db);
  return r.rows[0]?.v ?? null;
}

/** Whether the database is a Citus coordinator, asked once per database. */
const citus = new WeakMap<object, Promise<boolean>>();
export function isCitus(db: Kysely<DB>): Promise<boolean> {
  let known = citus.get(db);
  if (!known) {
    known = citusVersion(db).then((v) => v !== null);
    citus.set(db, known);
  }
  return known;
}

async function current(db: Kysely<DB>): Promise<Map<string, Current>> {
  const r = await sql<{ t: string; method: string; repmodel: string; col: string | null; colocation: number }>`
    SELECT logicalrelid::regclass::text AS t, partmethod::text AS method, repmodel::text AS repmodel,
           CASE WHEN partmethod = 'h' THEN column_to_column_name(logicalrelid, partkey) END AS col,
           colocationid AS colocation
    FROM pg_dist_partition`.execute(db);
  return new Map(r.rows.map((x) => [x.t, { method: x.method, repmodel: x.repmodel, column: x.col, colocation: x.colocation }]));
}

/** Tables of one kind, each after the tables it references (same kind), then by name. */
function fkOrder(tables: string[], schema: Map<string, TableShape>): string[] {
  const set = new Set(tables);
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const fk of schema.get(t)?.foreignKeys ?? []) if (fk.target !== t && set.has(fk.target)) visit(fk.target);
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t);
  return out;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

/**
 * `probe`: also try the tables with blockers, to record what Citus says (for a throw-away database: a refused
 * table stays as it was, but the ones after it are placed).
 */
export async function distribute(db: Kysely<DB>, opts: { probe?: boolean } = {}): Promise<Step[]> {
  const version = await citusVersion(db);
  if (!version) throw new AppError('SCALE_NO_CITUS', 400);
  const coord = await sql<{ ok: boolean }>`SELECT citus_is_coordinator() AS ok`.execute(db);
  if (!coord.rows[0]?.ok) throw new AppError('SCALE_NOT_COORDINATOR', 400);
  const schema = await readSchema(db);
  const problems = layoutProblems(schema);
  if (problems.length) {
    throw new AppError('SCALE_LAYOUT_MISMATCH', 400, { tables: problems.map((p) => `${p.table} (${p.problem})`).join('; ') });
  }
  const blockers = schemaBlockers(schema);
  const steps: Step[] = [];
  // One session: the setting below must hold for every statement.
  await db.connection().execute(async (conn) => {
    // Default on: a reference table would pull every table that references it into Citus's metadata as a local
    // table, which then cannot be distributed (identity columns). Off, the county tables stay plain until their turn.
    await sql`SET citus.enable_local_reference_table_foreign_keys = off`.execute(conn);
    // The rollup marks are row triggers that write only the colocated shard of rollup_dirty (migration 0044); Citus
    // accepts triggers on distributed tables only with this set, for the DDL.
    await sql`SET citus.enable_unsafe_triggers = on`.execute(conn);
    const placed = await current(conn);
    const run = async (table: string, placement: Placement['kind'], statement: ReturnType<typeof sql>) => {
      try {
        await statement.execute(conn);
        steps.push({ table, placement, outcome: 'done' });
        return true;
      } catch (e) {
        steps.push({ table, placement, outcome: 'refused', detail: message(e) });
        return false;
      }
    };

    const of = (kind: Placement['kind']) =>
      Object.entries(LAYOUT)
        .filter(([, p]) => p.kind === kind)
        .map(([t]) => t);

    for (const t of fkOrder(of('reference'), schema)) {
      const c = placed.get(t);
      if (c?.method === 'n' && c.repmodel === 't') steps.push({ table: t, placement: 'reference', outcome: 'already' });
      else await run(t, 'reference', sql`SELECT create_reference_table(${t})`);
    }

    const anchors = new Map<string, string>();
    for (const [t, c] of placed) {
      const p = LAYOUT[t];
      if (p?.kind === 'distributed' && c.method === 'h' && !anchors.has(p.group)) anchors.set(p.group, t);
    }
    for (const t of fkOrder(of('distributed'), schema)) {
      const p = LAYOUT[t] as Extract<Placement, { kind: 'distributed' }>;
      const c = placed.get(t);
      if (c?.method === 'h') {
        const anchor = placed.get(anchors.get(p.group) ?? '');
        const ok = c.column === p.column && (!anchor || anchor.colocation === c.colocation);
        steps.push(
          ok
            ? { table: t, placement: 'distributed', outcome: 'already' }
            : { table: t, placement: 'distributed', outcome: 'refused', detail: `distributed by ${c.column}, colocation ${c.colocation}` },
        );
        continue;
      }
      const b = blockers.get(t) ?? [];
      if (b.length && !opts.probe) {
        steps.push({ table: t, placement: 'distributed', outcome: 'blocked', detail: b.join(', ') });
        continue;
      }
      const anchor = anchors.get(p.group);
      const ok = await run(t, 'distributed', sql`SELECT create_distributed_table(${t}, ${p.column}, colocate_with => ${anchor ?? 'none'})`);
      if (ok && !anchor) {
        anchors.set(p.group, t);
        placed.set(t, { method: 'h', repmodel: 's', column: p.column, colocation: -1 });
      }
    }

    // Coordinator tables that reference a reference table become Citus local tables: a foreign key from a plain table
    // to a reference table is not enforced on delete (measured: deleting an app_user left its user_session rows). Citus
    // refuses to add such a table while the foreign key exists (it would cascade into the county tables through the
    // reference table), so each is added with those keys dropped and re-created, in one transaction.
    const references = new Set(of('reference'));
    const now = await current(conn);
    for (const t of fkOrder(of('coordinator'), schema)) {
      const toReference = (schema.get(t)?.foreignKeys ?? []).filter((fk) => references.has(fk.target));
      if (now.has(t) || !toReference.length) {
        steps.push({ table: t, placement: 'coordinator', outcome: 'already' });
        continue;
      }
      await sql`BEGIN`.execute(conn);
      try {
        await addToMetadata(conn, t);
        await sql`COMMIT`.execute(conn);
        steps.push({ table: t, placement: 'coordinator', outcome: 'done' });
      } catch (e) {
        await sql`ROLLBACK`.execute(conn);
        steps.push({ table: t, placement: 'coordinator', outcome: 'refused', detail: message(e) });
      }
      for (const [k, v] of await current(conn)) now.set(k, v);
    }
  });
  return steps;
}

/**
 * A coordinator table that references a reference table, added to Citus's metadata as a local table (a foreign key
 * from a plain table to a reference table is not enforced on delete). Citus refuses to add it while such a key exists
 * (it would cascade into the county tables through the reference table), so those keys are dropped and made again;
 * the caller holds a transaction.
 */
async function addToMetadata(conn: Kysely<DB>, t: string, layout: Record<string, Placement> = LAYOUT) {
  const references = Object.entries(layout)
    .filter(([, p]) => p.kind === 'reference')
    .map(([r]) => r);
  const keys = await sql<{ name: string; def: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = ${t}::regclass AND contype = 'f' AND confrelid::regclass::text = ANY(${references}::text[])`.execute(conn);
  if (!keys.rows.length) return false;
  for (const k of keys.rows) await sql`ALTER TABLE ${sql.table(t)} DROP CONSTRAINT ${sql.ref(k.name)}`.execute(conn);
  await sql`SELECT citus_add_local_table_to_metadata(${t}, cascade_via_foreign_keys => true)`.execute(conn);
  for (const k of keys.rows) await sql`ALTER TABLE ${sql.table(t)} ADD CONSTRAINT ${sql.ref(k.name)} ${sql.raw(k.def)}`.execute(conn);
  return true;
}

/**
 * A table a migration has just created, on a database already distributed: placed as declared at once, before the
 * migration's next statement, so that what follows (a backfill from a county table, a foreign key from one) meets the
 * layout the table will have and Citus does not refuse it (a foreign key from a distributed table to a plain one, for
 * instance). Inside the migration's transaction; a table declared with blockers, or not declared, is left to
 * `fupin scale distribute` and the layout test. Returns what was done.
 */
export async function placeCreatedTable(
  tx: Kysely<DB>,
  table: string,
  layout: Record<string, Placement> = LAYOUT,
): Promise<Placement['kind'] | null> {
  const p = layout[table];
  if (p?.kind === 'reference') {
    await sql`SELECT create_reference_table(${table})`.execute(tx);
    return 'reference';
  }
  if (p?.kind === 'coordinator') return (await addToMetadata(tx, table, layout)) ? 'coordinator' : null;
  if (p?.kind !== 'distributed' || p.blockers?.length) return null;
  let anchor = 'none';
  for (const [t, c] of await current(tx)) {
    const q = layout[t];
    if (c.method === 'h' && q?.kind === 'distributed' && q.group === p.group) {
      anchor = t;
      break;
    }
  }
  await sql`SELECT create_distributed_table(${table}, ${p.column}, colocate_with => ${anchor})`.execute(tx);
  return 'distributed';
}

/** Whether this is a Citus coordinator whose county tables are already distributed (migrations then place new tables). */
export async function isDistributed(db: Kysely<DB>): Promise<boolean> {
  if (!(await isCitus(db))) return false;
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_dist_partition WHERE partmethod = 'h'`.execute(db);
  return Number(r.rows[0]?.n) > 0;
}
