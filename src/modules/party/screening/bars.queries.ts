import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

export interface BarRow {
  code: string;
  ordinal: number;
  label_zh: string;
  label_en: string;
  active: boolean;
}

export function barsOf(tx: Tx, province: string) {
  return sql<BarRow>`
    SELECT code, ordinal, label_zh, label_en, active FROM party_nomination_bar WHERE province_code = ${province} ORDER BY ordinal, code`
    .execute(tx)
    .then((r) => r.rows);
}

/** Writes a province's list as given (codes not given are deactivated, never deleted: old checks name them). */
export async function saveBars(tx: Tx, province: string, rows: readonly BarRow[]) {
  await sql`UPDATE party_nomination_bar SET active = false, updated_at = now() WHERE province_code = ${province}`.execute(tx);
  if (!rows.length) return;
  await sql`
    INSERT INTO party_nomination_bar (province_code, code, ordinal, label_zh, label_en, active, updated_at)
    SELECT ${province}, *, now() FROM unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.ordinal)}::int[],
      ${rows.map((r) => r.label_zh)}::text[], ${rows.map((r) => r.label_en)}::text[], ${rows.map((r) => r.active)}::boolean[])
    ON CONFLICT (province_code, code) DO UPDATE SET ordinal = excluded.ordinal, label_zh = excluded.label_zh,
      label_en = excluded.label_en, active = excluded.active, updated_at = excluded.updated_at`.execute(tx);
}

/** The province's list, seeded with `defaults` when the province has none yet. */
export async function ensureBars(tx: Tx, province: string, defaults: readonly BarRow[]) {
  await sql`
    INSERT INTO party_nomination_bar (province_code, code, ordinal, label_zh, label_en, active, updated_at)
    SELECT ${province}, *, now() FROM unnest(${defaults.map((r) => r.code)}::text[], ${defaults.map((r) => r.ordinal)}::int[],
      ${defaults.map((r) => r.label_zh)}::text[], ${defaults.map((r) => r.label_en)}::text[], ${defaults.map((r) => r.active)}::boolean[])
    WHERE NOT EXISTS (SELECT 1 FROM party_nomination_bar WHERE province_code = ${province})
    ON CONFLICT DO NOTHING`.execute(tx);
}

export function insertNomination(
  tx: Tx,
  row: {
    county: string;
    village: string;
    personId: number;
    on: string;
    checks: unknown;
    nominated: boolean;
    note: string | null;
    by: string;
  },
) {
  return sql<{ id: number }>`
    INSERT INTO party_nomination (county_code, village_code, person_id, checked_on, checks, nominated, note, created_by)
    VALUES (${row.county}, ${row.village}, ${row.personId}, ${row.on}::date, ${JSON.stringify(row.checks)}::jsonb, ${row.nominated},
            ${row.note}, ${row.by})
    RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

export function nominationsOfVillage(tx: Tx, county: string, village: string) {
  return sql<{
    id: number;
    name: string;
    id_masked: string;
    checked_on: string;
    checks: { code: string; zh: string; en: string; hit: boolean }[];
    nominated: boolean;
    note: string | null;
    created_by: string;
  }>`
    SELECT n.id, p.name, p.id_masked, to_char(n.checked_on, 'YYYY-MM-DD') AS checked_on, n.checks, n.nominated, n.note, n.created_by
    FROM party_nomination n JOIN person p ON p.county_code = n.county_code AND p.id = n.person_id
    WHERE n.county_code = ${county} AND n.village_code = ${village}
    ORDER BY n.id DESC LIMIT 200`
    .execute(tx)
    .then((r) => r.rows);
}
