import type { Db } from '../../db/types.ts';
import { keeperOf } from './keeper.ts';
import { listenForFigures } from './notify.ts';
import { latestMonth } from './rollups.ts';
import { addMonths } from './service.ts';

const TREND_MONTHS = 12;
const DEFAULT_INTERVAL_MS = 5_000;
const DEFAULT_MONTHS_QUIET_MS = 10_000;

/** What the readiness check reports of a database's worker: when it last went round, and how often it should. */
export interface WorkerStatus {
  intervalMs: number;
  lastRunAt: Date | null;
  lastError: string | null;
}
const statuses = new WeakMap<object, WorkerStatus>();
export const workerStatus = (db: Db): WorkerStatus | null => statuses.get(db) ?? null;

/**
 * Keeps the figures warm in a running server: folds record changes into the rollups as soon as the database says a
 * writer committed some (LISTEN fupin_figures: this server's writes, another server's, the CLI's), and every few
 * seconds in case a notice was lost; computes the monthly snapshots of the trend window after start and whenever a
 * back-dated change dropped them. Readers never wait for any of it (see figureState in service.ts).
 */
export function startRollupWorker(
  db: Db,
  opts: {
    intervalMs?: number;
    monthsQuietMs?: number;
    /** Work other workers still have that will back-date facts (the attendance worker's marks of closed months). */
    backdating?: () => Promise<number>;
    log?: (msg: string) => void;
  } = {},
) {
  const log = opts.log ?? (() => {});
  const keeper = keeperOf(db, log);
  const status: WorkerStatus = { intervalMs: opts.intervalMs ?? DEFAULT_INTERVAL_MS, lastRunAt: null, lastError: null };
  statuses.set(db, status);
  let stopped = false;
  const trendMonths = async () => {
    try {
      // Snapshots made now would be dropped by that work: wait for it (a reader asking for a month still gets it).
      if (!opts.backdating || (await opts.backdating()) === 0) {
        const latest = await latestMonth(db);
        keeper.monthsSoon(Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(latest, -(i + 1))));
      }
      status.lastRunAt = new Date();
      status.lastError = null;
    } catch (e) {
      status.lastError = (e as Error).message;
      if (!stopped) log(`rollup worker: ${(e as Error).message}`);
    }
  };
  let monthsTimer: NodeJS.Timeout | null = null;
  // Not waiting for the refresh: a large one takes a while, and the worker is alive meanwhile.
  const tick = async () => {
    if (stopped) return;
    void keeper.refreshSoon();
    if (!monthsTimer) await trendMonths();
  };
  // A back-dated write drops the snapshots of its month and every later one. A burst of them (an import, the
  // attendance worker going through a year of months) is one recomputation once the drops have been quiet a moment,
  // not a year of snapshots after each write.
  const trendMonthsWhenQuiet = () => {
    if (monthsTimer) clearTimeout(monthsTimer);
    monthsTimer = setTimeout(() => {
      monthsTimer = null;
      void trendMonths();
    }, opts.monthsQuietMs ?? DEFAULT_MONTHS_QUIET_MS);
    monthsTimer.unref();
  };
  // The keeper coalesces: a burst of notices is one refresh, and one that arrives mid-refresh gets another.
  const unlisten = listenForFigures(
    db,
    (table) => {
      void keeper.refreshSoon();
      if (table === 'indicator_month') trendMonthsWhenQuiet();
    },
    log,
  );
  void tick();
  const timer = setInterval(() => void tick(), status.intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    if (statuses.get(db) === status) statuses.delete(db);
    clearInterval(timer);
    if (monthsTimer) clearTimeout(monthsTimer);
    const keeping = keeper.stop(); // takes no more work at once; its running statements may be cancelled meanwhile
    await unlisten();
    await keeping;
  };
}
