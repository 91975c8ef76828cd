import { type RawBuilder, sql } from 'kysely';

/**
 * Rows of a county table inside a region (a code prefix): `<alias>.<column> LIKE 'region%'`, led by
 * `<alias>.county_code = '<county>'` when the region is a county or below. The county names the shard group on Citus
 * (the statement becomes a router query: one task, docs/scale-out.md) and is the first column of every county table's
 * keys on one PostgreSQL; the prefix alone says the same rows but neither engine can tell it from the text.
 */
export function inRegion(alias: string, region: string, column = 'village_code'): RawBuilder<unknown> {
  const like = sql`${sql.ref(`${alias}.${column}`)} LIKE ${`${region}%`}`;
  return region.length >= 6 ? sql`(${sql.ref(`${alias}.county_code`)} = ${region.slice(0, 6)} AND ${like})` : like;
}

/** `<alias>.county_code = '<county>'` when the region is a county or below, else nothing: for a statement already filtered. */
export function sameCounty(alias: string, region: string): RawBuilder<unknown> {
  return region.length >= 6 ? sql`${sql.ref(`${alias}.county_code`)} = ${region.slice(0, 6)}` : sql`TRUE`;
}

/**
 * `<inner>.county_code` joined to `<outer>.county_code`: the columns equal, and, when the region is a county or lies
 * inside one, the county itself as a constant too. The same rows either way. The column equality keeps the join on
 * the distribution column (Citus plans a statement it cannot route only on such joins); the constant lets it route
 * the whole statement, subqueries included, as one task to one shard group (docs/scale-out.md, "Router queries").
 */
export const sameCountyAs = (inner: string, outer: string, region: string) =>
  region.length >= 6
    ? sql`${sql.ref(`${inner}.county_code`)} = ${sql.ref(`${outer}.county_code`)} AND ${sql.ref(`${inner}.county_code`)} = ${region.slice(0, 6)}::text`
    : sql`${sql.ref(`${inner}.county_code`)} = ${sql.ref(`${outer}.county_code`)}`;
