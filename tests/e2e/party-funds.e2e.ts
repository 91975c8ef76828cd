// Party funds in the browser: the county user (beipiao, 北票市) opens a village without payments on the funds page,
// enters a payment (运转经费 56,000 元) and sees paid against the standard move from nothing to 42.42 %; then imports a
// funds file (党建工作经费 20,000 元 for the same village) through preview and commit, and sees 57.58 %. Then the
// funds, pay, income, commitments and reserve pages on a 390×844 phone, which must not scroll sideways.
// Run by tests/e2e/run.mjs; screenshots go to test-results/screenshots/pf-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { E2EContext, Step } from './foundation.e2e.ts';

const PASSWORD = 'Fupin@2017';
const SHOTS = path.resolve('test-results/screenshots');
const YEAR = new Date().getFullYear();
const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
let village = '';

async function signIn(page: Page, baseUrl: string, username: string) {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.evaluate(() => localStorage.setItem('fupin_lang', 'zh-CN'));
  await page.reload();
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(PASSWORD);
  await byTestId(page, 'login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-skeleton-active, .ant-spin-spinning'), null, { timeout: 60_000 });
  await page.waitForTimeout(300);
}

async function snap(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(SHOTS, `pf-${name}.png`), fullPage: true });
}

const percent = async (page: Page) => (await byTestId(page, 'funds-percent').getAttribute('data-value')) ?? '';

async function percentBecomes(page: Page, want: string) {
  await page.waitForFunction((w) => document.querySelector('[data-testid="funds-percent"]')?.getAttribute('data-value') === w, want, {
    timeout: 30_000,
  });
}

export const steps: Step[] = [
  {
    name: 'party-funds: the county enters a payment for a village and paid against the standard moves',
    timeout: 150_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'beipiao');
      // A village of 东官营镇 with nothing on record this year (the demo pays poor villages).
      village = await page.evaluate(async (year) => {
        const kids = (await (await fetch('/api/regions/211381109/children')).json()) as { items: { code: string }[] };
        for (const k of kids.items) {
          const s = (await (await fetch(`/api/party/funds/summary?region=${k.code}&year=${year}`)).json()) as {
            total: { villages: number };
          };
          if (s.total.villages === 0) return k.code;
        }
        return '';
      }, YEAR);
      assert.ok(village, 'a village without funds on record');
      await page.goto(`${baseUrl}/party/funds?region=${village}&year=${YEAR}`);
      await byTestId(page, 'funds-page').waitFor();
      await settled(page);
      assert.equal(await percent(page), '', 'no standard owed before anything is on record');
      await byTestId(page, 'payment-add').click();
      await byTestId(page, 'payment-form').waitFor();
      await byTestId(page, 'payment-amount').fill('56000');
      await snap(page, 'entry');
      await byTestId(page, 'payment-save').click();
      await percentBecomes(page, '42.42');
      assert.match((await byTestId(page, 'funds-operation').textContent()) ?? '', /56,000\.00/);
      await byTestId(page, 'payments-table').locator('tr', { hasText: '56,000.00' }).first().waitFor();
      await settled(page);
      await snap(page, 'after-entry');
    },
  },
  {
    name: 'party-funds: a funds file is previewed with its problems, committed, and the figure moves again',
    timeout: 300_000,
    run: async ({ baseUrl, page }) => {
      assert.ok(village, 'the step before chose a village');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-'));
      const file = path.join(dir, '经费拨付.csv');
      writeFileSync(
        file,
        [
          '村代码,行政村,拨付日期,金额(元),用途,资金来源,备注',
          `${village},,${YEAR}-01-20,20000,党建工作经费,县委组织部,`,
          `${village},,${YEAR}-01-20,abc,运转经费,县财政,`,
        ].join('\n'),
      );
      await page.goto(`${baseUrl}/party/funds?region=${village}&year=${YEAR}`);
      await byTestId(page, 'funds-page').waitFor();
      await settled(page);
      await byTestId(page, 'funds-import-file').setInputFiles(file);
      await byTestId(page, 'funds-import-result').waitFor({ timeout: 60_000 });
      await byTestId(page, 'funds-import-problem').first().waitFor();
      assert.match((await byTestId(page, 'funds-import-problem').first().textContent()) ?? '', /金额/);
      await snap(page, 'import-problems');
      // A file with problems is not committed: fix it (drop the bad row) and preview again.
      writeFileSync(
        file,
        ['村代码,行政村,拨付日期,金额(元),用途,资金来源,备注', `${village},,${YEAR}-01-20,20000,党建工作经费,县委组织部,`].join('\n'),
      );
      await byTestId(page, 'funds-import-file').setInputFiles(file);
      await byTestId(page, 'funds-import-commit').waitFor({ timeout: 60_000 });
      await byTestId(page, 'funds-import-commit').click();
      // The commit shares the embedded database with the command centre's first refresh after the demo: give it time.
      await byTestId(page, 'funds-import-done').waitFor({ timeout: 150_000 });
      await percentBecomes(page, '57.58');
      await settled(page);
      await snap(page, 'after-import');
    },
  },
  {
    name: 'party-funds: the county drills down and the party pages fit a 390×844 phone',
    timeout: 240_000,
    run: async (ctx: E2EContext) => {
      const { page, baseUrl } = ctx;
      await page.goto(`${baseUrl}/party/funds?region=211381&year=${YEAR}`);
      await byTestId(page, 'funds-table').waitFor();
      await settled(page);
      await snap(page, 'county');
      await byTestId(page, 'funds-row-211381109').click();
      await page.waitForURL(/region=211381109/);
      await settled(page);
      for (const [p, name] of [
        ['/party/funds/pay?late=1', 'pay'],
        ['/party/funds/income', 'income'],
        ['/party/commitments', 'commitments'],
        ['/party/reserve', 'reserve'],
      ] as const) {
        await page.goto(`${baseUrl}${p}`);
        await settled(page);
        await snap(page, name);
      }
      await page.goto(`${baseUrl}/party/funds/pay?region=${village}`);
      await settled(page);
      await byTestId(page, 'pay-add').click();
      await byTestId(page, 'pay-form').waitFor();
      await snap(page, 'pay-form');
      await page.keyboard.press('Escape');
      const browser = ctx.context.browser();
      assert.ok(browser);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const phone = await context.newPage();
      phone.on('pageerror', (e) => ctx.pageErrors.push(e.message));
      try {
        await signIn(phone, baseUrl, 'beipiao');
        for (const [p, name] of [
          [`/party/funds?region=211381109&year=${YEAR}`, 'phone-funds'],
          ['/party/funds/pay', 'phone-pay'],
          ['/party/funds/income', 'phone-income'],
          ['/party/reserve', 'phone-reserve'],
        ] as const) {
          await phone.goto(`${baseUrl}${p}`);
          await settled(phone);
          const m = await phone.evaluate(() => ({ w: document.documentElement.scrollWidth, vw: window.innerWidth }));
          assert.equal(m.w, m.vw, `${p}: the page is ${m.w} px wide on a ${m.vw} px screen`);
          await snap(phone, name);
        }
      } finally {
        await context.close();
      }
    },
  },
];
