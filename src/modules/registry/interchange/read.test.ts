import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { clerkWorkbook, failure, file, readAll } from './read.test-support.ts';
import { readRows } from './read.ts';

/** Reading workbooks, and whole-file failures (which reuse the clerk's workbook); CSV and text files are in read-csv.test.ts. */

describe('readRows: xlsx', () => {
  it('finds the header below merged title rows and maps reordered, variant headers', async () => {
    await clerkWorkbook('clerk.xlsx');
    const { header, rows } = await readAll({ path: file('clerk.xlsx') });
    expect(header.format).toBe('xlsx');
    expect(header.sheetName).toBe('花名册');
    expect(header.headerRowNumber).toBe(3);
    expect(header.totalRowsEstimate).toBe(7); // from the sheet's <dimension ref="A1:M10">: rows 4–10
    expect(header.ignoredColumns).toEqual(['序号', '备注']);
    expect(header.missingColumns).toContain('village_code');
    expect(header.missingColumns).not.toContain('county');
    expect(header.header[2]).toBe('身份证\n号码');
    expect([...header.mapping.values()]).toEqual([
      'name',
      'id_number',
      'relation',
      'household_no',
      'county',
      'township',
      'village',
      'year_identified',
      'income_per_capita',
      'phone',
      'planned_exit_year',
    ]);
    expect(rows.map((r) => r.rowNumber)).toEqual([4, 6, 7, 10]);
  });

  it('passes cells through: trimmed text, numbers stay numbers, dates, rich text and formulas flattened', async () => {
    const { rows } = await readAll({ path: file('clerk.xlsx') });
    const [r4, r6, r7, r10] = rows;
    expect(r4.cells).toEqual({
      name: '张三',
      id_number: '211381199001011234',
      relation: '户主',
      household_no: 'H0001',
      county: '北票市',
      township: '台吉镇',
      village: '海丰村',
      year_identified: 2016,
      income_per_capita: 3520,
      phone: '13800000000',
      planned_exit_year: 2018,
    });
    // The ID that Excel made a number arrives as that number, never as a string of digits.
    expect(r6.cells.id_number).toBe(2.11381199001011e17);
    expect(typeof r6.cells.id_number).toBe('number');
    expect(r6.cells.name).toBe('李四');
    expect(r6.cells.year_identified).toBe(42430);
    expect(r6.cells.income_per_capita).toBe('3,520');
    expect(r6.cells.phone).toBe(13800000000);
    expect(r6.cells.planned_exit_year).toEqual(new Date(Date.UTC(2018, 11, 31)));
    // Scientific notation typed as text stays exactly that text.
    expect(r7.cells.id_number).toBe('2.11381E+17');
    expect(r7.cells.name).toBe('王五');
    expect(r7.cells.income_per_capita).toBe(7040);
    expect(r7.cells.year_identified).toBe('2016年');
    expect(r10.cells.id_number).toBe('21138119900101123x');
  });

  it('keeps the raw cells as they were for the error report', async () => {
    const { rows } = await readAll({ path: file('clerk.xlsx') });
    expect(rows[0].raw).toEqual([
      1,
      '张三\u3000',
      '211381199001011234',
      '户主',
      'H0001',
      '北票市',
      '台吉镇',
      '海丰村',
      2016,
      3520,
      '13800000000',
      null,
      2018,
    ]);
    expect(rows[2].raw[1]).toBe('\u00a0王五 ');
    expect(rows[2].raw[9]).toBe(7040);
  });

  it('reads from a stream as well as from a path', async () => {
    const stream = Readable.from([readFileSync(file('clerk.xlsx'))]);
    const { header, rows } = await readAll({ stream, filename: 'upload.XLSX' });
    expect(header.headerRowNumber).toBe(3);
    expect(rows).toHaveLength(4);
  });

  it('skips a first sheet without a header (instructions) and hidden sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet('填表说明');
    for (let i = 1; i <= 15; i++) notes.addRow([`第${i}条：请按要求填写`]);
    const hidden = wb.addWorksheet('代码表', { state: 'hidden' });
    hidden.addRow(['姓名', '证件号码', '户编号', '与户主关系']);
    hidden.addRow(['隐藏', '1', '1', '1']);
    const data = wb.addWorksheet('数据');
    data.addRow(['户编号', '姓名', '证件号码', '与户主关系']);
    data.addRow(['H1', '张三', '211381199001011234', '户主']);
    await wb.xlsx.writeFile(file('sheets.xlsx'));
    const { header, rows } = await readAll({ path: file('sheets.xlsx') });
    expect(header.sheetName).toBe('数据');
    expect(rows.map((r) => r.cells.name)).toEqual(['张三']);
  });

  it('lets a caller stop early and close the file', async () => {
    const reader = readRows({ path: file('clerk.xlsx') });
    for await (const row of reader) {
      expect(row.rowNumber).toBe(4);
      break;
    }
    const other = readRows({ path: file('clerk.xlsx') });
    await other.header();
    await other.close();
  });
});

describe('readRows: whole-file failures', () => {
  it('refuses an unsupported extension', async () => {
    writeFileSync(file('old.xls'), randomBytes(100));
    const e = await failure({ path: file('old.xls') });
    expect(e.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(e.messageFor('zh-CN')).toContain('.xlsx');
    expect(e.messageFor('zh-CN')).toContain('另存为');
    expect((await failure({ stream: Readable.from(['x']), filename: 'report.pdf' })).code).toBe('UNSUPPORTED_FILE_TYPE');
  });

  it.each([
    ['random bytes', () => randomBytes(20_000)],
    ['an empty file', () => Buffer.alloc(0)],
    ['a CSV named .xlsx', () => Buffer.from('姓名,证件号码\n张三,1\n')],
  ])('reports %s named .xlsx as unreadable', async (_, bytes) => {
    writeFileSync(file('bad.xlsx'), bytes());
    const e = await failure({ path: file('bad.xlsx') });
    expect(e.code).toBe('UNREADABLE_FILE');
    expect(e.messageFor('zh-CN')).toContain('无法读取');
  });

  it('reports a truncated and a damaged zip as unreadable, without hanging', async () => {
    await clerkWorkbook('whole.xlsx');
    const whole = readFileSync(file('whole.xlsx'));
    writeFileSync(file('truncated.xlsx'), whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect((await failure({ path: file('truncated.xlsx') })).code).toBe('UNREADABLE_FILE');
    const damaged = Buffer.from(whole);
    damaged.fill(0, Math.floor(whole.length * 0.3), Math.floor(whole.length * 0.3) + 300);
    writeFileSync(file('damaged.xlsx'), damaged);
    expect((await failure({ path: file('damaged.xlsx') }, { stallTimeoutMs: 5000 })).code).toBe('UNREADABLE_FILE');
  });

  it('reports a missing header row with the required columns it could not find', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['花名册']);
    ws.addRow(['姓名', '性别', '备注']);
    for (let i = 0; i < 20; i++) ws.addRow([`人${i}`, '男', '']);
    await wb.xlsx.writeFile(file('noheader.xlsx'));
    const e = await failure({ path: file('noheader.xlsx') });
    expect(e.code).toBe('NO_HEADER_ROW');
    expect(e.details.missing).toEqual(['household_no', 'id_number', 'relation']);
    expect(e.messageFor('zh-CN')).toContain('户编号、证件号码、与户主关系');
    expect(e.messageFor('en')).toContain('Household number, ID number, Relation to head');

    writeFileSync(file('noheader.csv'), '一,二,三\n1,2,3\n');
    const c = await failure({ path: file('noheader.csv') });
    expect(c.code).toBe('NO_HEADER_ROW');
    expect(c.details.missing).toEqual(['household_no', 'name', 'id_number', 'relation']);
  });

  it('reports a header without the required columns, unless told which columns it needs', async () => {
    writeFileSync(file('partial.csv'), '姓名,性别,民族,身份证号\n张三,男,汉族,211381199001011234\n');
    const e = await failure({ path: file('partial.csv') });
    expect(e.code).toBe('MISSING_COLUMNS');
    expect(e.details.missing).toEqual(['household_no', 'relation']);
    expect(e.messageFor('zh-CN')).toBe('表头（第 1 行）缺少必需列：户编号、与户主关系');
    const { header, rows } = await readAll({ path: file('partial.csv') }, { requiredColumns: ['name'] });
    expect(header.missingColumns).toContain('household_no');
    expect(rows[0].cells).toEqual({ name: '张三', gender: '男', ethnicity: '汉族', id_number: '211381199001011234' });
  });

  it('refuses files over the size limit, known up front or found while reading', async () => {
    writeFileSync(file('big.csv'), `户编号,姓名,证件号码,与户主关系\n${'H1,张三,1,户主\n'.repeat(1000)}`);
    expect((await failure({ path: file('big.csv') }, { maxBytes: 1000 })).code).toBe('FILE_TOO_LARGE');
    const stream = Readable.from([readFileSync(file('big.csv'))]);
    const e = await failure({ stream, filename: 'big.csv' }, { maxBytes: 1000 });
    expect(e.code).toBe('FILE_TOO_LARGE');
    const x = await failure({ stream: Readable.from([readFileSync(file('clerk.xlsx'))]), filename: 'a.xlsx' }, { maxBytes: 1000 });
    expect(x.code).toBe('FILE_TOO_LARGE');
  });

  it('refuses more data rows than the limit', async () => {
    const e = await failure({ path: file('big.csv') }, { maxRows: 100 });
    expect(e.code).toBe('TOO_MANY_ROWS');
    expect(e.details.rowNumber).toBe(102);
    const x = await failure({ path: file('clerk.xlsx') }, { maxRows: 2 });
    expect(x.code).toBe('TOO_MANY_ROWS');
    expect(x.details.rowNumber).toBe(7);
  });

  it('rejects the header promise and the iteration alike', async () => {
    writeFileSync(file('noheader2.csv'), '一,二,三\n1,2,3\n');
    const reader = readRows({ path: file('noheader2.csv') });
    await expect(reader.header()).rejects.toMatchObject({ code: 'NO_HEADER_ROW' });
    await expect(
      (async () => {
        for await (const _ of reader) {
          // nothing
        }
      })(),
    ).rejects.toMatchObject({ code: 'NO_HEADER_ROW' });
  });
});
