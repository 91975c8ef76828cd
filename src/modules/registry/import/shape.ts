import { type RawBuilder, sql } from 'kysely';

/**
 * The register as the interchange format carries it, one row per member, in the staging table's column names.
 * The same hash over this shape and over staged rows tells new, changed and unchanged households apart.
 */
export function liveRows(registerYear: number) {
  return sql`
    SELECT h.id AS household_id, h.county_code, h.household_no, h.village_code, h.category, h.cause, h.year_identified,
           h.planned_exit_year, h.exit_year, h.status, i.per_capita AS income, hp.helper_name,
           p.id_hash, p.name, p.gender, p.birth_date, p.ethnicity, m.relation, m.education, m.schooling, m.health,
           m.labour, m.work, m.medical_insurance, p.phone_hash
    FROM household h
    LEFT JOIN household_member m ON m.county_code = h.county_code AND m.household_id = h.id
    LEFT JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
    LEFT JOIN household_income i ON i.county_code = h.county_code AND i.household_id = h.id AND i.year = ${registerYear}
    LEFT JOIN LATERAL (
      SELECT helper_name FROM help_pairing hp
      WHERE hp.county_code = h.county_code AND hp.household_id = h.id AND hp.end_date IS NULL
      ORDER BY hp.start_date DESC, hp.id DESC LIMIT 1) hp ON true`;
}

const HASHED = [
  'village_code',
  'category',
  'cause',
  'year_identified',
  'planned_exit_year',
  'exit_year',
  'status',
  'income',
  'helper_name',
  'id_hash',
  'name',
  'gender',
  'birth_date',
  'ethnicity',
  'relation',
  'education',
  'schooling',
  'health',
  'labour',
  'work',
  'medical_insurance',
  'phone_hash',
] as const;

/** md5 over a household's rows (use inside GROUP BY county_code, household_no). */
export function householdHash(alias: string): RawBuilder<string> {
  const fields = HASHED.map((c) =>
    c === 'income'
      ? sql`coalesce(to_char(${sql.ref(`${alias}.${c}`)}, 'FM999999999990.00'), '')`
      : sql`coalesce(${sql.ref(`${alias}.${c}`)}::text, '')`,
  );
  return sql<string>`md5(string_agg(concat_ws('|', ${sql.join(fields)}), '#' ORDER BY ${sql.ref(`${alias}.id_hash`)}))`;
}

/**
 * One member as an audit row keeps it: every field the form and the file carry, the ID number and the phone masked,
 * never the cipher texts. `person` and `member` are the aliases that hold the person's and the membership's columns
 * (the same alias for a staged row, whose columns carry the same names); the person id tells members apart in a diff.
 */
export function memberSnapshot(person: string, member: string, personId: RawBuilder<unknown> | ReturnType<typeof sql.ref>) {
  const p = (c: string) => sql.ref(`${person}.${c}`);
  const m = (c: string) => sql.ref(`${member}.${c}`);
  return sql`jsonb_build_object(
    'personId', ${personId}, 'name', ${p('name')}, 'idNumber', ${p('id_masked')}, 'gender', ${p('gender')},
    'ethnicity', ${p('ethnicity')}, 'phone', ${p('phone_masked')}, 'relation', ${m('relation')}, 'education', ${m('education')},
    'schooling', ${m('schooling')}, 'health', ${m('health')}, 'labour', ${m('labour')}, 'work', ${m('work')},
    'medicalInsurance', ${m('medical_insurance')})`;
}

/**
 * What an audit row keeps of a household (the commit's after-snapshot in merge.ts builds the same object). With
 * `details`, also what only the form edits (household-details.ts): the 两不愁三保障 flags, income by year and source,
 * projects and the helper's masked phone (then the register year's `income` is among `incomes`); an import's rows leave them out (audit/fields.ts compares a field only when
 * both snapshots hold it).
 */
export function householdSnapshot(
  county: RawBuilder<unknown> | ReturnType<typeof sql.ref>,
  id: RawBuilder<unknown> | ReturnType<typeof sql.ref>,
  registerYear: number,
  opts: { details?: boolean } = {},
) {
  return sql`(
    SELECT jsonb_build_object(
      'householdNo', hs.household_no, 'villageCode', hs.village_code, 'category', hs.category, 'cause', hs.cause,
      'yearIdentified', hs.year_identified, 'plannedExitYear', hs.planned_exit_year, 'exitYear', hs.exit_year,
      'status', hs.status,
      'income', (SELECT per_capita FROM household_income i WHERE i.county_code = hs.county_code AND i.household_id = hs.id AND i.year = ${registerYear}),
      'helper', (SELECT helper_name FROM help_pairing hp WHERE hp.county_code = hs.county_code AND hp.household_id = hs.id AND hp.end_date IS NULL
                 ORDER BY hp.start_date DESC, hp.id DESC LIMIT 1),
      'members', (SELECT jsonb_agg(${memberSnapshot('p', 'm', sql.ref('p.id'))} ORDER BY p.id)
                  FROM household_member m JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
                  WHERE m.county_code = hs.county_code AND m.household_id = hs.id))${opts.details ? sql` - 'income' ${formDetails}` : sql``}
    FROM household hs WHERE hs.county_code = ${county} AND hs.id = ${id})`;
}

/**
 * The form's details of household `hs`, appended to its snapshot object (jsonb ||); the register year's `income`
 * is taken out before, as `incomes` holds it with the other years.
 */
const formDetails = sql` || jsonb_build_object(
      'guarantees', jsonb_build_object('food', hs.guarantee_food, 'clothing', hs.guarantee_clothing,
                                       'education', hs.guarantee_education, 'medical', hs.guarantee_medical,
                                       'housing', hs.guarantee_housing),
      'incomes', (SELECT jsonb_agg(jsonb_build_object('year', i.year, 'wages', i.wages, 'business', i.business,
                                                      'businessCosts', i.business_costs, 'property', i.property,
                                                      'transfers', i.transfers, 'persons', i.persons, 'perCapita', i.per_capita)
                                   ORDER BY i.year)
                  FROM household_income i WHERE i.county_code = hs.county_code AND i.household_id = hs.id),
      'projects', (SELECT jsonb_agg(jsonb_build_object('id', p.id, 'type', p.type, 'year', p.year, 'amount', p.amount,
                                                       'state', p.state) ORDER BY p.id)
                   FROM household_project p WHERE p.county_code = hs.county_code AND p.household_id = hs.id),
      'helperPhone', (SELECT helper_phone_masked FROM help_pairing hp WHERE hp.county_code = hs.county_code AND hp.household_id = hs.id
                      AND hp.end_date IS NULL ORDER BY hp.start_date DESC, hp.id DESC LIMIT 1))`;
