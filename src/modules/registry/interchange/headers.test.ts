import { describe, expect, it } from 'vitest';
import { COLUMN_IDS, COLUMNS, HEADER_CONFLICTS, matchHeader, matchHeaderRow } from './headers.ts';

const CANONICAL = [
  '市',
  '县(市、区)',
  '乡(镇)',
  '行政村',
  '村代码',
  '户编号',
  '姓名',
  '证件号码',
  '与户主关系',
  '性别',
  '民族',
  '文化程度',
  '在校生状况',
  '健康状况',
  '劳动技能',
  '务工状况',
  '是否参加城乡居民基本医疗保险',
  '贫困户属性',
  '主要致贫原因',
  '识别年度',
  '计划脱贫年度',
  '脱贫年度',
  '户状态',
  '人均纯收入(元)',
  '帮扶责任人',
  '联系电话',
];

describe('interchange columns', () => {
  it('are the 26 columns of the format, in order, with unique snake_case ids', () => {
    expect(COLUMNS.map((c) => c.zh)).toEqual(CANONICAL);
    expect(new Set(COLUMN_IDS).size).toBe(26);
    for (const id of COLUMN_IDS) expect(id).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('have no spelling that names two columns', () => {
    expect(HEADER_CONFLICTS).toEqual([]);
  });
});

describe('matchHeader', () => {
  it.each([
    ['县(市、区)', 'county'],
    ['县（市、区）', 'county'],
    ['县', 'county'],
    ['县(市,区)', 'county'],
    ['县（市，区）', 'county'],
    ['乡(镇)', 'township'],
    ['乡镇', 'township'],
    ['乡（镇、街道）', 'township'],
    ['乡(镇、街道)', 'township'],
    ['村', 'village'],
    ['行政村', 'village'],
    ['身份证号', 'id_number'],
    ['身份证号码', 'id_number'],
    ['证件\n号码', 'id_number'],
    [' 证件号码 ', 'id_number'],
    ['证件　号码', 'id_number'],
    ['*证件号码', 'id_number'],
    ['人均纯收入（元）', 'income_per_capita'],
    ['人均纯收入', 'income_per_capita'],
    ['人均纯\r\n收入(元)', 'income_per_capita'],
    ['ID number', 'id_number'],
    ['id_number', 'id_number'],
    ['Per-capita net income (yuan)', 'income_per_capita'],
    ['VILLAGE CODE', 'village_code'],
    ['Household number', 'household_no'],
    ['Relation to head', 'relation'],
    ['是否参加城乡居民基本医疗保险', 'medical_insurance'],
  ])('%j → %s', (text, id) => {
    expect(matchHeader(text)).toBe(id);
  });

  it.each(['序号', '备注', '', '朝阳市', '张三', '户主', '211381199001011234', '村民小组'])('%j is no column', (text) => {
    expect(matchHeader(text)).toBeNull();
  });

  it('knows every canonical and English header', () => {
    for (const c of COLUMNS) {
      expect(matchHeader(c.zh)).toBe(c.id);
      expect(matchHeader(c.en)).toBe(c.id);
    }
  });
});

describe('matchHeaderRow', () => {
  it('maps columns in any order, reports unknown ones as ignored and the absent ones as missing', () => {
    const m = matchHeaderRow(['序号', '姓名', '身份证号码', '与户主关系', '户编号', '备注', '', '村']);
    expect(m).not.toBeNull();
    expect([...(m?.mapping ?? [])]).toEqual([
      [1, 'name'],
      [2, 'id_number'],
      [3, 'relation'],
      [4, 'household_no'],
      [7, 'village'],
    ]);
    expect(m?.ignored).toEqual(['序号', '备注']);
    expect(m?.missing).toHaveLength(21);
    expect(m?.missing[0]).toBe('city');
    expect(m?.missing).not.toContain('name');
  });

  it('keeps the first of a repeated column and ignores the repeat', () => {
    const m = matchHeaderRow(['姓名', '证件号码', '户编号', '姓名']);
    expect([...(m?.mapping.keys() ?? [])]).toEqual([0, 1, 2]);
    expect(m?.ignored).toEqual(['姓名']);
  });

  it('matches the full canonical row and the English row', () => {
    expect(matchHeaderRow(CANONICAL)?.missing).toEqual([]);
    expect(matchHeaderRow(COLUMNS.map((c) => c.en))?.missing).toEqual([]);
  });

  it('does not take a title row, a data row or an empty row for a header', () => {
    expect(matchHeaderRow(['北票市2016年建档立卡贫困人口花名册'])).toBeNull();
    expect(
      matchHeaderRow(['朝阳市', '北票市', '台吉镇', '海丰村', '211381100200', 'H001', '张三', '211381199001011234', '户主']),
    ).toBeNull();
    expect(matchHeaderRow([])).toBeNull();
    expect(matchHeaderRow(['姓名', '性别'])).toBeNull(); // fewer than three recognised headers
  });
});
