import { type RawBuilder, sql } from 'kysely';

/**
 * The villages a provider's measures are computed for (null: all). Filtering a table by its village column alone
 * makes a distributed database read every shard (it is distributed by county, and an array of village codes names
 * none): refreshing one village cost about a second on the three-node cluster, one task per shard for each measure.
 * So every filter also names the table's counties, the villages' own, and each read reaches its counties' shards only.
 */
export interface Villages {
  /** The village codes, a text[] expression. */
  codes: RawBuilder<unknown>;
  /** The counties of the codes, a text[] expression. */
  counties: RawBuilder<unknown>;
}

export function villagesOf(codes: readonly string[]): Villages {
  const counties = [...new Set(codes.map((c) => c.slice(0, 6)))].sort();
  return { codes: sql`${[...codes]}::text[]`, counties: sql`${counties}::text[]` };
}

/**
 * `col` is one of the villages and, unless `county` is null (a table without one, such as `region`), its table's
 * county column is one of theirs: `x.county_code` for `x.village_code`, `county_code` for an unqualified column.
 */
export function villageFilter(villages: Villages | null) {
  return (col: string, county?: string | null) => {
    if (!villages) return sql`TRUE`;
    const own = sql`${sql.ref(col)} = ANY(${villages.codes})`;
    if (county === null) return own;
    const dot = col.lastIndexOf('.');
    const countyCol = county ?? (dot < 0 ? 'county_code' : `${col.slice(0, dot)}.county_code`);
    return sql`${own} AND ${sql.ref(countyCol)} = ANY(${villages.counties})`;
  };
}

/** The counties of the villages as a filter of a county column (TRUE for all villages). */
export function countyFilter(villages: Villages | null) {
  return (col: string) => (villages ? sql`${sql.ref(col)} = ANY(${villages.counties})` : sql`TRUE`);
}
