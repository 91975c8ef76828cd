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
 */

const THRESHOLD_ROWS = 50;
const THRESHOLD_FRACTION = 0.1;
/** Pages (8 kB) a table may grow past its last ANALYZE's size, beside the fraction, when its change counts are lost. */
const THRESHOLD_PAGES = 8;
const DEFAULT_INTERVAL_MS = 60_000;

/**
 * The tables of the public schema changed past autovacuum's analyze threshold since their last ANALYZE: by the
 * counted changes, or — where the counts were lost, as PGlite loses them at every close, so a CLI import before a
 * start would go unseen — by the table's size on disk against the pages its last ANALYZE saw.
 */
export async function staleTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT s.relname AS name
      FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
     WHERE s.schemaname = 'public'
       AND (s.n_mod_since_analyze > ${sql.lit(THRESHOLD_ROWS)} + ${sql.lit(THRESHOLD_FRACTION)} * greatest(c.reltuples, 0)
            OR abs(pg_relation_size(c.oid) / current_setting('block_size')::int - c.relpages)
               > ${sql.lit(THRESHOLD_PAGES)} + ${sql.lit(THRESHOLD_FRACTION)} * c.relpages)
     ORDER BY s.relname`.execute(db);
  return rows.map((r) => r.name);
}

/** Analyzes the stale tables one by one (a table dropped meanwhile is passed over); returns those analyzed. */
export async function analyzeStale(db: Db): Promise<string[]> {
  const done: string[] = [];
  for (const name of await staleTables(db)) {
    try {
      await sql`ANALYZE ${sql.table(name)}`.execute(db);
      done.push(name);
    } catch (e) {
      if ((e as { code?: string }).code !== '42P01') throw e;
    }
  }
  return done;
}

/** Whether this database needs the keeper: PGlite always, PostgreSQL when its autovacuum is off. */
export async function keepsNoStatistics(db: Db, kind: DatabaseKind): Promise<boolean> {
  if (kind === 'pglite') return true;
  const { rows } = await sql<{ on: string }>`SELECT current_setting('autovacuum') AS on`.execute(db);
  return rows[0]?.on !== 'on';
}

/** The server's loop; `stop` waits for a round in progress. Does nothing where autovacuum keeps the statistics. */
export function startStatisticsKeeper(db: Db, kind: DatabaseKind, opts: { intervalMs?: number; log?: (m: string) => void } = {}) {
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const round = async () => {
    try {
      const analyzed = await analyzeStale(db);
      if (analyzed.length) opts.log?.(`statistics: analyzed ${analyzed.join(', ')}`);
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
