// Resident cadres (驻村帮扶) in the browser: the county user (beipiao, 北票市) adds a dispatching unit and proposes a
// posting to 海丰村 through the drawer, confirms it on the detail page and finds it in post in the list; the village
// (haifeng) asks for 2 days of leave; the township (dongguanying) approves it; the county ends the posting early, where
// the step refuses an empty reason. Then the list, the detail and the leave list on a 390×844 phone, which must not
// scroll sideways. Run by tests/e2e/run.mjs; screenshots go to test-results/screenshots/cad-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { checkDigit } from '../../src/modules/registry/idcard.js';
import { choose, inputOf } from './antd.ts';
import { clickUntil } from './click-until.ts';
import type { E2EContext, Step } from './foundation.e2e.ts';

const PASSWORD = 'Fupin@2017';
const COUNTY = '211381';
const TOWNSHIP = '211381109';
const VILLAGE = '211381109201';
const SHOTS = path.resolve('test-results/screenshots');
const RUN = Date.now() % 997;
// 欧阳 is a rare surname in the demo register; the ID number is of 沈阳 (not the register's county) and differs per run.
const CADRE = { name: '欧阳驻村', pinyin: 'ouyang', id: idNumber('19800512', RUN) };
const UNIT = `北票市驻村测试局${RUN}`;
const LEAVE_REASON = '家中老人住院，需回家照料';
const FINISH_REASON = '因工作需要提前调回派出单位';

function idNumber(birth: string, seq: number) {
  const body = `210102${birth}${String(seq).padStart(3, '0')}`;
  return body + checkDigit(body);
}

/** A calendar day `n` days from today (local time, as the browser sees it). */
function dayFromToday(n: number) {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
let postingId = '';

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

/** Waits until the page has no loading skeleton or spinner left. */
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
  await page.screenshot({ path: path.join(SHOTS, `cad-${name}.png`), fullPage: true });
}

/** Types a day into an antd DatePicker and confirms it. */
async function pickDay(page: Page, id: string, day: string) {
  const input = await inputOf(page, id);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
  assert.equal(await input.inputValue(), day);
}

async function stateIs(page: Page, state: string) {
  await page.locator(`[data-testid="procedure-state"][data-state="${state}"]`).waitFor({ timeout: 30_000 });
}

/** Takes a step from the procedure panel: the button, then the modal's OK (after `fill`, if given). */
async function takeStep(page: Page, action: string, fill?: (modal: Locator) => Promise<void>) {
  const button = byTestId(page, `step-${action}`);
  await button.waitFor();
  assert.equal(await button.getAttribute('data-allowed'), 'true', `${action} is allowed`);
  await button.click();
  const modal = page.locator('.ant-modal', { has: page.locator('[data-testid="step-submit"]') });
  await modal.waitFor();
  if (fill) await fill(modal);
  await byTestId(page, 'step-submit').click();
  await modal.waitFor({ state: 'hidden' });
}

/** The page is exactly as wide as the screen: nothing scrolls sideways. Names what sticks out when it does not. */
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

let phone: { context: BrowserContext; page: Page } | null = null;

async function phoneOf(ctx: E2EContext) {
  if (phone) return phone;
  const browser = ctx.context.browser();
  assert.ok(browser, 'the suite runs in a browser');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => ctx.pageErrors.push(e.message));
  phone = { context, page };
  return phone;
}

export const steps: Step[] = [
  {
    name: 'cadres: the county adds a dispatching unit and proposes a posting to 海丰村 in the drawer',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'beipiao');
      await clickUntil(
        async () => {
          if (!(await byTestId(page, 'nav-cadres-units').isVisible())) await byTestId(page, 'nav-group-cadres').click();
          await byTestId(page, 'nav-cadres-units').click();
        },
        (timeout) => byTestId(page, 'units-page').waitFor({ timeout }),
      );
      await byTestId(page, 'unit-add').click();
      await (await inputOf(page, 'unit-name')).fill(UNIT);
      // A county user's first level is the county itself, with the county as the region.
      assert.match((await byTestId(page, 'unit-region').textContent()) ?? '', /北票市/);
      await byTestId(page, 'unit-submit').click();
      await page.locator('[data-testid="unit-row-name"]', { hasText: UNIT }).waitFor();
      await snap(page, 'units');

      await page.goto(`${baseUrl}/cadres/postings`);
      await byTestId(page, 'postings-page').waitFor();
      await byTestId(page, 'posting-propose').click();
      const drawer = byTestId(page, 'propose-drawer');
      await drawer.waitFor();
      // Required fields are checked before anything is sent.
      await byTestId(page, 'propose-submit').click();
      await drawer.locator('.ant-form-item-explain-error', { hasText: '请填写姓名' }).waitFor();
      await (await inputOf(page, 'posting-name')).fill(CADRE.name);
      await (await inputOf(page, 'posting-id')).fill(CADRE.id);
      await (await inputOf(page, 'posting-phone')).fill('13800138000');
      await choose(page, byTestId(page, 'posting-unit'), UNIT, { search: true });
      await (await inputOf(page, 'posting-post')).fill('副局长');
      await (await inputOf(page, 'posting-rank')).fill('副科级');
      await byTestId(page, 'posting-village').locator('.ant-select').click();
      const option = (code: string) =>
        page.locator(`.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) [data-code="${code}"]`).first();
      await option(COUNTY).waitFor();
      // A level's options load after its parent is clicked; a click a busy machine swallowed is made again.
      for (const [parent, child] of [
        [COUNTY, TOWNSHIP],
        [TOWNSHIP, VILLAGE],
      ] as const) {
        await clickUntil(
          () => option(parent).click(),
          (timeout) => option(child).waitFor({ timeout }),
        );
      }
      await option(VILLAGE).click();
      assert.match((await byTestId(page, 'posting-village').textContent()) ?? '', /海丰村/);
      const start = dayFromToday(-30);
      await pickDay(page, 'posting-start', start);
      // The planned end may stay empty: the form says what the server will take.
      await drawer.locator('.ant-form-item-extra', { hasText: '默认为开始日期后满 2 年' }).waitFor();
      await snap(page, 'propose-drawer');
      await byTestId(page, 'propose-submit').click();
      await page.waitForURL(/\/cadres\/postings\/\d+/);
      postingId = /\/cadres\/postings\/(\d+)/.exec(page.url())?.[1] ?? '';
      assert.ok(postingId);
      await stateIs(page, 'proposed');
    },
  },
  {
    name: 'cadres: the county confirms the posting on its detail page; the list shows it 在岗',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await page.goto(`${baseUrl}/cadres/postings/${postingId}`);
      await stateIs(page, 'proposed');
      assert.match((await byTestId(page, 'posting-cadre').textContent()) ?? '', /1980/);
      // The ID number and the phone are masked; the birth date is not given beyond the year.
      const cadre = (await byTestId(page, 'posting-cadre').textContent()) ?? '';
      assert.ok(!cadre.includes(CADRE.id) && !cadre.includes('13800138000') && !cadre.includes('19800512'), cadre);
      await takeStep(page, 'confirm');
      await stateIs(page, 'in_post');
      assert.equal(await byTestId(page, 'procedure-history-item').count(), 2);
      await settled(page);
      await snap(page, 'detail-in-post');

      await page.goto(`${baseUrl}/cadres/postings?state=in_post`);
      const row = page.locator('[data-testid="postings-table"] tr', { hasText: CADRE.name });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /在岗/);
      assert.match((await row.textContent()) ?? '', /海丰村/);
      // The search box takes the pinyin; the filter is kept in the URL.
      const q = await inputOf(page, 'postings-q');
      await q.fill(CADRE.pinyin);
      await q.press('Enter');
      await page.waitForURL(/q=ouyang/);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="postings-table"] tbody tr.ant-table-row').length === 1);
      await settled(page);
      await snap(page, 'list-desktop');
    },
  },
  {
    name: 'cadres: the village asks for 2 days of leave on the posting',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'haifeng');
      await page.goto(`${baseUrl}/cadres/postings/${postingId}`);
      await stateIs(page, 'in_post');
      // Only the county ends a posting: the village sees why the buttons are disabled.
      assert.equal(await byTestId(page, 'step-finish').getAttribute('data-allowed'), 'false');
      assert.match((await byTestId(page, 'step-finish-why').getAttribute('data-why')) ?? '', /须由县级用户办理/);
      await byTestId(page, 'leave-ask').click();
      const modal = page.locator('.ant-modal', { has: page.locator('[data-testid="leave-submit"]') });
      await modal.waitFor();
      await pickDay(page, 'leave-start', dayFromToday(1));
      await pickDay(page, 'leave-end', dayFromToday(2));
      assert.match((await byTestId(page, 'leave-days').textContent()) ?? '', /共 2 天/);
      await (await inputOf(page, 'leave-reason')).fill(LEAVE_REASON);
      await byTestId(page, 'leave-submit').click();
      const row = page.locator('[data-testid="posting-leave-table"] tr', { hasText: '待审批' });
      await row.waitFor();

      // The same days again overlap: the server's message is shown on the dates.
      await modal.waitFor({ state: 'hidden' });
      await byTestId(page, 'leave-ask').click();
      await modal.waitFor();
      await pickDay(page, 'leave-start', dayFromToday(2));
      await pickDay(page, 'leave-end', dayFromToday(3));
      await (await inputOf(page, 'leave-reason')).fill('重复');
      await byTestId(page, 'leave-submit').click();
      await modal.locator('.ant-form-item-explain-error', { hasText: '重叠' }).waitFor();
      await modal.locator('.ant-modal-close').click();
      await modal.waitFor({ state: 'hidden' });
    },
  },
  {
    name: 'cadres: the township approves the leave from its list',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'dongguanying');
      await page.goto(`${baseUrl}/cadres/postings`);
      await byTestId(page, 'postings-page').waitFor();
      await settled(page);
      assert.equal(await byTestId(page, 'posting-propose').count(), 0, 'a township does not propose postings');
      await byTestId(page, 'nav-cadres-leave').click();
      const row = page.locator('[data-testid="leave-table"] tr', { hasText: CADRE.name });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /待审批/);
      await settled(page);
      await snap(page, 'leave-list-desktop');
      await row.locator('[data-testid="leave-link"]').click();
      await stateIs(page, 'requested');
      await takeStep(page, 'approve');
      await stateIs(page, 'approved');
      await settled(page);
      await snap(page, 'leave-detail-approved');
    },
  },
  {
    name: "cadres: a township spot check finds the cadre absent; the county's review is capped at 称职",
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'dongguanying');
      await page.goto(`${baseUrl}/cadres/postings/${postingId}`);
      await byTestId(page, 'posting-reviews').waitFor();
      await byTestId(page, 'spot-add').click();
      const modal = page.locator('.ant-modal-wrap:visible');
      await modal.locator('label', { hasText: '不在村' }).click();
      await modal.locator('.ant-btn-primary').click();
      await modal.waitFor({ state: 'hidden' });
      await byTestId(page, 'review-absences').filter({ hasText: '无故缺勤 1 次' }).waitFor();
      assert.match((await byTestId(page, 'review-cap').textContent()) ?? '', /称职/);

      await signIn(page, baseUrl, 'beipiao');
      await page.goto(`${baseUrl}/cadres/postings/${postingId}`);
      await byTestId(page, 'review-add').click();
      const form = page.locator('.ant-modal-wrap:visible');
      const rating = form.locator('[data-testid="review-rating"]');
      await choose(page, rating, '优秀', { exact: true });
      await form.locator('.ant-btn-primary').click();
      await form.locator('.ant-form-item-explain-error', { hasText: '评议等次最高为“称职”' }).waitFor();
      await choose(page, rating, '称职', { exact: true });
      await form.locator('.ant-btn-primary').click();
      await form.waitFor({ state: 'hidden' });
      await byTestId(page, 'posting-reviews').locator('.ant-list-item', { hasText: '称职' }).first().waitFor();
      await settled(page);
      await snap(page, 'detail-reviews');
    },
  },
  {
    name: 'cadres: the county ends the posting early; the step refuses an empty reason',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'beipiao');
      await page.goto(`${baseUrl}/cadres/postings/${postingId}`);
      await stateIs(page, 'in_post');
      await byTestId(page, 'step-finish').click();
      const modal = page.locator('.ant-modal', { has: page.locator('[data-testid="step-submit"]') });
      await modal.waitFor();
      await modal.locator('.ant-alert', { hasText: '须说明原因' }).waitFor();
      await byTestId(page, 'step-submit').click();
      await modal.locator('.ant-form-item-explain-error', { hasText: '请填写原因' }).waitFor();
      await snap(page, 'finish-reason-required');
      assert.ok(await modal.isVisible(), 'the modal stays open');
      await (await inputOf(modal, 'step-reason')).fill(FINISH_REASON);
      await byTestId(page, 'step-submit').click();
      await modal.waitFor({ state: 'hidden' });
      await stateIs(page, 'finished');
      const last = page.locator('[data-testid="procedure-history-item"][data-action="finish"]');
      assert.match((await last.textContent()) ?? '', new RegExp(FINISH_REASON));
      assert.match((await byTestId(page, 'posting-info').textContent()) ?? '', new RegExp(FINISH_REASON));
      await settled(page);
      await snap(page, 'detail-finished');
      // In English the page's words and the server's labels change together.
      await page.evaluate(() => localStorage.setItem('fupin_lang', 'en'));
      await page.reload();
      await stateIs(page, 'finished');
      const panel = (await byTestId(page, 'procedure-panel').textContent()) ?? '';
      assert.match(panel, /History/);
      assert.match(panel, /Confirm in post/);
      assert.match((await byTestId(page, 'posting-cadre').textContent()) ?? '', /Year of birth/);
      await settled(page);
      await snap(page, 'detail-en');
      await page.evaluate(() => localStorage.setItem('fupin_lang', 'zh-CN'));
    },
  },
  {
    name: 'cadres: on a 390×844 phone the list, the detail and the leave list fit the screen',
    timeout: 150_000,
    run: async (ctx) => {
      const { page } = await phoneOf(ctx);
      try {
        await signIn(page, ctx.baseUrl, 'beipiao');
        await page.goto(`${ctx.baseUrl}/cadres/postings`);
        const cards = byTestId(page, 'postings-table');
        await cards.waitFor();
        await page.locator('[data-testid="posting-card"]', { hasText: CADRE.name }).waitFor();
        assert.equal(await cards.getAttribute('data-layout'), 'cards');
        await settled(page);
        await fitsScreen(page, 'postings list');
        await snap(page, 'phone-list');

        await byTestId(page, 'posting-propose').click();
        await byTestId(page, 'propose-drawer').waitFor();
        await settled(page);
        await fitsScreen(page, 'propose drawer');
        await page.screenshot({ path: path.join(SHOTS, 'cad-phone-propose-drawer.png') });
        await page.keyboard.press('Escape');

        await page.goto(`${ctx.baseUrl}/cadres/postings/${postingId}`);
        await stateIs(page, 'finished');
        await settled(page);
        await fitsScreen(page, 'posting detail');
        await snap(page, 'phone-detail');

        await page.goto(`${ctx.baseUrl}/cadres/leave?state=all`);
        const card = page.locator('[data-testid="leave-card"]', { hasText: CADRE.name });
        await card.waitFor();
        await settled(page);
        await fitsScreen(page, 'leave list');
        await snap(page, 'phone-leave-list');

        await card.click();
        await stateIs(page, 'approved');
        await settled(page);
        await fitsScreen(page, 'leave detail');
        await snap(page, 'phone-leave-detail');
      } finally {
        await phone?.context.close();
        phone = null;
      }
    },
  },
];
