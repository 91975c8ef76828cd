import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, expect } from 'vitest';
import { InterchangeError } from './errors.ts';
import { type ReadOptions, readRows, type SheetInput, type SheetRow } from './read.ts';

/** What the tests of the sheet reader (read*.test.ts) share: a scratch folder per test file, reading helpers, a clerk's workbook. */

const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-interchange-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

export const file = (name: string) => path.join(dir, name);

export async function readAll(input: SheetInput, opts?: ReadOptions) {
  const reader = readRows(input, opts);
  const header = await reader.header();
  const rows: SheetRow[] = [];
  for await (const row of reader) rows.push(row);
  return { header, rows };
}

export async function failure(input: SheetInput, opts?: ReadOptions): Promise<InterchangeError> {
  try {
    await readAll(input, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(InterchangeError);
    return e as InterchangeError;
  }
  throw new Error('expected the read to fail');
}

/** A clerk's workbook, made with exceljs' ordinary (non-streaming) API, independent of write.ts. */
export async function clerkWorkbook(name: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.getCell('A1').value = '北票市台吉镇2016年建档立卡贫困人口花名册';
  ws.mergeCells('A1:M1');
  ws.getCell('A2').value = { richText: [{ text: '填报单位：' }, { text: '台吉镇人民政府', font: { bold: true } }] };
  ws.mergeCells('A2:F2');
  // Reordered columns, full-width brackets, a line break inside a header, variants, and unknown columns.
  ws.getRow(3).values = [
    '序号',
    '姓名',
    '身份证\n号码',
    '与户主关系',
    '户编号',
    '县（市、区）',
    '乡（镇）',
    '村',
    '识别年度',
    '人均纯收入（元）',
    '联系电话',
    '备注',
    '计划脱贫年度',
  ];
  ws.getRow(4).values = [
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
    '',
    2018,
  ];
  // row 5 left empty; row 6: the ID turned into a number by Excel, a serial date, a rich-text name
  ws.getRow(6).values = [
    2,
    { richText: [{ text: '李' }, { text: '四', font: { italic: true } }] },
    2.11381199001011e17, // what Excel keeps of 211381199001011234: 15 significant digits
    '之子',
    'H0001',
    '北票市',
    '台吉镇',
    '海丰村',
    42430,
    '3,520',
    13800000000,
    '',
    new Date(Date.UTC(2018, 11, 31)),
  ];
  // row 7: the ID as text in scientific notation, a formula, a name with NBSP around it
  ws.getRow(7).values = [
    3,
    '\u00a0王五 ',
    '2.11381E+17',
    '之女',
    'H0001',
    '北票市',
    '台吉镇',
    '海丰村',
    '2016年',
    { formula: 'J4*2', result: 7040 },
  ];
  // row 8: only the 序号 filled in (a pre-numbered template row): empty as far as data goes
  ws.getRow(8).values = [4];
  ws.getRow(10).values = [5, '赵六', '21138119900101123x', '户主', 'H0002', '北票市', '台吉镇', '海丰村'];
  await wb.xlsx.writeFile(file(name));
}
