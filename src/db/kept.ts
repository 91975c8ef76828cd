/**
 * Values kept a while per database and key, for answers that may be a little old: a planner's estimate, a total shown
 * as "about N", the counties that hold households. Per database because a process (the tests) may hold several; at
 * most `max` keys per database, all dropped at once when that is passed.
 */
export function keptPerDatabase<T>(ms: number, max = 1_000) {
  const all = new WeakMap<object, Map<string, { at: number; value: T }>>();
  const mapOf = (db: object) => {
    let m = all.get(db);
    if (!m) {
      m = new Map();
      all.set(db, m);
    }
    return m;
  };
  return {
    get(db: object, key: string): T | undefined {
      const hit = mapOf(db).get(key);
      return hit && Date.now() - hit.at < ms ? hit.value : undefined;
    },
    set(db: object, key: string, value: T): void {
      const m = mapOf(db);
      if (m.size >= max) m.clear();
      m.set(key, { at: Date.now(), value });
    },
  };
}
