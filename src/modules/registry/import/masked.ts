import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';
import { decrypt, encrypt, lookupHash, maskId, type PiiKeys } from '../../pii/crypto.ts';
import { parseIdNumber } from '../idcard.ts';
import { idTailHash } from '../search/keys.ts';

/**
 * A masked export edited and imported again: a row whose ID number is masked (2113**************) names a member the
 * register already has. It is the member of the household with that number (in the user's scope) who has that name
 * and whose ID number has the visible characters; that member's ID number is then staged as if the row had carried
 * it. No member, or more than one, is a problem on the row: a new member needs the full ID number.
 */
export async function resolveMaskedIds(tx: Tx, keys: PiiKeys, batchId: number, scopeCode: string): Promise<void> {
  const { rows } = await sql<{
    row_number: number;
    pattern: string;
    household_no: string | null;
    name: string | null;
    id_cipher: string | null;
  }>`
    SELECT r.row_number, r.id_masked AS pattern, r.household_no, r.name, p.id_cipher
    FROM import_row r
    LEFT JOIN household h ON h.county_code = r.county_code AND h.household_no = r.household_no AND h.village_code LIKE ${`${scopeCode}%`}
    LEFT JOIN household_member m ON m.county_code = h.county_code AND m.household_id = h.id
    LEFT JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id AND p.name = r.name
    WHERE r.batch_id = ${batchId} AND r.id_hash IS NULL AND r.id_masked LIKE '%*%'
    ORDER BY r.row_number`.execute(tx);
  if (!rows.length) return;

  const byRow = new Map<number, { pattern: string; no: string; name: string; ids: string[] }>();
  for (const r of rows) {
    const row = byRow.get(r.row_number) ?? { pattern: r.pattern, no: r.household_no ?? '', name: r.name ?? '', ids: [] };
    byRow.set(r.row_number, row);
    if (!r.id_cipher) continue;
    const id = decrypt(keys, r.id_cipher);
    if ([...r.pattern].every((c, i) => c === '*' || c === id[i])) row.ids.push(id);
  }

  // Resolved rows are written in one statement (a masked county export is thousands of rows), problems in another.
  const found: { row: number; id: string; birth: string; gender: string }[] = [];
  const problems: { row: number; column: string; code: string; params: Record<string, string | number> }[] = [];
  for (const [row, r] of byRow) {
    const id = r.ids.length === 1 ? r.ids[0] : undefined;
    const info = id ? parseIdNumber(id) : null;
    if (id && info) found.push({ row, id, birth: info.birthDate, gender: info.gender });
    else {
      problems.push({
        row,
        column: 'id_number',
        code: r.ids.length > 1 ? 'MASKED_ID_AMBIGUOUS' : 'MASKED_ID_NO_MATCH',
        params: { value: r.no, name: r.name, masked: r.pattern, count: r.ids.length },
      });
    }
  }
  if (found.length) {
    await sql`
      UPDATE import_row r SET id_hash = f.hash, id_cipher = f.cipher, id_masked = f.masked, id_tail_hash = f.tail,
             birth_date = f.birth::date, gender = f.gender
      FROM unnest(${found.map((f) => f.row)}::int[], ${found.map((f) => lookupHash(keys, f.id))}::text[],
                  ${found.map((f) => encrypt(keys, f.id))}::text[], ${found.map((f) => maskId(f.id))}::text[],
                  ${found.map((f) => idTailHash(keys, f.id))}::text[], ${found.map((f) => f.birth)}::text[],
                  ${found.map((f) => f.gender)}::text[]) AS f(row_number, hash, cipher, masked, tail, birth, gender)
      WHERE r.batch_id = ${batchId} AND r.row_number = f.row_number`.execute(tx);
  }
  if (problems.length) {
    await sql`
      UPDATE import_row r SET problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(p.item)
      FROM jsonb_array_elements(${JSON.stringify(problems)}::jsonb) AS p(item)
      WHERE r.batch_id = ${batchId} AND r.row_number = (p.item->>'row')::int`.execute(tx);
  }
}
