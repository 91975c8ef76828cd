import ExcelJS from 'exceljs';
import type { Db } from '../../db/types.ts';
import { notFound } from '../../server/errors.ts';
import type { Lang } from '../../server/i18n.ts';
import { directory, pathOf, type RegionEntry } from './directory.ts';
import { catalogue, contextFor, evaluate, INDICATORS, judge, reader } from './indicators.ts';
import { PROVIDERS } from './providers.ts';
import { revisionsOf } from './revisions.ts';
import { addMonths, currentVersion, measuresAt, resolveMonth } from './service.ts';
import type { Context, IndicatorDef, SummaryInput } from './types.ts';

/**
 * The monthly briefing (月度通报): the scope's children ranked on the main indicators, the worst flagged, with a
 * short summary. Generated from the same measures as the dashboard, never typed in.
 */

/** The indicators a briefing ranks: the key figures that have a direction. */
const RANKED = INDICATORS.filter((i) => i.key && i.better !== 'neutral');
/**
 * Whether the worst on an indicator are flagged. A count of good things (households exited, villages exited) grows
 * with the unit's size, so its bottom is the units with little or nothing registered, not the ones lagging: those
 * counts are ranked but never flagged. Rates, and counts of what is still to be done, are flagged.
 */
const flagsWorst = (d: IndicatorDef) => !(d.format === 'count' && d.better === 'higher');
/** How many children are flagged as worst on an indicator: the bottom fifth, at least one, when there are three or more. */
const worstCount = (n: number) => (n >= 3 ? Math.max(1, Math.floor(n / 5)) : 0);

const fmt = (def: IndicatorDef, v: number | null, lang: Lang) => {
  if (v === null) return '—';
  const n = v.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 });
  return def.format === 'percent' ? `${n}%` : n;
};

export async function briefing(db: Db, scope: string, region: string, wantedMonth: string | undefined, lang: Lang) {
  // A document waits for every change and every snapshot it reports; the dashboard does not.
  const version = await currentVersion(db);
  const dir = await directory(db);
  const entry = dir.get(region);
  if (!entry) throw notFound();
  const { month, latest } = await resolveMonth(db, version, wantedMonth);
  const ctx = await contextFor(db, month, region);
  const prevCtx = await contextFor(db, addMonths(month, -1), region);
  const children = entry.children.map((c) => dir.get(c) as RegionEntry);
  const now = await measuresAt(db, [region, ...children.map((c) => c.code)], month, latest);
  const before = await measuresAt(db, [region], addMonths(month, -1), latest);

  const values = children.map((c) => Object.fromEntries(RANKED.map((d) => [d.id, evaluate(d, reader(now.get(c.code)), ctx)])));
  const ranks: Record<string, Map<number, number>> = {};
  const worst: Record<string, Set<number>> = {};
  for (const d of RANKED) {
    const order = children
      .map((_, i) => i)
      .filter((i) => values[i]?.[d.id] !== null && values[i]?.[d.id] !== undefined)
      .sort((a, b) => {
        const va = values[a]?.[d.id] as number;
        const vb = values[b]?.[d.id] as number;
        return d.better === 'higher' ? vb - va : va - vb;
      });
    ranks[d.id] = new Map(order.map((i, r) => [i, r + 1]));
    // Ties with the last flagged value are flagged too; a child already at the target is never "worst".
    const k = flagsWorst(d) ? worstCount(order.length) : 0;
    const cut = k ? (values[order[order.length - k] as number]?.[d.id] as number) : null;
    worst[d.id] = new Set(
      order.filter((i) => {
        const v = values[i]?.[d.id] as number;
        return cut !== null && judge(d, v, ctx) !== 'good' && (d.better === 'higher' ? v <= cut : v >= cut);
      }),
    );
  }
  const rows = children.map((c, i) => {
    const row: Record<string, { value: number | null; rank: number | null; worst: boolean }> = {};
    let flags = 0;
    for (const d of RANKED) {
      const isWorst = worst[d.id]?.has(i) ?? false;
      if (isWorst) flags++;
      row[d.id] = { value: values[i]?.[d.id] ?? null, rank: ranks[d.id]?.get(i) ?? null, worst: isWorst };
    }
    return { code: c.code, name: c.name, values: row, flags };
  });

  const here = reader(now.get(region));
  const prev = reader(before.get(region));
  const totals = Object.fromEntries(RANKED.map((d) => [d.id, evaluate(d, here, ctx)]));
  const summary = summarise(entry, month, { now: here, previous: prev }, { now: ctx, previous: prevCtx }, rows, lang);
  const meta = catalogue(lang, ctx);
  return {
    region: {
      code: entry.code,
      name: entry.name,
      level: entry.level,
      path: pathOf(dir, region, scope).map((e) => ({ code: e.code, name: e.name, level: e.level })),
    },
    month,
    generatedAt: new Date().toISOString(),
    indicators: meta.filter((m) => RANKED.some((d) => d.id === m.id)),
    totals,
    rows,
    summary,
    revisions: month < latest ? await revisionsOf(db, region, month, lang) : [],
  };
}

function summarise(
  entry: RegionEntry,
  month: string,
  measures: { now: ReturnType<typeof reader>; previous: ReturnType<typeof reader> },
  contexts: { now: Context; previous: Context },
  rows: { name: string; flags: number }[],
  lang: Lang,
): string[] {
  const value = (id: string, when: 'now' | 'previous' = 'now') => {
    const d = INDICATORS.find((i) => i.id === id);
    return d ? evaluate(d, measures[when], contexts[when]) : null;
  };
  const input: SummaryInput = {
    regionName: entry.name,
    month,
    lang,
    value,
    show: (id, when = 'now') => {
      const d = INDICATORS.find((i) => i.id === id);
      return d ? fmt(d, value(id, when), lang) : '—';
    },
  };
  const worstNames = rows
    .filter((r) => r.flags > 0)
    .sort((a, b) => b.flags - a.flags)
    .slice(0, 3)
    .map((r) => r.name);
  const worst =
    lang === 'en'
      ? worstNames.length
        ? `Flagged most often among the worst: ${worstNames.join(', ')}.`
        : 'No unit is flagged among the worst this month.'
      : worstNames.length
        ? `排名靠后次数最多的单位：${worstNames.join('、')}，请重点督促。`
        : '本月无排名靠后的单位。';
  return [...PROVIDERS.flatMap((p) => p.summary?.(input) ?? []), worst];
}

/** The briefing as a workbook: a title, the summary, then the ranking table with the worst cells in red. */
export async function briefingXlsx(b: Awaited<ReturnType<typeof briefing>>, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Fupin';
  const ws = wb.addWorksheet(lang === 'en' ? 'Briefing' : '月度通报', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  const cols = 3 + b.indicators.length * 2;
  const [y, m] = b.month.split('-');
  const title =
    lang === 'en' ? `${b.region.name} — poverty alleviation briefing, ${b.month}` : `${b.region.name}${y}年${Number(m)}月脱贫攻坚月度通报`;
  ws.mergeCells(1, 1, 1, cols);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  let r = 2;
  for (const s of b.summary) {
    ws.mergeCells(r, 1, r, cols);
    ws.getCell(r, 1).value = s;
    ws.getCell(r, 1).alignment = { wrapText: true };
    ws.getRow(r).height = 32;
    r++;
  }
  // A month revised by back-dated changes says so, with each change: the earlier print of it differs.
  for (const line of revisionLines(b.revisions, lang)) {
    ws.mergeCells(r, 1, r, cols);
    ws.getCell(r, 1).value = line;
    ws.getCell(r, 1).font = { color: { argb: 'FFB36B00' } };
    ws.getCell(r, 1).alignment = { wrapText: true };
    r++;
  }
  r++;
  const header = [lang === 'en' ? 'Code' : '区划代码', lang === 'en' ? 'Unit' : '单位'];
  for (const i of b.indicators) header.push(`${i.name}${i.unit === '%' ? '(%)' : `(${i.unit})`}`, lang === 'en' ? 'Rank' : '排名');
  header.push(lang === 'en' ? 'Flags' : '靠后项数');
  ws.getRow(r).values = header;
  ws.getRow(r).font = { bold: true };
  const headerRow = r;
  r++;
  for (const row of b.rows) {
    const cells: (string | number | null)[] = [row.code, row.name];
    for (const i of b.indicators) cells.push(row.values[i.id]?.value ?? null, row.values[i.id]?.rank ?? null);
    cells.push(row.flags);
    ws.getRow(r).values = cells;
    b.indicators.forEach((i, k) => {
      if (row.values[i.id]?.worst) {
        const cell = ws.getCell(r, 3 + k * 2);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFCCCC' } };
        cell.font = { color: { argb: 'FFC00000' }, bold: true };
      }
    });
    r++;
  }
  const totals: (string | number | null)[] = [b.region.code, lang === 'en' ? 'Total' : '合计'];
  for (const i of b.indicators) totals.push(b.totals[i.id] ?? null, null);
  ws.getRow(r).values = totals;
  ws.getRow(r).font = { bold: true };
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 18;
  for (let c = 3; c <= cols; c++) ws.getColumn(c).width = c % 2 ? 14 : 7;
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 2 }];
  ws.getCell(r + 2, 1).value =
    lang === 'en' ? `Generated ${b.generatedAt} from the register` : `数据来源：建档立卡系统，生成时间 ${b.generatedAt}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Revision = Awaited<ReturnType<typeof revisionsOf>>[number];

/** The revision notice as printed lines: a heading, then one line per change. */
export function revisionLines(revisions: Revision[], lang: Lang): string[] {
  if (!revisions.length) return [];
  const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  const head =
    lang === 'en'
      ? `This month was revised after it closed (${revisions.length} back-dated change${revisions.length > 1 ? 's' : ''}); earlier prints differ:`
      : `本月数据在月份结束后因补录（${revisions.length} 项追溯变更）已修订，与此前打印的通报不同：`;
  return [
    head,
    ...revisions.map((v) =>
      lang === 'en'
        ? `• ${when(v.at)} UTC: ${v.sourceName} dated ${v.dated}${v.householdNo ? `, household ${v.householdNo}` : ''}${v.by ? `, by ${v.by}` : ''}`
        : `• ${when(v.at)}（UTC）：${v.sourceName}，日期 ${v.dated}${v.householdNo ? `，户编号 ${v.householdNo}` : ''}${v.by ? `，操作人 ${v.by}` : ''}`,
    ),
  ];
}
