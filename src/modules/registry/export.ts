import { isCitus } from '../../db/distribute.ts';
import type { Db } from '../../db/types.ts';
import { decrypt, type PiiKeys } from '../pii/crypto.ts';
import { type CodeListId, label } from './codelists.ts';
import { exportPage, regionsAround } from './export.queries.ts';
import type { RegisterRow } from './interchange/write.ts';
import type { HouseholdFilter } from './queries.ts';

const zh = (list: CodeListId, code: string | null) => (code ? (label(list, code, 'zh-CN') ?? code) : null);

/** Households per statement: on PGlite other requests wait while a page is read (0.1–0.3 s). */
const PAGE = 500;

/**
 * The register in the interchange format, one row per person, households in (county, id) order, heads first. One
 * statement per page of households (keyset), so that memory stays flat at any scope; the page's household keys are
 * a subquery of that statement, not a list sent back as parameters: PGlite fails a row-valued IN list of a few hundred
 * parameters ("cannot drop portal "" while it is being set up"). On Citus the pages above a county are read county by
 * county, the counties taken from the region table (every county of the scope, not a hint): a page across counties
 * asked all 32 shards (the scale-0.1 province export took 240 s, 3.4 s county by county), one county's page asks its
 * own shard group. On one PostgreSQL pages run across counties: county by county each county's last page is short and
 * the scale-1 province took 21 s against 18 s.
 * Income and helper are looked up once per household, place names once per export. ID numbers and phones are masked
 * unless `unmask` (the caller checked the permission and audits it).
 */
export async function* exportRows(db: Db, keys: PiiKeys, filter: HouseholdFilter, unmask: boolean): AsyncGenerator<RegisterRow> {
  const { placeOf, counties } = await placeNames(db, filter.region);
  const byCounty = filter.region.length < 6 && (await isCitus(db));
  const parts = byCounty ? counties.map((county) => ({ ...filter, region: county })) : [filter];
  for (const part of parts) yield* scopeRows(db, keys, part, placeOf, unmask);
}

/** The rows of one scope (the whole export's, or on Citus one county's), page by page. */
async function* scopeRows(
  db: Db,
  keys: PiiKeys,
  filter: HouseholdFilter,
  placeOf: (villageCode: string) => Place,
  unmask: boolean,
): AsyncGenerator<RegisterRow> {
  let after = { county: '', id: 0 };
  for (let full = true; full; ) {
    const rows = await exportPage(db, filter, after, PAGE);
    const last = rows.at(-1);
    if (!last) return;
    after = { county: last.county_code, id: last.household_id };
    // A page of fewer households is the county's last: no read that would come back empty.
    full = new Set(rows.map((r) => r.household_id)).size === PAGE;
    for (const r of rows) {
      if (r.name === null) continue;
      const place = placeOf(r.village_code);
      // Properties one by one: spreading `place` into the row made V8 build slow objects (the export ran 2× slower).
      yield {
        city: place.city,
        county: place.county,
        township: place.township,
        village: place.village,
        village_code: r.village_code,
        household_no: r.household_no,
        name: r.name,
        id_number: unmask ? decrypt(keys, r.id_cipher) : r.id_masked,
        relation: zh('relation', r.relation),
        gender: zh('gender', r.gender),
        ethnicity: zh('ethnicity', r.ethnicity),
        education: zh('education', r.education),
        schooling: zh('schooling', r.schooling),
        health: zh('health', r.health),
        labour_skill: zh('labour', r.labour),
        work_status: zh('work', r.work),
        medical_insurance: r.medical_insurance === null ? null : r.medical_insurance ? '是' : '否',
        category: zh('household_category', r.category),
        poverty_cause: zh('poverty_cause', r.cause),
        year_identified: r.year_identified,
        planned_exit_year: r.planned_exit_year,
        exit_year: r.exit_year,
        household_status: zh('household_status', r.status),
        income_per_capita: r.income,
        helper: r.helper,
        phone: r.phone_cipher ? (unmask ? decrypt(keys, r.phone_cipher) : r.phone_masked) : null,
      };
    }
  }
}

interface Place {
  city: string;
  county: string;
  township: string;
  village: string;
}

/**
 * City, county, township and village names of a village, from the regions of the scope and its ancestors, read once
 * (the province: 18,248 regions); joining four regions per row cost a hash of all regions per page. With them the
 * counties under a scope above a county, in code order.
 */
async function placeNames(db: Db, scope: string): Promise<{ placeOf: (villageCode: string) => Place; counties: string[] }> {
  const regions = new Map<string, { name: string; parent: string | null }>();
  const rows = await regionsAround(db, scope);
  for (const r of rows) regions.set(r.code, { name: r.name, parent: r.parent_code });
  const counties = rows
    .filter((r) => r.code.length === 6 && r.code.startsWith(scope))
    .map((r) => r.code)
    .sort();
  const memo = new Map<string, Place>();
  const placeOf = (villageCode: string) => {
    let place = memo.get(villageCode);
    if (!place) {
      const v = regions.get(villageCode);
      const t = v?.parent ? regions.get(v.parent) : undefined;
      const co = t?.parent ? regions.get(t.parent) : undefined;
      const ci = co?.parent ? regions.get(co.parent) : undefined;
      place = { city: ci?.name ?? '', county: co?.name ?? '', township: t?.name ?? '', village: v?.name ?? '' };
      memo.set(villageCode, place);
    }
    return place;
  };
  return { placeOf, counties };
}
