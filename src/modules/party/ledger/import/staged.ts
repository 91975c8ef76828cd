import { stagingTarget } from '../../../registry/import/staged.ts';

/** A ledger row as import_party_ledger_row stages it: the village placed, causes and state coded, dates as days. */
export interface LedgerStaged {
  row_number: number;
  county_code: string | null;
  village_code: string | null;
  year: number | null;
  /** Cause codes, comma-separated. */
  causes: string | null;
  problems_text: string | null;
  plan: string | null;
  county_leader: string | null;
  township_member: string | null;
  first_secretary: string | null;
  deadline: string | null;
  /** JSON [{date, content}]. */
  progress: string | null;
  state: string | null;
  identified_on: string | null;
  closed_on: string | null;
  consolidated_on: string | null;
  note: string | null;
  opened_on: string | null;
  planned_on: string | null;
  row_problems: string | null;
  problems: string | null;
}

export const LEDGER_STAGING = stagingTarget<LedgerStaged>('import_party_ledger_row', {
  row_number: 'int',
  county_code: 'text',
  village_code: 'text',
  year: 'int',
  causes: 'text',
  problems_text: 'text',
  plan: 'text',
  county_leader: 'text',
  township_member: 'text',
  first_secretary: 'text',
  deadline: 'date',
  progress: 'jsonb',
  state: 'text',
  identified_on: 'date',
  closed_on: 'date',
  consolidated_on: 'date',
  note: 'text',
  opened_on: 'date',
  planned_on: 'date',
  row_problems: 'jsonb',
  problems: 'jsonb',
});
