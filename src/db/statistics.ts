import { sql } from 'kysely';
import type { DatabaseKind } from './connection.ts';
import type { Db } from './types.ts';

/**
 * Planner statistics where nobody else keeps them. PGlite (the embedded default) has no autovacuum process, and a
 * PostgreSQL may run with `autovacuum = off`; after a large import the planner then takes a table of hundreds of
 * thousands of rows for the few it saw last (at scale 1 a first page of party members took 1.5 s so). The server asks
 * every minute which tables changed enough since their last ANALYZE — autovacuum's own rule: more than 50 rows plus
 * 10 % of the table, or the table's file grew that much — and analyzes those. ANALYZE reads a bounded sample (30,000 rows at the default target), so a
 * round costs about the same whatever the tables' size. On a server whose autovacuum runs, the keeper does nothing.
 *
 * Where nothing vacuums either, a stale table whose pages are mostly not marked all-visible, or which holds more dead
 * rows than autovacuum would leave, is vacuumed with its ANALYZE: without the visibility map every index-only scan reads the heap too (at scale 1, a ledger page 86 → 43 ms
 * after a vacuum). On PostgreSQL a VACUUM runs on its own connection and blocks no reader or writer. PGlite has one
 * connection and runs a statement to its end in the server's thread, so there only a table up to PGLITE_VACUUM_PAGES
 * is vacuumed while serving (measured in docs/decisions/0025-statistics.md); a bigger one is analyzed, and the demo
 * and the CLI's bulk loads vacuum what they loaded (analyzeAll).
 */

const THRESHOLD_ROWS = 50;
const THRESHOLD_FRACTION = 0.1;
/** Pages (8 kB) a table may grow past its last ANALYZE's size, beside the fraction, when its change counts are lost. */
const THRESHOLD_PAGES = 8;
const DEFAULT_INTERVAL_MS = 60_000;
/** A table whose pages are less than this fraction all-visible is vacuumed with its ANALYZE. */
const VISIBLE_FRACTION = 0.5;
/** Dead rows past 50 plus this fraction of the table call for a VACUUM (autovacuum's default scale factor). */
const VACUUM_DEAD_FRACTION = 0.2;
/** The largest table (8 kB pages) the keeper vacuums on PGlite, where a VACUUM holds the server's only connection. */
export const PGLITE_VACUUM_PAGES = 4096;

/**
 * The tables of the public schema changed past autovacuum's analyze threshold since their last ANALYZE: by the
 * counted changes, or — where the counts were lost, as PGlite loses them at every close, so a CLI import before a
 * start would go unseen — by the table's size on disk against the pages its last ANALYZE saw.
 */
export async function staleTables(db: Db): Promise<string[]> {
  return (await staleTableStates(db)).map((t) => t.name);
}

interface StaleTable {
  name: string;
  /** Pages on disk now. */
  pages: number;
  /**
   * Whether to vacuum it: most of its pages not all-visible as its last VACUUM or ANALYZE saw them (a loaded table),
   * or more dead rows than autovacuum's own threshold (50 + 20 %): a table vacuumed once and then updated or
   * deleted from still counts as all-visible until something vacuums it, and an ANALYZE would make it fresh again.
   */
  vacuum: boolean;
}

async function staleTableStates(db: Db): Promise<StaleTable[]> {
  const { rows } = await sql<StaleTable>`
    SELECT s.relname AS name, (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS pages,
           (c.relallvisible < ${sql.lit(VISIBLE_FRACTION)} * greatest(c.relpages, pg_relation_size(c.oid) / current_setting('block_size')::int)
            OR s.n_dead_tup > ${sql.lit(THRESHOLD_ROWS)} + ${sql.lit(VACUUM_DEAD_FRACTION)} * greatest(c.reltuples, 0)) AS vacuum
      FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
     WHERE s.schemaname = 'public'
       AND (s.n_mod_since_analyze > ${sql.lit(THRESHOLD_ROWS)} + ${sql.lit(THRESHOLD_FRACTION)} * greatest(c.reltuples, 0)
            OR abs(pg_relation_size(c.oid) / current_setting('block_size')::int - c.relpages)
               > ${sql.lit(THRESHOLD_PAGES)} + ${sql.lit(THRESHOLD_FRACTION)} * c.relpages)
     ORDER BY s.relname`.execute(db);
  return rows;
}

export interface KeptTables {
  analyzed: string[];
  /** The analyzed tables that were vacuumed too. */
  vacuumed: string[];
}

/**
 * Analyzes the stale tables one by one (a table dropped meanwhile is passed over), vacuuming those whose visibility
 * map is mostly unset when `vacuumPages` allows their size (Infinity: any; 0: none).
 */
export async function analyzeStale(db: Db, opts: { vacuumPages?: number } = {}): Promise<KeptTables> {
  const done: KeptTables = { analyzed: [], vacuumed: [] };
  const limit = opts.vacuumPages ?? 0;
  for (const t of await staleTableStates(db)) {
    const vacuum = t.vacuum && t.pages <= limit;
    try {
      if (vacuum) await sql`VACUUM (ANALYZE) ${sql.table(t.name)}`.execute(db);
      else await sql`ANALYZE ${sql.table(t.name)}`.execute(db);
      done.analyzed.push(t.name);
      if (vacuum) done.vacuumed.push(t.name);
    } catch (e) {
      if ((e as { code?: string }).code !== '42P01') throw e;
    }
  }
  return done;
}

/** The largest table the keeper vacuums on this engine while serving. */
export const vacuumPagesFor = (kind: DatabaseKind) => (kind === 'pglite' ? PGLITE_VACUUM_PAGES : Number.POSITIVE_INFINITY);

/** Whether this database needs the keeper: PGlite always, PostgreSQL when its autovacuum is off. */
export async function keepsNoStatistics(db: Db, kind: DatabaseKind): Promise<boolean> {
  if (kind === 'pglite') return true;
  const { rows } = await sql<{ on: string }>`SELECT current_setting('autovacuum') AS on`.execute(db);
  return rows[0]?.on !== 'on';
}

/** The server's loop; `stop` waits for a round in progress. Does nothing where autovacuum keeps the statistics. */
export function startStatisticsKeeper(
  db: Db,
  kind: DatabaseKind,
  opts: { intervalMs?: number; vacuumPages?: number; log?: (m: string) => void } = {},
) {
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const round = async () => {
    try {
      const kept = await analyzeStale(db, { vacuumPages: opts.vacuumPages ?? vacuumPagesFor(kind) });
      if (kept.analyzed.length) {
        const vacuumed = kept.vacuumed.length ? ` (vacuumed too: ${kept.vacuumed.join(', ')})` : '';
        opts.log?.(`statistics: analyzed ${kept.analyzed.join(', ')}${vacuumed}`);
      }
    } catch (e) {
      if (!stopped) opts.log?.(`statistics: ${(e as Error).message}`);
    }
  };
  const tick = () => {
    if (running || stopped) return;
    running = round().finally(() => {
      running = null;
    });
  };
  const started = keepsNoStatistics(db, kind)
    .then((needed) => {
      if (!needed || stopped) return;
      tick();
      timer = setInterval(tick, opts.intervalMs ?? DEFAULT_INTERVAL_MS);
      timer.unref();
    })
    .catch((e) => opts.log?.(`statistics: ${(e as Error).message}`));
  return {
    async stop() {
      stopped = true;
      await started;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
