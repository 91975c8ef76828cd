import type { Tx } from '../../db/types.ts';
import { allRegions } from '../regions/queries.ts';

export interface RegionEntry {
  code: string;
  name: string;
  level: number;
  parent: string | null;
  isPovertyCounty: boolean;
  children: string[];
}

/**
 * All regions in memory (a province is about 13,000), so that paths, children and the counties of a scope cost
 * nothing per request. Regions change only when an administrator imports them; a minute's staleness is harmless.
 */
const TTL_MS = 60_000;
const cache = new WeakMap<object, { at: number; map: Map<string, RegionEntry> }>();

export async function directory(db: Tx): Promise<Map<string, RegionEntry>> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.map;
  const map = new Map<string, RegionEntry>();
  for (const row of await allRegions(db)) {
    map.set(row.code, {
      code: row.code,
      name: row.name,
      level: Number(row.level),
      parent: row.parent_code,
      isPovertyCounty: row.is_poverty_county,
      children: [],
    });
  }
  for (const e of map.values()) if (e.parent) map.get(e.parent)?.children.push(e.code);
  cache.set(db, { at: Date.now(), map });
  return map;
}

/** From the root down to the region, limited to what lies inside `scope` (a user sees no crumbs above it). */
export function pathOf(dir: Map<string, RegionEntry>, code: string, scope = ''): RegionEntry[] {
  const out: RegionEntry[] = [];
  for (let e = dir.get(code); e; e = e.parent ? dir.get(e.parent) : undefined) {
    if (!e.code.startsWith(scope)) break;
    out.unshift(e);
  }
  return out;
}

/** The regions of a level inside a prefix, in code order. */
export function descendantsAt(dir: Map<string, RegionEntry>, code: string, level: number): RegionEntry[] {
  const out: RegionEntry[] = [];
  const walk = (c: string) => {
    const e = dir.get(c);
    if (!e) return;
    if (e.level === level) out.push(e);
    else if (e.level < level) for (const k of e.children) walk(k);
  };
  walk(code);
  return out;
}
