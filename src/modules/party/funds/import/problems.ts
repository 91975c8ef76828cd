import type { ProblemCatalogue } from '../../../registry/import/problems.ts';
import { FUNDS } from '../columns.ts';

/** What a funds row can be refused for beyond the register's own problems (REQUIRED, TOO_LONG, the villages'). */
export const FUND_PROBLEMS = {
  PURPOSE_UNKNOWN: [
    '用途“{value}”应为运转经费、党建工作经费或其他',
    'The purpose "{value}" must be 运转经费 (operation), 党建工作经费 (party building) or 其他 (other)',
  ],
  BAD_DATE: ['“{header}”应为日期（如 2026-03-01），不是“{value}”', '"{header}" must be a date such as 2026-03-01, not "{value}"'],
  FUTURE_DATE: ['拨付日期 {value} 晚于今天', 'The date paid {value} is after today'],
  BAD_AMOUNT: [
    '金额“{value}”应为大于 0 的元数，最多两位小数',
    'The amount "{value}" must be a positive number of yuan with at most two decimals',
  ],
  DUPLICATE_ROW: [
    '与第 {other} 行重复（同一村、日期、用途、金额和来源）',
    'The same payment as row {other} (village, date, purpose, amount and source)',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export const FUND_CATALOGUE: ProblemCatalogue = { columns: FUNDS, messages: FUND_PROBLEMS };
