import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { povertyCounties } from '../../regions/source.ts';
import type { DemoHousehold, DemoVillage, GenerateOptions } from './generate.ts';
import { readSourceVillages } from './source-villages.ts';

/** What the tests of the demo register (generate*.test.ts) share: Liaoning's real villages, the options, the checks. */

export const source: { villages: DemoVillage[]; poverty: string[] } = { villages: [], poverty: [] };

/** Reads the villages and poverty counties once per test file (call in beforeAll). */
export function readSource() {
  source.villages = readSourceVillages('21');
  source.poverty = povertyCounties('21').map((c) => c.code);
  expect(source.villages.length).toBe(16_727);
  expect(source.poverty).toHaveLength(15);
}

export const LINES: Record<number, number> = { 2014: 2800, 2015: 2855, 2016: 2952, 2017: 3335 };
// The register as of the end of 2017, so the figures below are fixed; years are relative to `today` (see the test of it).
const AS_OF = new Date(Date.UTC(2017, 11, 31));
export const opts = (scale: number, seed: number | string = 'test'): GenerateOptions => ({
  scale,
  seed,
  villages: source.villages,
  povertyCountyCodes: source.poverty,
  today: AS_OF,
  povertyLines: LINES,
});
/** Collects violations and asserts none at the end: one expect per test instead of one per household. */
export function problems() {
  const found: string[] = [];
  return {
    check(ok: boolean, what: string) {
      if (!ok && found.length < 20) found.push(what);
    },
    done() {
      expect(found).toEqual([]);
    },
  };
}
export const digest = (hs: Iterable<DemoHousehold>, n = Number.POSITIVE_INFINITY) => {
  const h = createHash('sha256');
  let i = 0;
  for (const x of hs) {
    if (i++ >= n) break;
    h.update(JSON.stringify(x));
  }
  return h.digest('hex');
};
