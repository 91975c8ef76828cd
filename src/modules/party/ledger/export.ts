import type { Db } from '../../../db/types.ts';
import type { Lang } from '../../../server/i18n.ts';
import type { SheetValues } from '../../registry/interchange/write.ts';
import { causeLabel, causesFor } from './causes.ts';
import { exportPage } from './export.queries.ts';
import type { LedgerColumnId } from './interchange.ts';
import { RECTIFICATION } from './procedures.ts';

const PAGE = 2000;

/** A region's ledger as spreadsheet rows, in the form counties keep (causes and states in words): the import reads it back. */
export async function* ledgerRows(db: Db, region: string, year: number | null, lang: Lang) {
  const causes = await causesFor(db, region);
  const en = lang === 'en';
  let after = { county: '', id: 0 };
  let seq = 0;
  for (;;) {
    const rows = await exportPage(db, region, year, after, PAGE);
    const last = rows.at(-1);
    if (!last) return;
    after = { county: last.county_code, id: Number(last.id) };
    for (const r of rows) {
      const state = RECTIFICATION.states[r.state]?.label;
      const row: SheetValues<LedgerColumnId> = {
        seq: ++seq,
        city: r.city_name,
        county: r.county_name,
        township: r.township_name,
        village: r.village_name,
        village_code: r.village_code,
        org_name: r.org_name,
        year: r.year,
        identified_on: r.identified_on,
        causes: r.causes.map((c) => causeLabel(causes, c, en ? 'en' : 'zh')).join(en ? '; ' : '；'),
        problems: r.problems,
        plan: r.plan,
        county_leader: r.county_leader,
        township_member: r.township_member,
        first_secretary: r.first_secretary_name,
        deadline: r.deadline,
        progress: r.progress,
        state: state ? (en ? state.en : state.zh) : r.state,
        closed_on: r.closed_on,
        consolidated_on: r.consolidated_on,
        note: r.note,
      };
      yield row;
    }
  }
}

const unsafe = (s: string) => s.replace(/[\\/:*?"<>|]+/g, '_').trim();

export function ledgerExportNaming(o: { scopeName: string; year: number | null; date: string; format: string; lang: Lang }) {
  const en = o.lang === 'en';
  const yearWord = o.year ? (en ? String(o.year) : `${o.year}年度`) : '';
  const name = unsafe([o.scopeName, en ? 'rectification ledger' : '软弱涣散整顿台账', yearWord, o.date].filter(Boolean).join('-'));
  const title = en
    ? `${o.scopeName} weak-and-lax organisations: rectification ledger ${yearWord}, exported ${o.date}`
    : `${o.scopeName}软弱涣散村党组织整顿台账${yearWord ? `（${yearWord}）` : ''}　导出日期 ${o.date}`;
  return { filename: `${name}.${o.format}`, title };
}
