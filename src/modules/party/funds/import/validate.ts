import type { Problem } from '../../../registry/import/problems.ts';
import { problemsJson } from '../../../registry/import/staging.ts';
import type { VillageIndex } from '../../../registry/import/villages.ts';
import { type CellValue, isBlank, toDate, toText } from '../../../registry/interchange/values.ts';
import { type FundColumnId, resolvePurpose } from '../columns.ts';
import { yuanToFen } from '../money.ts';
import type { FundStaged } from './staged.ts';

export interface FundRowContext {
  villages: VillageIndex;
  /** YYYY-MM-DD: a payment cannot be dated after it. */
  today: string;
}

/**
 * Checks one funds row on its own and returns what to stage; the checks against the database (the payment on file,
 * repeats in the file) come later in SQL over the staged batch. Every problem is collected, not just the first.
 */
export function validateFundRow(rowNumber: number, cells: Partial<Record<FundColumnId, CellValue>>, ctx: FundRowContext): FundStaged {
  const problems: Problem<FundColumnId>[] = [];
  const problem = (column: FundColumnId | null, code: string, params?: Record<string, string | number>) =>
    problems.push({ row: rowNumber, column, code, ...(params ? { params } : {}) });
  const text = (c: FundColumnId, max: number) => {
    const v = toText(cells[c]);
    if (v && v.length > max) {
      problem(c, 'TOO_LONG', { max });
      return null;
    }
    return v;
  };
  const out: FundStaged = {
    row_number: rowNumber,
    county_code: null,
    village_code: null,
    paid_on: null,
    amount_fen: null,
    purpose: null,
    source: text('source', 60) ?? '',
    note: text('note', 200),
    row_problems: null,
    problems: null,
  };

  const code = toText(cells.village_code)?.replace(/\s/g, '') || null;
  const villageName = text('village', 50);
  const found = ctx.villages.find({ code, county: null, township: text('township', 50), village: villageName });
  if (found.ok) {
    out.village_code = found.village.code;
    out.county_code = found.village.code.slice(0, 6);
  } else if (!code && !villageName) {
    problem('village', 'REQUIRED');
  } else {
    const candidates = found.candidates?.map((c) => `${c.townshipName}${c.name}(${c.code})`).join('、') ?? '';
    problem(code ? 'village_code' : 'village', found.code, { value: code ?? villageName ?? '', candidates });
  }

  if (isBlank(cells.paid_on)) problem('paid_on', 'REQUIRED');
  else {
    const d = toDate(cells.paid_on);
    if (d === null || d.getUTCFullYear() < 2000) problem('paid_on', 'BAD_DATE', { value: toText(cells.paid_on) ?? '' });
    else {
      const day = d.toISOString().slice(0, 10);
      if (day > ctx.today) problem('paid_on', 'FUTURE_DATE', { value: day });
      else out.paid_on = day;
    }
  }

  if (isBlank(cells.amount)) problem('amount', 'REQUIRED');
  else {
    const fen = yuanToFen(cells.amount);
    if (fen === null || fen <= 0) problem('amount', 'BAD_AMOUNT', { value: toText(cells.amount) ?? '' });
    else out.amount_fen = fen;
  }

  const rawPurpose = toText(cells.purpose);
  if (!rawPurpose) problem('purpose', 'REQUIRED');
  else {
    out.purpose = resolvePurpose(rawPurpose);
    if (!out.purpose) problem('purpose', 'PURPOSE_UNKNOWN', { value: rawPurpose });
  }

  out.row_problems = problemsJson(problems);
  out.problems = out.row_problems;
  return out;
}
