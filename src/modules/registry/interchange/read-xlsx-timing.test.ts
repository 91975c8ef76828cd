import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { file, readAll } from './read.test-support.ts';

/**
 * Reads where exceljs is slow to take a part while the zip parser runs ahead to the end of the file (CI saw it:
 * 1 read in 400 lost xl/workbook.xml and failed as "damaged"). The slowness is made certain here by delaying the
 * creation of the temporary files exceljs spools sheets to (the `tmp` package opens them with fs.open).
 */
const realOpen = fs.open;
afterEach(() => {
  fs.open = realOpen;
});

function delaySpoolFiles(ms: number) {
  fs.open = ((...args: Parameters<typeof realOpen>) => {
    const name = String(args[0]);
    if (/[\\/]tmp-\d+-/.test(name)) setTimeout(() => (realOpen as (...a: unknown[]) => void)(...args), ms);
    else (realOpen as (...a: unknown[]) => void)(...args);
  }) as typeof realOpen;
}

async function threeSheets(name: string) {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('填表说明');
  for (let i = 1; i <= 15; i++) notes.addRow([`第${i}条：请按要求填写`]);
  wb.addWorksheet('代码表', { state: 'hidden' }).addRow(['姓名', '证件号码', '户编号', '与户主关系']);
  const data = wb.addWorksheet('数据');
  data.addRow(['户编号', '姓名', '证件号码', '与户主关系']);
  data.addRow(['H1', '张三', '211381199001011234', '户主']);
  data.addRow(['H1', '李四', '211381199201011236', '配偶']);
  await wb.xlsx.writeFile(file(name));
}

describe('readRows: xlsx parts taken slowly', () => {
  it('reads every part when the parser reaches the end of the file before exceljs takes them (workbook.xml last)', async () => {
    await threeSheets('slow.xlsx');
    delaySpoolFiles(150);
    const { header, rows } = await readAll({ path: file('slow.xlsx') });
    expect(header.sheetName).toBe('数据');
    expect(rows.map((r) => r.cells.name)).toEqual(['张三', '李四']);
  });

  it('skips sheets whose spooled file is removed while its stream is still opening, without an unheard error', async () => {
    await threeSheets('skip.xlsx');
    // Opening the skipped sheets' files (not creating them) is what is slowed: exceljs removes them meanwhile.
    fs.open = ((...args: Parameters<typeof realOpen>) => {
      const [name, flags] = args as unknown as [string, unknown];
      const reading = flags === undefined || flags === 'r' || flags === fs.constants.O_RDONLY;
      if (/[\\/]tmp-\d+-/.test(String(name)) && reading) setTimeout(() => (realOpen as (...a: unknown[]) => void)(...args), 50);
      else (realOpen as (...a: unknown[]) => void)(...args);
    }) as typeof realOpen;
    const unheard: unknown[] = [];
    const listen = (e: unknown) => unheard.push(e);
    process.on('uncaughtException', listen);
    try {
      const { header, rows } = await readAll({ path: file('skip.xlsx') });
      expect(header.sheetName).toBe('数据');
      expect(rows).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 200)); // the dropped streams' opens have all come back
    } finally {
      process.off('uncaughtException', listen);
    }
    // In a server such an error ends the process: one skipped sheet would take every user's session down.
    expect(unheard).toEqual([]);
  });
});
