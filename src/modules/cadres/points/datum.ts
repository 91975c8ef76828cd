/**
 * Coordinates as files give them: WGS-84 (GPS, the browser's Geolocation API, what Fupin stores) or GCJ-02 (the
 * "Mars" datum every map published in China must use: AMap, Tencent, most Chinese apps). GCJ-02 is converted to
 * WGS-84 with gcoord, never by hand.
 */
import * as gcoordModule from 'gcoord';
import { type CellValue, toText } from '../../registry/interchange/values.ts';

export type Datum = 'wgs84' | 'gcj02';

// gcoord is CommonJS (module.exports = the API) while its types describe an ES default export: take whichever is there.
interface Gcoord {
  transform(position: [number, number], from: string, to: string): [number, number];
  GCJ02: string;
  WGS84: string;
}
const gcoord = ((gcoordModule as { default?: unknown }).default ?? gcoordModule) as unknown as Gcoord;

const squash = (v: string) =>
  v
    .normalize('NFKC')
    .replace(/[\s\-_()（）【】[\]·.。/]/g, '')
    .toLowerCase();

const SPELLINGS: Record<Datum, readonly string[]> = {
  wgs84: ['WGS-84', 'WGS84', 'WGS 1984', 'WGS1984', 'EPSG:4326', '4326', 'GPS', 'GPS坐标', '国际坐标', '地球坐标', '大地坐标'],
  gcj02: ['GCJ-02', 'GCJ02', '火星坐标', '火星坐标系', '国测局坐标', '国测局', '高德', '高德坐标', '腾讯坐标', 'GCJ'],
};
const INDEX = new Map<string, Datum>();
for (const [datum, words] of Object.entries(SPELLINGS) as [Datum, readonly string[]][]) {
  for (const w of [datum, ...words]) INDEX.set(squash(w), datum);
}

/** The datum a 坐标系 cell names: empty means WGS-84; an unknown word is null (a problem for the row). */
export function resolveDatum(raw: CellValue | undefined): Datum | null {
  const text = toText(raw);
  if (!text) return 'wgs84';
  return INDEX.get(squash(text)) ?? null;
}

/** A coordinate cell as a number (degrees): a number, or text holding one (a trailing ° allowed); else null. */
export function toDegrees(raw: CellValue | undefined): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const text = toText(raw)?.normalize('NFKC').replace(/°$/, '').trim();
  if (!text || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  return Number(text);
}

/** Mainland China's box, as the village_point table checks it: a point outside is a typo or swapped columns. */
export const CHINA = { lonMin: 73, lonMax: 136, latMin: 3, latMax: 54 } as const;
export const inChina = (lon: number, lat: number) =>
  lon >= CHINA.lonMin && lon <= CHINA.lonMax && lat >= CHINA.latMin && lat <= CHINA.latMax;

/** WGS-84 longitude and latitude of a point given in `datum`, rounded to 1e-7° (about a centimetre). */
export function toWgs84(lon: number, lat: number, datum: Datum): { lon: number; lat: number } {
  if (datum === 'wgs84') return { lon, lat };
  const [x, y] = gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84);
  return { lon: round7(x), lat: round7(y) };
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
