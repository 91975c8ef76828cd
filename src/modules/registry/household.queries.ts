import { sql } from 'kysely';
import type { Tx } from '../../db/types.ts';

/** The reads of one household's page and form, beside the list's queries in queries.ts. */

export function incomes(tx: Tx, county: string, householdId: number) {
  return tx
    .selectFrom('household_income')
    .select(['year', 'per_capita', 'wages', 'business', 'business_costs', 'property', 'transfers', 'persons'])
    .where('county_code', '=', county)
    .where('household_id', '=', householdId)
    .orderBy('year')
    .execute();
}

export function statusHistory(tx: Tx, county: string, householdId: number) {
  return tx
    .selectFrom('household_status_history')
    .select(['status', 'previous_status', 'changed_on', 'reason'])
    .where('county_code', '=', county)
    .where('household_id', '=', householdId)
    .orderBy('id')
    .execute();
}

/** A household's pairings with their helper (a person of the county: unit, masked phone). */
export function pairings(tx: Tx, county: string, householdId: number) {
  return tx
    .selectFrom('help_pairing as hp')
    .innerJoin('helper as he', (j) => j.onRef('he.county_code', '=', 'hp.county_code').onRef('he.id', '=', 'hp.helper_id'))
    .select([
      'hp.id',
      'hp.helper_id',
      'he.name as helper_name',
      'he.work_unit',
      sql<string | null>`coalesce(he.phone_masked, hp.helper_phone_masked)`.as('helper_phone_masked'),
      'hp.start_date',
      'hp.end_date',
    ])
    .where('hp.county_code', '=', county)
    .where('hp.household_id', '=', householdId)
    .orderBy('hp.id')
    .execute();
}

/** Visits by resident cadres recorded in the field app (cadre_visit), newest first: date, the cadre's name, the note. */
export function visits(tx: Tx, county: string, householdId: number) {
  return sql<{ id: number; visit_date: string; cadre_name: string; note: string }>`
    SELECT v.id, to_char(v.visit_date, 'YYYY-MM-DD') AS visit_date, pe.name AS cadre_name, v.note
    FROM cadre_visit v
    JOIN cadre_posting p ON p.county_code = v.county_code AND p.id = v.posting_id
    JOIN cadre k ON k.county_code = p.county_code AND k.id = p.cadre_id
    JOIN person pe ON pe.county_code = k.county_code AND pe.id = k.person_id
    WHERE v.county_code = ${county} AND v.household_id = ${householdId}
    ORDER BY v.visit_date DESC, v.id DESC
    LIMIT 200`
    .execute(tx)
    .then((r) => r.rows.map((x) => ({ ...x, id: Number(x.id) })));
}

/** A household's projects by year (the page) or in the order they were entered (the form's save). */
export function projects(tx: Tx, county: string, householdId: number, order: 'year' | 'id' = 'year') {
  return tx
    .selectFrom('household_project')
    .select(['id', 'type', 'year', 'amount', 'state'])
    .where('county_code', '=', county)
    .where('household_id', '=', householdId)
    .orderBy(order)
    .execute();
}

export interface Guarantees {
  food: boolean;
  clothing: boolean;
  education: boolean;
  medical: boolean;
  housing: boolean;
}

/** The household of a county with that number, with its 两不愁三保障 flags (the form's save compares them). */
export function householdGuarantees(tx: Tx, county: string, householdNo: string) {
  return tx
    .selectFrom('household')
    .select([
      'county_code',
      'id',
      'village_code',
      'guarantee_food',
      'guarantee_clothing',
      'guarantee_education',
      'guarantee_medical',
      'guarantee_housing',
    ])
    .where('county_code', '=', county)
    .where('household_no', '=', householdNo)
    .executeTakeFirst();
}

export async function setGuarantees(tx: Tx, county: string, householdId: number, g: Guarantees) {
  await tx
    .updateTable('household')
    .set({
      guarantee_food: g.food,
      guarantee_clothing: g.clothing,
      guarantee_education: g.education,
      guarantee_medical: g.medical,
      guarantee_housing: g.housing,
      updated_at: new Date(),
    })
    .where('county_code', '=', county)
    .where('id', '=', householdId)
    .execute();
}

export async function deleteIncomes(tx: Tx, county: string, householdId: number, years: number[]) {
  await tx
    .deleteFrom('household_income')
    .where('county_code', '=', county)
    .where('household_id', '=', householdId)
    .where('year', 'in', years)
    .execute();
}

export interface IncomeValues {
  per_capita: number;
  wages: number | null;
  business: number | null;
  business_costs: number | null;
  property: number | null;
  transfers: number | null;
  persons: number | null;
}

export async function upsertIncome(tx: Tx, county: string, householdId: number, year: number, values: IncomeValues) {
  await tx
    .insertInto('household_income')
    .values({ county_code: county, household_id: householdId, year, ...values })
    .onConflict((oc) => oc.columns(['county_code', 'household_id', 'year']).doUpdateSet(values))
    .execute();
}

export interface ProjectValues {
  type: string;
  year: number;
  amount: number;
  state: string;
}

export async function deleteProjects(tx: Tx, county: string, householdId: number, ids: number[]) {
  await tx
    .deleteFrom('household_project')
    .where('county_code', '=', county)
    .where('household_id', '=', householdId)
    .where('id', 'in', ids)
    .execute();
}

export async function insertProject(tx: Tx, county: string, householdId: number, values: ProjectValues): Promise<number> {
  const r = await tx
    .insertInto('household_project')
    .values({ county_code: county, household_id: householdId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateProject(tx: Tx, county: string, projectId: number, values: ProjectValues) {
  await tx.updateTable('household_project').set(values).where('county_code', '=', county).where('id', '=', projectId).execute();
}

/** The household's current helper (the latest pairing not ended), with the phone. */
export function currentPairing(tx: Tx, county: string, householdId: number) {
  return tx
    .selectFrom('help_pairing')
    .select(['id', 'helper_id', 'helper_phone_masked', 'helper_phone_cipher'])
    .where('county_code', '=', county)
    .where('household_id', '=', householdId)
    .where('end_date', 'is', null)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The current helper's phone, on the pairing (the household's audit snapshot reads it) and on the helper. */
export async function setHelperPhone(
  tx: Tx,
  county: string,
  pairing: { id: number; helper_id: number },
  phone: { cipher: string; masked: string; hash: string },
) {
  await tx
    .updateTable('help_pairing')
    .set({ helper_phone_cipher: phone.cipher, helper_phone_masked: phone.masked })
    .where('county_code', '=', county)
    .where('id', '=', pairing.id)
    .execute();
  await tx
    .updateTable('helper')
    .set({ phone_cipher: phone.cipher, phone_masked: phone.masked, phone_hash: phone.hash, updated_at: sql`now()` })
    .where('county_code', '=', county)
    .where('id', '=', pairing.helper_id)
    .execute();
}

/** The names of a village, its township and its county. */
export async function placeOfVillage(tx: Tx, villageCode: string) {
  const r = await sql<{ village: string; township: string; county: string }>`
    SELECT v.name AS village, t.name AS township, c.name AS county FROM region v
    JOIN region t ON t.code = v.parent_code JOIN region c ON c.code = t.parent_code WHERE v.code = ${villageCode}`.execute(tx);
  return r.rows[0];
}

/** A person's encrypted ID number with the masked one and the name the audit row keeps. */
export function personIdentity(tx: Tx, personId: number) {
  return tx.selectFrom('person').select(['id', 'name', 'id_cipher', 'id_masked']).where('id', '=', personId).executeTakeFirst();
}

/** The key of a household (county and number), which an edit may not change. */
export function householdKey(tx: Tx, id: number) {
  return tx.selectFrom('household').select(['county_code', 'household_no']).where('id', '=', id).executeTakeFirst();
}

/** The encrypted ID number of a member of the household, or undefined when the person is not one. */
export async function memberIdCipher(tx: Tx, county: string, householdId: number, personId: number) {
  const r = await tx
    .selectFrom('household_member as hm')
    .innerJoin('person as p', (j) => j.onRef('p.county_code', '=', 'hm.county_code').onRef('p.id', '=', 'hm.person_id'))
    .select('p.id_cipher')
    .where('hm.county_code', '=', county)
    .where('hm.household_id', '=', householdId)
    .where('hm.person_id', '=', personId)
    .executeTakeFirst();
  return r?.id_cipher;
}

/** The household of a county with that number. */
export function householdByNumber(tx: Tx, county: string, householdNo: string) {
  return tx
    .selectFrom('household')
    .select(['id', 'village_code'])
    .where('county_code', '=', county)
    .where('household_no', '=', householdNo)
    .executeTakeFirst();
}

export interface PoorVillageRow {
  village_code: string;
  village_name: string;
  township_name: string;
  county_name: string;
  year_listed: number;
  planned_exit_year: number | null;
  exit_year: number | null;
  rural_population: number;
  households: number;
  poor_persons: number;
}

/** The poor villages of a region with their households and poor persons, all, exited or not yet. */
export async function poorVillages(tx: Tx, region: string, exit: 'all' | 'exited' | 'not_exited') {
  const r = await sql<PoorVillageRow>`
    SELECT pv.village_code, v.name AS village_name, t.name AS township_name, c.name AS county_name,
           pv.year_listed, pv.planned_exit_year, pv.exit_year, pv.rural_population,
           (SELECT count(*) FROM household h WHERE h.county_code = pv.county_code AND h.village_code = pv.village_code) AS households,
           (SELECT coalesce(sum(h.member_count), 0) FROM household h WHERE h.county_code = pv.county_code AND h.village_code = pv.village_code
              AND h.status IN ('poor', 'returned')) AS poor_persons
    FROM poor_village pv
    JOIN region v ON v.code = pv.village_code JOIN region t ON t.code = v.parent_code JOIN region c ON c.code = t.parent_code
    WHERE pv.village_code LIKE ${`${region}%`}
      ${exit === 'exited' ? sql`AND pv.exit_year IS NOT NULL` : exit === 'not_exited' ? sql`AND pv.exit_year IS NULL` : sql``}
    ORDER BY pv.village_code
    LIMIT 5000`.execute(tx);
  return r.rows;
}
