import pg from 'pg';
import { rawDriver } from '../../db/connection.ts';
import type { Db } from '../../db/types.ts';

/** Raised on commit by the triggers of migration 0012 (villages marked, snapshots dropped); the payload names the table. */
export const FIGURES_CHANNEL = 'fupin_figures';
const RECONNECT_MS = 1_000;

/**
 * Calls `onNotice` whenever any session commits a change to the figures' inputs. PostgreSQL: one dedicated connection
 * outside the pool (a pooled one would be handed to queries), re-opened when it drops, with a catch-up call after
 * each reconnect since notices sent meanwhile are lost. PGlite: the embedded engine's own listener, in process.
 * Returns the function that stops listening.
 */
export function listenForFigures(db: Db, onNotice: (table: string) => void, log: (msg: string) => void): () => Promise<void> {
  const driver = rawDriver(db);
  if (!driver) return async () => {};
  if (driver.kind === 'pglite') {
    const unsubscribe = driver.lite.listen(FIGURES_CHANNEL, (payload) => onNotice(payload));
    return async () => {
      await (await unsubscribe)();
    };
  }
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ ...driver.pool.options, application_name: `${driver.pool.options.application_name ?? 'fupin'} listen` });
    const retry = (why: string) => {
      if (stopped || client !== c) return;
      client = null;
      log(`figure notices: ${why}; listening again in ${RECONNECT_MS} ms`);
      timer = setTimeout(() => void connect(), RECONNECT_MS);
      timer.unref();
    };
    client = c;
    c.on('notification', (n) => onNotice(n.payload ?? ''));
    c.on('error', (e) => retry(e.message));
    c.on('end', () => retry('connection closed'));
    try {
      await c.connect();
      await c.query(`LISTEN ${FIGURES_CHANNEL}`);
      onNotice('');
    } catch (e) {
      retry((e as Error).message);
      await c.end().catch(() => {});
    }
  };
  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => {});
  };
}
