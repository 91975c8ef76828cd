/**
 * Memory stays flat while reading (and writing): 200,000 rows go through, and RSS grows far less than
 * keeping them would cost (200,000 rows × 26 cells is several hundred MB). Each measurement starts after a
 * warm-up pass over a small file of the same kind and a full collection, so one-time costs (compiled code,
 * thread-pool buffers, the heap's own reserve) are not counted as growth with the file.
 * Throughput and absolute peak RSS for 810,000 rows: bench/interchange-read.ts.
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
const WARM_UP = 20_000;
const LIMIT_MB = 150;
const MB = 1024 * 1024;
const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-interchange-memory-'));
const file = (name: string) => path.join(dir, name);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Peak RSS growth over a full-GC baseline while `work` runs, sampled every 50 ms and by `work` itself. */
async function growth<T>(work: (sample: () => void) => Promise<T>): Promise<{ result: T; growthMb: number }> {
  gc();
  gc();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 50);
  try {
    const result = await work(sample);
    sample();
    return { result, growthMb: (peak - baseline) / MB };
  } finally {
    clearInterval(timer);
  }
}

async function readAll(path: string, sample: () => void = () => {}) {
  let rows = 0;
  let lastId: unknown = null;
  for await (const row of readRows({ path })) {
    rows++;
    lastId = row.cells.id_number;
    if (rows % 5000 === 0) sample();
  }
  return { rows, lastId };
}

function* sampled(count: number, sample: () => void) {
  let n = 0;
  for (const r of syntheticRows(count)) {
    if (++n % 5000 === 0) sample();
    yield r;
  }
}

describe('interchange memory', () => {
  let lastId: unknown;
  beforeAll(() => {
    for (const r of syntheticRows(ROWS)) lastId = r.id_number;
  });

  it(`reads ${ROWS.toLocaleString('en')} CSV rows with flat memory`, async () => {
    await writeRegisterCsv(file('warm.csv'), syntheticRows(WARM_UP), { lang: 'zh-CN' });
    await writeRegisterCsv(file('big.csv'), syntheticRows(ROWS), { lang: 'zh-CN' });
    await readAll(file('warm.csv'));
    const m = await growth((sample) => readAll(file('big.csv'), sample));
    console.log(`csv read: ${m.result.rows} rows, RSS growth ${m.growthMb.toFixed(1)} MB`);
    expect(m.result).toEqual({ rows: ROWS, lastId });
    expect(m.growthMb).toBeLessThan(LIMIT_MB);
  }, 600_000);

  it(`writes ${ROWS.toLocaleString('en')} xlsx rows with flat memory`, async () => {
    await writeRegisterXlsx(file('warm-written.xlsx'), syntheticRows(WARM_UP), { lang: 'zh-CN' });
    const m = await growth((sample) => writeRegisterXlsx(file('written.xlsx'), sampled(ROWS, sample), { lang: 'zh-CN' }));
    console.log(`xlsx write: ${m.result.rows} rows, RSS growth ${m.growthMb.toFixed(1)} MB`);
    expect(m.result.rows).toBe(ROWS);
    expect(m.growthMb).toBeLessThan(LIMIT_MB);
  }, 600_000);

  it(`reads ${ROWS.toLocaleString('en')} xlsx rows with flat memory`, async () => {
    // Shared strings after the sheet, as Excel lays a workbook out: the reader unpacks the sheet to a
    // temporary file first and keeps the (compact) string table; the heaviest way to read an xlsx.
    const opts = { lang: 'zh-CN', title: '花名册', useSharedStrings: true } as const;
    await writeRegisterXlsx(file('warm.xlsx'), syntheticRows(WARM_UP), opts);
    await writeRegisterXlsx(file('big.xlsx'), syntheticRows(ROWS), opts);
    await readAll(file('warm.xlsx'));
    const m = await growth((sample) => readAll(file('big.xlsx'), sample));
    console.log(`xlsx read: ${m.result.rows} rows, RSS growth ${m.growthMb.toFixed(1)} MB`);
    expect(m.result).toEqual({ rows: ROWS, lastId });
    expect(m.growthMb).toBeLessThan(LIMIT_MB);
  }, 600_000);
});
