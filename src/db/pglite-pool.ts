import type { PGlite } from '@electric-sql/pglite';

/**
 * Presents one PGlite instance as the small part of a `pg.Pool` that Kysely's
 * PostgresDialect uses. PGlite is a single connection, so `connect()` hands it
 * out to one caller at a time; a transaction holds it until it is released.
 * Parameterless statements go through `exec`, which accepts several statements
 * at once (the .sql migrations need that); everything else uses `query`.
 */
export function pglitePool(pg: PGlite) {
  let queue: Promise<void> = Promise.resolve();

  const client = {
    async query(text: string, params: unknown[] = []) {
      if (params.length === 0) {
        const results = await pg.exec(text);
        const last = results[results.length - 1];
        return toPgResult(text, last?.rows ?? [], last?.affectedRows);
      }
      const r = await pg.query(text, params);
      return toPgResult(text, r.rows, r.affectedRows);
    },
    release() {},
  };

  return {
    async connect() {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const previous = queue;
      queue = previous.then(() => held);
      await previous;
      // PGlite runs on this thread and settles its promises as microtasks: a worker issuing statement after statement
      // would never let the event loop read a socket, and requests would wait for the whole batch. One macrotask turn
      // per connection lets waiting requests take their place in the queue between two statements.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return { ...client, release };
    },
    async end() {
      await queue;
    },
  };
}

function toPgResult(text: string, rows: unknown[], affected?: number) {
  const command = text.trimStart().split(/\s+/, 1)[0]?.toUpperCase() ?? '';
  return { command, rowCount: affected ?? rows.length, rows };
}
