// Village points (村点位) and the import of another app's check-ins; the shapes come from the server's OpenAPI document.
import { api } from './client';
import type { Ok, Schemas } from './schema';

export type VillagePoint = Schemas['VillagePoint'];
export type PointSource = NonNullable<VillagePoint['point']>['source'];
export type PointsImportResult = Schemas['PointsImportResult'];
export type CheckinsImportResult = Schemas['CheckinsImportResult'];
export type PointSaved = Ok<'/api/cadres/village-points/{villageCode}', 'put'>;

/** The villages of a region with their points: every page (a county has a few hundred villages), up to `max`. */
async function allPoints(region: string, max = 3000): Promise<VillagePoint[]> {
  const out: VillagePoint[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<Ok<'/api/cadres/village-points'>>('/api/cadres/village-points', {
      query: { region, limit: 500, cursor },
    });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out;
}

export const points = {
  all: allPoints,
  save: (villageCode: string, lon: number, lat: number) =>
    api.put<PointSaved>(`/api/cadres/village-points/${encodeURIComponent(villageCode)}`, { lon, lat }),
  importPoints: (file: File, commit: boolean, region?: string) =>
    api.upload<PointsImportResult>('/api/cadres/village-points/import', file, { query: { commit: commit ? '1' : '0', region } }),
  importCheckins: (file: File, commit: boolean, region?: string) =>
    api.upload<CheckinsImportResult>('/api/cadres/checkins/import', file, { query: { commit: commit ? '1' : '0', region } }),
};
