import { describe, expect, it } from 'vitest';
import { ratingCap, withinCap } from './rating.ts';

describe('rating caps from unexcused absences', () => {
  it('caps one absence at 称职, two at 基本称职, three at 不称职', () => {
    expect([0, 1, 2, 3, 7].map((n) => ratingCap(n))).toEqual(['excellent', 'competent', 'basic', 'incompetent', 'incompetent']);
  });
  it('reads the thresholds from settings', () => {
    const lenient = { 'cadres.absences_cap_competent': 2, 'cadres.absences_cap_basic': 4, 'cadres.absences_cap_incompetent': 6 };
    expect([1, 2, 4, 6].map((n) => ratingCap(n, lenient))).toEqual(['excellent', 'competent', 'basic', 'incompetent']);
  });
  it('allows a rating at or below the cap, never above', () => {
    expect(withinCap('competent', 'competent')).toBe(true);
    expect(withinCap('basic', 'competent')).toBe(true);
    expect(withinCap('excellent', 'competent')).toBe(false);
    expect(withinCap('competent', 'incompetent')).toBe(false);
  });
});
