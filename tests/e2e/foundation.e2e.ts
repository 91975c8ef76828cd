// Foundation browser test: a county user (北票市 211381) signs in, sees the home page in Chinese,
// switches to English (kept across a reload), and cannot reach any region outside the county.
// Run by tests/e2e/run.mjs (npm run test:e2e), which starts the server and chromium.
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';

export interface E2EContext {
  baseUrl: string;
  page: Page;
  context: BrowserContext;
  pageErrors: string[];
  /** Full-page screenshot to test-results/screenshots/NAME.png. */
  shot: (name: string) => Promise<string>;
}

export interface Step {
  name: string;
  run: (ctx: E2EContext) => Promise<void>;
  /** Run even after an earlier step failed (the steps otherwise build on each other). */
  independent?: boolean;
  timeout?: number;
}

const USER = 'beipiao';
const PASSWORD = 'Fupin@2017';
const SCOPE_CODE = '211381';
const SCOPE_NAME = '北票市';
// Counties of 朝阳市 (2113) other than 北票市: none may appear anywhere in the county user's region picker.
const OTHER_COUNTIES = ['朝阳县', '建平县', '喀喇沁左翼蒙古族自治县', '凌源市', '双塔区', '龙城区'];

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function textOf(page: Page, id: string): Promise<string> {
  const loc = byTestId(page, id).first();
  await loc.waitFor({ state: 'visible' });
  return ((await loc.textContent()) ?? '').trim();
}

/** The region cascader's open popup: one list of item texts (and data-code values) per column. */
async function cascaderColumns(page: Page): Promise<{ texts: string[]; codes: string[] }[]> {
  const menus = page.locator('.fp-region-popup .ant-cascader-menu');
  const n = await menus.count();
  const out: { texts: string[]; codes: string[] }[] = [];
  for (let i = 0; i < n; i++) {
    const items = menus.nth(i).locator('.ant-cascader-menu-item');
    const texts = (await items.allInnerTexts()).map((s) => s.trim());
    const codes = await items.locator('[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
    out.push({ texts, codes });
  }
  return out;
}

export const steps: Step[] = [
  {
    name: 'login page is in Chinese by default',
    run: async ({ baseUrl, page, shot }) => {
      await page.goto(`${baseUrl}/`);
      // Not signed in: any page sends us to /login.
      await page.waitForURL(/\/login/);
      await byTestId(page, 'login-username').waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
      assert.match((await page.locator('.fp-auth-card').textContent()) ?? '', /用户登录/);
      assert.match(await textOf(page, 'login-submit'), /登\s*录/);
      await shot('01-login-zh');
    },
  },
  {
    name: 'wrong password is reported inline, in Chinese',
    run: async ({ page, shot }) => {
      await byTestId(page, 'login-username').fill(USER);
      await byTestId(page, 'login-password').fill('not-the-password');
      await byTestId(page, 'login-submit').click();
      const msg = await textOf(page, 'login-error');
      assert.ok(/[\u4e00-\u9fff]/.test(msg), `error should be Chinese, got: ${msg}`);
      await shot('02-login-error-zh');
    },
  },
  {
    name: 'county user signs in and sees the home page in Chinese, scoped to 北票市',
    run: async ({ page, shot }) => {
      await byTestId(page, 'login-username').fill(USER);
      await byTestId(page, 'login-password').fill(PASSWORD);
      await byTestId(page, 'login-submit').click();
      // Demo users are exempt from the forced password change: straight to the home page.
      const title = await textOf(page, 'home-title');
      assert.match(title, /工作概览/);
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await textOf(page, 'home-region-name'), SCOPE_NAME);
      assert.equal(await textOf(page, 'header-user-scope'), SCOPE_NAME);
      assert.match(await textOf(page, 'header-user-role'), /县级操作员/);
      assert.ok((await textOf(page, 'header-user-name')).length > 0);
      assert.match(await textOf(page, 'demo-tag'), /演示账号/);
      // A county shows townships and villages below it, not cities or counties.
      assert.match(await textOf(page, 'summary-card-township'), /乡镇/);
      assert.match(await textOf(page, 'summary-card-village'), /村/);
      assert.equal(await byTestId(page, 'summary-card-city').count(), 0);
      assert.equal(await byTestId(page, 'summary-card-county').count(), 0);
      assert.match(await textOf(page, 'side-menu'), /行政区划/);
      await byTestId(page, 'child-chart-canvas').waitFor();
      await page.waitForTimeout(800); // let the chart animation settle for the screenshot
      await shot('03-home-zh');
    },
  },
  {
    name: 'region cascader offers only 北票市 and below',
    run: async ({ page, shot }) => {
      const picker = byTestId(page, 'region-cascader');
      assert.match((await picker.textContent()) ?? '', /北票市/);
      await picker.locator('.ant-select').click();
      await page.locator('.fp-region-popup .ant-cascader-menu-item').first().waitFor();
      let cols = await cascaderColumns(page);
      // The only root is the user's own scope.
      assert.deepEqual(cols[0]?.codes, [SCOPE_CODE]);
      assert.match(cols[0]?.texts[0] ?? '', /^北票市/);
      // Open 北票市: its townships, all inside 211381.
      await page.locator('.fp-region-popup .ant-cascader-menu').first().locator('.ant-cascader-menu-item').first().click();
      await page.waitForFunction(
        () =>
          document.querySelectorAll('.fp-region-popup .ant-cascader-menu').length >= 2 &&
          document.querySelectorAll('.fp-region-popup .ant-cascader-menu:nth-child(2) .ant-cascader-menu-item').length > 0,
      );
      cols = await cascaderColumns(page);
      const townships = cols[1];
      assert.ok(townships && townships.codes.length > 10, `expected 北票市's townships, got ${townships?.codes.length}`);
      for (const code of townships.codes)
        assert.ok(code.startsWith(SCOPE_CODE) && code.length === 9, `township ${code} outside ${SCOPE_CODE}`);
      const popupText = (await page.locator('.fp-region-popup').textContent()) ?? '';
      for (const other of OTHER_COUNTIES) assert.ok(!popupText.includes(other), `${other} must not be offered`);
      assert.ok(!popupText.includes('朝阳市') && !popupText.includes('辽宁省'), 'no level above the scope may be offered');
      await shot('04-region-cascader');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'a region outside the scope (建平县 211322) shows a not-found state',
    run: async ({ baseUrl, page, shot }) => {
      await page.goto(`${baseUrl}/regions?region=211322`);
      const nf = await textOf(page, 'region-not-found');
      assert.match(nf, /不存在或不在您的管辖范围内/);
      assert.equal(await byTestId(page, 'region-detail').count(), 0);
      // Nothing outside the scope is selected in the header picker either.
      assert.ok(!((await byTestId(page, 'region-cascader').textContent()) ?? '').includes('建平县'));
      await shot('05-regions-out-of-scope');
      // The same for 朝阳县 on the home page, and the tree still starts at 北票市.
      await page.goto(`${baseUrl}/?region=211321`);
      await byTestId(page, 'region-not-found').waitFor();
      await page.goto(`${baseUrl}/regions?region=${SCOPE_CODE}`);
      assert.match(await textOf(page, 'region-detail-name'), /北票市/);
      const tree = await textOf(page, 'region-tree');
      assert.ok(tree.startsWith('北票市'), `tree should be rooted at 北票市: ${tree.slice(0, 40)}`);
      for (const other of OTHER_COUNTIES) assert.ok(!tree.includes(other), `${other} must not be in the tree`);
      await shot('06-regions-zh');
    },
  },
  {
    name: 'switching to English changes the UI and survives a reload',
    run: async ({ baseUrl, page, shot }) => {
      await page.goto(`${baseUrl}/`);
      await byTestId(page, 'home-title').waitFor();
      await byTestId(page, 'lang-en').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="home-title"]')?.textContent?.includes('Overview'));
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.equal(await page.evaluate(() => localStorage.getItem('fupin_lang')), 'en');
      assert.match(await textOf(page, 'side-menu'), /Regions/);
      assert.match(await textOf(page, 'demo-tag'), /Demo account/);
      await page.reload();
      assert.match(await textOf(page, 'home-title'), /Overview/);
      assert.match(await textOf(page, 'summary-card-village'), /Villages/);
      assert.match(await textOf(page, 'side-menu'), /Users/);
      // The server localises what it sends (role label) and has stored the choice on the account.
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="header-user-role"]')?.textContent?.includes('County operator'),
      );
      const me = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { user: { language: string } });
      assert.equal(me.user.language, 'en');
      await byTestId(page, 'child-chart-canvas').waitFor();
      await page.waitForTimeout(800);
      await shot('07-home-en');
    },
  },
  {
    name: 'users and audit pages list rows in scope (English)',
    run: async ({ baseUrl, page, shot }) => {
      await page.goto(`${baseUrl}/users`);
      await page.locator('[data-testid="users-table"] .ant-table-row').first().waitFor();
      const users = (await byTestId(page, 'users-table').textContent()) ?? '';
      assert.match(users, /beipiao/);
      assert.ok(!/chaoyang|yixian|sheng\b/.test(users), 'users outside 北票市 must not be listed');
      await shot('08-users-en');
      await page.goto(`${baseUrl}/audit`);
      await page.locator('[data-testid="audit-table"] .ant-table-row').first().waitFor();
      await page.locator('[data-testid="audit-table"] .ant-table-row-expand-icon').first().click();
      await byTestId(page, 'audit-row-detail').waitFor();
      await shot('09-audit-en');
    },
  },
  {
    name: 'an unknown page shows the 404 state',
    run: async ({ baseUrl, page, shot }) => {
      await page.goto(`${baseUrl}/no-such-page`);
      await byTestId(page, 'page-not-found').waitFor();
      await shot('10-not-found-en');
    },
  },
];
