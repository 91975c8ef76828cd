import type { Db } from '../../db/types.ts';
import { ensureMonth, refresh } from './rollups.ts';

/**
 * Keeps one database's figures current from this process, off the read path: folds marked villages into the rollup,
 * and computes missing monthly snapshots beside it (a month's as-of pass takes seconds at scale 1, a handful of
 * villages milliseconds). Readers and the worker ask; each kind of work runs once at a time per process, and across
 * processes the database's advisory locks keep them apart. Nobody reading waits on a lock for it.
 */
export interface Keeper {
  /**
   * Asks for a refresh and resolves when one that began after the call has ended: true when the rollup caught up,
   * false when it could not start (another session is refreshing, or the keeper is paused or stopped).
   */
  refreshSoon(): Promise<boolean>;
  /** Asks for these months' snapshots (newest first); resolves at once. */
  monthsSoon(months: string[]): void;
  /** Holds all work until the returned function is called (tests; a maintenance window); askers are answered false. */
  pause(): () => void;
  stop(): Promise<void>;
}

const BUSY_RETRY_MS = 150;

const keepers = new WeakMap<object, Keeper>();

export function keeperOf(db: Db, log: (msg: string) => void = () => {}): Keeper {
  let k = keepers.get(db);
  if (!k) {
    k = createKeeper(db, log);
    keepers.set(db, k);
  }
  return k;
}

function createKeeper(db: Db, log: (msg: string) => void): Keeper {
  let stopped = false;
  let paused = 0;
  let wantRefresh = false;
  let waiters: ((ok: boolean) => void)[] = [];
  const months = new Set<string>();
  let retry: NodeJS.Timeout | null = null;
  // Two lanes, so a month's as-of pass never delays a refresh (on PostgreSQL they run on two connections).
  let refreshing: Promise<void> | null = null;
  let computing: Promise<void> | null = null;

  const settle = (list: ((ok: boolean) => void)[], ok: boolean) => {
    for (const w of list) w(ok);
  };

  async function refreshLane() {
    while (!stopped && !paused && wantRefresh) {
      wantRefresh = false;
      const mine = waiters;
      waiters = [];
      let ok = false;
      try {
        const n = await refresh(db);
        ok = n !== null;
        if (n) log(`figures updated for ${n} villages`);
        if (!ok && !retry && !stopped) {
          // Another session is folding the same changes in; look again shortly in case it stops half-way.
          retry = setTimeout(() => {
            retry = null;
            wantRefresh = true;
            kick();
          }, BUSY_RETRY_MS);
          retry.unref();
        }
      } catch (e) {
        if (!stopped) log(`figures refresh failed: ${(e as Error).message}`);
      }
      settle(mine, ok);
    }
  }

  async function monthLane() {
    while (!stopped && !paused) {
      const next = [...months].sort().at(-1);
      if (!next) return;
      months.delete(next);
      try {
        await ensureMonth(db, next);
      } catch (e) {
        if (!stopped) log(`snapshot ${next} failed: ${(e as Error).message}`);
      }
    }
  }

  function kick() {
    if (stopped || paused) return;
    if (!refreshing && wantRefresh) {
      refreshing = refreshLane().finally(() => {
        refreshing = null;
        kick();
      });
    }
    if (!computing && months.size) {
      computing = monthLane().finally(() => {
        computing = null;
        kick();
      });
    }
  }

  const self: Keeper = {
    refreshSoon() {
      if (stopped || paused) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        waiters.push(resolve);
        wantRefresh = true;
        kick();
      });
    },
    monthsSoon(list) {
      if (stopped) return;
      for (const m of list) months.add(m);
      kick();
    },
    pause() {
      paused++;
      const held = waiters;
      waiters = [];
      settle(held, false);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        paused--;
        kick();
      };
    },
    async stop() {
      stopped = true;
      if (keepers.get(db) === self) keepers.delete(db);
      if (retry) clearTimeout(retry);
      settle(waiters, false);
      waiters = [];
      await Promise.all([refreshing, computing]);
    },
  };
  return self;
}
