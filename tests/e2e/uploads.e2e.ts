// Uploads browser test: a county clerk (北票市) uploads a workbook with one over-long cell (its preview fails and
// names the row) and a zip-bomb-like workbook (refused at once, with the reason), in Chinese.
// Run by tests/e2e/run.mjs (npm run test:e2e).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { writeHandXlsx } from '../support/hand-xlsx.js';
import type { E2EContext, Step } from './foundation.e2e.ts';

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-e2e-uploads-'));

async function snap(page: Page, shot: E2EContext['shot'], name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(150);
  await shot(name);
}

async function signIn(ctx: E2EContext) {
  const { page, baseUrl, context } = ctx;
  await context.clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.evaluate(() => localStorage.setItem('fupin_lang', 'zh-CN'));
  await page.reload();
  await byTestId(page, 'login-username').fill('beipiao');
  await byTestId(page, 'login-password').fill('Fupin@2017');
  await byTestId(page, 'login-submit').click();
  await byTestId(page, 'home-title').waitFor();
}

async function choose(page: Page, baseUrl: string, file: string) {
  await page.goto(`${baseUrl}/registry/import`);
  await byTestId(page, 'import-dropzone').waitFor();
  await byTestId(page, 'import-file-input').setInputFiles(file);
}

export const steps: Step[] = [
  {
    name: 'uploads: a cell over 32,767 characters fails the preview, naming its row',
    timeout: 120_000,
    run: async (ctx) => {
      const { page, baseUrl, shot } = ctx;
      await signIn(ctx);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('花名册');
      ws.addRow(['户编号', '姓名', '证件号码', '与户主关系', '备注']);
      ws.addRow(['LONG1', '王大山', '211381196003011234', '户主', '']);
      ws.addRow(['LONG1', '刘桂兰', '211381196207151222', '配偶', '长'.repeat(40_000)]);
      const file = path.join(tmp, '超长单元格.xlsx');
      await wb.xlsx.writeFile(file);
      await choose(page, baseUrl, file);
      const failed = byTestId(page, 'import-failed-message');
      await failed.waitFor({ timeout: 60_000 });
      const text = (await failed.textContent()) ?? '';
      assert.match(text, /第 3 行 E 列的单元格内容过长/, text);
      await snap(page, shot, 'u01-cell-too-long');
    },
  },
  {
    name: 'uploads: a workbook that unpacks to a hundred times its size is refused at once, with the reason',
    timeout: 120_000,
    run: async ({ page, baseUrl, shot }) => {
      const file = path.join(tmp, '压缩炸弹.xlsx');
      await writeHandXlsx(file, {
        rows: [
          ['户编号', '姓名', '证件号码', '与户主关系'],
          [{ shared: 0 }, '王', '211381196003011234', '户主'],
        ],
        shared: [Array(20).fill('a'.repeat(1 << 20))],
        sharedOrder: 'before',
      });
      assert.ok(fs.statSync(file).size < 200 * 1024);
      await choose(page, baseUrl, file);
      const refused = page.getByText(/解压后为压缩大小的 \d+ 倍/).first();
      await refused.waitFor({ timeout: 30_000 });
      await snap(page, shot, 'u02-zip-bomb-refused');
    },
  },
];
