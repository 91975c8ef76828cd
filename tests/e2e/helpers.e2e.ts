// Helpers (帮扶责任人) in the browser: the county user (beipiao, 北票市) adds a helper in the drawer, selects 3 households
// in the households list, assigns the helper to them (指定帮扶责任人), and the household page shows the helper as a
// person (unit, masked phone). Then the helpers page, a helper's page and the selectable list on a 390×844 phone, which
// must not scroll sideways. Run by tests/e2e/run.mjs; screenshots go to test-results/screenshots/hlp-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { inputOf } from './antd.ts';
import type { E2EContext, Step } from './foundation.e2e.ts';

const PASSWORD = 'Fupin@2017';
const SHOTS = path.resolve('test-results/screenshots');
const RUN = Date.now() % 997;
// 欧阳 is a rare surname in the demo register: the helper is easy to find by name.
const HELPER = {
  name: `欧阳帮${'甲乙丙丁戊己庚辛壬癸'[RUN % 10]}`,
  unit: '北票市农业农村局',
  phone: `1390000${String(RUN).padStart(4, '0')}`,
};
const MASKED = `139****${HELPER.phone.slice(-4)}`;

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
let helperPath = '';
let assigned: string[] = [];

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
  await page.waitForFunction(
    () => !document.querySelector('.ant-skeleton-active, .ant-spin-spinning, [data-testid="page-loading"]'),
    null,
    {
      timeout: 60_000,
    },
  );
  await page.waitForTimeout(300);
}

async function snap(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(SHOTS, `hlp-${name}.png`), fullPage: true });
}

async function fitsScreen(page: Page, what: string) {
  const m = await page.evaluate(() => {
    const vw = window.innerWidth;
    const wider = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > vw + 1 && !e.closest('.ant-table-content, .ant-table-body'))
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}[${e.getAttribute('data-testid') ?? ''}]`);
    return { scrollWidth: document.documentElement.scrollWidth, vw, wider: wider.slice(0, 6) };
  });
  console.log(`    [width] ${what}: document ${m.scrollWidth} px, viewport ${m.vw} px`);
  assert.equal(
    m.scrollWidth,
    m.vw,
    `${what}: the page is ${m.scrollWidth} px wide on a ${m.vw} px screen; sticking out: ${m.wider.join(' ')}`,
  );
}

export const steps: Step[] = [
  {
    name: 'helpers: the county adds a helper in the drawer; the helper page shows the phone masked',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'beipiao');
      await byTestId(page, 'nav-group-registry').click();
      await byTestId(page, 'nav-registry-helpers').click();
      await byTestId(page, 'helpers-page').waitFor();
      await settled(page);
      await byTestId(page, 'helper-add').click();
      const drawer = byTestId(page, 'helper-drawer');
      await drawer.waitFor();
      await byTestId(page, 'helper-submit').click();
      await drawer.locator('.ant-form-item-explain-error', { hasText: '请填写姓名' }).waitFor();
      await (await inputOf(page, 'helper-name')).fill(HELPER.name);
      await (await inputOf(page, 'helper-unit')).fill(HELPER.unit);
      await (await inputOf(page, 'helper-phone')).fill(HELPER.phone);
      await snap(page, 'drawer');
      await byTestId(page, 'helper-submit').click();
      await page.waitForURL(/\/registry\/helpers\/\d+/);
      helperPath = new URL(page.url()).pathname;
      await byTestId(page, 'helper-title').filter({ hasText: HELPER.name }).waitFor();
      const shown = (await byTestId(page, 'helper-phone-masked').textContent()) ?? '';
      assert.equal(shown, MASKED);
      assert.ok(!(await page.content()).includes(HELPER.phone), 'the full phone is not on the page');
      await settled(page);
      await snap(page, 'detail-empty');
    },
  },
  {
    name: 'helpers: beipiao selects 3 households in the list, assigns the helper, the household page shows them',
    timeout: 180_000,
    run: async ({ baseUrl, page }) => {
      await page.goto(`${baseUrl}/registry/households?region=211381`);
      await byTestId(page, 'households-table').waitFor();
      await settled(page);
      const rows = page.locator('[data-testid="households-table"] tbody tr.ant-table-row');
      assert.ok((await rows.count()) >= 3, 'the list has at least 3 households');
      assigned = [];
      for (let i = 0; i < 3; i++) {
        const row = rows.nth(i);
        await row.locator('.ant-table-selection-column .ant-checkbox-input').check();
        assigned.push((await row.locator('[data-testid="household-link"]').getAttribute('href')) ?? '');
      }
      assert.ok(assigned.every((h) => /\/registry\/households\/\d+/.test(h)));
      await byTestId(page, 'households-selection').filter({ hasText: '已选 3 户' }).waitFor();
      await byTestId(page, 'households-assign-helper').click();
      const modal = page.locator('.ant-modal', { has: page.locator('[data-testid="assign-submit"]') });
      await modal.waitFor();
      await modal.locator('.ant-select').first().click();
      await page.keyboard.type(HELPER.name);
      const option = page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: HELPER.name })
        .first();
      await option.waitFor();
      await option.click();
      await snap(page, 'assign-modal');
      await byTestId(page, 'assign-submit').click();
      await page.locator('.ant-message', { hasText: '已为 3 户指定帮扶责任人' }).waitFor();
      await byTestId(page, 'households-selection').waitFor({ state: 'hidden' });
      await settled(page);
      await snap(page, 'list-after');

      for (const href of assigned) {
        await page.goto(`${baseUrl}${href}`);
        const current = byTestId(page, 'help-current-helper');
        await current.filter({ hasText: HELPER.name }).waitFor();
        const text = (await current.textContent()) ?? '';
        assert.match(text, new RegExp(MASKED.replace(/\*/g, '\\*')));
        assert.match(text, new RegExp(HELPER.unit));
      }
      await settled(page);
      await snap(page, 'household');

      await page.goto(`${baseUrl}${helperPath}`);
      const pairings = byTestId(page, 'helper-pairings');
      await pairings.waitFor();
      await settled(page);
      assert.equal(await pairings.locator('[data-testid="helper-household"]').count(), 3);
      await snap(page, 'detail');
    },
  },
  {
    name: 'helpers: on a 390 px phone the helpers page, a helper and the selectable households list fit the screen',
    timeout: 180_000,
    run: async (ctx: E2EContext) => {
      const browser = ctx.context.browser();
      assert.ok(browser);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const page = await context.newPage();
      page.on('pageerror', (e) => ctx.pageErrors.push(e.message));
      try {
        await signIn(page, ctx.baseUrl, 'beipiao');
        await page.goto(`${ctx.baseUrl}/registry/helpers`);
        await byTestId(page, 'helpers-page').waitFor();
        await settled(page);
        await fitsScreen(page, 'helpers list');
        await snap(page, 'phone-list');

        await page.goto(`${ctx.baseUrl}${helperPath}`);
        await byTestId(page, 'helper-pairings').waitFor();
        await settled(page);
        await fitsScreen(page, 'helper detail');
        await snap(page, 'phone-detail');
        await byTestId(page, 'helper-edit').click();
        await byTestId(page, 'helper-drawer').waitFor();
        await settled(page);
        await fitsScreen(page, 'helper drawer');
        await page.screenshot({ path: path.join(SHOTS, 'hlp-phone-drawer.png') });
        await page.keyboard.press('Escape');

        await page.goto(`${ctx.baseUrl}/registry/households?region=211381`);
        const boxes = page.locator('[data-testid="households-table"] [data-testid="household-select"]');
        await boxes.first().waitFor();
        await settled(page);
        await boxes.nth(0).click();
        await boxes.nth(1).click();
        await byTestId(page, 'households-selection').filter({ hasText: '已选 2 户' }).waitFor();
        // Ticking a box does not open the household.
        assert.match(new URL(page.url()).pathname, /\/registry\/households$/);
        await fitsScreen(page, 'households with a selection');
        await snap(page, 'phone-households');
        await byTestId(page, 'households-assign-helper').click();
        await page.locator('.ant-modal', { has: page.locator('[data-testid="assign-submit"]') }).waitFor();
        await settled(page);
        await fitsScreen(page, 'assign dialog');
        await page.screenshot({ path: path.join(SHOTS, 'hlp-phone-assign.png') });
      } finally {
        await context.close();
      }
    },
  },
];
