import type { Db } from '../../db/types.ts';
import { ensureMonth, latestMonth, refresh } from './rollups.ts';
import { addMonths } from './service.ts';

/**
 * Keeps the figures warm in a running server: folds record changes into the rollups every few seconds (readers
 * would do it anyway, but then the first reader after a large import waits), and computes the monthly snapshots
 * of the trend window once, after start and whenever a back-dated change dropped them.
 */
export function startRollupWorker(db: Db, opts: { intervalMs?: number; log?: (msg: string) => void } = {}) {
  const log = opts.log ?? (() => {});
  let stopped = false;
  let current: Promise<void> | null = null;
  const tick = async () => {
    const refreshed = await refresh(db);
    if (refreshed) log(`figures updated for ${refreshed} villages`);
    const latest = await latestMonth(db);
    for (let i = 1; i <= 12 && !stopped; i++) await ensureMonth(db, addMonths(latest, -i));
  };
  const run = () => {
    if (current || stopped) return;
    current = tick()
      .catch((e) => log(`rollup worker: ${(e as Error).message}`))
      .finally(() => {
        current = null;
      });
  };
  run();
  const timer = setInterval(run, opts.intervalMs ?? 5_000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await current;
  };
}
