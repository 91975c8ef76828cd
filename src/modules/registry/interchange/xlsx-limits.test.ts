/**
 * What an xlsx may unpack to is bounded: by its zip directory before reading, by what each part really unpacks to
 * while reading, by the longest run of text handed to the XML parser, and by Excel's own limit on a cell. Files are
 * built by hand (tests/support/hand-xlsx.ts), streaming, so that the test holds none of them in memory.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { type HandCell, writeHandXlsx } from '../../../../tests/support/hand-xlsx.ts';
import { InterchangeError } from './errors.ts';
import { type ReadOptions, readRows, type SheetRow } from './read.ts';
import { inspectXlsx, MAX_CELL_CHARS, MAX_XML_RUN } from './xlsx-limits.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-xlsx-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);
const MB = 1024 * 1024;

const HEADER: HandCell[] = ['户编号', '姓名', '证件号码', '与户主关系', '备注'];
const person = (no: string, name: string, relation = '户主', note: HandCell = null): HandCell[] => [
  no,
  name,
  '211381196003011234',
  relation,
  note,
];

async function readAll(p: string, opts?: ReadOptions) {
  const rows: SheetRow[] = [];
  for await (const r of readRows({ path: p }, opts)) rows.push(r);
  return rows;
}

async function failure(p: string, opts?: ReadOptions): Promise<InterchangeError> {
  try {
    await readAll(p, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(InterchangeError);
    return e as InterchangeError;
  }
  throw new Error('the read did not fail');
}

/** `n` characters of text that deflate cannot shrink much (hex digits: about 2:1), in 1 MB pieces. */
function* noise(n: number): Generator<string> {
  for (let left = n; left > 0; left -= MB) yield randomBytes(Math.min(MB, left) / 2).toString('hex');
}

describe('xlsx limits', () => {
  it('refuses from the zip directory alone a file that unpacks to a hundred times its size (one cell of 50 MB of one letter)', async () => {
    const p = file('bomb.xlsx');
    await writeHandXlsx(p, { rows: [HEADER, person('H1', '王', '户主', { shared: 0 })], shared: [Array(50).fill('a'.repeat(MB))] });
    const size = readFileSync(p).length;
    expect(size).toBeLessThan(MB / 2);
    const e = await failure(p);
    expect(e.code).toBe('UNPACKED_TOO_LARGE');
    expect(e.messageFor('zh-CN')).toContain('xl/sharedStrings.xml');
    expect(e.messageFor('en')).toMatch(/times its compressed size/);
    await expect(inspectXlsx(p)).rejects.toMatchObject({ code: 'UNPACKED_TOO_LARGE' });
  });

  it('refuses a file whose parts unpack to more than the bound in all', async () => {
    const p = file('many.xlsx');
    const rows = [HEADER, ...Array.from({ length: 3000 }, (_, i) => person(`H${i}`, `名${i}`))];
    await writeHandXlsx(p, { rows });
    expect((await readAll(p)).length).toBe(3000);
    const e = await failure(p, { maxUnpackedBytes: 100 * 1024 });
    expect(e.code).toBe('UNPACKED_TOO_LARGE');
    expect(e.messageFor('zh-CN')).toMatch(/解压后过大/);
  });

  it('stops a part that unpacks to more than its zip directory says (a directory that lies)', async () => {
    const p = file('liar.xlsx');
    const rows = [HEADER, ...Array.from({ length: 3000 }, (_, i) => person(`H${i}`, `名${i}`))];
    await writeHandXlsx(p, { rows });
    const buf = readFileSync(p);
    // Central directory entry of the sheet: signature 0x02014b50, uncompressed size at +24, name length at +28, name at +46.
    let patched = 0;
    for (let at = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])); at > 0; at--) {
      if (buf.readUInt32LE(at) !== 0x02014b50) continue;
      const name = buf.toString('utf8', at + 46, at + 46 + buf.readUInt16LE(at + 28));
      if (name === 'xl/worksheets/sheet1.xml') {
        buf.writeUInt32LE(2000, at + 24);
        patched++;
      }
    }
    expect(patched).toBe(1);
    writeFileSync(p, buf);
    const sizes = await inspectXlsx(p);
    expect(sizes.get('xl/worksheets/sheet1.xml')).toBe(2000);
    const e = await failure(p);
    expect(e.code).toBe('UNPACKED_TOO_LARGE');
  });

  it('refuses a cell longer than Excel allows, naming its row and column, in inline and shared strings and in CSV', async () => {
    const long = [...noise(MAX_CELL_CHARS + 1)].join('');
    const inline = file('long-inline.xlsx');
    await writeHandXlsx(inline, {
      rows: [HEADER, person('H1', '甲'), person('H1', '乙', '配偶'), person('H2', '丙', '户主', { inline: long })],
    });
    let e = await failure(inline);
    expect(e.code).toBe('CELL_TOO_LONG');
    expect(e.details).toMatchObject({ rowNumber: 4, column: 'E', maxChars: MAX_CELL_CHARS });
    expect(e.messageFor('zh-CN')).toContain('第 4 行 E 列');
    expect(e.messageFor('en')).toContain('Row 4, column E');

    const shared = file('long-shared.xlsx');
    await writeHandXlsx(shared, {
      rows: [HEADER, person('H1', '甲'), person('H2', '丙', '户主', { shared: 0 })],
      shared: [long],
      sharedOrder: 'before',
    });
    e = await failure(shared);
    expect(e.details).toMatchObject({ rowNumber: 3, column: 'E' });

    const csv = file('long.csv');
    writeFileSync(csv, `户编号,姓名,证件号码,与户主关系\nH1,甲,211381196003011234,户主\nH1,${long},211381196003011234,配偶\n`);
    e = await failure(csv);
    expect(e.details).toMatchObject({ rowNumber: 3, column: 'B' });
    // One character less is a cell like any other.
    writeFileSync(csv, `户编号,姓名,证件号码,与户主关系\nH1,甲,211381196003011234,户主,${long.slice(1)}\n`);
    expect((await readAll(csv)).length).toBe(1);
  });

  it('refuses a run of text past the parser bound in a sheet as soon as it is seen, naming the row', async () => {
    const p = file('run-sheet.xlsx');
    const rows = [
      HEADER,
      person('H1', '甲'),
      person('H1', '乙', '配偶'),
      person('H1', '丁', '之子', { inline: [...noise(MAX_XML_RUN + MB)].join('') }),
    ];
    await writeHandXlsx(p, { rows });
    const e = await failure(p);
    expect(e.code).toBe('CELL_TOO_LONG');
    expect(e.details).toMatchObject({ rowNumber: 4 });
  });

  it('reads one shared string of 150 MB with bounded memory and names the row that uses it', async () => {
    const p = file('huge-shared.xlsx');
    await writeHandXlsx(p, {
      rows: [HEADER, person('H1', '甲'), person('H2', '乙', '户主', { shared: 0 })],
      shared: [noise(150 * MB)],
      sharedOrder: 'before',
    });
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    gc();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    let e: InterchangeError;
    try {
      e = await failure(p);
    } finally {
      clearInterval(timer);
    }
    const growthMb = (Math.max(peak, process.memoryUsage().rss) - baseline) / MB;
    console.log(`150 MB shared string: RSS growth ${growthMb.toFixed(1)} MB`);
    expect(e.code).toBe('CELL_TOO_LONG');
    expect(e.details).toMatchObject({ rowNumber: 3, column: 'E' });
    expect(growthMb).toBeLessThan(80);
  }, 120_000);

  it('reads merged cells as their top-left value, whether exceljs unpacks the sheet to a file (no shared strings) or not', async () => {
    // (exceljs 4.4 loses a small hand-made file's shared strings when they follow the sheet: not a layout tested here.)
    for (const sharedOrder of ['none', 'before'] as const) {
      const p = file(`merged-${sharedOrder}.xlsx`);
      await writeHandXlsx(p, {
        rows: [
          ['北票市花名册', null, null, null, null],
          HEADER,
          [sharedOrder === 'none' ? 'H1' : { shared: 0 }, '甲', '211381196003011234', '户主', '同户'],
          [null, '乙', '211381196003011235', '配偶', null],
          [null, '丙', '211381196003011236', '之子', null],
          ['H2', '丁', '211381196003011237', '户主', null],
        ],
        shared: sharedOrder === 'none' ? [] : ['H1'],
        sharedOrder: 'before',
        merges: ['A1:E1', 'A3:A5', 'E3:E5'],
      });
      const rows = await readAll(p);
      expect(rows.map((r) => [r.rowNumber, r.cells.household_no, r.raw[4] ?? null])).toEqual([
        [3, 'H1', '同户'],
        [4, 'H1', '同户'],
        [5, 'H1', '同户'],
        [6, 'H2', null],
      ]);
    }
  });
});
