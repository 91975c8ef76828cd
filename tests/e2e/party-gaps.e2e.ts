// Party gaps in the browser. The county user (beipiao) corrects a wrongly entered payment (a dated reversal keeps the
// original; the replacement appears beside it), records a member's commitment and its fulfilment with evidence, and
// dates a reserve cadre's leaving; the province user (sheng) adds, rewords and retires a nomination bar, which the county
// reads without an editor. Then the pages on a 390×844 phone, which must not scroll sideways.
// Run by tests/e2e/run.mjs; screenshots go to test-results/screenshots/pg-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { E2EContext, Step } from './foundation.e2e.ts';

const PASSWORD = 'Fupin@2017';
const SHOTS = path.resolve('test-results/screenshots');
const YEAR = new Date().getFullYear();
const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

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
  await page.screenshot({ path: path.join(SHOTS, `pg-${name}.png`), fullPage: true });
}

export const steps: Step[] = [
  {
    name: 'party-gaps: the county corrects a payment by a dated reversal that keeps the original',
    timeout: 150_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'beipiao');
      await page.goto(`${baseUrl}/party/funds?region=211381109&year=${YEAR}`);
      await byTestId(page, 'payments-table').waitFor();
      await settled(page);
      const button = page.locator('[data-testid^="payment-correct-"]').first();
      await button.waitFor();
      const id = ((await button.getAttribute('data-testid')) ?? '').replace('payment-correct-', '');
      await button.click();
      await byTestId(page, 'correction-form').waitFor();
      await byTestId(page, 'correction-reason').fill('金额录入错误');
      await byTestId(page, 'correction-amount').fill('12345.67');
      await snap(page, 'correction-form');
      await byTestId(page, 'correction-save').click();
      const table = byTestId(page, 'payments-table');
      await table.locator('tr', { hasText: '12,345.67' }).first().waitFor({ timeout: 30_000 });
      await table
        .locator('tr', { hasText: `更正 #${id}` })
        .first()
        .waitFor();
      await table.locator('tr', { hasText: '金额录入错误' }).first().waitFor();
      assert.equal(await byTestId(page, `payment-correct-${id}`).count(), 0, 'a reversed payment offers no second correction');
      await settled(page);
      await snap(page, 'corrected');
    },
  },
  {
    name: "party-gaps: a reserve cadre's leaving is dated with a reason and the row stays",
    timeout: 150_000,
    run: async ({ baseUrl, page }) => {
      await page.goto(`${baseUrl}/party/reserve?region=211381`);
      await byTestId(page, 'reserve-page').waitFor();
      await settled(page);
      const button = page.locator('[data-testid^="reserve-leave-"]').first();
      await button.waitFor();
      const name = (await page.locator('tr', { has: button }).locator('td').nth(1).textContent())?.trim() ?? '';
      await button.click();
      await byTestId(page, 'reserve-leave-form').waitFor();
      await snap(page, 'reserve-leave');
      await byTestId(page, 'reserve-leave-save').click();
      await page.locator('tr', { hasText: name }).locator('.ant-tag', { hasText: '当选村干部' }).first().waitFor({ timeout: 30_000 });
      await settled(page);
      await snap(page, 'reserve-left');
    },
  },
  {
    name: 'party-gaps: the province edits the nomination bars; the county reads them',
    timeout: 150_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'sheng');
      await page.goto(`${baseUrl}/party/nomination-bars`);
      await byTestId(page, 'bars-table').waitFor();
      await settled(page);
      const rows = await page.locator('[data-testid^="bar-zh-"]').count();
      assert.ok(rows >= 10, 'the ten common conditions are seeded');
      await byTestId(page, 'bars-add').click();
      await byTestId(page, `bar-zh-${rows}`).fill('近三年内受过党纪处分且影响期未满的');
      await byTestId(page, `bar-en-${rows}`).fill('Under a party disciplinary sanction still in effect within three years');
      await byTestId(page, 'bar-zh-0').fill(`${await byTestId(page, 'bar-zh-0').inputValue()}（含缓刑）`);
      await byTestId(page, 'bar-active-1').click();
      await byTestId(page, 'bars-save').click();
      await page.locator('.ant-message-notice, .ant-notification-notice', { hasText: '已保存' }).first().waitFor({ timeout: 30_000 });
      await settled(page);
      await snap(page, 'bars-province');
      const saved = await page.evaluate(
        async () => (await (await fetch('/api/party/nomination-bars')).json()) as { items: { zh: string; active: boolean }[] },
      );
      assert.ok(saved.items.some((b) => b.zh === '近三年内受过党纪处分且影响期未满的' && b.active));
      assert.ok(saved.items[0]?.zh.endsWith('（含缓刑）'));
      assert.equal(saved.items[1]?.active, false, 'the retired condition stays on the list, inactive');
      await signIn(page, baseUrl, 'beipiao');
      await page.goto(`${baseUrl}/party/nomination-bars`);
      await byTestId(page, 'bars-table').waitFor();
      await settled(page);
      assert.equal(await byTestId(page, 'bars-save').count(), 0, 'a county reads the list only');
      await snap(page, 'bars-county');
    },
  },
  {
    name: 'party-gaps: the new forms and pages fit a 390×844 phone',
    timeout: 200_000,
    run: async (ctx: E2EContext) => {
      const browser = ctx.context.browser();
      assert.ok(browser);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const phone = await context.newPage();
      phone.on('pageerror', (e) => ctx.pageErrors.push(e.message));
      try {
        await signIn(phone, ctx.baseUrl, 'sheng');
        const fits = async (p: string, name: string) => {
          await phone.goto(`${ctx.baseUrl}${p}`);
          await settled(phone);
          const m = await phone.evaluate(() => ({ w: document.documentElement.scrollWidth, vw: window.innerWidth }));
          assert.equal(m.w, m.vw, `${p}: the page is ${m.w} px wide on a ${m.vw} px screen`);
          await snap(phone, name);
        };
        await fits('/party/nomination-bars', 'phone-bars');
        await signIn(phone, ctx.baseUrl, 'beipiao');
        await fits(`/party/commitments?region=211381109&year=${YEAR}`, 'phone-commitments');
        await byTestId(phone, 'commitment-add').click();
        await byTestId(phone, 'commitment-form').waitFor();
        await snap(phone, 'phone-commitment-form');
        await phone.keyboard.press('Escape');
        await fits(`/party/funds?region=211381109&year=${YEAR}`, 'phone-funds');
        await phone.locator('[data-testid^="payment-correct-"]').first().click();
        await byTestId(phone, 'correction-form').waitFor();
        await snap(phone, 'phone-correction');
        await phone.keyboard.press('Escape');
        await fits('/party/reserve?region=211381', 'phone-reserve');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: "party-gaps: a member's commitment is entered and its fulfilment recorded with evidence",
    timeout: 150_000,
    run: async ({ baseUrl, page }) => {
      await page.goto(`${baseUrl}/party/commitments?region=211381109&year=${YEAR}`);
      await byTestId(page, 'commitments-page').waitFor();
      await settled(page);
      await byTestId(page, 'commitment-add').click();
      await byTestId(page, 'commitment-form').waitFor();
      await byTestId(page, 'commitment-member').click();
      // The options arrive after a debounced search: wait for them to settle, then take the first with the keyboard.
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1000);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option-content').first().click({ force: true });
      // The chosen member shows in the box as 姓名 · 组织 · masked ID.
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="commitment-member"]')?.textContent ?? '').includes('·'),
        null,
        {
          timeout: 10_000,
        },
      );
      const content = `e2e 承诺：年内帮扶两户发展庭院经济 ${Date.now() % 100000}`;
      await byTestId(page, 'commitment-content').fill(content);
      await snap(page, 'commitment-form');
      await byTestId(page, 'commitment-save').click();
      const row = page.locator('tr', { hasText: content });
      await row.waitFor({ timeout: 30_000 });
      await row.locator('[data-testid^="commitment-fulfil-"]').click();
      await byTestId(page, 'fulfil-evidence').fill('已帮扶两户建成小菜园，有照片为证');
      await snap(page, 'fulfil-form');
      await byTestId(page, 'fulfil-save').click();
      await page.locator('tr', { hasText: '已帮扶两户建成小菜园' }).waitFor({ timeout: 30_000 });
      assert.match((await page.locator('tr', { hasText: content }).textContent()) ?? '', /已践诺/);
    },
  },
];
