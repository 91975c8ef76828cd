// 四议一审两公开 in the browser: the village (haifeng, 海丰村) records a matter and takes it through every meeting —
// the members' meeting first refused for want of a quorum, the rule named — the township (dongguanying) reviews it,
// the village discloses the decision and its result; the county (beipiao) sees it done with the village's QR code;
// anyone opens the public page without login and the poster's QR image loads. Then the pages on a 390×844 phone.
// Run by tests/e2e/run.mjs; screenshots go to test-results/screenshots/pd-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { inputOf } from './antd.ts';
import type { E2EContext, Step } from './foundation.e2e.ts';

const PASSWORD = 'Fupin@2017';
const VILLAGE = '211381109201';
const SHOTS = path.resolve('test-results/screenshots');
const TITLE = `村集体果园承包方案${Date.now() % 997}`;
const RESULT = '果园已按决议发包，承包费 8 万元已入村集体账户。';
let decisionId = '';

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
  await page.screenshot({ path: path.join(SHOTS, `pd-${name}.png`), fullPage: true });
}

async function stateIs(page: Page, state: string) {
  await page.locator(`[data-testid="decision-detail"][data-state="${state}"]`).waitFor({ timeout: 30_000 });
}

/** Fills the next step's form (fields by test id) and submits it. */
async function step(page: Page, action: string, fields: Record<string, string | number>, then: string) {
  const form = byTestId(page, `step-form-${action}`);
  await form.waitFor();
  for (const [k, v] of Object.entries(fields)) {
    const input = await inputOf(form, `step-${k}`);
    await input.fill(String(v));
  }
  await form.locator('[data-testid="step-submit"]').click();
  await stateIs(page, then);
}

async function fitsScreen(page: Page, what: string) {
  const m = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, vw: window.innerWidth }));
  console.log(`    [width] ${what}: document ${m.scrollWidth} px, viewport ${m.vw} px`);
  assert.equal(m.scrollWidth, m.vw, `${what}: the page is ${m.scrollWidth} px wide on a ${m.vw} px screen`);
}

export const steps: Step[] = [
  {
    name: 'party-decisions: 海丰村 records a matter and holds its meetings; a members’ meeting short of 2/3 is refused with the rule',
    timeout: 150_000,
    run: async ({ page, baseUrl }) => {
      await signIn(page, baseUrl, 'haifeng');
      await page.goto(`${baseUrl}/party/decisions`);
      await byTestId(page, 'decisions-page').waitFor();
      await byTestId(page, 'decision-new').click();
      await byTestId(page, 'decision-create-form').waitFor();
      await (await inputOf(page, 'decision-create-title')).fill(TITLE);
      await (await inputOf(page, 'decision-create-content')).fill('村集体果园 50 亩对外公开发包，期限五年。');
      await (await inputOf(page, 'decision-create-amount')).fill('80000');
      await settled(page);
      await snap(page, 'create');
      await byTestId(page, 'decision-create-submit').click();
      await page.waitForURL(/\/party\/decisions\/\d+/);
      decisionId = /\/party\/decisions\/(\d+)/.exec(page.url())?.[1] ?? '';
      await stateIs(page, 'proposed');

      await step(page, 'org_propose', { present: 5, total: 7, votesFor: 5 }, 'org_proposed');
      await step(page, 'committees', { present: 8, total: 9, votesFor: 8 }, 'committees_deliberated');
      const members = Number(/(\d+)/.exec((await byTestId(page, 'step-members').textContent()) ?? '')?.[1]);
      assert.ok(members > 0, 'the organisation has members');
      const quorum = Math.ceil((2 * members) / 3);
      // One short of the quorum (when there is anyone to be short of): refused, the rule named, nothing recorded.
      if (quorum > 1) {
        const form = byTestId(page, 'step-form-members_meeting');
        await (await inputOf(form, 'step-present')).fill(String(quorum - 1));
        await (await inputOf(form, 'step-votesFor')).fill(String(quorum - 1));
        await form.locator('[data-testid="step-submit"]').click();
        const error = byTestId(page, 'step-error');
        await error.waitFor();
        assert.match((await error.textContent()) ?? '', /2\/3/);
        await settled(page);
        await snap(page, 'quorum-refused');
      }
      await step(
        page,
        'members_meeting',
        { present: quorum, votesFor: Math.floor(members / 2) + 1, townshipAttendee: '王小明' },
        'members_reviewed',
      );
      await step(page, 'villagers_meeting', { present: 45, total: 60, votesFor: 40, townshipAttendee: '王小明' }, 'villagers_decided');
      await settled(page);
      assert.match((await byTestId(page, 'step-not-allowed').textContent()) ?? '', /乡镇审核/);
      await snap(page, 'awaiting-township');
    },
  },
  {
    name: 'party-decisions: the township reviews, the village discloses the decision and its result',
    timeout: 150_000,
    run: async ({ page, baseUrl }) => {
      assert.ok(decisionId, 'the decision of the step before');
      await signIn(page, baseUrl, 'dongguanying');
      await page.goto(`${baseUrl}/party/decisions/${decisionId}`);
      await stateIs(page, 'villagers_decided');
      await byTestId(page, 'step-form-township_review').locator('input[type="radio"]').first().check();
      await step(page, 'township_review', { townshipAttendee: '王小明' }, 'township_reviewed');

      await signIn(page, baseUrl, 'haifeng');
      await page.goto(`${baseUrl}/party/decisions/${decisionId}`);
      await stateIs(page, 'township_reviewed');
      await step(page, 'disclose_decision', { place: '村务公开栏' }, 'decision_disclosed');
      await step(page, 'disclose_result', { place: '村务公开栏', summary: RESULT }, 'result_disclosed');
      const rows = await byTestId(page, 'decision-steps').locator('tbody tr.ant-table-row').count();
      assert.equal(rows, 7);
    },
  },
  {
    name: 'party-decisions: the county sees it done with the QR code; the public page needs no login and shows it masked',
    timeout: 150_000,
    run: async ({ page, baseUrl }) => {
      await signIn(page, baseUrl, 'beipiao');
      await page.goto(`${baseUrl}/party/decisions?state=result_disclosed`);
      await page.locator('[data-testid="decision-link"]', { hasText: TITLE }).waitFor();
      await settled(page);
      await snap(page, 'list');
      await page.goto(`${baseUrl}/party/decisions/${decisionId}`);
      await stateIs(page, 'result_disclosed');
      const img = byTestId(page, 'decision-qr-img');
      await img.waitFor();
      await page.waitForFunction(() => {
        const i = document.querySelector('[data-testid="decision-qr-img"]') as HTMLImageElement | null;
        return !!i && i.complete && i.naturalWidth > 0;
      });
      await settled(page);
      await snap(page, 'detail');

      await page.context().clearCookies();
      await page.goto(`${baseUrl}/public/villages/${VILLAGE}`);
      const article = page.locator('article', { hasText: TITLE });
      await article.waitFor();
      const text = (await article.textContent()) ?? '';
      assert.match(text, /果园已按决议发包/);
      assert.match(text, /王\*明/);
      assert.doesNotMatch(await page.content(), /王小明/);
      await snap(page, 'public');
      await page.goto(`${baseUrl}/public/villages/${VILLAGE}/qr`);
      await page.waitForFunction(() => {
        const i = document.querySelector('.poster img') as HTMLImageElement | null;
        return !!i && i.complete && i.naturalWidth > 0;
      });
      await snap(page, 'poster');
      const missing = await page.goto(`${baseUrl}/public/villages/211381109`);
      assert.equal(missing?.status(), 404);
    },
  },
  {
    name: 'party-decisions: on a 390×844 phone the list, the detail and the public page fit the screen',
    timeout: 150_000,
    run: async (ctx: E2EContext) => {
      const browser = ctx.context.browser();
      assert.ok(browser);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const page = await context.newPage();
      page.on('pageerror', (e) => ctx.pageErrors.push(e.message));
      try {
        await signIn(page, ctx.baseUrl, 'beipiao');
        await page.goto(`${ctx.baseUrl}/party/decisions`);
        await byTestId(page, 'decisions-table').waitFor();
        await settled(page);
        await fitsScreen(page, 'decisions list');
        await snap(page, 'phone-list');
        await page.goto(`${ctx.baseUrl}/party/decisions/${decisionId}`);
        await stateIs(page, 'result_disclosed');
        await settled(page);
        await fitsScreen(page, 'decision detail');
        await snap(page, 'phone-detail');
        await page.goto(`${ctx.baseUrl}/public/villages/${VILLAGE}`);
        await page.locator('article').first().waitFor();
        await fitsScreen(page, 'public page');
        await snap(page, 'phone-public');
      } finally {
        await context.close();
      }
    },
  },
];
