/**
 * The words a county's ledger uses, read back into the case's codes: causes by the settings' list (in either language,
 * or by code), states by their labels (已认定 / 已排查认定 / 已定措施 / 整顿中 / 已销号 / 已巩固, English, codes), and the
 * 整顿进展 cell as dated entries ("2026-03-05 召开党员大会", one per line).
 */
import { toDate } from '../../../registry/interchange/values.ts';
import type { Cause } from '../causes.ts';
import { RECTIFICATION, RECTIFICATION_STATES } from '../procedures.ts';

export type LedgerState = (typeof RECTIFICATION_STATES)[number];

/** Full-width → half-width, no whitespace, lower case: how a word in a cell is compared. */
export const squash = (v: string) =>
  v
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .toLowerCase();

/**
 * The causes a cell names. Causes are separated by ；;，, or line breaks; the enumeration comma 、 separates causes too,
 * but some causes contain it (宗族、宗教、黑恶势力干扰渗透), so the longest run of 、-pieces that names a cause wins.
 */
export function readCauses(cell: string, list: readonly Cause[]): { codes: string[]; unknown: string[] } {
  const index = new Map<string, string>();
  for (const c of list) for (const w of [c.code, c.zh, c.en]) index.set(squash(w), c.code);
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const part of cell.split(/[；;，,\n\r]+/)) {
    const pieces = part
      .split('、')
      .map((p) => p.trim())
      .filter(Boolean);
    let i = 0;
    while (i < pieces.length) {
      let found = 0;
      for (let j = pieces.length; j > i; j--) {
        const code = index.get(squash(pieces.slice(i, j).join('、')));
        if (code) {
          if (!codes.includes(code)) codes.push(code);
          found = j;
          break;
        }
      }
      if (found) i = found;
      else unknown.push(pieces[i++] as string);
    }
  }
  return { codes, unknown };
}

const STATE_INDEX = new Map<string, LedgerState>();
for (const s of RECTIFICATION_STATES) {
  const label = RECTIFICATION.states[s]?.label;
  for (const w of [s, label?.zh, label?.en]) if (w) STATE_INDEX.set(squash(w), s);
}
for (const [w, s] of [
  ['已认定', 'identified'],
  ['认定', 'identified'],
  ['排查认定', 'identified'],
  ['待定措施', 'identified'],
  ['定措施', 'planned'],
  ['已制定措施', 'planned'],
  ['措施已定', 'planned'],
  ['整改中', 'rectifying'],
  ['正在整顿', 'rectifying'],
  ['销号', 'closed'],
  ['已销号', 'closed'],
  ['巩固', 'consolidated'],
  ['已巩固提升', 'consolidated'],
  ['measures set', 'planned'],
] as const)
  STATE_INDEX.set(squash(w), s);

export const readState = (cell: string): LedgerState | null => STATE_INDEX.get(squash(cell)) ?? null;

/** The steps that bring a new case from identified to `state`, in order (the procedure's own path). */
export const STEPS_TO: Record<LedgerState, readonly ('plan' | 'start' | 'close' | 'consolidate')[]> = {
  identified: [],
  planned: ['plan'],
  rectifying: ['plan', 'start'],
  closed: ['plan', 'start', 'close'],
  consolidated: ['plan', 'start', 'close', 'consolidate'],
};

const LEADING_DATE = /^(\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*[日号]?)\s*[:：，,、.。]?\s*([\s\S]*)$/;

/**
 * The 整顿进展 cell as dated entries: one per line (or per "；" before a date). A line that does not start with a date is
 * returned in `undated` (an entry needs its day).
 */
export function readProgress(cell: string): { entries: { date: string; content: string }[]; undated: string[] } {
  const entries: { date: string; content: string }[] = [];
  const undated: string[] = [];
  const lines = cell
    .replace(/\r\n?/g, '\n')
    .split(/\n|[；;](?=\s*\d{4}\s*[-./年])/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const line of lines) {
    const m = LEADING_DATE.exec(line);
    const d = m ? toDate(m[1]?.replace(/\s+/g, '')) : null;
    const content = m?.[2]?.trim().replace(/[；;]$/, '') ?? '';
    if (!d || !content) undated.push(line);
    else entries.push({ date: d.toISOString().slice(0, 10), content });
  }
  return { entries, undated };
}

/** The entries as the export writes them, one per line. */
export const progressText = (entries: readonly { date: string; content: string }[]) =>
  entries.map((e) => `${e.date} ${e.content}`).join('\n');
