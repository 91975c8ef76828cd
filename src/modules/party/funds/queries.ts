import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

/**
 * The villages the party module knows inside a region: those with a village party organisation, every poor village,
 * and any village with a payment or an income on record. Each of them is owed the yearly standard.
 */
export const knownVillages = (region: string) => sql<{ county_code: string; village_code: string }>`
  SELECT county_code, region_code AS village_code FROM party_org
    WHERE region_code LIKE ${`${region}%`} AND length(region_code) = 12 AND dissolved_on IS NULL
  UNION SELECT county_code, village_code FROM poor_village WHERE village_code LIKE ${`${region}%`}
  UNION SELECT county_code, village_code FROM party_fund_payment WHERE village_code LIKE ${`${region}%`}
  UNION SELECT county_code, village_code FROM party_collective_income WHERE village_code LIKE ${`${region}%`}`;

// ---------------------------------------------------------------------------------------------------------------
// Payments

export function locatePayment(tx: Tx, id: string) {
  if (!/^\d{1,15}$/.test(id)) return Promise.resolve(null);
  return tx
    .selectFrom('party_fund_payment')
    .select('village_code')
    .where('id', '=', Number(id))
    .executeTakeFirst()
    .then((r) => r?.village_code ?? null);
}

/** The reversal of a payment, when it was reversed (corrected or withdrawn). */
const reversedBy = sql<
  string | null
>`(SELECT x.id FROM party_fund_payment x WHERE x.county_code = p.county_code AND x.reverses_id = p.id)`.as('reversed_by');

const PAYMENT_COLUMNS = [
  'p.county_code',
  'p.id',
  'p.village_code',
  'r.name as village_name',
  'p.paid_on',
  'p.amount_fen',
  'p.purpose',
  'p.source',
  'p.note',
  'p.batch_id',
  'p.version',
  'p.reverses_id',
  'p.corrects_id',
  'p.corrected_on',
  'p.correction_reason',
] as const;

/** Payments of a region's villages in a year, newest first; keyset by (paid_on, id) descending. */
export function listPayments(tx: Tx, f: { region: string; year: number }, after: { paidOn: string; id: number } | null, limit: number) {
  let q = tx
    .selectFrom('party_fund_payment as p')
    .innerJoin('region as r', 'r.code', 'p.village_code')
    .select(PAYMENT_COLUMNS)
    .select(reversedBy)
    .where('p.village_code', 'like', `${f.region}%`)
    .where('p.paid_on', '>=', `${f.year}-01-01`)
    .where('p.paid_on', '<=', `${f.year}-12-31`);
  if (after)
    q = q.where((eb) =>
      eb.or([eb('p.paid_on', '<', after.paidOn), eb.and([eb('p.paid_on', '=', after.paidOn), eb('p.id', '<', after.id)])]),
    );
  return q.orderBy('p.paid_on', 'desc').orderBy('p.id', 'desc').limit(limit).execute();
}
export type PaymentRow = Awaited<ReturnType<typeof listPayments>>[number];

export function paymentById(tx: Tx, id: number) {
  return tx
    .selectFrom('party_fund_payment as p')
    .innerJoin('region as r', 'r.code', 'p.village_code')
    .select(PAYMENT_COLUMNS)
    .select(reversedBy)
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export interface PaymentValues {
  village_code: string;
  paid_on: string;
  amount_fen: number;
  purpose: string;
  source: string;
  note: string | null;
}

/** A new payment, or null when the same one (village, day, purpose, amount, source) is on record. */
export function insertPayment(tx: Tx, county: string, v: PaymentValues) {
  return tx
    .insertInto('party_fund_payment')
    .values({ county_code: county, ...v })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
    .then((r) => (r ? Number(r.id) : null));
}

/** The payment locked for its correction: two corrections of one payment queue here, the second sees the first. */
export function lockPayment(tx: Tx, county: string, id: number) {
  return tx
    .selectFrom('party_fund_payment')
    .select(['id', 'version'])
    .where('county_code', '=', county)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The reversal (冲正) of a payment: the opposite amount on the original's day, naming it; null when already reversed. */
export function insertReversal(
  tx: Tx,
  county: string,
  v: PaymentValues & { reverses_id: number; corrected_on: string; correction_reason: string },
) {
  return tx
    .insertInto('party_fund_payment')
    .values({ county_code: county, ...v })
    .onConflict((oc) => oc.column('county_code').column('reverses_id').where('reverses_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst()
    .then((r) => (r ? Number(r.id) : null));
}

/** The payment that replaces a reversed one (a correction); null when the same payment is on record. */
export function insertCorrection(tx: Tx, county: string, v: PaymentValues & { corrects_id: number }) {
  return tx
    .insertInto('party_fund_payment')
    .values({ county_code: county, ...v })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
    .then((r) => (r ? Number(r.id) : null));
}

/**
 * Paid against the standard for a year, by the region's children (villages at a township, townships at a county …):
 * the known villages, what each purpose was paid, and how many villages fell short of a purpose's standard (fen).
 */
export function paidByChild(tx: Tx, region: string, year: number, std: { operation: number; partyBuilding: number }) {
  const child = region.length >= 12 ? 12 : region.length >= 9 ? 12 : region.length >= 6 ? 9 : region.length + 2;
  return sql<{
    code: string;
    name: string;
    villages: number;
    operation: number;
    party_building: number;
    other: number;
    short: number;
  }>`
    WITH v AS (${knownVillages(region)}),
    p AS (
      SELECT village_code,
             coalesce(sum(amount_fen) FILTER (WHERE purpose = 'operation'), 0) AS op,
             coalesce(sum(amount_fen) FILTER (WHERE purpose = 'party_building'), 0) AS pb,
             coalesce(sum(amount_fen) FILTER (WHERE purpose = 'other'), 0) AS other
      FROM party_fund_payment
      WHERE village_code LIKE ${`${region}%`} AND paid_on BETWEEN make_date(${year}::int, 1, 1) AND make_date(${year}::int, 12, 31)
      GROUP BY village_code
    )
    SELECT left(v.village_code, ${child}) AS code, r.name, count(*)::int AS villages,
           coalesce(sum(p.op), 0)::bigint AS operation, coalesce(sum(p.pb), 0)::bigint AS party_building,
           coalesce(sum(p.other), 0)::bigint AS other,
           count(*) FILTER (WHERE coalesce(p.op, 0) < ${std.operation}::bigint OR coalesce(p.pb, 0) < ${std.partyBuilding}::bigint)::int AS short
    FROM v LEFT JOIN p ON p.village_code = v.village_code
    JOIN region r ON r.code = left(v.village_code, ${child})
    GROUP BY 1, 2 ORDER BY 1`
    .execute(tx)
    .then((r) =>
      r.rows.map((x) => ({
        ...x,
        operation: Number(x.operation),
        party_building: Number(x.party_building),
        other: Number(x.other),
      })),
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Collective-economy income

export function incomeOf(tx: Tx, county: string, village: string, year: number) {
  return tx
    .selectFrom('party_collective_income')
    .selectAll()
    .where('county_code', '=', county)
    .where('village_code', '=', village)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** Incomes of a region's known villages for a year (a village with none has a null amount: hollow). */
export function listIncomes(tx: Tx, region: string, year: number, limit: number) {
  return sql<{ village_code: string; village_name: string; amount_fen: number | null; sources: string | null; version: number | null }>`
    WITH v AS (${knownVillages(region)})
    SELECT v.village_code, r.name AS village_name, i.amount_fen, i.sources, i.version
    FROM v JOIN region r ON r.code = v.village_code
    LEFT JOIN party_collective_income i ON i.county_code = v.county_code AND i.village_code = v.village_code AND i.year = ${year}
    ORDER BY (coalesce(i.amount_fen, 0) > 0), v.village_code LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows.map((x) => ({ ...x, amount_fen: x.amount_fen === null ? null : Number(x.amount_fen) })));
}

/** Sets a village's income for a year: a new row, or the one on record from the version read (null: changed). */
export async function upsertIncome(
  tx: Tx,
  v: { county_code: string; village_code: string; year: number; amount_fen: number; sources: string | null },
  version: number | null,
) {
  if (version === null) {
    return tx
      .insertInto('party_collective_income')
      .values(v)
      .onConflict((oc) => oc.doNothing())
      .returning('version')
      .executeTakeFirst();
  }
  return tx
    .updateTable('party_collective_income')
    .set({ amount_fen: v.amount_fen, sources: v.sources, version: sql`version + 1`, updated_at: sql`now()` })
    .where('county_code', '=', v.county_code)
    .where('village_code', '=', v.village_code)
    .where('year', '=', v.year)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
}
