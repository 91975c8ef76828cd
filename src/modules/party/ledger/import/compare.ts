import { refusal, type StepActor } from '../../../procedures/define.ts';
import { DEFAULT_CAUSES } from '../causes.ts';
import type { LedgerColumnId } from '../interchange.ts';
import { RECTIFICATION, RECTIFICATION_STATES } from '../procedures.ts';
import type { LedgerChanges, OnFileRow } from './queries.ts';
import { type LedgerState, STEPS_TO } from './words.ts';

/** Text compared as a cell reads it: whitespace runs as one space, full-width as half-width. */
const norm = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();
const progressKey = (p: { date: string; content: string }) => `${p.date} ${norm(p.content)}`;

const LEVEL_WORDS = {
  province: ['省级', 'province'],
  city: ['市级', 'city'],
  county: ['县级', 'county'],
  township: ['乡镇级', 'township'],
};

type Step = 'open' | 'plan' | 'start' | 'close' | 'consolidate';
interface Found {
  column: LedgerColumnId | null;
  code: string;
  params: Record<string, string | number>;
}

const labelOf = (state: string) => RECTIFICATION.states[state]?.label ?? { zh: state, en: state };

/** The first of `steps` the uploader may not take (the procedure's level rules), as a problem of the row's state. */
function levelProblem(state: string, steps: readonly Step[], actor: StepActor): Found | null {
  const words = { state: labelOf(state).zh, stateEn: labelOf(state).en };
  for (const step of steps) {
    const t =
      step === 'open'
        ? { by: RECTIFICATION.open, label: { zh: '排查认定', en: 'identification' } }
        : RECTIFICATION.transitions.find((x) => x.action === step);
    const no = t ? refusal(t.by, actor, {}, {}) : null;
    if (t && no) {
      const [zh, en] = LEVEL_WORDS[(no.level ?? t.by.level) as keyof typeof LEVEL_WORDS] ?? ['', ''];
      return {
        column: 'state',
        code: 'PARTY_LEDGER_LEVEL',
        params: { ...words, level: zh, levelEn: en, action: t.label.zh, actionEn: t.label.en },
      };
    }
  }
  return null;
}

/** A row's case on file, what the commit does to it: nothing, or the steps, progress lines and columns of `changes`. */
export interface Judged {
  row: number;
  problems: Found[];
  changes: LedgerChanges | null;
}

const rank = (s: string) => (RECTIFICATION_STATES as readonly string[]).indexOf(s);
const maxDay = (...days: (string | null | undefined)[]) =>
  days
    .filter((d): d is string => !!d)
    .sort()
    .at(-1) ?? null;
const minDay = (...days: (string | null | undefined)[]) => days.filter((d): d is string => !!d).sort()[0] ?? null;

/**
 * Every row without problems against the database: a new case needs the uploader to be allowed every step its state
 * implies; a row whose village has a case of that year updates it (a county re-imports its ledger each month):
 * - new dated progress lines are appended (lines the case has, same day and text, are not added again), while the
 *   case is (or, on the way to the file's state, passes through) 已定措施 or 整顿中, as the case page allows progress;
 * - a later state takes the procedure's steps from the case's state to it, with the page's rules (the uploader's level
 *   for each step, the follow-up wait before 巩固), each dated by the file: 制定整顿方案 and 开始整顿 by the first new
 *   progress line (or 销号日期, or the import day), 销号 and 巩固 by their columns; never before the case's last step;
 *   the measures' columns are written with 制定整顿方案, 销号日期 and 巩固日期 with their steps;
 * - an earlier state is a problem naming the state on file (reopening is the case page's, with its reason); any other
 *   column that differs from the case is a problem naming the value on file (edits are the case page's).
 * A blank cell says nothing and is not compared.
 */
export function judgeRows(rows: readonly OnFileRow[], actor: StepActor, today: string): Judged[] {
  const out: Judged[] = [];
  for (const r of rows) {
    const state = (r.state ?? 'identified') as LedgerState;
    const c = r.case;
    if (!c) {
      const level = levelProblem(state, ['open', ...STEPS_TO[state]], actor);
      if (level) out.push({ row: r.row_number, problems: [level], changes: null });
      continue;
    }
    const found: Found[] = [];
    const moving = rank(state) > rank(c.state);
    const steps = moving ? (STEPS_TO[state].filter((s) => !STEPS_TO[c.state as LedgerState]?.includes(s)) as Step[]) : [];
    const differs = (column: LedgerColumnId, file: string | null, onFile: string | null, valueEn = onFile ?? '') => {
      if (file !== null && norm(file) !== '' && norm(file) !== norm(onFile))
        found.push({ column, code: 'PARTY_LEDGER_DIFFERS', params: { year: r.year, value: (onFile ?? '').slice(0, 200), valueEn } });
    };
    if (r.causes !== null && r.causes !== [...c.causes].sort().join(',')) {
      const words = (lang: 'zh' | 'en') => c.causes.map((code) => DEFAULT_CAUSES.find((x) => x.code === code)?.[lang] ?? code);
      found.push({
        column: 'causes',
        code: 'PARTY_LEDGER_DIFFERS',
        params: { year: r.year, value: words('zh').join('；'), valueEn: words('en').join('; ') },
      });
    }
    differs('problems', r.problems_text, c.problems);
    const fields: string[] = [];
    if (steps.includes('plan')) {
      // 制定整顿方案 writes the measures, as the page's plan does before its step.
      for (const [col, file, onFile] of [
        ['plan', r.plan, c.plan],
        ['county_leader', r.county_leader, c.county_leader],
        ['township_member', r.township_member, c.township_member],
        ['first_secretary', r.first_secretary, c.first_secretary_name],
        ['deadline', r.deadline, c.deadline],
      ] as const)
        if (file !== null && norm(file) !== norm(onFile)) fields.push(col);
    } else {
      differs('plan', r.plan, c.plan);
      differs('county_leader', r.county_leader, c.county_leader);
      differs('township_member', r.township_member, c.township_member);
      differs('first_secretary', r.first_secretary, c.first_secretary_name);
      differs('deadline', r.deadline, c.deadline);
    }
    differs('identified_on', r.identified_on, c.identified_on);
    if (steps.includes('close')) fields.push('closed_on');
    else differs('closed_on', r.closed_on, c.closed_on);
    if (steps.includes('consolidate')) fields.push('consolidated_on');
    else differs('consolidated_on', r.consolidated_on, c.consolidated_on);
    differs('note', r.note, c.note);

    const current = labelOf(c.state);
    if (rank(state) < rank(c.state))
      found.push({
        column: 'state',
        code: 'PARTY_LEDGER_STATE_BACKWARD',
        params: { year: r.year, current: current.zh, currentEn: current.en, state: labelOf(state).zh, stateEn: labelOf(state).en },
      });
    const level = levelProblem(state, steps, actor);
    if (level) found.push(level);

    const has = new Set(c.progress.map(progressKey));
    const seen = new Set<string>();
    const progress = (r.progress ?? []).filter((p) => {
      const k = progressKey(p);
      if (has.has(k) || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (progress.length) {
      // Progress is recorded while the measures are being carried out (the page: 已定措施 or 整顿中).
      const passes = [c.state, ...steps.map((s) => RECTIFICATION.transitions.find((t) => t.action === s)?.to ?? '')];
      if (!passes.some((s) => s === 'planned' || s === 'rectifying'))
        found.push({
          column: 'progress',
          code: 'PARTY_LEDGER_PROGRESS_CLOSED',
          params: { year: r.year, current: current.zh, currentEn: current.en, value: progress[0]?.content.slice(0, 40) ?? '' },
        });
      const early = progress.find((p) => c.identified_on && p.date < c.identified_on);
      if (early && c.identified_on)
        found.push({
          column: 'progress',
          code: 'PARTY_LEDGER_DATE_ORDER',
          params: { value: early.date, other: c.identified_on, before: '认定日期', beforeEn: 'the date identified' },
        });
    }
    if (found.length) {
      out.push({ row: r.row_number, problems: found, changes: null });
      continue;
    }
    if (!steps.length && !progress.length) continue; // unchanged
    // The steps' days: dated by the file, never before the case's last step.
    const firstNew = minDay(...progress.map((p) => p.date));
    const stepDays: Record<string, string> = {};
    const early = maxDay(c.last_step_on, minDay(firstNew, r.closed_on) ?? today) ?? today;
    for (const s of steps)
      stepDays[s] = s === 'close' ? (r.closed_on ?? today) : s === 'consolidate' ? (r.consolidated_on ?? today) : early;
    const late = steps.find((s) => (s === 'close' || s === 'consolidate') && stepDays[s] && stepDays[s] < c.last_step_on);
    if (late) {
      out.push({
        row: r.row_number,
        problems: [
          {
            column: late === 'close' ? 'closed_on' : 'consolidated_on',
            code: 'PARTY_LEDGER_DATE_ORDER',
            params: {
              value: stepDays[late] ?? '',
              other: c.last_step_on,
              before: '案例最后一步的日期',
              beforeEn: "the date of the case's last step",
            },
          },
        ],
        changes: null,
      });
      continue;
    }
    out.push({
      row: r.row_number,
      problems: [],
      changes: { from: c.state, to: moving ? state : c.state, steps, progress, fields, stepDays },
    });
  }
  return out;
}

/** The problems of judged rows as addProblems takes them. */
export const problemItems = (judged: readonly Judged[]) =>
  judged
    .filter((j) => j.problems.length)
    .map((j) => ({ row: j.row, problems: JSON.stringify(j.problems.map((p) => ({ row: j.row, ...p }))) }));
