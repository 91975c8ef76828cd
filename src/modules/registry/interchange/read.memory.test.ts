/**
 * Memory stays flat while reading: 200,000 rows in, RSS growth well under what keeping them would cost
 * (200,000 rows × 26 cells would be several hundred MB). Throughput figures are in bench/interchange-read.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRows } from './fixtures.ts';
import { readRows } from './read.ts';
import { writeRegisterCsv, writeRegisterXlsx } from './write.ts';

const ROWS = 200_000;
const MB = 1024 * 1024;
const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-interchange-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A full collection before the baseline, so the garbage of writing the file is not counted for or against reading.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function measure(file: string) {
  gc();
  gc();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 50);
  let rows = 0;
  let lastId: unknown = null;
  try {
    for await (const row of readRows({ path: file })) {
      rows++;
      lastId = row.cells.id_number;
      if (rows % 5000 === 0) sample();
    }
  } finally {
    clearInterval(timer);
  }
  sample();
  return { rows, lastId, growthMb: (peak - baseline) / MB };
}

describe('readRows memory', () => {
  let lastId: unknown;
  beforeAll(() => {
    let last: unknown;
    for (const r of syntheticRows(ROWS)) last = r.id_number;
    lastId = last;
  });

  it(`reads ${ROWS.toLocaleString('en')} CSV rows with flat memory`, async () => {
    const file = path.join(dir, 'big.csv');
    await writeRegisterCsv(file, syntheticRows(ROWS), { lang: 'zh-CN' });
    const m = await measure(file);
    console.log(`csv: ${m.rows} rows, RSS growth ${m.growthMb.toFixed(1)} MB`);
    expect(m.rows).toBe(ROWS);
    expect(m.lastId).toBe(lastId);
    expect(m.growthMb).toBeLessThan(150);
  }, 600_000);

  it(`reads ${ROWS.toLocaleString('en')} xlsx rows with flat memory`, async () => {
    const file = path.join(dir, 'big.xlsx');
    // Shared strings after the sheet, as Excel lays a workbook out: the reader spools the sheet, keeps the strings.
    await writeRegisterXlsx(file, syntheticRows(ROWS), { lang: 'zh-CN', title: '花名册', useSharedStrings: true });
    const m = await measure(file);
    console.log(`xlsx: ${m.rows} rows, RSS growth ${m.growthMb.toFixed(1)} MB`);
    expect(m.rows).toBe(ROWS);
    expect(m.lastId).toBe(lastId);
    expect(m.growthMb).toBeLessThan(150);
  }, 600_000);
});
