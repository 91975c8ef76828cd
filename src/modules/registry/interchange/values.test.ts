import { describe, expect, it } from 'vitest';
import { cleanCell, excelSerialToDate, flattenCell, isBlank, toAmount, toDate, toText, toYear } from './values.ts';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('cleanCell / flattenCell', () => {
  it('trims ASCII, NBSP, ideographic and zero-width spaces, and blanks become undefined', () => {
    expect(cleanCell('  张三\u3000')).toBe('张三');
    expect(cleanCell('\u00a0李四\u200b')).toBe('李四');
    expect(cleanCell('\ufeff王五\t\n')).toBe('王五');
    expect(cleanCell('张 三')).toBe('张 三');
    expect(cleanCell('\u3000 ')).toBeUndefined();
    expect(cleanCell(null)).toBeUndefined();
    expect(isBlank('   ')).toBe(true);
    expect(isBlank(0)).toBe(false);
  });

  it('keeps numbers, booleans and dates as they are', () => {
    expect(cleanCell(2.11381199001011e17)).toBe(2.11381199001011e17);
    expect(cleanCell(3520.5)).toBe(3520.5);
    expect(cleanCell(false)).toBe(false);
    expect(cleanCell(utc(2016, 3, 1))).toEqual(utc(2016, 3, 1));
  });

  it('flattens rich text, formulas, hyperlinks and errors (without trimming)', () => {
    expect(flattenCell({ richText: [{ text: '张' }, { text: '三 ', font: { bold: true } }] })).toBe('张三 ');
    expect(flattenCell({ formula: 'A1*2', result: 7040 })).toBe(7040);
    expect(flattenCell({ sharedFormula: 'B2', result: '户主' })).toBe('户主');
    expect(flattenCell({ formula: 'A1' })).toBeUndefined();
    expect(flattenCell({ text: '海丰村', hyperlink: 'http://x' })).toBe('海丰村');
    expect(flattenCell({ error: '#N/A' })).toBe('#N/A');
  });
});

describe('toText', () => {
  it('turns full-width digits, letters and brackets half-width and collapses spaces', () => {
    expect(toText('２１１３８１１９９００１０１１２３Ｘ')).toBe('21138119900101123X');
    expect(toText('（低保）　贫困户')).toBe('(低保) 贫困户');
    expect(toText(' 张\n  三 ')).toBe('张 三');
    expect(toText('')).toBeNull();
    expect(toText(2016)).toBe('2016');
    expect(toText(utc(2016, 3, 1))).toBe('2016-03-01');
  });
});

describe('toYear / toDate', () => {
  it.each([
    [2016, 2016, utc(2016, 1, 1)],
    ['2016', 2016, utc(2016, 1, 1)],
    ['2016年', 2016, utc(2016, 1, 1)],
    ['2016年度', 2016, utc(2016, 1, 1)],
    ['２０１６年', 2016, utc(2016, 1, 1)],
    ['2016-03-01', 2016, utc(2016, 3, 1)],
    ['2016/3/1', 2016, utc(2016, 3, 1)],
    ['2016.3.1', 2016, utc(2016, 3, 1)],
    ['2016.3', 2016, utc(2016, 3, 1)],
    ['2016-03', 2016, utc(2016, 3, 1)],
    ['2016年3月', 2016, utc(2016, 3, 1)],
    ['2016年3月1日', 2016, utc(2016, 3, 1)],
    ['20160301', 2016, utc(2016, 3, 1)],
    ['2016-03-01 08:30:00', 2016, utc(2016, 3, 1)],
    [42430, 2016, utc(2016, 3, 1)], // Excel serial of 2016-03-01
    [42430.75, 2016, utc(2016, 3, 1)],
    [utc(2017, 12, 31), 2017, utc(2017, 12, 31)],
  ])('%j → %s, %s', (value, year, date) => {
    expect(toYear(value)).toBe(year);
    expect(toDate(value)).toEqual(date);
  });

  it.each(['', '16', 'abc', '2016-13-01', '2016-02-30', '1800', true, null])('%j is no date', (value) => {
    expect(toYear(value)).toBeNull();
    expect(toDate(value)).toBeNull();
  });

  it('reads Excel serials in the 1900 system, around its phantom 29 Feb 1900', () => {
    expect(excelSerialToDate(1)).toEqual(utc(1900, 1, 1));
    expect(excelSerialToDate(59)).toEqual(utc(1900, 2, 28));
    expect(excelSerialToDate(61)).toEqual(utc(1900, 3, 1));
    expect(excelSerialToDate(43101)).toEqual(utc(2018, 1, 1));
    expect(excelSerialToDate(0)).toBeNull();
  });
});

describe('toAmount', () => {
  it.each([
    [3520, 3520],
    [3520.5, 3520.5],
    ['3520', 3520],
    ['3,520', 3520],
    ['3，520', 3520],
    ['３５２０元', 3520],
    ['3520 元', 3520],
    ['￥3,520.00', 3520],
    ['¥3520.5', 3520.5],
    ['0.35万', 3500],
    ['0.35万元', 3500],
    ['-12.5', -12.5],
  ])('%j → %s', (value, amount) => {
    expect(toAmount(value)).toBe(amount);
  });

  it.each(['', '-', 'abc', '1,23', '3520元5', null])('%j is no amount', (value) => {
    expect(toAmount(value)).toBeNull();
  });
});
