import type { Tx } from '../../../db/types.ts';
import { toHalfWidth } from '../idcard.ts';

/**
 * Finds a village from the names people write. The statistical register says 海丰村民委员会, 东官营镇, 北票市;
 * files say 海丰村, 东官营, 北票. Names are compared without their administrative suffix, and the township
 * decides between two villages of the same name in one county.
 */
const VILLAGE_SUFFIXES = ['村民委员会', '居民委员会', '社区居委会', '社区居民委员会', '村委会', '居委会', '委员会', '社区', '村'];
const TOWNSHIP_SUFFIXES = ['人民政府', '街道办事处', '办事处', '街道', '镇', '乡'];
const COUNTY_SUFFIXES = ['自治县', '县', '市', '区'];

function strip(name: string, suffixes: readonly string[]): string {
  const s = toHalfWidth(name)
    .replace(/\s+/g, '')
    .replace(/[()（）]/g, '');
  for (const suffix of suffixes) if (s.length > suffix.length && s.endsWith(suffix)) return s.slice(0, -suffix.length);
  return s;
}

export const normVillage = (n: string) => strip(n, VILLAGE_SUFFIXES);
export const normTownship = (n: string) => strip(n, TOWNSHIP_SUFFIXES);
export const normCounty = (n: string) => strip(n, COUNTY_SUFFIXES);

export interface VillageRef {
  code: string;
  name: string;
  townshipName: string;
  countyName: string;
}

export type VillageLookup =
  | { ok: true; village: VillageRef }
  | {
      ok: false;
      code: 'VILLAGE_NOT_FOUND' | 'VILLAGE_AMBIGUOUS' | 'VILLAGE_OUT_OF_SCOPE' | 'VILLAGE_CODE_UNKNOWN';
      candidates?: VillageRef[];
    };

export class VillageIndex {
  private readonly byCode = new Map<string, VillageRef>();
  private readonly byName = new Map<string, VillageRef[]>();

  constructor(
    readonly scopeCode: string,
    /** The list it was built from (a worker thread builds its own index from it). */
    readonly villages: VillageRef[],
  ) {
    for (const v of villages) {
      this.byCode.set(v.code, v);
      const key = normVillage(v.name);
      const list = this.byName.get(key) ?? [];
      list.push(v);
      this.byName.set(key, list);
    }
  }

  /** Every village inside the scope, with the names of its township and county. */
  static async load(tx: Tx, scopeCode: string): Promise<VillageIndex> {
    const rows = await tx
      .selectFrom('region as v')
      .innerJoin('region as t', 't.code', 'v.parent_code')
      .innerJoin('region as c', 'c.code', 't.parent_code')
      .select(['v.code', 'v.name', 't.name as township_name', 'c.name as county_name'])
      .where('v.level', '=', 5)
      .where('v.code', 'like', `${scopeCode}%`)
      .execute();
    return new VillageIndex(
      scopeCode,
      rows.map((r) => ({ code: r.code, name: r.name, townshipName: r.township_name, countyName: r.county_name })),
    );
  }

  /** A village code wins when given; otherwise county, township and village names must point at exactly one village. */
  private readonly memo = new Map<string, VillageLookup>();

  /** Rows of one village repeat the same names: each combination is looked up once. */
  find(input: { code?: string | null; county?: string | null; township?: string | null; village?: string | null }): VillageLookup {
    const key = `${input.code ?? ''}|${input.county ?? ''}|${input.township ?? ''}|${input.village ?? ''}`;
    let found = this.memo.get(key);
    if (!found) {
      found = this.lookup(input);
      if (this.memo.size > 100_000) this.memo.clear();
      this.memo.set(key, found);
    }
    return found;
  }

  private lookup(input: {
    code?: string | null;
    county?: string | null;
    township?: string | null;
    village?: string | null;
  }): VillageLookup {
    if (input.code) {
      const v = this.byCode.get(input.code);
      if (v) return { ok: true, village: v };
      return {
        ok: false,
        code:
          input.code.startsWith(this.scopeCode) || this.scopeCode.startsWith(input.code) ? 'VILLAGE_CODE_UNKNOWN' : 'VILLAGE_OUT_OF_SCOPE',
      };
    }
    if (!input.village) return { ok: false, code: 'VILLAGE_NOT_FOUND' };
    let candidates = this.byName.get(normVillage(input.village)) ?? [];
    if (input.county) {
      const c = normCounty(input.county);
      candidates = candidates.filter((v) => normCounty(v.countyName) === c);
    }
    if (input.township) {
      const t = normTownship(input.township);
      candidates = candidates.filter((v) => normTownship(v.townshipName) === t);
    }
    if (candidates.length === 1 && candidates[0]) return { ok: true, village: candidates[0] };
    if (candidates.length > 1) return { ok: false, code: 'VILLAGE_AMBIGUOUS', candidates };
    return { ok: false, code: 'VILLAGE_NOT_FOUND' };
  }
}
