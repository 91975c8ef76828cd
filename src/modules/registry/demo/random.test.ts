import { describe, expect, it } from 'vitest';
import { Random, Weighted } from './random.ts';

describe('Random', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = new Random(42);
    const b = new Random('42');
    const c = new Random(43);
    const xs = Array.from({ length: 100 }, () => a.next32());
    expect(Array.from({ length: 100 }, () => b.next32())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next32())).not.toEqual(xs);
  });

  it('derives independent, stable streams', () => {
    const root = new Random('s');
    const v1 = root.derive('village:1').next32();
    root.next32(); // drawing from the root does not shift a derived stream
    expect(root.derive('village:1').next32()).toBe(v1);
    expect(root.derive('village:2').next32()).not.toBe(v1);
  });

  it('draws uniformly within bounds', () => {
    const r = new Random(7);
    let sum = 0;
    let min = 1;
    let max = 0;
    const hist = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) {
      const f = r.float();
      min = Math.min(min, f);
      max = Math.max(max, f);
      sum += f;
      const k = r.int(1, 6);
      hist[k - 1]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 60_000).toBeCloseTo(0.5, 2);
    for (const h of hist) expect(Math.abs(h - 10_000)).toBeLessThan(400);
    expect(r.int(3, 3)).toBe(3);
  });

  it('draws a normal deviate with the asked mean and spread', () => {
    const r = new Random(9);
    const xs = Array.from({ length: 20_000 }, () => r.normal(10, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('Weighted follows its weights and never draws a zero weight', () => {
    const r = new Random(1);
    const w = new Weighted<string>([
      ['a', 1],
      ['never', 0],
      ['b', 3],
    ]);
    const n = { a: 0, b: 0, never: 0 } as Record<string, number>;
    for (let i = 0; i < 40_000; i++) {
      const k = w.draw(r);
      n[k] = (n[k] ?? 0) + 1;
    }
    expect(n.never).toBe(0);
    expect((n.b ?? 0) / ((n.a ?? 0) + (n.b ?? 0))).toBeCloseTo(0.75, 1);
    expect(() => new Weighted([])).toThrow();
    expect(() => new Weighted([['x', 0]])).toThrow();
  });
});
