import { describe, expect, it } from 'vitest';
import { drawGivenName, drawName, drawSurname, SURNAME_WEIGHTS } from './names.ts';
import { Random } from './random.ts';

describe('names', () => {
  it('has about a hundred distinct single-character surnames', () => {
    const names = SURNAME_WEIGHTS.map(([s]) => s);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(100);
    for (const s of names) expect(s).toMatch(/^[\u4e00-\u9fff]$/);
  });

  it('draws surnames by frequency: 王 李 张 刘 lead, together about a third', () => {
    const r = new Random(1);
    const n = new Map<string, number>();
    const N = 50_000;
    for (let i = 0; i < N; i++) {
      const s = drawSurname(r);
      n.set(s, (n.get(s) ?? 0) + 1);
    }
    const top = [...n.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
    expect(top.map(([s]) => s).sort()).toEqual(['刘', '张', '李', '王'].sort());
    const share = top.reduce((a, [, c]) => a + c, 0) / N;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.4);
    expect(n.size).toBeGreaterThan(90);
  });

  it('gives Manchu and Mongol families their own surnames more often', () => {
    const r = new Random(2);
    let guan = 0;
    let bao = 0;
    for (let i = 0; i < 10_000; i++) {
      if (drawSurname(r, '11') === '关') guan++;
      if (drawSurname(r, '02') === '包') bao++;
    }
    expect(guan / 10_000).toBeGreaterThan(0.02);
    expect(bao / 10_000).toBeGreaterThan(0.02);
  });

  it('draws given names of one or two characters, mostly two', () => {
    const r = new Random(3);
    let two = 0;
    for (let i = 0; i < 5_000; i++) {
      const g = drawGivenName(r, i % 2 ? 'M' : 'F', 1940 + (i % 75));
      expect(g).toMatch(/^[\u4e00-\u9fff]{1,2}$/);
      if (g.length === 2) two++;
    }
    expect(two / 5_000).toBeGreaterThan(0.5);
    expect(two / 5_000).toBeLessThan(0.8);
    expect(drawName(r, 'F', 1980)).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
  });

  it('uses gender-typed pools', () => {
    const r = new Random(4);
    const men = new Set<string>();
    const women = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      for (const c of drawGivenName(r, 'M', 1950)) men.add(c);
      for (const c of drawGivenName(r, 'F', 1950)) women.add(c);
    }
    expect(men.has('福')).toBe(true);
    expect(women.has('淑')).toBe(true);
    expect(men.has('淑')).toBe(false);
    expect(women.has('福')).toBe(false);
  });
});
