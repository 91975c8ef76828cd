import { sql } from 'kysely';
import { sameCounty } from '../../../db/region-scope.ts';
import type { Tx } from '../../../db/types.ts';
import { type HouseholdFilter, personSearch, startsWith } from '../queries.ts';

/**
 * At most this many villages are taken from a name prefix. One character names hundreds across a province: a bound
 * of 200 cut off the 东… villages and a province user searching 东 found nothing (registry-list test).
 */
const VILLAGES = 5000;

/** The villages in scope whose name starts with `text` (海丰 → 海丰村). */
export async function villagesNamed(tx: Tx, region: string, text: string): Promise<string[]> {
  const r = await sql<{ code: string }>`
    SELECT code FROM region WHERE level = 5 AND code LIKE ${`${region}%`} AND ${startsWith('name', text)} ORDER BY code LIMIT ${VILLAGES}`.execute(
    tx,
  );
  return r.rows.map((v) => v.code);
}

export interface MatchedMember {
  county_code: string;
  household_id: number;
  name: string;
  relation: string;
  /** Which part of the person matched: name, pinyin, initials, id, id_tail. */
  via: string;
}

/**
 * For each listed household, the member the search box matched (the head first when several did), so that the list
 * can say why a household whose head is someone else is there.
 */
export async function matchedMembers(
  tx: Tx,
  f: HouseholdFilter,
  households: readonly { county_code: string; id: number }[],
): Promise<MatchedMember[]> {
  const search = personSearch(f);
  if (!search || !households.length) return [];
  const via = f.pinyin
    ? sql`CASE WHEN ${startsWith('p.name_pinyin', f.pinyin)} THEN 'pinyin' ELSE 'initials' END`
    : sql`${f.nameLike ? 'name' : f.idHash ? 'id' : 'id_tail'}::text`;
  const r = await sql<MatchedMember>`
    SELECT DISTINCT ON (m.county_code, m.household_id) m.county_code, m.household_id, p.name, m.relation, ${via} AS via
    FROM unnest(${households.map((h) => h.county_code)}::text[], ${households.map((h) => h.id)}::bigint[]) AS k(county_code, id)
    JOIN household_member m ON m.county_code = k.county_code AND m.household_id = k.id
    JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
    WHERE ${search} AND ${sameCounty('m', f.region)} AND ${sameCounty('p', f.region)}
    ORDER BY m.county_code, m.household_id, (m.relation = 'head') DESC, p.id`.execute(tx);
  return r.rows.map((m) => ({ ...m, household_id: Number(m.household_id) }));
}
