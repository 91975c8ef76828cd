/**
 * Check-ins exported from another attendance app (另一考勤应用导出的打卡记录): 姓名 · 证件号码 · 打卡时间 · 经度 · 纬度 ·
 * 精度(米) · 设备号 · 坐标系, read by the same small-import path as the village points. Each row names its cadre by
 * the keyed hash of the ID number and is attached to the posting in post on that day within the user's scope; it is
 * stored in cadre_checkin as source 'imported' (no device, no signature, the other app's device number kept) with a
 * client id derived from the record itself, so the same record imported twice is stored once.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/types.ts';
import type { Lang } from '../../../server/i18n.ts';
import { type Actor, record } from '../../audit/service.ts';
import { lookupHash, maskId, type PiiKeys } from '../../pii/crypto.ts';
import { normaliseIdNumber } from '../../registry/idcard.ts';
import { idProblem, type Problem } from '../../registry/import/problems.ts';
import type { SheetInput, SheetRow } from '../../registry/interchange/read.ts';
import { type CellValue, toText } from '../../registry/interchange/values.ts';
import { markInstants } from '../attendance/dirty.ts';
import * as q from './checkins-import.queries.ts';
import { type Datum, inChina, resolveDatum, toDegrees, toWgs84 } from './datum.ts';
import { type CheckinColumnId, FOREIGN_CHECKINS } from './interchange.ts';
import { CHECKIN_CATALOGUE } from './messages.ts';
import { assertPointLevel } from './points.ts';
import { readSheet, type WordedProblem, worded } from './sheet.ts';

/** A year of one county's check-ins (about 60 cadres × 2 a day); larger histories are imported month by month. */
export const MAX_CHECKIN_ROWS = 100_000;
const PREVIEW_ROWS = 500;
const BEIJING_MS = 8 * 3_600_000;
const FUTURE_MS = 10 * 60_000;

/** The namespace of the client ids of imported check-ins (a random UUID fixed once; never change it). */
export const IMPORTED_CHECKIN_NAMESPACE = '5b0e3a6c-2f7d-4c1e-9a8b-6d4f1e2c3b5a';

/** RFC 4122 §4.3 name-based UUID, version 5 (SHA-1). */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const TIME =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]+|$)(?:(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})(?:\.(\d{1,3})\d*)?秒?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A check-in time as an instant. Other apps write Beijing wall-clock time ("2026-11-03 07:45:12"); an explicit offset
 * or Z is honoured. An xlsx date cell arrives as a Date whose UTC fields are the wall clock (values.ts): Beijing too.
 */
export function parseCheckinTime(raw: CellValue | undefined): Date | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : new Date(raw.getTime() - BEIJING_MS);
  const text = toText(raw)?.normalize('NFKC');
  if (!text) return null;
  const m = TIME.exec(text);
  if (!m || m[4] === undefined) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, m[7] ? Number(m[7].padEnd(3, '0')) : 0);
  if (new Date(wall).getUTCDate() !== d) return null; // 2026-02-30
  const zone = m[8];
  if (!zone) return new Date(wall - BEIJING_MS);
  if (zone.toUpperCase() === 'Z') return new Date(wall);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.replace(/[+:-]/g, '');
  return new Date(wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000);
}

/** The Beijing calendar day of an instant: the day a posting must have been in post. */
export const beijingDay = (at: Date) => new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 10);

export type CheckinOutcome = 'new' | 'unchanged' | 'duplicate' | 'rejected';

export interface CheckinsImportResult {
  filename: string;
  rows: number;
  counts: Record<CheckinOutcome, number>;
  rowsWithProblems: number;
  problems: WordedProblem[];
  preview: {
    row: number;
    name: string | null;
    idMasked: string | null;
    time: string | null;
    villageCode: string | null;
    lon: number | null;
    lat: number | null;
    accuracy: number | null;
    givenCrs: Datum | null;
    outcome: CheckinOutcome;
  }[];
  committed: boolean;
}

interface Checked {
  row: number;
  name: string | null;
  id: string | null;
  hash: string | null;
  at: Date | null;
  given: { lon: number; lat: number } | null;
  wgs: { lon: number; lat: number } | null;
  givenCrs: Datum | null;
  accuracy: number | null;
  device: string | null;
  posting: q.PostingSpan | null;
  clientId: string | null;
}

function checkRow(r: SheetRow<CheckinColumnId>, keys: PiiKeys, now: Date, problems: Problem<CheckinColumnId>[]): Checked {
  const problem = (column: CheckinColumnId | null, code: string, params?: Record<string, string | number>) =>
    problems.push({ row: r.rowNumber, column, code, ...(params ? { params } : {}) });
  const out: Checked = {
    row: r.rowNumber,
    name: toText(r.cells.name),
    id: null,
    hash: null,
    at: null,
    given: null,
    wgs: null,
    givenCrs: null,
    accuracy: null,
    device: toText(r.cells.device),
    posting: null,
    clientId: null,
  };
  if (out.name && out.name.length > 50) {
    problem('name', 'TOO_LONG', { max: 50 });
    out.name = null;
  }
  const id = normaliseIdNumber(r.cells.id_number ?? null, now);
  if (!id.ok) problem('id_number', id.code === 'EMPTY' ? 'REQUIRED' : idProblem(id.code));
  else {
    out.id = id.value;
    out.hash = lookupHash(keys, id.value);
  }
  if (r.cells.time === undefined) problem('time', 'REQUIRED');
  else {
    out.at = parseCheckinTime(r.cells.time);
    if (!out.at) problem('time', 'BAD_TIME', { value: toText(r.cells.time) ?? '' });
    else if (out.at.getTime() > now.getTime() + FUTURE_MS) {
      problem('time', 'FUTURE_TIME', { value: toText(r.cells.time) ?? '' });
      out.at = null;
    }
  }
  const lon = toDegrees(r.cells.lon);
  const lat = toDegrees(r.cells.lat);
  for (const [c, v] of [
    ['lon', lon],
    ['lat', lat],
  ] as const) {
    if (r.cells[c] === undefined) problem(c, 'REQUIRED');
    else if (v === null) problem(c, 'BAD_COORDINATE', { value: toText(r.cells[c]) ?? '' });
  }
  out.givenCrs = resolveDatum(r.cells.crs);
  if (!out.givenCrs) problem('crs', 'DATUM_UNKNOWN', { value: toText(r.cells.crs) ?? '' });
  if (lon !== null && lat !== null) {
    if (!inChina(lon, lat)) problem(null, 'OUTSIDE_CHINA', { lon, lat });
    else {
      out.given = { lon, lat };
      if (out.givenCrs) out.wgs = toWgs84(lon, lat, out.givenCrs);
    }
  }
  if (r.cells.accuracy === undefined) problem('accuracy', 'REQUIRED');
  else {
    const a = toDegrees(r.cells.accuracy);
    if (a === null || a < 0 || a > 100_000) problem('accuracy', 'BAD_ACCURACY', { value: toText(r.cells.accuracy) ?? '' });
    else out.accuracy = a;
  }
  if (out.device && out.device.length > 100) {
    problem('device', 'TOO_LONG', { max: 100 });
    out.device = null;
  }
  return out;
}

/**
 * Checks every row (alone, then the cadre by ID hash in the scope's counties, the posting in post that day in the
 * scope, repeats in the file and records stored already) and, when `commit` and no row has a problem, stores the new
 * records in one transaction with one audit row for the import.
 */
export async function importCheckins(
  db: Db,
  keys: PiiKeys,
  actor: Actor,
  scope: string,
  input: SheetInput & { filename?: string },
  opts: { commit: boolean; lang: Lang; now?: Date },
): Promise<CheckinsImportResult> {
  assertPointLevel(scope);
  const now = opts.now ?? new Date();
  const rows = await readSheet(input, FOREIGN_CHECKINS, MAX_CHECKIN_ROWS);
  const filename = ('filename' in input ? input.filename : 'path' in input ? input.path.split('/').pop() : '') ?? '';
  return db.transaction().execute(async (tx) => {
    const problems: Problem<CheckinColumnId>[] = [];
    const checked = rows.map((r) => checkRow(r, keys, now, problems));
    const hashes = [...new Set(checked.flatMap((c) => (c.hash ? [c.hash] : [])))];
    const cadres = await q.cadresByIdHash(tx, scope, hashes);
    const cadresByHash = new Map<string, q.CadreByHash[]>();
    for (const c of cadres) cadresByHash.set(c.id_hash, [...(cadresByHash.get(c.id_hash) ?? []), c]);
    const postings = await q.confirmedPostings(tx, scope, cadres);

    for (const c of checked) {
      if (!c.hash || !c.id) continue;
      const masked = maskId(c.id);
      const found = cadresByHash.get(c.hash) ?? [];
      if (found.length === 0) {
        problems.push({ row: c.row, column: 'id_number', code: 'CADRE_UNKNOWN', params: { masked } });
        continue;
      }
      if (c.name && !found.some((f) => f.name === c.name)) {
        problems.push({ row: c.row, column: 'name', code: 'NAME_MISMATCH', params: { value: c.name } });
        continue;
      }
      if (!c.at) continue;
      const day = beijingDay(c.at);
      const held = postings.filter(
        (p) =>
          found.some((f) => f.county_code === p.county_code && f.cadre_id === p.cadre_id) &&
          p.start_date <= day &&
          (p.end_date === null || p.end_date >= day),
      );
      // One village at a time: on a handover day the posting that started last is the one in post.
      c.posting = held.at(-1) ?? null;
      if (!c.posting) problems.push({ row: c.row, column: 'time', code: 'NO_POSTING_ON_DATE', params: { masked, date: day } });
      else if (c.given) c.clientId = uuidV5(`${c.hash}|${c.at.toISOString()}|${c.given.lon}|${c.given.lat}`, IMPORTED_CHECKIN_NAMESPACE);
    }

    const bad = new Set(problems.map((p) => p.row));
    const candidates = checked.filter((c) => !bad.has(c.row) && c.clientId && c.posting);
    const stored = new Set(
      (
        await q.storedClientIds(
          tx,
          candidates.map((c) => ({ county_code: c.posting?.county_code as string, client_id: c.clientId as string })),
        )
      ).map((s) => s.client_id),
    );
    const counts: Record<CheckinOutcome, number> = { new: 0, unchanged: 0, duplicate: 0, rejected: 0 };
    const outcomes = new Map<number, CheckinOutcome>();
    const seen = new Set<string>();
    const writes: q.ImportedCheckin[] = [];
    for (const c of checked) {
      let outcome: CheckinOutcome = 'rejected';
      if (!bad.has(c.row) && c.clientId && c.posting && c.wgs && c.at && c.accuracy !== null) {
        if (stored.has(c.clientId)) outcome = 'unchanged';
        else if (seen.has(c.clientId)) outcome = 'duplicate';
        else {
          outcome = 'new';
          writes.push({
            county_code: c.posting.county_code,
            posting_id: c.posting.id,
            client_id: c.clientId,
            device_time: c.at.toISOString(),
            lat: c.wgs.lat,
            lon: c.wgs.lon,
            accuracy_m: c.accuracy,
            foreign_device: c.device,
          });
        }
        seen.add(c.clientId);
      }
      counts[outcome]++;
      outcomes.set(c.row, outcome);
    }

    const committed = opts.commit && bad.size === 0 && checked.length > 0;
    if (committed && writes.length) {
      const inserted = await q.insertImportedCheckins(tx, writes);
      for (const county of new Set(writes.map((w) => w.county_code)))
        await markInstants(
          tx,
          county,
          writes.filter((w) => w.county_code === county).map((w) => w.device_time),
        );
      const times = writes.map((w) => w.device_time).sort();
      await record(tx, actor, {
        scopeCode: scope,
        entity: 'cadre_checkin_import',
        entityId: scope,
        action: 'import',
        after: {
          file: filename,
          rows: checked.length,
          stored: inserted,
          unchanged: counts.unchanged,
          duplicates: counts.duplicate,
          postings: [...new Set(writes.map((w) => `${w.county_code}-${w.posting_id}`))].length,
          from: times[0],
          to: times.at(-1),
        },
      });
    }
    return {
      filename,
      rows: checked.length,
      counts,
      rowsWithProblems: bad.size,
      problems: worded(problems, opts.lang, CHECKIN_CATALOGUE),
      preview: checked.slice(0, PREVIEW_ROWS).map((c) => ({
        row: c.row,
        name: c.name,
        idMasked: c.id ? maskId(c.id) : null,
        time: c.at?.toISOString() ?? null,
        villageCode: c.posting?.village_code ?? null,
        lon: c.wgs?.lon ?? null,
        lat: c.wgs?.lat ?? null,
        accuracy: c.accuracy,
        givenCrs: c.givenCrs,
        outcome: outcomes.get(c.row) ?? 'rejected',
      })),
      committed,
    };
  });
}
