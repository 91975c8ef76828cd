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
  return pick(await rowsOf(tx, key), fallback, opts.scopeCode ?? '', opts.year ?? 0);
}

/**
 * A rule number for many regions from one read (an import's few hundred villages): `(scopeCode) => value`, chosen as
 * getSetting chooses.
 */
export async function settingReader<T>(tx: Tx, key: string, fallback: T, opts: { year?: number } = {}): Promise<(scopeCode: string) => T> {
  const rows = await rowsOf(tx, key);
  return (scopeCode) => pick(rows, fallback, scopeCode, opts.year ?? 0);
}

function pick<T>(rows: SettingRow[], fallback: T, scope: string, year: number): T {
  const fitting = rows
    .filter((r) => scope.startsWith(r.scope_code) && (r.year === 0 || r.year === year))
    .sort((a, b) => b.scope_code.length - a.scope_code.length || b.year - a.year);
  return fitting.length ? (fitting[0]?.value as T) : fallback;
}

/**
 * Rule numbers declared with their defaults and labels (zh-CN, en), for the code that reads them and for an
 * administrator's list. Read them with getSetting(tx, key, SETTINGS[key].default, …).
 */
export const SETTINGS = {
  // A check-in counts as "in the village" within this distance of the village's point (村点位) …
  'cadres.checkin_radius_m': { default: 2000, unit: 'm', zh: '签到在村半径（米）', en: 'Check-in radius around the village point (m)' },
  // … when the phone's reported accuracy is at most this.
  'cadres.checkin_max_accuracy_m': {
    default: 200,
    unit: 'm',
    zh: '签到定位精度上限（米）',
    en: 'Largest accepted check-in accuracy (m)',
  },
  // DOMAIN.md §4.3: per village and year; a province or year may set its own.
  'party.funds_operation_yuan': {
    default: 112000,
    unit: 'yuan',
    zh: '村级组织运转经费标准（元/村/年）',
    en: 'Village operation funds standard (yuan per village per year)',
  },
  'party.funds_party_building_yuan': {
    default: 20000,
    unit: 'yuan',
    zh: '党建工作经费标准（元/村/年）',
    en: 'Party-building funds standard (yuan per village per year)',
  },
} as const satisfies Record<string, { default: number; unit: string; zh: string; en: string }>;
