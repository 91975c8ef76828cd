import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openMemoryDatabase } from './connection.ts';
import { LAYOUT, type Placement } from './layout.ts';
import { layoutProblems, readSchema, schemaBlockers, type TableShape } from './layout-check.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * Every table of the migrated schema has a declared place on a Citus cluster (src/db/layout.ts), and the blockers
 * declared there are exactly those the schema has: a migration that adds a table, a statement trigger, a unique key
 * without county_code or a foreign key to a table of no county fails here, on PGlite, without Citus.
 */
describe('Citus layout', () => {
  let d: Database;
  let schema: Map<string, TableShape>;
  beforeAll(async () => {
    d = await openMemoryDatabase();
    await migrateToLatest(d.db);
    schema = await readSchema(d.db);
  });
  afterAll(async () => {
    await d.close();
  });

  it('declares every table of the schema, and only those', () => {
    const tables = [...schema.keys()].sort();
    expect(tables.length).toBeGreaterThan(70);
    expect(Object.keys(LAYOUT).sort()).toEqual(tables);
  });

  it('has no contradiction between the layout and the schema', () => {
    expect(layoutProblems(schema)).toEqual([]);
  });

  it('declares exactly the blockers the schema has', () => {
    const computed = Object.fromEntries([...schemaBlockers(schema)].map(([t, b]) => [t, b.join(',')]));
    const declared = Object.fromEntries(
      Object.entries(LAYOUT)
        .filter(([, p]) => p.kind === 'distributed')
        .map(([t, p]) => [t, (p as Extract<Placement, { kind: 'distributed' }>).blockers?.join(',') ?? '']),
    );
    expect(computed).toEqual(declared);
  });

  it('catches a table nobody declared and a unique key without county_code', () => {
    const extra = new Map(schema);
    extra.set('new_thing', {
      columns: new Map([['county_code', { notNull: true }]]),
      foreignKeys: [],
      uniques: [],
      transitionTriggers: [],
    });
    expect(layoutProblems(extra)).toEqual([{ table: 'new_thing', problem: 'not declared in src/db/layout.ts' }]);
    const person = schema.get('person') as TableShape;
    const bad = new Map(schema);
    bad.set('person', { ...person, uniques: [...person.uniques, ['id_hash']] });
    expect(layoutProblems(bad)).toEqual([{ table: 'person', problem: 'unique key (id_hash) does not include county_code' }]);
  });

  it('counts a foreign key to a blocked or uncolocated table as a blocker', () => {
    const layout: Record<string, Placement> = {
      a: { kind: 'distributed', column: 'county_code', group: 'county' },
      b: { kind: 'distributed', column: 'county_code', group: 'county' },
      c: { kind: 'coordinator', reason: 'test' },
      r: { kind: 'reference', reason: 'test' },
    };
    const shape = (fk: TableShape['foreignKeys'], trig: string[] = []): TableShape => ({
      columns: new Map([['county_code', { notNull: true }]]),
      foreignKeys: fk,
      uniques: [],
      transitionTriggers: trig,
    });
    const s = new Map<string, TableShape>([
      ['a', shape([{ target: 'r', columns: ['code'], targetColumns: ['code'] }], ['a_rollup_ins'])],
      ['b', shape([{ target: 'a', columns: ['county_code', 'a_id'], targetColumns: ['county_code', 'id'] }])],
      ['c', shape([])],
      ['r', shape([])],
    ]);
    expect(Object.fromEntries(schemaBlockers(s, layout))).toEqual({ a: ['transition-triggers'], b: ['foreign-key'] });
    s.set('a', shape([]));
    expect(Object.fromEntries(schemaBlockers(s, layout))).toEqual({ a: [], b: [] });
    s.set('b', shape([{ target: 'c', columns: ['batch_id'], targetColumns: ['id'] }]));
    expect(Object.fromEntries(schemaBlockers(s, layout))).toEqual({ a: [], b: ['foreign-key'] });
  });
});
