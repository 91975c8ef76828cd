import type { z } from 'zod';
import type { Lang } from '../../server/i18n.ts';
import { type CodeListId, label } from './codelists.ts';
import type { ExportQuery } from './schema.ts';

type Filter = Pick<z.infer<typeof ExportQuery>, 'status' | 'cause' | 'category' | 'gap' | 'plannedExit' | 'incomeBand' | 'q'>;

const GAPS: Record<string, [string, string]> = {
  no_helper: ['无帮扶人', 'no helper'],
  no_project: ['无帮扶项目', 'no project'],
  no_deadline: ['无脱贫时限', 'no exit deadline'],
  deadline_passed: ['逾期未脱贫', 'past exit deadline'],
};

const codeLabel = (list: CodeListId, code: string, lang: Lang) => label(list, code, lang) ?? code;

/** The filter in words, one part per condition: 未脱贫, 因病, 无帮扶人, 计划2019年脱贫, 搜索“wzr”… */
export function filterWords(f: Filter, lang: Lang): string[] {
  const en = lang === 'en';
  const parts: string[] = [];
  const statuses = f.status?.split(',').filter(Boolean) ?? [];
  if (statuses.length === 2 && statuses.includes('poor') && statuses.includes('returned')) parts.push(en ? 'still poor' : '未脱贫');
  else if (statuses.length) parts.push(statuses.map((s) => codeLabel('household_status', s, lang)).join(en ? ' or ' : '或'));
  if (f.cause) parts.push(codeLabel('poverty_cause', f.cause, lang));
  if (f.category) parts.push(codeLabel('household_category', f.category, lang));
  if (f.gap) parts.push((GAPS[f.gap] ?? [f.gap, f.gap])[en ? 1 : 0]);
  if (f.plannedExit === 'none') parts.push(en ? 'no planned exit year' : '未定脱贫年度');
  else if (f.plannedExit) parts.push(en ? `planned exit ${f.plannedExit}` : `计划${f.plannedExit}年脱贫`);
  if (f.incomeBand !== undefined) {
    const from = f.incomeBand * 1000;
    parts.push(
      f.incomeBand >= 10
        ? en
          ? 'income ≥ 10000 yuan'
          : '人均纯收入1万元及以上'
        : en
          ? `income ${from}–${from + 1000} yuan`
          : `人均纯收入${from}–${from + 1000}元`,
    );
  }
  if (f.q) parts.push(en ? `search "${f.q}"` : `搜索“${f.q}”`);
  return parts;
}

/** Characters that Windows, macOS or a browser refuse in a file name (control characters never reach here). */
const unsafe = (s: string) => s.replace(/[\\/:*?"<>|]+/g, '_').trim();

/**
 * The download's file name and its title row: the scope, what the filter keeps and the day it was taken, so a file
 * found later on a desk says what it holds. 北票市-贫困户-无帮扶人-2026-12-01.xlsx.
 */
export function exportNaming(o: { scopeName: string; filter: Filter; date: string; registerYear: number; format: string; lang: Lang }) {
  const en = o.lang === 'en';
  const words = filterWords(o.filter, o.lang);
  const what = en ? 'poor households' : '贫困户';
  const name = unsafe([o.scopeName, what, ...words, o.date].join('-'));
  const scope = words.length ? (en ? ` (${words.join(', ')})` : `（${words.join('，')}）`) : en ? ' (all)' : '（全部）';
  const title = en
    ? `${o.scopeName} registered poor households${scope}, register year ${o.registerYear}, exported ${o.date}`
    : `${o.scopeName}建档立卡贫困户花名册${scope}　${o.registerYear}年度　导出日期 ${o.date}`;
  return { filename: `${name}.${o.format}`, title };
}
