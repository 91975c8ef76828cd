import { randomInt } from 'node:crypto';
import type { Db } from '../db/types.ts';

/**
 * A module's `fixtures.ts` exports `fixtures: EntityFixtures`: for each entity it owns, how to make one record
 * inside a given county. The scope test suite (tests/integration/scope-walk.test.ts) finds them by file name
 * and uses them to attack every record route from a sibling county.
 */
export type EntityFixture = (db: Db, countyCode: string) => Promise<{ id: string; marker: string }>;
export type EntityFixtures = Record<string, EntityFixture>;

/**
 * A year for a fixture's dated procedure (a round, a case, a batch) that other fixtures of the same county rarely
 * share. It never falls on the years tests and the recorded SQL cases write themselves (2000–2035 and 2090–2099):
 * a random year once hit a case's own round (2031) and failed CI.
 */
export function fixtureYear(): number {
  return randomInt(2036, 2090);
}
