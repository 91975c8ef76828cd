// Search, lists and exports in the browser (issue 10): the county user (北票市) finds a household by a member's full
// pinyin and sees which member matched; a coverage card and a command-centre figure open the list behind them with
// the same count; a masked export is edited (ExcelJS) and imported again. Run by tests/e2e/run.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { E2EContext, Step } from './foundation.e2e.ts';

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const HOUSEHOLD_NO = 'SE2E0001';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-e2e-search-'));

async function snap(page: Page, shot: E2EContext['shot'], name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(150);
  await shot(name);
}

/** A valid ID number of 北票市 (GB 11643 check character computed here). */
function idNumber(birth: string, seq: number, male: boolean): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = seq % 1000;
  if ((s % 2 === 1) !== male) s = (s + 1) % 1000;
  const body = `211381${birth}${String(s).padStart(3, '0')}`;
  return body + '10X98765432'[[...body].reduce((a, d, i) => a + Number(d) * (W[i] ?? 0), 0) % 11];
}

/** The number the page shows at the end of a text: 共 12 户 → 12. */
const numberIn = (text: string) => Number((/([\d,]+)\s*户/.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));

/**
 * The list's count once the filtered list has answered: the count shown before the new filter's answer is the old
 * one, so wait (up to 30 s) for the expected number and otherwise return whatever is shown for the assertion.
 */
async function settledCount(page: Page, expected: number): Promise<number> {
  const total = byTestId(page, 'households-total');
  await total.waitFor();
  const deadline = Date.now() + 30_000;
  let shown = numberIn((await total.textContent()) ?? '');
  while (shown !== expected && Date.now() < deadline) {
    await page.waitForTimeout(250);
    shown = numberIn((await total.textContent().catch(() => '')) ?? '');
  }
  return shown;
}

export const steps: Step[] = [
  {
    name: 'search: a member found by full pinyin is named in the list (匹配：配偶 …)',
    timeout: 120_000,
    run: async ({ baseUrl, page, shot }) => {
      await page.goto(`${baseUrl}/login`);
      await page.evaluate(() => localStorage.setItem('fupin_lang', 'zh-CN'));
      await page.reload();
      // isVisible does not wait: the login form is awaited (a session left by an earlier suite shows the home page).
      const form = await byTestId(page, 'login-username')
        .or(byTestId(page, 'home-title'))
        .first()
        .waitFor({ timeout: 30_000 })
        .then(() => byTestId(page, 'login-username').isVisible());
      if (form) {
        await byTestId(page, 'login-username').fill('beipiao');
        await byTestId(page, 'login-password').fill('Fupin@2017');
        await byTestId(page, 'login-submit').click();
        await byTestId(page, 'home-title').waitFor();
      }
      // A household whose head and wife share a rare surname: only the wife's pinyin is searched.
      const status = await page.evaluate(
        async ({ no, head, wife }) => {
          const csrf = (await (await fetch('/api/auth/csrf')).json()).csrfToken as string;
          const token = /fupin_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? csrf;
          const r = await fetch('/api/registry/households', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': token },
            body: JSON.stringify({
              villageCode: '211381109201',
              householdNo: no,
              category: 'ordinary',
              cause: 'illness',
              yearIdentified: new Date().getFullYear() - 1,
              status: 'poor',
              helper: '钱帮测',
              members: [
                { name: '慕容自然', idNumber: head, relation: 'head', gender: 'M' },
                { name: '慕容桂兰', idNumber: wife, relation: 'spouse', gender: 'F' },
              ],
            }),
          });
          return `${r.status} ${r.status === 200 ? '' : await r.text()}`;
        },
        { no: HOUSEHOLD_NO, head: idNumber('19660308', 731, true), wife: idNumber('19681120', 742, false) },
      );
      assert.match(status, /^200/);
      await page.goto(`${baseUrl}/registry/households`);
      const q = byTestId(page, 'households-q').locator('input').or(page.locator('input[data-testid="households-q"]')).first();
      await q.fill('murongguilan');
      await q.press('Enter');
      await page.waitForURL(/q=murongguilan/);
      const match = byTestId(page, 'household-match').first();
      await match.waitFor();
      assert.equal((await match.textContent())?.trim(), '匹配：配偶 慕容桂兰');
      assert.match((await byTestId(page, 'households-total').textContent()) ?? '', /共 1 户/);
      await snap(page, shot, 's01-search-pinyin-matched');
    },
  },
  {
    name: 'search: the coverage card and a command-centre figure open the list with the same count',
    timeout: 120_000,
    run: async ({ baseUrl, page, shot }) => {
      await page.goto(`${baseUrl}/registry/households`);
      const open = byTestId(page, 'coverage-open-helper');
      await open.waitFor();
      const onCard = numberIn((await open.textContent()) ?? '');
      assert.ok(Number.isFinite(onCard), 'a count on the card');
      await open.click();
      await page.waitForURL(/gap=no_helper/);
      assert.equal(await settledCount(page, onCard), onCard);
      await snap(page, shot, 's02-card-no-helper-list');

      await page.goto(`${baseUrl}/command`);
      const figure = byTestId(page, 'figure-value-hh_remaining');
      await figure.waitFor();
      const value = Number(((await figure.textContent()) ?? '').replace(/[^\d]/g, ''));
      await snap(page, shot, 's03-command-figures-with-lists');
      await byTestId(page, 'figure-list-hh_remaining').click();
      await page.waitForURL(/\/registry\/households\?.*status=poor%2Creturned/);
      assert.equal(await settledCount(page, value), value);
      await snap(page, shot, 's04-figure-still-poor-list');
    },
  },
  {
    name: 'search: a masked export edited in a spreadsheet is imported again and updates the household',
    timeout: 180_000,
    run: async ({ baseUrl, page, shot }) => {
      await page.goto(`${baseUrl}/registry/households?q=${HOUSEHOLD_NO}`);
      await byTestId(page, 'household-match').first().waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'households-export').click()]);
      assert.match(download.suggestedFilename(), /^北票市-贫困户-搜索“SE2E0001”-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const saved = path.join(tmp, 'masked.xlsx');
      await download.saveAs(saved);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(saved);
      const ws = wb.worksheets[0];
      assert.ok(ws);
      assert.match(String(ws.getRow(1).getCell(1).value), /北票市.*搜索“SE2E0001”/);
      const header = ws.getRow(2).values as unknown[];
      const col = (label: string) => header.findIndex((v) => String(v ?? '').startsWith(label));
      for (const i of [3, 4]) {
        assert.match(String(ws.getRow(i).getCell(col('证件号码')).value), /^2113\*+$/);
        ws.getRow(i).getCell(col('帮扶责任人')).value = '孙改测';
      }
      const edited = path.join(tmp, '北票市-编辑后.xlsx');
      await wb.xlsx.writeFile(edited);

      await page.goto(`${baseUrl}/registry/import`);
      await byTestId(page, 'import-masked-help').waitFor();
      await snap(page, shot, 's05-import-masked-help');
      await byTestId(page, 'import-file-input').setInputFiles(edited);
      await byTestId(page, 'import-preview').waitFor({ timeout: 60_000 });
      assert.match((await byTestId(page, 'import-households-updated').textContent()) ?? '', /1/);
      await snap(page, shot, 's06-import-masked-preview');
      await byTestId(page, 'import-commit').click();
      await byTestId(page, 'import-commit-ok').click();
      await byTestId(page, 'import-result').waitFor({ timeout: 120_000 });
      await page.goto(`${baseUrl}/registry/households?q=${HOUSEHOLD_NO}`);
      await page.locator('[data-testid="households-table"] .ant-table-row', { hasText: '孙改测' }).waitFor();
      await snap(page, shot, 's07-after-masked-reimport');
    },
  },
];
