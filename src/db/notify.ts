import pg from 'pg';
import { rawDriver } from './connection.ts';
import type { Db } from './types.ts';

const RECONNECT_MS = 1_000;

export interface NoticeHandlers {
  /** A notice on the channel (the payload), committed by any session. */
  onNotice: (payload: string) => void;
  /**
   * Listening started (true: every notice from now on arrives) or stopped (false: the connection dropped; notices
   * sent until it is back are lost). Called with true once LISTEN is in place, again after each reconnect.
   */
  onListening?: (listening: boolean) => void;
}

/**
 * Listens on a PostgreSQL notification channel. PostgreSQL: one dedicated connection outside the pool (a pooled one
 * would be handed to queries), re-opened when it drops. PGlite: the embedded engine's own listener, in process
 * (notices arrive while the writer's COMMIT is answered). Returns the function that stops listening; null when the
 * database's driver is unknown (nothing can be listened to).
 */
export function listenOn(db: Db, channel: string, h: NoticeHandlers, log: (msg: string) => void): (() => Promise<void>) | null {
  const driver = rawDriver(db);
  if (!driver) return null;
  if (driver.kind === 'pglite') {
    let live = true;
    const unsubscribe = driver.lite.listen(channel, (payload) => h.onNotice(payload));
    void unsubscribe.then(() => {
      if (live) h.onListening?.(true);
    });
    return async () => {
      live = false;
      h.onListening?.(false);
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
      h.onListening?.(false);
      log(`${channel} notices: ${why}; listening again in ${RECONNECT_MS} ms`);
      timer = setTimeout(() => void connect(), RECONNECT_MS);
      timer.unref();
    };
    client = c;
    c.on('notification', (n) => h.onNotice(n.payload ?? ''));
    c.on('error', (e) => retry(e.message));
    c.on('end', () => retry('connection closed'));
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      // On a Citus coordinator the writes land on the workers' shards, whose triggers raise no notice here (migration
      // 0050): nothing may be kept on the promise of a notice, so this reports not listening and stops asking.
      const citus = await c.query<{ on: boolean }>("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS on");
      if (citus.rows[0]?.on) {
        log(`${channel} notices: a Citus coordinator hears no notice from its workers; not listening`);
        client = null;
        h.onListening?.(false);
        await c.end().catch(() => {});
        return;
      }
      if (!stopped && client === c) h.onListening?.(true);
    } catch (e) {
      retry((e as Error).message);
      await c.end().catch(() => {});
    }
  };
  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    h.onListening?.(false);
    await client?.end().catch(() => {});
  };
}
