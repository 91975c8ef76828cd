import type pg from 'pg';
import { rawDriver } from '../../src/db/connection.ts';
import type { Db } from '../../src/db/types.ts';

export interface Plan {
  statement: string;
  /** Citus's Task Count of every distributed step of the plan (none: the statement did not go through Citus). */
  tasks: number[];
  plan: string;
}

/**
 * The plans of the statements `work` sends (a PostgreSQL or Citus database): each SELECT or WITH statement it runs is
 * recorded with its parameters, then explained (EXPLAIN without ANALYZE: nothing runs twice).
 */
export async function plansOf(db: Db, work: () => Promise<unknown>): Promise<Plan[]> {
  const driver = rawDriver(db);
  if (driver?.kind !== 'postgresql') throw new Error('plansOf needs a PostgreSQL or Citus database');
  const pool = driver.pool as pg.Pool;
  const seen: { text: string; values: unknown[] }[] = [];
  let recording = true;
  const connect = pool.connect.bind(pool);
  const wrapped = new WeakSet<object>();
  const wrap = (client: pg.PoolClient) => {
    if (!wrapped.has(client)) {
      wrapped.add(client);
      const query = client.query.bind(client);
      // biome-ignore lint/suspicious/noExplicitAny: recording the text and values of whatever form Kysely calls
      (client as any).query = (text: any, values?: any, ...rest: any[]) => {
        // A string (Kysely) or a query config (prepared statements: db/prepared.ts).
        const sqlText = typeof text === 'string' ? text : text?.text;
        const sqlValues = typeof text === 'string' ? values : text?.values;
        if (recording && typeof sqlText === 'string' && /^\s*(select|with)\b/i.test(sqlText))
          seen.push({ text: sqlText, values: sqlValues ?? [] });
        // biome-ignore lint/suspicious/noExplicitAny: passes the call through unchanged
        return (query as any)(text, values, ...rest);
      };
    }
    return client;
  };
  // Both forms of pool.connect: the promise one (Kysely) and the callback one (pool.query, which prepared statements use).
  // biome-ignore lint/suspicious/noExplicitAny: pool.connect has overloads
  (pool as any).connect = (callback?: (err: Error | undefined, client?: pg.PoolClient, done?: (e?: Error) => void) => void) => {
    if (!callback) return connect().then(wrap);
    // biome-ignore lint/suspicious/noExplicitAny: the callback form of the original
    (connect as any)((err: Error | undefined, client: pg.PoolClient, done: (e?: Error) => void) =>
      callback(err, err ? client : wrap(client), done),
    );
  };
  try {
    await work();
  } finally {
    recording = false;
    // biome-ignore lint/suspicious/noExplicitAny: restoring the original method
    (pool as any).connect = connect;
  }
  const out: Plan[] = [];
  const client = await connect();
  try {
    for (const s of seen) {
      const r = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${s.text}`, s.values);
      const plan = r.rows.map((x) => x['QUERY PLAN']).join('\n');
      const tasks = [...plan.matchAll(/Task Count: (\d+)/g)].map((m) => Number(m[1]));
      out.push({ statement: s.text.replace(/\s+/g, ' ').slice(0, 140), tasks, plan });
    }
  } finally {
    client.release();
  }
  return out;
}
