import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Tx } from '../../db/types.ts';
import type { Lang } from '../../server/i18n.ts';
import { neutralise } from '../registry/interchange/formula.ts';
import * as q from './queries.ts';

/** What the province administrator reads: the events, newest first; counts per kind; a spreadsheet of them. */

const KIND_LABELS: Record<string, readonly [string, string]> = {
  login_failed: ['登录失败', 'Failed login'],
  login_locked: ['账号锁定', 'Lockout'],
  password_change_failed: ['修改密码失败', 'Failed password change'],
  csrf_failed: ['CSRF 安全校验失败', 'Failed CSRF check'],
  scope_conflict: ['越权冲突', 'Out-of-scope conflict'],
  scope_conflict_burst: ['频繁越权冲突', 'Repeated out-of-scope conflicts'],
  unmask: ['查看完整证件号码', 'ID number shown in full'],
  unmask_bulk: ['批量导出完整证件号码', 'Bulk export with full ID numbers'],
  unmask_limit: ['达到每日查看完整证件号码上限', 'Daily limit of full ID numbers reached'],
  id_search: ['按完整证件号码查询', 'Search by a full ID number'],
  id_search_limit: ['达到每日证件号码查询上限', 'Daily limit of ID number searches reached'],
};

/** The kinds the summary always shows, in this order. */
export const SUMMARY_KINDS = ['login_failed', 'login_locked', 'scope_conflict', 'unmask', 'csrf_failed'] as const;
const WINDOWS = [7, 30] as const;

/** A kind's label in the language; an unknown kind (added by a newer module) shows as its code. */
export function kindLabel(kind: string, lang: Lang): string {
  const pair = KIND_LABELS[kind];
  return pair ? (lang === 'en' ? pair[1] : pair[0]) : kind;
}

export interface Viewer {
  scopeCode: string;
}

export interface Filter {
  kind?: string;
  actor?: string;
  from?: Date;
  to?: Date;
}

/** Events that concern no region (an unknown name's failed logins) belong to the province. */
const scopeOf = (v: Viewer): Pick<q.EventFilter, 'scopeCode' | 'withUnplaced'> => ({
  scopeCode: v.scopeCode,
  withUnplaced: v.scopeCode.length <= 2,
});

type EventRow = Awaited<ReturnType<typeof q.listEvents>>[number];

const detailsOf = (r: EventRow) =>
  r.details && typeof r.details === 'object' && !Array.isArray(r.details) ? (r.details as Record<string, unknown>) : null;

function view(r: EventRow, lang: Lang) {
  return {
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    kindLabel: kindLabel(r.kind, lang),
    actorId: r.actor_id,
    actorName: r.actor_name,
    scopeCode: r.scope_code,
    ip: r.ip,
    details: detailsOf(r),
  };
}

export async function listEvents(tx: Tx, viewer: Viewer, f: Filter & { cursor?: number; limit: number }, lang: Lang) {
  const rows = await q.listEvents(tx, { ...scopeOf(viewer), ...f, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => view(r, lang)),
    nextCursor: rows.length > f.limit ? String(page[page.length - 1]?.id) : null,
  };
}

export async function kinds(tx: Tx, viewer: Viewer, lang: Lang) {
  const present = await q.distinctKinds(tx, scopeOf(viewer));
  const all = [...new Set([...Object.keys(KIND_LABELS), ...present])];
  return all.map((kind) => ({ kind, label: kindLabel(kind, lang) }));
}

export async function summary(tx: Tx, viewer: Viewer, lang: Lang, now = new Date()) {
  const windows = [];
  for (const days of WINDOWS) {
    const since = new Date(now.getTime() - days * 86_400_000);
    const rows = await q.countByKind(tx, { ...scopeOf(viewer), since });
    const counts: Record<string, number> = Object.fromEntries(SUMMARY_KINDS.map((k) => [k, 0]));
    for (const r of rows) counts[r.kind] = Number(r.events);
    const unmaskedPersons = Number(rows.find((r) => r.kind === 'unmask')?.persons ?? 0);
    windows.push({ days, since: since.toISOString(), counts, unmaskedPersons });
  }
  return { kinds: SUMMARY_KINDS.map((kind) => ({ kind, label: kindLabel(kind, lang) })), windows };
}

const HEADERS = {
  'zh-CN': ['时间（北京时间）', '类型', '类型代码', '用户', '区划代码', 'IP 地址', '详情'],
  en: ['Time (Beijing)', 'Kind', 'Kind code', 'User', 'Region code', 'IP address', 'Details'],
} as const;

/** Every string a spreadsheet would run as a formula is neutralised; details are written as JSON text. */
const cell = (v: string | null) => (v === null ? null : neutralise(v));

const PAGE = 1_000;
/** Excel has no time zones: a date cell shows the clock time it holds, so it holds Beijing's (UTC+8, no DST). */
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000);

/**
 * Writes the filtered events as an xlsx to `out`, a page of rows at a time. Throws when `out` closes early
 * (the client gave up), so the caller does not read further.
 */
export async function writeEventsXlsx(tx: Tx, viewer: Viewer, f: Filter, lang: Lang, out: Writable) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(lang === 'en' ? 'Security events' : '安全事件');
  ws.columns = [
    { width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
    { width: 28 },
    { width: 22 },
    { width: 16 },
    { width: 14 },
    { width: 18 },
    { width: 60 },
  ];
  ws.addRow([...HEADERS[lang]]).commit();
  let cursor: number | undefined;
  for (;;) {
    const rows = await q.listEvents(tx, { ...scopeOf(viewer), ...f, cursor, limit: PAGE });
    for (const r of rows) {
      const details = detailsOf(r);
      ws.addRow([
        beijing(r.at),
        cell(kindLabel(r.kind, lang)),
        cell(r.kind),
        cell(r.actor_name),
        cell(r.scope_code),
        cell(r.ip),
        details ? cell(JSON.stringify(details)) : null,
      ]).commit();
    }
    if (out.destroyed) throw new Error('the download was closed before it was complete');
    if (rows.length < PAGE) break;
    cursor = rows[rows.length - 1]?.id;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  ws.commit();
  await wb.commit();
}
