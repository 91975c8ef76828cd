import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InterchangeError } from '../registry/interchange/errors.ts';
import { readRows } from '../registry/interchange/read.ts';
import { writeSheetCsv, writeSheetXlsx } from '../registry/interchange/write.ts';
import { POSTINGS, type PostingColumnId, resolvePartyMember, resolveRole, resolveUnitLevel } from './interchange.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-postings-'));

describe('the postings column set', () => {
  it('has the 16 headers of the issue in order, and no spelling that names two columns', () => {
    expect(POSTINGS.ids.map((id) => POSTINGS.label(id, 'zh-CN'))).toEqual([
      '姓名',
      '证件号码',
      '性别',
      '派出单位',
      '派出单位层级',
      '职务',
      '是否党员',
      '联系电话',
      '市',
      '县(市、区)',
      '乡(镇)',
      '行政村',
      '村代码',
      '驻村身份',
      '任职开始日期',
      '任职结束日期',
    ]);
    expect(POSTINGS.conflicts).toEqual([]);
  });

  it('recognises headers as clerks write them', () => {
    const header = [
      '序号',
      '名字',
      '身份证号',
      '单位',
      '单位级别',
      '现任职务',
      '政治面貌',
      '手机号码',
      '村',
      '村编码',
      '身份',
      '开始日期',
      '结束日期',
    ];
    const m = POSTINGS.matchRow(header);
    expect(m && [...m.mapping.values()]).toEqual([
      'name',
      'id_number',
      'unit',
      'unit_level',
      'post',
      'party_member',
      'phone',
      'village',
      'village_code',
      'role',
      'start_date',
      'end_date',
    ]);
    expect(m?.ignored).toEqual(['序号']);
    expect(POSTINGS.match('驻村职务')).toBe('role');
    expect(POSTINGS.match('职务')).toBe('post');
    expect(POSTINGS.match('县（市、区）')).toBe('county');
  });

  it('reads the values of role, unit level and party membership, and nothing else', () => {
    expect(['第一书记', '书记', ' 工作队队长 ', '队长', '工作队员', '队员', '村支书'].map(resolveRole)).toEqual([
      'first_secretary',
      'first_secretary',
      'team_leader',
      'team_leader',
      'team_member',
      'team_member',
      null,
    ]);
    expect(['省级', '市级', '县级', '乡镇级', '乡镇', '县(市、区)级', '部级'].map(resolveUnitLevel)).toEqual([
      'province',
      'city',
      'county',
      'township',
      'township',
      'county',
      null,
    ]);
    expect(['是', '否', '中共党员', '预备党员', '群众', true, '也许'].map(resolvePartyMember)).toEqual([
      true,
      false,
      true,
      true,
      false,
      true,
      null,
    ]);
  });

  it('is written and read by the register interchange layer: xlsx with a title row, csv, and the header checks', async () => {
    const row: Partial<Record<PostingColumnId, string | Date>> = {
      name: '李书记',
      id_number: '211302198202020310',
      unit: '北票市农业农村局',
      unit_level: '县级',
      role: '第一书记',
      village_code: '211381109201',
      start_date: new Date(Date.UTC(2024, 3, 1)),
    };
    const xlsx = path.join(dir, 'postings.xlsx');
    await writeSheetXlsx(xlsx, [row], { lang: 'zh-CN', title: '北票市驻村干部花名册', columnSet: POSTINGS });
    const reader = readRows({ path: xlsx }, { columns: POSTINGS });
    const header = await reader.header();
    expect(header.headerRowNumber).toBe(2);
    expect(header.sheetName).toBe('驻村干部');
    const rows = [];
    for await (const r of reader) rows.push(r);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.rowNumber).toBe(3);
    expect(rows[0]?.cells).toEqual(row);

    const csv = path.join(dir, 'postings.csv');
    await writeSheetCsv(csv, [row], { lang: 'en', columnSet: POSTINGS });
    const en = [];
    for await (const r of readRows({ path: csv }, { columns: POSTINGS })) en.push(r.cells);
    expect(en).toEqual([{ ...row, start_date: '2024-04-01' }]);

    // The register's reader does not take this file for a register; the postings' reader names what a file lacks.
    await expect(readRows({ path: xlsx }).header()).rejects.toMatchObject({ code: 'MISSING_COLUMNS' });
    const partial = path.join(dir, 'partial.csv');
    writeFileSync(partial, '姓名,证件号码,行政村,职务\r\n李书记,211302198202020310,海丰村,科员\r\n');
    const e = await readRows({ path: partial }, { columns: POSTINGS })
      .header()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InterchangeError);
    expect((e as InterchangeError).messageFor('zh-CN')).toBe('表头（第 1 行）缺少必需列：派出单位、驻村身份、任职开始日期');
  });
});
