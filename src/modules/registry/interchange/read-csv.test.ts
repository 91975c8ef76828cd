import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { failure, file, readAll } from './read.test-support.ts';
import { type ReadProgress, readRows, type SheetRow } from './read.ts';

/** Reading CSV and tab-separated text: encodings, quoting, chunks, progress. */

describe('readRows: csv', () => {
  const lines = [
    '北票市建档立卡贫困人口花名册,,,,,',
    '户编号,姓名,证件号码,与户主关系,乡（镇）,人均纯收入（元）',
    'H0001,张三,211381199001011234,户主,台吉镇,"3,520"',
    ',,,,,',
    'H0001,"李四, 小名",2.11381E+17,之子,台吉镇,3520',
    'H0002,"王""五""",="211381199001011234",户主,台吉镇,',
  ];

  const check = (rows: SheetRow[]) => {
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 5, 6]);
    expect(rows[0].cells).toEqual({
      household_no: 'H0001',
      name: '张三',
      id_number: '211381199001011234',
      relation: '户主',
      township: '台吉镇',
      income_per_capita: '3,520',
    });
    expect(rows[1].cells.name).toBe('李四, 小名');
    expect(rows[1].cells.id_number).toBe('2.11381E+17');
    expect(rows[2].cells.name).toBe('王"五"');
    expect(rows[2].cells.id_number).toBe('211381199001011234');
  };

  it('reads GBK (decided from the bytes)', async () => {
    writeFileSync(file('gbk.csv'), iconv.encode(lines.join('\r\n'), 'gbk'));
    const { header, rows } = await readAll({ path: file('gbk.csv') });
    expect(header.encoding).toBe('gb18030');
    expect(header.headerRowNumber).toBe(2);
    check(rows);
  });

  it('reads UTF-8 with a BOM', async () => {
    writeFileSync(file('bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`)]));
    const { header, rows } = await readAll({ path: file('bom.csv') });
    expect(header.encoding).toBe('utf-8-bom');
    expect(header.header[0]).toBe('户编号');
    check(rows);
  });

  it('reads plain UTF-8 with CRLF, quoted commas, quotes and line breaks', async () => {
    const text = [...lines, 'H0003,"赵\r\n六",211381199001011234,户主,台吉镇,1'].join('\r\n');
    writeFileSync(file('utf8.csv'), Buffer.from(text, 'utf8'));
    const { header, rows } = await readAll({ path: file('utf8.csv') });
    expect(header.encoding).toBe('utf-8');
    expect(header.delimiter).toBe(',');
    check(rows.slice(0, 3));
    expect(rows[3].rowNumber).toBe(7);
    expect(rows[3].cells.name).toBe('赵\r\n六');
  });

  it('keeps a quote inside an unquoted cell as text, and reads quoted cells across chunks, whatever the pace of the reader', async () => {
    const filler = Array.from({ length: 60_000 }, (_, i) => `H${i},"张,三${i}",211381199001011234,户主,台吉镇,1`);
    const text = [lines[1], '1,王"五,211381199001011234,户主,台吉镇,1', ...filler, 'H7,"赵\n六",211381199001011234,户主,台吉镇,1'].join(
      '\n',
    );
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024); // more than the longest record, read ahead while the reader waits
    writeFileSync(file('chunks.csv'), Buffer.from(text, 'utf8'));
    const reader = readRows({ path: file('chunks.csv') });
    const rows: SheetRow[] = [];
    for await (const batch of reader.batches()) {
      rows.push(...batch);
      await new Promise((r) => setTimeout(r, 30)); // a slow consumer, as an import writing to its database
    }
    expect(rows).toHaveLength(60_002);
    expect(rows[0].cells.name).toBe('王"五');
    expect(rows[4321].cells.name).toBe('张,三4320');
    expect(rows.at(-1)?.cells.name).toBe('赵\n六');
  });

  it.each([
    ['a quote left open to the end of the file', '"赵六'],
    ['a quote left open over more than a megabyte', `"赵六${'，'.repeat(600_000)}\n${'H1,张三\n'.repeat(100_000)}`],
  ])('reports %s as unreadable, naming the row', async (_, name) => {
    writeFileSync(file('open.csv'), Buffer.from(`${lines[1]}\nH1,张三,211381199001011234,户主\nH2,${name},211381199001011234,户主\n`));
    const e = await failure({ path: file('open.csv') });
    expect(e.code).toBe('UNREADABLE_FILE');
    expect(e.messageFor('zh-CN')).toContain('无法读取');
    expect(e.messageFor('en')).toMatch(/row 3/);
  });

  it('reads tab-separated UTF-16 (Excel "Unicode text")', async () => {
    const text = `${lines.map((l) => l.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\t')).join('\r\n')}\r\n`;
    writeFileSync(file('utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { header, rows } = await readAll({ path: file('utf16.csv') });
    expect(header.encoding).toBe('utf-16le');
    expect(header.delimiter).toBe('\t');
    expect(rows[0].cells.name).toBe('张三');
  });

  it('decides GBK from the first non-ASCII bytes even when they come after 64 KB of ASCII', async () => {
    const ascii = ['Household number,Name,ID number,Relation to head'];
    for (let i = 0; i < 2000; i++) ascii.push(`H${i},Zhang San,211381199001011234,head`);
    const tail = ['H9999,欧阳修文,211381199001011234,户主'];
    const bytes = Buffer.concat([Buffer.from(`${ascii.join('\n')}\n`), iconv.encode(tail.join('\n'), 'gbk')]);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    writeFileSync(file('late-gbk.csv'), bytes);
    const { header, rows } = await readAll({ path: file('late-gbk.csv') });
    expect(header.encoding).toBe('gb18030');
    expect(rows.at(-1)?.cells.name).toBe('欧阳修文');
    expect(rows).toHaveLength(2001);
  });

  it('estimates the rows and reports progress up to the whole file', async () => {
    const seen: ReadProgress[] = [];
    const { header, rows } = await readAll({ path: file('late-gbk.csv') }, { onProgress: (p) => seen.push(p), progressIntervalMs: 0 });
    expect(header.totalRowsEstimate).toBeGreaterThan(1500);
    expect(header.totalRowsEstimate).toBeLessThan(2500);
    const last = seen.at(-1);
    expect(last?.phase).toBe('done');
    expect(last?.rows).toBe(rows.length);
    expect(last?.bytesRead).toBe(last?.totalBytes);
  });
});
