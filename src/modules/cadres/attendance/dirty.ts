import type { Db, Tx } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { computeMonth } from './compute.ts';
import { countMarks, type MonthMark, markMonths, takeDueMarks } from './dirty.queries.ts';
import { localDay } from './rules.ts';

/**
 * Attendance follows the records without an operator (docs/decisions/0016-attendance.md, "When it runs"): writers mark
 * the county months they touched in their own transaction; the server's worker recomputes a month once it has been
 * quiet for a while, so a burst of check-in batches is one computation, and ingestion never waits for one.
 */

/** The months (Asia/Shanghai) from one day to another, both YYYY-MM-DD. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (let i = 0; i < 240; i++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    out.push(month);
    m += 1;
    if (m === 13) {
      y += 1;
      m = 1;
    }
  }
  return out;
}

/** Marks the local months of these instants (ISO strings) in a county. */
export function markInstants(tx: Tx | Db, county: string, instants: readonly string[]) {
  const months = new Set(instants.map((i) => localDay(Date.parse(i)).slice(0, 7)));
  return markMonths(
    tx,
    [...months].map((month) => ({ county_code: county, month })),
  );
}

/** Marks every month a span of days (a leave, an absence) touches. */
export function markDays(tx: Tx | Db, county: string, from: string, to: string) {
  return markMonths(
    tx,
    monthsBetween(from, to).map((month) => ({ county_code: county, month })),
  );
}

export interface AttendanceWorkerStatus {
  lastRunAt: Date | null;
  lastError: string | null;
  computed: number;
}

/**
 * Recomputes marked months: up to `batch` per round, a mark older than `quietSeconds`; a failed month is marked again.
 * Once `stopping()` says so (a server shutting down, its running statement cancelled), the months not yet computed are
 * marked again and the round ends: it does not start the next one.
 */
export async function recomputeMarked(
  db: Db,
  opts: { quietSeconds: number; batch: number; log?: (m: string) => void; stopping?: () => boolean },
) {
  const marks = await takeDueMarks(db, opts.quietSeconds, opts.batch);
  const currentMonth = thisDay().slice(0, 7);
  const done: MonthMark[] = [];
  for (const [i, m] of marks.entries()) {
    if (opts.stopping?.()) {
      await markMonths(
        db,
        marks.slice(i).filter((x) => x.month <= currentMonth),
      );
      break;
    }
    if (m.month > currentMonth) continue;
    try {
      await computeMonth(db, m.county_code, m.month);
      done.push(m);
    } catch (e) {
      await markMonths(db, [m]);
      opts.log?.(`attendance ${m.county_code} ${m.month}: ${(e as Error).message}`);
    }
  }
  return done;
}

/** The server's loop: every `intervalMs`, the months marked and quiet for `quietSeconds`. */
export function startAttendanceWorker(db: Db, opts: { intervalMs?: number; quietSeconds?: number; log?: (m: string) => void } = {}) {
  const status: AttendanceWorkerStatus = { lastRunAt: null, lastError: null, computed: 0 };
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = async () => {
    try {
      for (;;) {
        const done = await recomputeMarked(db, {
          quietSeconds: opts.quietSeconds ?? 20,
          batch: 20,
          log: opts.log,
          stopping: () => stopped,
        });
        status.computed += done.length;
        if (done.length < 20 || stopped) break;
      }
      status.lastRunAt = new Date();
      status.lastError = null;
    } catch (e) {
      status.lastError = (e as Error).message;
      if (!stopped) opts.log?.(`attendance worker: ${status.lastError}`);
    }
  };
  const tick = () => {
    if (stopped || running !== null) return;
    running = round().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, opts.intervalMs ?? 15_000);
  timer.unref();
  return {
    status,
    pending: () => countMarks(db),
    /** Marks of closed months: computing them will back-date facts and drop those months' command-centre snapshots. */
    backdating: () => countMarks(db, thisDay().slice(0, 7)),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
