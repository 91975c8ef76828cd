import type { Tx } from '../db/types.ts';

/** Reads a rule number: the most specific row (longest region prefix, then exact year) wins. */
export async function getSetting<T>(tx: Tx, key: string, fallback: T, opts: { scopeCode?: string; year?: number } = {}): Promise<T> {
  const rows = await tx.selectFrom('setting').select(['scope_code', 'year', 'value']).where('key', '=', key).execute();
  const scope = opts.scopeCode ?? '';
  const year = opts.year ?? 0;
  const fitting = rows
    .filter((r) => scope.startsWith(r.scope_code) && (r.year === 0 || r.year === year))
    .sort((a, b) => b.scope_code.length - a.scope_code.length || b.year - a.year);
  return fitting.length ? (fitting[0]?.value as T) : fallback;
}
