import { sql } from 'kysely';
import { executePrepared } from '../../../db/prepared.ts';
import type { Tx } from '../../../db/types.ts';

/** One village's funds, income, late pay, reserve cadres and commitments for a year, in one statement (village page). */
export async function villageFunds(tx: Tx, county: string, village: string, year: number, today: string) {
  const r = await executePrepared(
    tx,
    sql<{
      operation: string;
      party_building: string;
      other: string;
      payments: number;
      income: string | null;
      income_sources: string | null;
      late: number;
      reserves: number;
      commitments: number;
      fulfilled: number;
    }>`
    SELECT
      (SELECT coalesce(sum(amount_fen) FILTER (WHERE purpose = 'operation'), 0)::text FROM party_fund_payment
        WHERE county_code = ${county} AND village_code = ${village} AND paid_on BETWEEN make_date(${year}::int, 1, 1) AND make_date(${year}::int, 12, 31)) AS operation,
      (SELECT coalesce(sum(amount_fen) FILTER (WHERE purpose = 'party_building'), 0)::text FROM party_fund_payment
        WHERE county_code = ${county} AND village_code = ${village} AND paid_on BETWEEN make_date(${year}::int, 1, 1) AND make_date(${year}::int, 12, 31)) AS party_building,
      (SELECT coalesce(sum(amount_fen) FILTER (WHERE purpose = 'other'), 0)::text FROM party_fund_payment
        WHERE county_code = ${county} AND village_code = ${village} AND paid_on BETWEEN make_date(${year}::int, 1, 1) AND make_date(${year}::int, 12, 31)) AS other,
      (SELECT count(*)::int FROM party_fund_payment
        WHERE county_code = ${county} AND village_code = ${village} AND paid_on BETWEEN make_date(${year}::int, 1, 1) AND make_date(${year}::int, 12, 31)) AS payments,
      (SELECT amount_fen::text FROM party_collective_income WHERE county_code = ${county} AND village_code = ${village} AND year = ${year}) AS income,
      (SELECT sources FROM party_collective_income WHERE county_code = ${county} AND village_code = ${village} AND year = ${year}) AS income_sources,
      (SELECT count(*)::int FROM party_cadre_pay WHERE county_code = ${county} AND village_code = ${village}
        AND month BETWEEN make_date(${year}::int, 1, 1) AND make_date(${year}::int, 12, 1)
        AND due_on < ${today}::date AND (paid_on IS NULL OR paid_on > due_on)) AS late,
      (SELECT count(*)::int FROM party_reserve_cadre WHERE county_code = ${county} AND village_code = ${village} AND left_on IS NULL) AS reserves,
      (SELECT count(*)::int FROM party_commitment WHERE county_code = ${county} AND region_code = ${village} AND year = ${year}) AS commitments,
      (SELECT count(*)::int FROM party_commitment WHERE county_code = ${county} AND region_code = ${village} AND year = ${year}
        AND status = 'fulfilled' AND review = 'confirmed') AS fulfilled`,
  );
  return r.rows[0];
}
