import { sql } from 'kysely';
import type { Tx } from '../../db/types.ts';
import { type PostingFilter, postingConditions } from './queries.ts';

export interface ExportRow {
  county_code: string;
  id: number;
  name: string;
  id_cipher: string;
  id_masked: string;
  gender: 'M' | 'F';
  phone_cipher: string | null;
  phone_masked: string | null;
  unit_name: string;
  unit_level: 'province' | 'city' | 'county' | 'township';
  post: string;
  party_member: boolean;
  city: string | null;
  county: string | null;
  township: string | null;
  village: string;
  village_code: string;
  role: 'first_secretary' | 'team_leader' | 'team_member';
  start_date: string;
  end_date: string;
}

/**
 * A page of postings as the interchange format carries them (keyset: county, id), with the place names and the
 * ciphers (the caller decides what is unmasked). The end date is the planned end of the term (任期届满): when a posting
 * ended early is the procedure's history, not a column of the file.
 */
export function exportPage(tx: Tx, f: PostingFilter, after: { county: string; id: number }, limit: number) {
  const parts = postingConditions(f);
  parts.push(sql`(p.county_code, p.id) > (${after.county}, ${after.id})`);
  return sql<ExportRow>`
    SELECT p.county_code, p.id, pe.name, pe.id_cipher, pe.id_masked, pe.gender, pe.phone_cipher, pe.phone_masked,
           u.name AS unit_name, u.level AS unit_level, k.post, k.party_member,
           ci.name AS city, co.name AS county, t.name AS township, v.name AS village, p.village_code, p.role,
           to_char(p.start_date, 'YYYY-MM-DD') AS start_date, to_char(p.planned_end_date, 'YYYY-MM-DD') AS end_date
    FROM cadre_posting p
    JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
    JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
    JOIN dispatch_unit u ON u.id = p.unit_id
    JOIN procedure_case c ON c.county_code = p.county_code AND c.procedure = 'cadres.posting' AND c.subject_id = p.id
    JOIN region v ON v.code = p.village_code
    LEFT JOIN region t ON t.code = left(p.village_code, 9)
    LEFT JOIN region co ON co.code = p.county_code
    LEFT JOIN region ci ON ci.code = left(p.village_code, 4)
    WHERE ${sql.join(parts, sql` AND `)}
    ORDER BY p.county_code, p.id LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

/** How many persons an export of the filter shows (an unmasked export counts them against the unmasking budget). */
export async function countExportPersons(tx: Tx, f: PostingFilter) {
  const r = await sql<{ n: number }>`
    SELECT count(DISTINCT (k.county_code, k.person_id))::int AS n
    FROM cadre_posting p
    JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
    JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
    JOIN procedure_case c ON c.county_code = p.county_code AND c.procedure = 'cadres.posting' AND c.subject_id = p.id
    WHERE ${sql.join(postingConditions(f), sql` AND `)}`.execute(tx);
  return Number(r.rows[0]?.n ?? 0);
}
