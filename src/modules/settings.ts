import type { Tx } from '../db/types.ts';

type SettingRow = { scope_code: string; year: number; value: unknown };

// Rules change a few times a year and are read on every request: keep them for a few seconds.
const CACHE_MS = 5_000;
const cache = new WeakMap<object, Map<string, { at: number; rows: SettingRow[] }>>();

/** Forget cached settings (after an administrator or a test changes them). */
export function clearSettingsCache() {
  for (const k of keys) cache.delete(k);
  keys.length = 0;
}
const keys: object[] = [];

async function rowsOf(tx: Tx, key: string): Promise<SettingRow[]> {
  // Cached per database handle; inside a transaction, read fresh.
  const isTransaction = (tx as { isTransaction?: boolean }).isTransaction === true;
  let byKey = cache.get(tx);
  const hit = byKey?.get(key);
  if (!isTransaction && hit && Date.now() - hit.at < CACHE_MS) return hit.rows;
  const rows = await tx.selectFrom('setting').select(['scope_code', 'year', 'value']).where('key', '=', key).execute();
  if (!isTransaction) {
    if (!byKey) {
      byKey = new Map();
      cache.set(tx, byKey);
      keys.push(tx);
    }
    byKey.set(key, { at: Date.now(), rows });
  }
  return rows;
}

/** Reads a rule number: the most specific row (longest region prefix, then exact year) wins. */
export async function getSetting<T>(tx: Tx, key: string, fallback: T, opts: { scopeCode?: string; year?: number } = {}): Promise<T> {
  const rows = await rowsOf(tx, key);
  const scope = opts.scopeCode ?? '';
  const year = opts.year ?? 0;
  const fitting = rows
    .filter((r) => scope.startsWith(r.scope_code) && (r.year === 0 || r.year === year))
    .sort((a, b) => b.scope_code.length - a.scope_code.length || b.year - a.year);
  return fitting.length ? (fitting[0]?.value as T) : fallback;
}
