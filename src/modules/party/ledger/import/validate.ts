import type { Problem } from '../../../registry/import/problems.ts';
import { problemsJson } from '../../../registry/import/staging.ts';
import type { VillageIndex } from '../../../registry/import/villages.ts';
import { type CellValue, isBlank, toDate, toText } from '../../../registry/interchange/values.ts';
import type { Cause } from '../causes.ts';
import type { LedgerColumnId } from '../interchange.ts';
import { RECTIFICATION } from '../procedures.ts';
import type { LedgerStaged } from './staged.ts';
import { type LedgerState, readCauses, readProgress, readState, STEPS_TO } from './words.ts';

export interface LedgerRowContext {
  villages: VillageIndex;
  /** YYYY-MM-DD: no date of the file may be later. */
  today: string;
  /** The list of causes that applies in a village (setting party.rectification_causes). */
  causesOf: (village: string) => readonly Cause[];
  /** Days between 销号 and 巩固 in a village (setting party.rectification_follow_up_days). */
  followUpDays: (village: string) => number;
}

const DAY_MS = 86_400_000;
/** C0 control characters but tab, line feed and carriage return (a cell's line breaks are text). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters refused are control characters
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const minDay = (...days: (string | null | undefined)[]) => days.filter((d): d is string => !!d).sort()[0] ?? null;

/**
 * Checks one ledger row on its own and returns what to stage; the checks against the database (the case on file,
 * repeats in the file) come later over the staged batch. Every problem is collected, not just the first.
 *
 * The state says which steps of the procedure the case has been through (open → plan → start → close → consolidate);
 * each is recorded on commit through the procedure mechanism, dated by the file: the open step by 认定日期, close and
 * consolidate by 销号日期 and 巩固日期; a step the file gives no date for is dated by the next date the file does give
 * (the first progress entry, then 销号日期), since it happened no later than that, or else the import day.
 */
export function validateLedgerRow(
  rowNumber: number,
  given: Partial<Record<LedgerColumnId, CellValue>>,
  ctx: LedgerRowContext,
): LedgerStaged {
  const problems: Problem<LedgerColumnId>[] = [];
  const problem = (column: LedgerColumnId | null, code: string, params?: Record<string, string | number>) =>
    problems.push({ row: rowNumber, column, code, ...(params ? { params } : {}) });
  // A cell with a control character (NUL above all, which PostgreSQL text cannot hold) is a problem of its column and
  // is read as blank, so nothing of it is staged or stored.
  const cells: Partial<Record<LedgerColumnId, CellValue>> = {};
  for (const [column, value] of Object.entries(given) as [LedgerColumnId, CellValue][]) {
    if (typeof value === 'string' && CONTROL.test(value)) problem(column, 'CONTROL_CHARACTER');
    else cells[column] = value;
  }
  const text = (c: LedgerColumnId, max: number) => {
    const v = toText(cells[c]);
    if (v && v.length > max) {
      problem(c, 'TOO_LONG', { max });
      return null;
    }
    return v;
  };
  const day = (c: LedgerColumnId) => {
    if (isBlank(cells[c])) return null;
    const d = toDate(cells[c]);
    if (d === null || d.getUTCFullYear() < 2000) {
      problem(c, 'BAD_DATE', { value: toText(cells[c]) ?? '' });
      return null;
    }
    const v = d.toISOString().slice(0, 10);
    if (v > ctx.today && c !== 'deadline') {
      problem(c, 'FUTURE_DATE', { value: v });
      return null;
    }
    return v;
  };

  const out: LedgerStaged = {
    row_number: rowNumber,
    county_code: null,
    village_code: null,
    year: null,
    causes: null,
    problems_text: text('problems', 2000),
    plan: text('plan', 4000),
    county_leader: text('county_leader', 50),
    township_member: text('township_member', 50),
    first_secretary: text('first_secretary', 50),
    deadline: day('deadline'),
    progress: null,
    state: null,
    identified_on: day('identified_on'),
    closed_on: day('closed_on'),
    consolidated_on: day('consolidated_on'),
    note: text('note', 1000),
    opened_on: null,
    planned_on: null,
    row_problems: null,
    problems: null,
  };

  const code = toText(cells.village_code)?.replace(/\s/g, '') || null;
  const villageName = text('village', 50);
  const found = ctx.villages.find({ code, county: text('county', 50), township: text('township', 50), village: villageName });
  if (found.ok) {
    out.village_code = found.village.code;
    out.county_code = found.village.code.slice(0, 6);
  } else if (!code && !villageName) {
    problem('village', 'REQUIRED');
  } else {
    const candidates = found.candidates?.map((c) => `${c.townshipName}${c.name}(${c.code})`).join('、') ?? '';
    problem(code ? 'village_code' : 'village', found.code, { value: code ?? villageName ?? '', candidates });
  }

  const rawYear = toText(cells.year);
  if (!rawYear) problem('year', 'REQUIRED');
  else {
    const y = Number(rawYear.replace(/\s*年度?$/, ''));
    if (!Number.isInteger(y) || y < 2000 || y > Number(ctx.today.slice(0, 4)) + 1) problem('year', 'BAD_YEAR', { value: rawYear });
    else out.year = y;
  }

  const rawCauses = typeof cells.causes === 'string' ? cells.causes.trim() : toText(cells.causes);
  if (!rawCauses) problem('causes', 'REQUIRED');
  else if (out.village_code) {
    const { codes, unknown } = readCauses(rawCauses, ctx.causesOf(out.village_code));
    for (const value of unknown) problem('causes', 'PARTY_LEDGER_CAUSE_UNKNOWN', { value });
    if (!unknown.length && codes.length) out.causes = [...codes].sort().join(',');
    if (codes.length > 20) problem('causes', 'TOO_LONG', { max: 20 });
  }

  const rawState = toText(cells.state);
  const state: LedgerState | null = rawState ? readState(rawState) : 'identified';
  if (rawState && !state) problem('state', 'PARTY_LEDGER_STATE_UNKNOWN', { value: rawState });
  out.state = state;

  const rawProgress = typeof cells.progress === 'string' ? cells.progress : toText(cells.progress);
  const progress = rawProgress ? readProgress(rawProgress) : { entries: [], undated: [] };
  for (const value of progress.undated) problem('progress', 'PARTY_LEDGER_PROGRESS_UNDATED', { value: value.slice(0, 40) });
  for (const e of progress.entries) {
    if (e.content.length > 2000) problem('progress', 'TOO_LONG', { max: 2000 });
    if (e.date > ctx.today) problem('progress', 'FUTURE_DATE', { value: e.date });
  }
  if (progress.entries.length) out.progress = JSON.stringify(progress.entries);

  if (state) checkState(state, out, progress.entries, ctx, problem);
  if (out.deadline && out.year && out.deadline < `${out.year}-01-01`)
    problem('deadline', 'PARTY_LEDGER_DEADLINE_BEFORE_YEAR', { year: out.year });

  // A cell refused for its characters is not also reported missing.
  const refused = new Set(problems.filter((p) => p.code === 'CONTROL_CHARACTER').map((p) => p.column));
  out.row_problems = problemsJson(problems.filter((p) => p.code !== 'REQUIRED' || !refused.has(p.column)));
  out.problems = out.row_problems;
  return out;
}

/**
 * What the state asks of the row (the facts each step needs, dates in order) and the steps' days. Whether the uploader
 * may take the steps depends on the case on file (a row updating a case takes only the steps after its state), so the
 * level is judged with the database (compare.ts).
 */
function checkState(
  state: LedgerState,
  out: LedgerStaged,
  entries: readonly { date: string }[],
  ctx: LedgerRowContext,
  problem: (column: LedgerColumnId | null, code: string, params?: Record<string, string | number>) => void,
) {
  const steps = STEPS_TO[state];
  const label = RECTIFICATION.states[state]?.label ?? { zh: state, en: state };
  const words = { state: label.zh, stateEn: label.en };
  // The plan step needs the measures complete, as the case page's 'plan' step does (PARTY_PLAN_INCOMPLETE).
  if (steps.includes('plan'))
    for (const c of ['plan', 'county_leader', 'township_member', 'deadline'] as const) if (!out[c]) problem(c, 'PARTY_LEDGER_NEEDS', words);
  if (steps.includes('close') && !out.closed_on) problem('closed_on', 'PARTY_LEDGER_NEEDS', words);
  if (!steps.includes('close') && out.closed_on) problem('closed_on', 'PARTY_LEDGER_NOT_YET', words);
  if (steps.includes('consolidate') && !out.consolidated_on) problem('consolidated_on', 'PARTY_LEDGER_NEEDS', words);
  if (!steps.includes('consolidate') && out.consolidated_on) problem('consolidated_on', 'PARTY_LEDGER_NOT_YET', words);
  if (state === 'identified' && entries.length) problem('progress', 'PARTY_LEDGER_PROGRESS_STATE');

  const firstProgress = minDay(...entries.map((e) => e.date));
  const order = (column: LedgerColumnId, value: string | null, before: [string, string], other: string | null) => {
    if (value && other && value < other)
      problem(column, 'PARTY_LEDGER_DATE_ORDER', { value, other, before: before[0], beforeEn: before[1] });
  };
  order('progress', firstProgress, ['认定日期', 'the date identified'], out.identified_on);
  order('closed_on', out.closed_on, ['认定日期', 'the date identified'], out.identified_on);
  const lastProgress =
    entries
      .map((e) => e.date)
      .sort()
      .at(-1) ?? null;
  order('closed_on', out.closed_on, ['最后一条整顿进展', 'the last progress entry'], lastProgress);
  if (out.consolidated_on && out.closed_on && out.village_code) {
    const days = ctx.followUpDays(out.village_code);
    if (out.consolidated_on < addDays(out.closed_on, days))
      problem('consolidated_on', 'PARTY_LEDGER_FOLLOW_UP', { closed: out.closed_on, days });
  }

  // The steps' days (close and consolidate are dated by their own columns).
  out.opened_on = out.identified_on ?? minDay(firstProgress, out.closed_on) ?? ctx.today;
  if (steps.includes('plan')) out.planned_on = [out.opened_on, minDay(firstProgress, out.closed_on) ?? ctx.today].sort()[1] ?? null;
}
