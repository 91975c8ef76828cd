import { sql } from 'kysely';
import type { Db } from '../../db/types.ts';
import { decrypt, type PiiKeys } from '../pii/crypto.ts';
import { type CodeListId, label } from './codelists.ts';
import type { RegisterRow } from './interchange/write.ts';
import { type HouseholdFilter, householdWhere } from './queries.ts';

const zh = (list: CodeListId, code: string | null) => (code ? (label(list, code, 'zh-CN') ?? code) : null);

/**
 * The register in the interchange format, one row per person, households in id order, read in pages so that
 * memory stays flat. ID numbers and phones are masked unless `unmask` (the caller checked the permission and
 * audits it).
 */
export async function* exportRows(db: Db, keys: PiiKeys, filter: HouseholdFilter, unmask: boolean): AsyncGenerator<RegisterRow> {
  let after = { county: '', id: 0 };
  for (;;) {
    const ids = await sql<{ id: number; county_code: string }>`
      SELECT h.county_code, h.id FROM household h WHERE ${householdWhere(filter)} AND (h.county_code, h.id) > (${after.county}, ${after.id})
      ORDER BY h.county_code, h.id LIMIT 500`.execute(db);
    if (ids.rows.length === 0) return;
    const last = ids.rows.at(-1);
    if (last) after = { county: last.county_code, id: last.id };
    const rows = await sql<{
      city: string;
      county: string;
      township: string;
      village: string;
      village_code: string;
      household_no: string;
      name: string;
      id_cipher: string;
      id_masked: string;
      relation: string;
      gender: string;
      ethnicity: string | null;
      education: string | null;
      schooling: string | null;
      health: string | null;
      labour: string | null;
      work: string | null;
      medical_insurance: boolean | null;
      category: string;
      cause: string;
      year_identified: number;
      planned_exit_year: number | null;
      exit_year: number | null;
      status: string;
      income: number | null;
      helper: string | null;
      phone_cipher: string | null;
      phone_masked: string | null;
    }>`
      SELECT ci.name AS city, co.name AS county, t.name AS township, v.name AS village, h.village_code, h.household_no,
             p.name, p.id_cipher, p.id_masked, m.relation, p.gender, p.ethnicity, m.education, m.schooling, m.health, m.labour,
             m.work, m.medical_insurance, h.category, h.cause, h.year_identified, h.planned_exit_year, h.exit_year, h.status,
             (SELECT per_capita FROM household_income i WHERE i.county_code = h.county_code AND i.household_id = h.id AND i.year = ${filter.registerYear}) AS income,
             (SELECT helper_name FROM help_pairing hp WHERE hp.county_code = h.county_code AND hp.household_id = h.id AND hp.end_date IS NULL
              ORDER BY hp.start_date DESC, hp.id DESC LIMIT 1) AS helper,
             p.phone_cipher, p.phone_masked
      FROM household h
      JOIN household_member m ON m.county_code = h.county_code AND m.household_id = h.id
      JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
      JOIN region v ON v.code = h.village_code JOIN region t ON t.code = v.parent_code
      JOIN region co ON co.code = t.parent_code JOIN region ci ON ci.code = co.parent_code
      WHERE (h.county_code, h.id) IN (${sql.join(ids.rows.map((r) => sql`(${r.county_code}, ${r.id})`))})
      ORDER BY h.county_code, h.id, (m.relation = 'head') DESC, p.birth_date, p.id`.execute(db);
    for (const r of rows.rows) {
      yield {
        city: r.city,
        county: r.county,
        township: r.township,
        village: r.village,
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
