import type { Tx } from '../../../db/types.ts';
import { thisDay, thisYear } from '../../../server/clock.ts';
import type { Lang } from '../../../server/i18n.ts';
import { percentOf } from './money.ts';
import { villageFunds } from './profile.queries.ts';
import { coveredFen, isHollow, standardsFor } from './rules.ts';

/** The village page's funds section (一村一档): this year's paid vs standard, income, late pay, reserve cadres, commitments. */
export interface FundsSectionData {
  year: number;
  standardFen: { operation: number; partyBuilding: number };
  paidFen: { operation: number; partyBuilding: number; other: number };
  payments: number;
  percent: number | null;
  incomeFen: number | null;
  incomeSources: string | null;
  hollow: boolean;
  latePay: number;
  reserveCadres: number;
  commitments: { total: number; fulfilled: number; percent: number | null };
  links: { funds: string; income: string; pay: string; reserve: string; commitments: string };
}

export const fundsSection = {
  id: 'party-funds',
  async load(db: Tx, v: { code: string; countyCode: string }, _lang: Lang): Promise<FundsSectionData | null> {
    const year = thisYear();
    const f = await villageFunds(db, v.countyCode, v.code, year, thisDay());
    if (!f) return null;
    const std = await standardsFor(db, v.code, year);
    const paid = { operation: Number(f.operation), partyBuilding: Number(f.party_building), other: Number(f.other) };
    const income = f.income === null ? null : Number(f.income);
    const q = `?region=${v.code}&year=${year}`;
    return {
      year,
      standardFen: std,
      paidFen: paid,
      payments: f.payments,
      percent: percentOf(coveredFen(paid, std), std.operation + std.partyBuilding),
      incomeFen: income,
      incomeSources: f.income_sources,
      hollow: isHollow(income),
      latePay: f.late,
      reserveCadres: f.reserves,
      commitments: { total: f.commitments, fulfilled: f.fulfilled, percent: percentOf(f.fulfilled, f.commitments) },
      links: {
        funds: `/party/funds${q}`,
        income: `/party/funds/income${q}`,
        pay: `/party/funds/pay${q}`,
        reserve: `/party/reserve?region=${v.code}`,
        commitments: `/party/commitments${q}`,
      },
    };
  },
};
