import type { Db } from '../db/types.ts';

/**
 * A module's `fixtures.ts` exports `fixtures: EntityFixtures`: for each entity it owns, how to make one record
 * inside a given county. The scope test suite (tests/integration/scope-walk.test.ts) finds them by file name
 * and uses them to attack every record route from a sibling county.
 */
export type EntityFixture = (db: Db, countyCode: string) => Promise<{ id: string; marker: string }>;
export type EntityFixtures = Record<string, EntityFixture>;
