import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesce.ts';

/** A run that resolves when told to, numbered in the order runs start. */
function controlled() {
  const started: { n: number; resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const run = () =>
    new Promise<number>((resolve, reject) => {
      started.push({ n: started.length + 1, resolve, reject });
    });
  const finish = async (i: number, fail = false) => {
    const s = started[i] as (typeof started)[number];
    if (fail) s.reject(new Error(`run ${s.n} failed`));
    else s.resolve(s.n);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { run, started, finish };
}

describe('coalesced', () => {
  it('runs once for a lone caller', async () => {
    const c = controlled();
    const probe = coalesced(c.run);
    const a = probe();
    expect(c.started).toHaveLength(1);
    await c.finish(0);
    expect(await a).toBe(1);
  });

  it('gives callers that arrive during a run the next run, started after them, shared', async () => {
    const c = controlled();
    const probe = coalesced(c.run);
    const first = probe();
    const late = Array.from({ length: 10 }, () => probe());
    // One run at a time: the ten wait for the first to end.
    expect(c.started).toHaveLength(1);
    await c.finish(0);
    expect(await first).toBe(1);
    expect(c.started).toHaveLength(2);
    // A caller arriving now, while run 2 is under way, is not given run 2 (it started before this call).
    const later = probe();
    await c.finish(1);
    expect(await Promise.all(late)).toEqual(Array(10).fill(2));
    expect(c.started).toHaveLength(3);
    await c.finish(2);
    expect(await later).toBe(3);
    expect(c.started).toHaveLength(3);
  });

  it('passes a failed run to its callers and recovers on the next', async () => {
    const c = controlled();
    const probe = coalesced(c.run);
    const first = probe();
    const waiting = probe();
    await c.finish(0, true);
    await expect(first).rejects.toThrow('run 1 failed');
    await c.finish(1);
    expect(await waiting).toBe(2);
    const again = probe();
    expect(c.started).toHaveLength(3);
    await c.finish(2);
    expect(await again).toBe(3);
  });
});
