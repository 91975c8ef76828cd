/**
 * Village points (村点位, docs/decisions/0015-village-points.md): one WGS-84 reference point per village, against
 * which check-ins are judged. Imported from a small spreadsheet (村代码 · 经度 · 纬度 · 坐标系; GCJ-02 converted with
 * gcoord) with a preview and an all-or-nothing commit, or placed by a county user on the map.
 */
import type { Db } from '../../../db/types.ts';
import { AppError } from '../../../server/errors.ts';
import type { Lang } from '../../../server/i18n.ts';
import { type Actor, recordMany } from '../../audit/service.ts';
import type { Problem } from '../../registry/import/problems.ts';
import type { SheetInput, SheetRow } from '../../registry/interchange/read.ts';
import { toText } from '../../registry/interchange/values.ts';
import { type Datum, inChina, resolveDatum, toDegrees, toWgs84 } from './datum.ts';
import { POINTS, type PointColumnId } from './interchange.ts';
import { POINT_CATALOGUE } from './messages.ts';
import * as q from './points.queries.ts';
import { readSheet, type WordedProblem, worded } from './sheet.ts';

/** One row per village: a province has about 17,000 villages. */
export const MAX_POINT_ROWS = 25_000;
const PREVIEW_ROWS = 500;

export type PointOutcome = 'new' | 'updated' | 'unchanged' | 'rejected';

export interface PointsImportResult {
  filename: string;
  rows: number;
  counts: Record<PointOutcome, number>;
  rowsWithProblems: number;
  problems: WordedProblem[];
  /** The first rows as they will be written (WGS-84), for the preview's table. */
  preview: {
    row: number;
    villageCode: string | null;
    villageName: string | null;
    lon: number | null;
    lat: number | null;
    givenCrs: Datum | null;
    outcome: PointOutcome;
  }[];
  committed: boolean;
}

/** Village points are kept by the county and above (the level that confirms postings). */
export function assertPointLevel(scope: string) {
  if (scope.length > 6) throw new AppError('POINT_LEVEL', 403);
}

interface Checked {
  row: number;
  code: string | null;
  lon: number | null;
  lat: number | null;
  givenCrs: Datum | null;
  wgs: { lon: number; lat: number } | null;
}

/** A row on its own: the code's form, numbers, the datum, inside China. */
function checkRow(r: SheetRow<PointColumnId>, problems: Problem<PointColumnId>[]): Checked {
  const problem = (column: PointColumnId | null, code: string, params?: Record<string, string | number>) =>
    problems.push({ row: r.rowNumber, column, code, ...(params ? { params } : {}) });
  const out: Checked = { row: r.rowNumber, code: null, lon: null, lat: null, givenCrs: null, wgs: null };
  const code = toText(r.cells.village_code);
  if (!code) problem('village_code', 'REQUIRED');
  else if (!/^\d{12}$/.test(code)) problem('village_code', 'NOT_A_VILLAGE_CODE', { value: code });
  else out.code = code;
  for (const c of ['lon', 'lat'] as const) {
    const raw = r.cells[c];
    const v = toDegrees(raw);
    if (raw === undefined) problem(c, 'REQUIRED');
    else if (v === null) problem(c, 'BAD_COORDINATE', { value: toText(raw) ?? '' });
    else out[c] = v;
  }
  out.givenCrs = resolveDatum(r.cells.crs);
  if (!out.givenCrs) problem('crs', 'DATUM_UNKNOWN', { value: toText(r.cells.crs) ?? '' });
  if (out.lon !== null && out.lat !== null) {
    if (!inChina(out.lon, out.lat)) problem(null, 'OUTSIDE_CHINA', { lon: out.lon, lat: out.lat });
    else if (out.givenCrs) {
      out.wgs = toWgs84(out.lon, out.lat, out.givenCrs);
      if (!inChina(out.wgs.lon, out.wgs.lat)) problem(null, 'OUTSIDE_CHINA', { lon: out.lon, lat: out.lat });
    }
  }
  return out;
}

const same = (a: number, b: number) => Math.abs(a - b) < 5e-8;

/**
 * Checks every row (alone, then against the regions, the scope, each other and the points on file) and, when
 * `commit` and no row has a problem, writes the new and changed points with an audit row each. One transaction.
 */
export async function importPoints(
  db: Db,
  actor: Actor,
  scope: string,
  input: SheetInput & { filename?: string },
  opts: { commit: boolean; lang: Lang },
): Promise<PointsImportResult> {
  assertPointLevel(scope);
  const rows = await readSheet(input, POINTS, MAX_POINT_ROWS);
  const filename = 'filename' in input ? (input.filename ?? '') : (('path' in input ? input.path.split('/').pop() : '') ?? '');
  return db.transaction().execute(async (tx) => {
    const problems: Problem<PointColumnId>[] = [];
    const checked = rows.map((r) => checkRow(r, problems));

    // Scope first, from the code alone: a village outside the scope is never looked up, so nothing is confirmed.
    const inScope = checked.filter((c) => c.code?.startsWith(scope));
    for (const c of checked) {
      if (c.code !== null && !c.code.startsWith(scope)) {
        problems.push({ row: c.row, column: 'village_code', code: 'VILLAGE_OUT_OF_SCOPE', params: { value: c.code } });
        c.code = null;
      }
    }
    const regions = new Map((await q.regionsByCodes(tx, [...new Set(inScope.map((c) => c.code as string))])).map((r) => [r.code, r]));
    const byCode = new Map<string, Checked[]>();
    for (const c of checked) {
      if (c.code === null) continue;
      const region = regions.get(c.code);
      if (region?.level !== 5) {
        problems.push({ row: c.row, column: 'village_code', code: 'VILLAGE_CODE_UNKNOWN', params: { value: c.code } });
        c.code = null;
        continue;
      }
      byCode.set(c.code, [...(byCode.get(c.code) ?? []), c]);
    }
    for (const [code, list] of byCode) {
      if (list.length < 2) continue;
      const at = list.map((c) => c.row).join(', ');
      for (const c of list)
        problems.push({ row: c.row, column: 'village_code', code: 'DUPLICATE_VILLAGE', params: { value: code, rows: at } });
    }

    const onFile = new Map((await q.pointsOf(tx, [...byCode.keys()], opts.commit)).map((p) => [p.village_code, p]));
    const bad = new Set(problems.map((p) => p.row));
    const counts: Record<PointOutcome, number> = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
    const writes: (q.NewPoint & { before: q.PointRow | null; row: number })[] = [];
    const outcomes = new Map<number, PointOutcome>();
    for (const c of checked) {
      let outcome: PointOutcome;
      if (bad.has(c.row) || !c.code || !c.wgs || !c.givenCrs) outcome = 'rejected';
      else {
        const before = onFile.get(c.code) ?? null;
        if (
          before &&
          before.source !== 'approximate' &&
          same(before.lon, c.wgs.lon) &&
          same(before.lat, c.wgs.lat) &&
          before.given_crs === c.givenCrs
        )
          outcome = 'unchanged';
        else {
          outcome = before ? 'updated' : 'new';
          writes.push({
            village_code: c.code,
            lon: c.wgs.lon,
            lat: c.wgs.lat,
            source: 'imported',
            given_crs: c.givenCrs,
            before,
            row: c.row,
          });
        }
      }
      counts[outcome]++;
      outcomes.set(c.row, outcome);
    }

    const committed = opts.commit && bad.size === 0 && checked.length > 0;
    if (committed && writes.length) {
      await q.upsertPoints(tx, writes, actor.id);
      await recordMany(
        tx,
        actor,
        writes.map((w) => ({
          scopeCode: w.village_code,
          entity: 'village_point',
          entityId: w.village_code,
          action: w.before ? 'update' : 'create',
          before: w.before ? { lon: w.before.lon, lat: w.before.lat, source: w.before.source, givenCrs: w.before.given_crs } : null,
          after: { lon: w.lon, lat: w.lat, source: 'imported', givenCrs: w.given_crs, file: filename, row: w.row },
        })),
      );
    }
    return {
      filename,
      rows: checked.length,
      counts,
      rowsWithProblems: bad.size,
      problems: worded(problems, opts.lang, POINT_CATALOGUE),
      preview: checked.slice(0, PREVIEW_ROWS).map((c) => ({
        row: c.row,
        villageCode: c.code,
        villageName: c.code ? (regions.get(c.code)?.name ?? null) : null,
        lon: c.wgs?.lon ?? null,
        lat: c.wgs?.lat ?? null,
        givenCrs: c.givenCrs,
        outcome: outcomes.get(c.row) ?? 'rejected',
      })),
      committed,
    };
  });
}

/** A county user places or moves a village's point on the map (WGS-84): source 'edited', audited with before/after. */
export async function editPoint(db: Db, actor: Actor, userScope: string, villageCode: string, p: { lon: number; lat: number }) {
  assertPointLevel(userScope);
  if (!/^\d{12}$/.test(villageCode)) throw new AppError('POINT_NOT_A_VILLAGE', 400, { code: villageCode });
  if (!inChina(p.lon, p.lat)) throw new AppError('POINT_OUTSIDE_CHINA', 400, {}, [{ path: 'lon', code: 'POINT_OUTSIDE_CHINA' }]);
  return db.transaction().execute(async (tx) => {
    const [before] = await q.pointsOf(tx, [villageCode], true);
    await q.upsertPoints(tx, [{ village_code: villageCode, lon: p.lon, lat: p.lat, source: 'edited', given_crs: 'wgs84' }], actor.id);
    await recordMany(tx, actor, [
      {
        scopeCode: villageCode,
        entity: 'village_point',
        entityId: villageCode,
        action: before ? 'update' : 'create',
        before: before ? { lon: before.lon, lat: before.lat, source: before.source, givenCrs: before.given_crs } : null,
        after: { lon: p.lon, lat: p.lat, source: 'edited', givenCrs: 'wgs84' },
      },
    ]);
    const [after] = await q.pointsOf(tx, [villageCode]);
    return { villageCode, lon: Number(after?.lon), lat: Number(after?.lat), source: 'edited' as const, givenCrs: 'wgs84' as const };
  });
}

export async function listPoints(db: Db, f: { region: string; missing?: boolean; cursor?: string; limit: number }) {
  const rows = await q.listVillagePoints(db, { region: f.region, missing: f.missing }, f.cursor ?? null, f.limit + 1);
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({
      villageCode: r.code,
      villageName: r.name,
      townshipCode: r.township_code,
      townshipName: r.township_name,
      point:
        r.lon === null || r.lat === null
          ? null
          : {
              lon: r.lon,
              lat: r.lat,
              source: r.source as 'imported' | 'edited' | 'approximate',
              givenCrs: r.given_crs as Datum,
              updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
              updatedBy: r.updated_by,
            },
    })),
    nextCursor: rows.length > f.limit ? (page.at(-1)?.code ?? null) : null,
  };
}
