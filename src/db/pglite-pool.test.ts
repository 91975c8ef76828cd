import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pglitePool } from './pglite-pool.ts';

describe('the PGlite pool', () => {
  let lite: PGlite;
  beforeAll(async () => {
    lite = await PGlite.create();
  });
  afterAll(async () => {
    await lite.close();
  });

  // A background worker issuing statement after statement must not keep a request from being read: PGlite settles its
  // promises as microtasks, so without a turn of the event loop between connections a timer (or a socket) would wait
  // for the whole batch. The CI saw it as logins that timed out while the attendance worker went through a year.
  it('lets the event loop run between two statements of a busy worker', async () => {
    const pool = pglitePool(lite);
    const STATEMENTS = 60;
    let done = 0;
    let doneWhenTimerRan = -1;
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        doneWhenTimerRan = done;
        resolve();
      }, 0),
    );
    for (let i = 0; i < STATEMENTS; i++) {
      const c = await pool.connect();
      await c.query('SELECT count(*) FROM generate_series(1, 20000)');
      c.release();
      done++;
    }
    await timer;
    expect(done).toBe(STATEMENTS);
    expect(doneWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(doneWhenTimerRan).toBeLessThan(5);
  });

  it('hands the connection to one caller at a time, in order', async () => {
    const pool = pglitePool(lite);
    const order: string[] = [];
    const hold = async (name: string, ms: number) => {
      const c = await pool.connect();
      order.push(`${name}+`);
      await new Promise((r) => setTimeout(r, ms));
      await c.query('SELECT 1');
      order.push(`${name}-`);
      c.release();
    };
    await Promise.all([hold('a', 30), hold('b', 1), hold('c', 1)]);
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
  });
});
