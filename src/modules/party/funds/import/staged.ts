import { stagingTarget } from '../../../registry/import/staged.ts';

/** A funds row as import_party_fund_row stages it: the village placed, the amount in fen, the purpose coded. */
export interface FundStaged {
  row_number: number;
  county_code: string | null;
  village_code: string | null;
  paid_on: string | null;
  amount_fen: number | null;
  purpose: string | null;
  source: string | null;
  note: string | null;
  row_problems: string | null;
  problems: string | null;
}

export const FUND_STAGING = stagingTarget<FundStaged>('import_party_fund_row', {
  row_number: 'int',
  county_code: 'text',
  village_code: 'text',
  paid_on: 'date',
  amount_fen: 'int8',
  purpose: 'text',
  source: 'text',
  note: 'text',
  row_problems: 'jsonb',
  problems: 'jsonb',
});
