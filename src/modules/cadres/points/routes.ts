/**
 * Village points (村点位) and the import of another app's check-ins: the list of a region's villages with their
 * points, a county user's edit on the map, and the two small imports (preview, then commit all or nothing).
 */
import type { FastifyInstance } from 'fastify';
import { requestActor, typed } from '../../../server/module.ts';
import { uploadsDir } from '../../registry/import/routes.ts';
import { importCheckins } from './checkins-import.ts';
import { editPoint, importPoints, listPoints } from './points.ts';
import {
  CheckinsImportResult,
  PointInput,
  PointList,
  PointListQuery,
  PointSaved,
  PointsImportResult,
  SmallImportQuery,
  VillageCodeParam,
} from './schema.ts';
import { fileRejected, withUploadedSheet } from './sheet.ts';

export function villagePointRoutes(app: FastifyInstance) {
  const r = typed(app);
  const { db } = app.deps.database;
  const keys = app.deps.keys;
  const tags = ['cadres'];
  const inRegion = { in: 'query', field: 'region' } as const;
  const uploads = uploadsDir(app);

  r.get(
    '/cadres/village-points',
    {
      config: { access: { kind: 'collection', entity: 'village_point', permission: 'data.read', region: inRegion } },
      schema: {
        tags,
        summary: 'The villages of a region with their reference point (村点位) or none',
        description:
          'Points are WGS-84. source: imported (from a file), edited (placed on the map), approximate (generated for the demo, not a survey). `missing=1` keeps villages without a point. Keyset pages by `nextCursor` (a village code).',
        querystring: PointListQuery,
        response: { 200: PointList },
      },
    },
    async (req) =>
      listPoints(db, { region: req.region, missing: req.query.missing === '1', cursor: req.query.cursor, limit: req.query.limit }),
  );

  r.put(
    '/cadres/village-points/:villageCode',
    {
      config: { access: { kind: 'record', entity: 'village_point', param: 'villageCode', permission: 'data.write' } },
      schema: {
        tags,
        summary: "Place or move a village's point (WGS-84, from the map)",
        description:
          'County level and above (403 POINT_LEVEL). The point becomes source edited; audited with the point before and after. A village outside the scope answers 404.',
        params: VillageCodeParam,
        body: PointInput,
        response: { 200: PointSaved },
      },
    },
    async (req) => editPoint(db, requestActor(req), req.user?.scope_code ?? '', req.params.villageCode, req.body),
  );

  r.post(
    '/cadres/village-points/import',
    {
      config: { access: { kind: 'collection', entity: 'village_point', permission: 'data.write', region: inRegion } },
      schema: {
        tags,
        summary: 'Import village points from a spreadsheet (村代码 经度 纬度 坐标系), preview or commit',
        description:
          'multipart/form-data with one file field (.xlsx or .csv, at most 20 MB, 25,000 rows). 坐标系: WGS-84 or GCJ-02 (火星坐标), empty = WGS-84; GCJ-02 is converted to WGS-84. `commit=0` previews (writes nothing); `commit=1` checks again and writes every new or changed point when no row has a problem, else nothing (`committed: false`). The same file twice changes nothing (rows unchanged). County level and above (403 POINT_LEVEL).',
        querystring: SmallImportQuery,
        response: { 200: PointsImportResult },
      },
    },
    async (req) =>
      withUploadedSheet(req, uploads, (file) =>
        importPoints(db, requestActor(req), req.region, file, { commit: req.query.commit === '1', lang: req.lang }).catch((e) =>
          fileRejected(e, req.lang),
        ),
      ),
  );

  r.post(
    '/cadres/checkins/import',
    {
      config: { access: { kind: 'collection', entity: 'cadre_checkin', permission: 'data.write', region: inRegion } },
      schema: {
        tags,
        summary: 'Import check-ins exported from another attendance app (姓名 证件号码 打卡时间 经度 纬度 精度(米) 设备号 坐标系)',
        description:
          "multipart/form-data with one file field (.xlsx or .csv, at most 20 MB, 100,000 rows). Each row's cadre is found by ID number and attached to the posting in post that day within the scope; times without an offset are Beijing time; GCJ-02 is converted to WGS-84. Stored as source imported (no device, no signature; 设备号 kept). `commit=0` previews; `commit=1` writes every new record when no row has a problem, else nothing. The same record twice is stored once. County level and above (403 POINT_LEVEL).",
        querystring: SmallImportQuery,
        response: { 200: CheckinsImportResult },
      },
    },
    async (req) =>
      withUploadedSheet(req, uploads, (file) =>
        importCheckins(db, keys, requestActor(req), req.region, file, { commit: req.query.commit === '1', lang: req.lang }).catch((e) =>
          fileRejected(e, req.lang),
        ),
      ),
  );
}
