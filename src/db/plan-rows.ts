/** A plan node of `EXPLAIN (FORMAT JSON)`, as far as the row estimate goes. */
interface PlanNode {
  'Plan Rows'?: number;
  'Distributed Query'?: { Job?: { Tasks?: { 'Remote Plan'?: { Plan?: PlanNode }[][] }[] } };
}

/**
 * The planner's row estimate of a statement from its JSON plan. On a Citus coordinator the top node is Citus's own
 * scan, whose "Plan Rows" is a constant (100,000 across shards, 0 for one shard); the estimate is then the sum of its
 * tasks' plans, each a shard's own estimate (every task is shown: citus-dialect.ts sets citus.explain_all_tasks).
 */
export function planRows(explained: unknown): number {
  const raw = typeof explained === 'string' ? JSON.parse(explained) : explained;
  return rowsOf((raw as { Plan?: PlanNode }[] | undefined)?.[0]?.Plan);
}

function rowsOf(node: PlanNode | undefined): number {
  const tasks = node?.['Distributed Query']?.Job?.Tasks;
  if (Array.isArray(tasks)) return tasks.reduce((n, t) => n + rowsOf(t['Remote Plan']?.[0]?.[0]?.Plan), 0);
  return Math.round(Number(node?.['Plan Rows'] ?? 0));
}
