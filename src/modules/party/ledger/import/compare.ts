import { DEFAULT_CAUSES } from '../causes.ts';
import type { LedgerColumnId } from '../interchange.ts';
import { RECTIFICATION } from '../procedures.ts';
import type { OnFileRow } from './queries.ts';

/** Text compared as a cell reads it: whitespace runs as one space, full-width as half-width. */
const norm = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();

/**
 * A row whose village already has a case of that year says what the case says, or it is refused column by column with
 * the value on file: an import adds cases, it does not change them (steps and edits are the case page's work). A blank
 * cell says nothing and is not compared; the progress in the file must be entries the case has (the case may have more).
 */
export function onFileProblems(rows: readonly OnFileRow[]): { row: number; problems: string }[] {
  const out: { row: number; problems: string }[] = [];
  for (const r of rows) {
    const c = r.case;
    const found: { column: LedgerColumnId; value: string; valueEn: string }[] = [];
    const differs = (column: LedgerColumnId, file: string | null, onFile: string | null) => {
      if (file !== null && norm(file) !== '' && norm(file) !== norm(onFile))
        found.push({ column, value: onFile ?? '', valueEn: onFile ?? '' });
    };
    if (r.causes !== null && r.causes !== [...c.causes].sort().join(',')) {
      const words = (lang: 'zh' | 'en') => c.causes.map((code) => DEFAULT_CAUSES.find((x) => x.code === code)?.[lang] ?? code);
      found.push({ column: 'causes', value: words('zh').join('；'), valueEn: words('en').join('; ') });
    }
    differs('problems', r.problems_text, c.problems);
    differs('plan', r.plan, c.plan);
    differs('county_leader', r.county_leader, c.county_leader);
    differs('township_member', r.township_member, c.township_member);
    differs('first_secretary', r.first_secretary, c.first_secretary_name);
    differs('deadline', r.deadline, c.deadline);
    differs('identified_on', r.identified_on, c.identified_on);
    differs('closed_on', r.closed_on, c.closed_on);
    differs('consolidated_on', r.consolidated_on, c.consolidated_on);
    differs('note', r.note, c.note);
    if (r.state && r.state !== c.state) {
      const label = RECTIFICATION.states[c.state]?.label ?? { zh: c.state, en: c.state };
      found.push({ column: 'state', value: label.zh, valueEn: label.en });
    }
    const has = new Set(c.progress.map((p) => `${p.date} ${norm(p.content)}`));
    if ((r.progress ?? []).some((p) => !has.has(`${p.date} ${norm(p.content)}`))) {
      const text = c.progress.map((p) => `${p.date} ${p.content}`).join('；') || '—';
      found.push({ column: 'progress', value: text, valueEn: text });
    }
    if (found.length)
      out.push({
        row: r.row_number,
        problems: JSON.stringify(
          found.map((f) => ({
            row: r.row_number,
            column: f.column,
            code: 'PARTY_LEDGER_DIFFERS',
            params: { year: r.year, value: f.value.slice(0, 200), valueEn: f.valueEn.slice(0, 200) },
          })),
        ),
      });
  }
  return out;
}
