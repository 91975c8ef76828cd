import { describe, expect, it } from 'vitest';
import { judge, reader, targetOf } from './indicators.ts';
import type { IndicatorDef } from './types.ts';

const def = (over: Partial<IndicatorDef>): IndicatorDef => ({
  id: 'x',
  name: { zh: 'x', en: 'x' },
  unit: { zh: '%', en: '%' },
  format: 'percent',
  better: 'higher',
  group: 'g',
  value: () => null,
  ...over,
});
const ctx = { year: 2017, settings: { 'command.threshold': 3 } };

describe('indicator mechanism', () => {
  it('judges green at the target, yellow within the tolerance, red beyond, in either direction', () => {
    const coverage = def({ better: 'higher', target: 100, tolerance: 3 });
    expect([100, 97, 96.99, null].map((v) => judge(coverage, v, ctx))).toEqual(['good', 'warn', 'bad', null]);
    const incidence = def({ better: 'lower', target: { setting: 'command.threshold', fallback: 2 }, tolerance: 1 });
    expect(targetOf(incidence, ctx)).toBe(3);
    expect(targetOf(incidence, { year: 2017, settings: {} })).toBe(2);
    expect([2.5, 3, 4, 4.01].map((v) => judge(incidence, v, ctx))).toEqual(['good', 'good', 'warn', 'bad']);
    expect(judge(def({ better: 'neutral', target: 5 }), 1, ctx)).toBeNull();
    expect(judge(def({ better: 'lower' }), 1, ctx)).toBeNull();
  });

  it('reads measures by name and by prefix, missing ones as zero', () => {
    const m = reader(
      new Map([
        ['pv.listed.2014', 3],
        ['pv.listed.2016', 2],
        ['pv.listed.2018', 7],
        ['hh.status.poor', 5],
      ]),
    );
    expect(m.get('hh.status.poor')).toBe(5);
    expect(m.get('hh.status.exited')).toBe(0);
    expect(m.sum('pv.listed.')).toBe(12);
    expect(m.sum('pv.listed.', (y) => Number(y) <= 2017)).toBe(5);
    expect(m.keys('pv.listed.').sort()).toEqual(['2014', '2016', '2018']);
    expect(reader(undefined).sum('x')).toBe(0);
  });
});
