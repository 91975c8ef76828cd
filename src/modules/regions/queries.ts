import { sql } from 'kysely';
import type { Tx } from '../../db/types.ts';

export interface RegionRow {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  is_poverty_county: boolean;
}

const COLUMNS = ['code', 'name', 'level', 'parent_code', 'is_poverty_county'] as const;

/** Every region (a province is about 13,000), for the in-memory directory. */
export async function allRegions(tx: Tx) {
  const r = await sql<RegionRow>`SELECT code, name, level, parent_code, is_poverty_county FROM region ORDER BY code`.execute(tx);
  return r.rows;
}

export async function upsertRegions(tx: Tx, rows: RegionRow[], source: string) {
  if (rows.length === 0) return;
  await tx
    .insertInto('region')
    .values(rows.map((r) => ({ ...r, source })))
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        level: eb.ref('excluded.level'),
        parent_code: eb.ref('excluded.parent_code'),
        source: eb.ref('excluded.source'),
      })),
    )
    .execute();
}

export async function setPovertyCounties(tx: Tx, provinceCode: string, codes: string[]) {
  await tx.updateTable('region').set({ is_poverty_county: false }).where('code', 'like', `${provinceCode}%`).execute();
  if (codes.length) await tx.updateTable('region').set({ is_poverty_county: true }).where('code', 'in', codes).execute();
  // A poverty county's own figures (its exit) are kept on its county row (countyRow, command/rollups.ts): recompute them.
  await sql`INSERT INTO rollup_dirty (county_code, village_code) SELECT code, code || '000000' FROM region WHERE level = 3 AND code LIKE ${`${provinceCode}%`}
            ON CONFLICT DO NOTHING`.execute(tx);
}

export function findRegion(tx: Tx, code: string) {
  return tx.selectFrom('region').select(COLUMNS).where('code', '=', code).executeTakeFirst();
}

export function findRegions(tx: Tx, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([] as RegionRow[]);
  return tx.selectFrom('region').select(COLUMNS).where('code', 'in', codes).orderBy('code').execute();
}

export function childrenWithCounts(tx: Tx, parentCode: string) {
  return tx
    .selectFrom('region as r')
    .select(COLUMNS.map((c) => `r.${c}` as const))
    .select((eb) =>
      eb.selectFrom('region as c').whereRef('c.parent_code', '=', 'r.code').select(eb.fn.countAll<number>().as('n')).as('child_count'),
    )
    .where('r.parent_code', '=', parentCode)
    .orderBy('r.code')
    .execute();
}

export async function childCount(tx: Tx, code: string): Promise<number> {
  const r = await tx
    .selectFrom('region')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_code', '=', code)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countByLevel(tx: Tx, prefix: string): Promise<Record<number, number>> {
  const rows = await tx
    .selectFrom('region')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('code', 'like', `${prefix}%`)
    .where('code', '!=', prefix)
    .groupBy('level')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}

export function povertyCountiesWithin(tx: Tx, prefix: string) {
  return tx
    .selectFrom('region')
    .select(['code', 'name', 'level'])
    .where('code', 'like', `${prefix}%`)
    .where('is_poverty_county', '=', true)
    .orderBy('code')
    .execute();
}

/** Name substring or code prefix, inside a scope; shorter (higher-level) regions first. */
export function searchRegions(tx: Tx, prefix: string, q: string, limit: number) {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return tx
    .selectFrom('region')
    .select(COLUMNS)
    .where('code', 'like', `${prefix}%`)
    .where((eb) => eb.or([eb('name', 'like', `%${escaped}%`), eb('code', 'like', `${escaped}%`)]))
    .orderBy(sql`length(code)`)
    .orderBy('code')
    .limit(limit)
    .execute();
}

export async function regionCount(tx: Tx, prefix: string): Promise<number> {
  const r = await tx
    .selectFrom('region')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
