// Foundation browser test: a county user (北票市 211381) signs in, sees the home page in Chinese,
// switches to English (kept across a reload), and cannot reach any region outside the county.
// Run by tests/e2e/run.mjs (npm run test:e2e), which starts the server and chromium.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
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
  {
    name: 'security: no CSP violation on login, command centre, households, household detail and the API docs',
    independent: true,
    timeout: 120_000,
    run: async (ctx) => {
      const { page, cspViolations, resetCsp } = await provincePage(ctx);
      const { baseUrl } = ctx;
      const res = await page.goto(`${baseUrl}/login`);
      const csp = res?.headers()['content-security-policy'] ?? '';
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /script-src 'self'/);
      assert.equal(res?.headers()['x-content-type-options'], 'nosniff');
      // Failed logins of another user first: the security-events step looks for them.
      for (const wrong of ['Wrong#pass1', 'Wrong#pass2']) {
        await byTestId(page, 'login-username').fill(FAILING_USER);
        await byTestId(page, 'login-password').fill(wrong);
        await byTestId(page, 'login-submit').click();
        await byTestId(page, 'login-error').waitFor();
        await page.waitForTimeout(300);
      }
      await byTestId(page, 'login-username').fill('sheng');
      await byTestId(page, 'login-password').fill(PASSWORD);
      await byTestId(page, 'login-submit').click();
      await page.locator('[data-testid="command-dashboard"][data-region="21"]').waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="command-map"] canvas').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1200);
      await shotOf(page, '11-csp-command-centre');
      await page.goto(`${baseUrl}/registry/households`);
      const row = page.locator('[data-testid="households-table"] .ant-table-row').first();
      await row.waitFor({ timeout: 60_000 });
      await shotOf(page, '12-csp-households');
      await row.locator('[data-testid="household-link"]').click();
      await page.waitForURL(/\/registry\/households\/\d+/);
      await byTestId(page, 'household-no').waitFor();
      await byTestId(page, 'income-chart-canvas').waitFor();
      await page.waitForTimeout(800);
      await shotOf(page, '13-csp-household-detail');
      await page.goto(`${baseUrl}/api/docs`);
      await page.locator('.swagger-ui .info .title').waitFor({ timeout: 60_000 });
      await page.locator('.swagger-ui .opblock').first().waitFor();
      await shotOf(page, '14-csp-api-docs');
      assert.deepEqual(await cspViolations(), [], 'Content-Security-Policy violations');
      // The detector itself: an inline script, which the policy forbids, is seen.
      await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__cspProbe = 1';
        document.body.append(s);
      });
      await page.waitForTimeout(300);
      const probe = await cspViolations();
      assert.ok(
        probe.some((v) => /script-src/.test(v)),
        `the inline-script probe was not reported: ${probe.join(' | ')}`,
      );
      await resetCsp();
    },
  },
  {
    name: 'security events: the province administrator sees the failed logins, filters, exports (desktop and 390 px)',
    timeout: 120_000,
    run: async (ctx) => {
      const { page, cspViolations } = await provincePage(ctx);
      await page.goto(`${ctx.baseUrl}/command`);
      await byTestId(page, 'nav-security').click();
      await page.waitForURL(/\/security$/);
      await byTestId(page, 'security-page').waitFor();
      await page.locator('[data-testid="security-table"] .ant-table-row').first().waitFor();
      // The failed logins of the previous step, with their Chinese kind label.
      const rows = page.locator('[data-testid="security-table"] .ant-table-row', { hasText: FAILING_USER });
      await rows.first().waitFor();
      assert.ok((await rows.count()) >= 2, 'both failed logins are listed');
      assert.match((await rows.first().textContent()) ?? '', /登录失败/);
      // Details in words a clerk reads, not the event's JSON keys.
      const details = (await rows.first().textContent()) ?? '';
      assert.match(details, /失败次数: \d/, details);
      assert.doesNotMatch(details, /failures|username/, details);
      const failed7 = Number(
        ((await byTestId(page, 'security-count-7-login_failed').locator('.ant-statistic-content').textContent()) ?? '').replace(/\D/g, ''),
      );
      assert.ok(failed7 >= 2, `7-day failed logins: ${failed7}`);
      await shotOf(page, '15-security-events');
      // Filter by the user: only their rows.
      await byTestId(page, 'security-actor').fill(FAILING_USER);
      await byTestId(page, 'security-search').click();
      await page.waitForFunction((u) => {
        const r = [...document.querySelectorAll('[data-testid="security-table"] .ant-table-row')];
        return r.length > 0 && r.every((x) => x.textContent?.includes(u));
      }, FAILING_USER);
      // The export: an xlsx with the same events.
      const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'security-export').click()]);
      const saved = path.join(mkdtempSync(path.join(os.tmpdir(), 'fupin-e2e-sec-')), 'events.xlsx');
      await download.saveAs(saved);
      assert.match(download.suggestedFilename(), /安全事件.*\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(saved);
      const sheet = wb.worksheets[0];
      assert.ok(sheet, 'a worksheet');
      const exported: string[] = [];
      sheet.eachRow((r, n) => {
        if (n > 1) exported.push(String(r.getCell(4).value));
      });
      assert.ok(exported.length >= 2 && exported.every((u) => u === FAILING_USER), `exported users: ${exported.join(',')}`);
      // A phone-sized screen: the page stays usable (summary cards stack, the table scrolls sideways).
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(600);
      await shotOf(page, '16-security-events-390');
      const overflow = await page.evaluate(() => {
        const wider = [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.ant-table-content'))
          .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}[${e.getAttribute('data-testid') ?? ''}]`);
        return { px: document.documentElement.scrollWidth - window.innerWidth, wider: wider.slice(0, 8) };
      });
      assert.ok(overflow.px <= 1, `the page is ${overflow.px} px wider than the screen: ${overflow.wider.join(' ')}`);
      await page.setViewportSize({ width: 1440, height: 900 });
      assert.deepEqual(await cspViolations(), [], 'Content-Security-Policy violations');
    },
  },
];

const FAILING_USER = 'yixian';

/** Screenshots of the province page (ctx.shot takes the suite's own page). */
async function shotOf(page: Page, name: string) {
  await page.screenshot({ path: path.resolve('test-results/screenshots', `${name}.png`), fullPage: true });
}

let province: { page: Page; cspViolations: () => Promise<string[]>; resetCsp: () => Promise<void> } | null = null;

/**
 * A browser context of its own for the province administrator (the suite's context belongs to the county user),
 * with every Content-Security-Policy violation recorded: the DOM event, and chromium's console report.
 */
async function provincePage(ctx: E2EContext) {
  if (province) return province;
  const browser = ctx.context.browser();
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { __csp?: string[] };
      w.__csp ??= [];
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const fromConsole: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text());
  });
  page.on('pageerror', (e) => ctx.pageErrors.push(e.message));
  // Kept per page load: collect them before each navigation.
  const seen: string[] = [];
  const collect = async () => {
    const now = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [] as string[]);
    return [...seen, ...now, ...fromConsole];
  };
  const goto = page.goto.bind(page);
  page.goto = async (url: string, opts?: Parameters<Page['goto']>[1]) => {
    seen.push(...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [] as string[])));
    return goto(url, opts);
  };
  const resetCsp = async () => {
    seen.length = 0;
    fromConsole.length = 0;
    await page.evaluate(() => {
      (window as unknown as { __csp?: string[] }).__csp = [];
    });
  };
  province = { page, cspViolations: collect, resetCsp };
  return province;
}
