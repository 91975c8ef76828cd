import { listenOn } from '../../db/notify.ts';
import type { Db } from '../../db/types.ts';

/** Raised on commit by the triggers of migration 0012 (villages marked, snapshots dropped); the payload names the table. */
export const FIGURES_CHANNEL = 'fupin_figures';

/**
 * Calls `onNotice` whenever any session commits a change to the figures' inputs (src/db/notify.ts), and with '' once
 * listening starts and after each reconnect (a catch-up: notices sent meanwhile are lost). Returns the function that
 * stops listening.
 */
export function listenForFigures(db: Db, onNotice: (table: string) => void, log: (msg: string) => void): () => Promise<void> {
  const stop = listenOn(
    db,
    FIGURES_CHANNEL,
    {
      onNotice,
      onListening: (on) => {
        if (on) onNotice('');
      },
    },
    log,
  );
  return stop ?? (async () => {});
}
