import { describe, expect, it } from 'vitest';
import { planRows } from './plan-rows.ts';

/** A shard's plan as a Citus coordinator shows it inside its own scan node. */
const task = (rows: number) => ({ Node: 'host=w1', 'Remote Plan': [[{ Plan: { 'Node Type': 'Seq Scan', 'Plan Rows': rows } }]] });
const citus = (rows: number[]) => [
  {
    Plan: {
      'Node Type': 'Custom Scan',
      'Custom Plan Provider': 'Citus Adaptive',
      'Plan Rows': rows.length === 1 ? 0 : 100000,
      'Distributed Query': { Job: { 'Task Count': rows.length, 'Tasks Shown': 'All', Tasks: rows.map(task) } },
    },
  },
];

describe('planRows', () => {
  it("reads PostgreSQL's top estimate, as a value or as the JSON text a driver may hand back", () => {
    const plan = [{ Plan: { 'Node Type': 'Index Only Scan', 'Plan Rows': 1922.4 } }];
    expect(planRows(plan)).toBe(1922);
    expect(planRows(JSON.stringify(plan))).toBe(1922);
  });

  it("sums a Citus plan's shards instead of its scan node's constant", () => {
    expect(planRows(citus([168, 0, 1022, 310]))).toBe(1500);
    expect(planRows(citus([1922]))).toBe(1922);
  });

  it('says 0 when there is no plan', () => {
    expect(planRows(undefined)).toBe(0);
    expect(planRows([])).toBe(0);
  });
});
