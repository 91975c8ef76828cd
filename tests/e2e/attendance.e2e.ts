// Attendance (出勤统计) in the browser, on the demo's computed months: the county user (beipiao, 北票市) opens last
// month's list filtered to flagged cadres, opens the cadre with the most flags, dismisses one flag with a note (the
// button waits for the note) and confirms another (it becomes an unexcused absence); then the list and the month on
// a 390×844 phone, which must not scroll sideways. Screenshots: test-results/screenshots/att-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Step } from './foundation.e2e.ts';

const PASSWORD = 'Fupin@2017';
const SHOTS = path.resolve('test-results/screenshots');
const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

function lastMonth() {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
const MONTH = lastMonth();
let detailPath = '';

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
  await page.screenshot({ path: path.join(SHOTS, `att-${name}.png`), fullPage: true });
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
    name: "attendance: the county opens last month's 出勤统计, flagged only, and a cadre's month",
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'beipiao');
      await page.goto(`${baseUrl}/cadres/attendance?month=${MONTH}&flagged=1`);
      await byTestId(page, 'attendance-page').waitFor();
      await settled(page);
      const rows = page.locator('[data-testid="attendance-table"] tbody tr.ant-table-row');
      const n = await rows.count();
      assert.ok(n > 0, 'the demo county has flagged cadres last month');
      // The cadre with the most flags.
      let best = 0;
      let bestCount = -1;
      for (let i = 0; i < n; i++) {
        const c = await rows.nth(i).locator('[data-testid="flag-tag"]').count();
        if (c > bestCount) [best, bestCount] = [i, c];
      }
      assert.ok(bestCount >= 2, `a cadre with two flags or more (found ${bestCount})`);
      const text = (await rows.nth(best).textContent()) ?? '';
      assert.match(text, /\*/, 'the ID number is masked');
      await snap(page, 'list');
      await rows.nth(best).locator('[data-testid="attendance-link"]').click();
      await byTestId(page, 'attendance-detail').waitFor();
      await settled(page);
      detailPath = new URL(page.url()).pathname + new URL(page.url()).search;
      await byTestId(page, 'attendance-calendar').waitFor();
      assert.match((await byTestId(page, 'attendance-figures').textContent()) ?? '', /在村 \d+ 天/);
      await snap(page, 'detail');
    },
  },
  {
    name: 'attendance: the county dismisses a flag with a note and confirms another',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      if (!detailPath.startsWith('/cadres/attendance/')) await signIn(page, baseUrl, 'beipiao');
      await page.goto(`${baseUrl}${detailPath}`);
      await byTestId(page, 'attendance-detail').waitFor();
      await settled(page);
      const open = () => page.locator('[data-testid="flag-card"][data-state="open"]:not([data-code="absence_candidate"])');
      const before = await open().count();
      assert.ok(before >= 2, `two open flags (found ${before})`);
      const first = open().first();
      const code = await first.getAttribute('data-code');
      const dismiss = first.locator('[data-testid="flag-dismiss"]');
      assert.equal(await dismiss.isDisabled(), true, 'dismiss waits for a note');
      await first.locator('[data-testid="flag-note"]').fill('已电话核实，当月在县里参加培训');
      await dismiss.click();
      await page.locator(`[data-testid="flag-card"][data-code="${code}"][data-state="dismissed"]`).waitFor();
      await settled(page);
      const next = open().first();
      const code2 = await next.getAttribute('data-code');
      await next.locator('[data-testid="flag-confirm"]').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await page.locator(`[data-testid="flag-card"][data-code="${code2}"][data-state="confirmed"]`).waitFor();
      await settled(page);
      assert.equal(await open().count(), before - 2);
      await snap(page, 'decided');
    },
  },
  {
    name: 'attendance: the county confirms a flag as grounds for replacement; the posting lists it under 撤换依据',
    timeout: 150_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'beipiao');
      await page.goto(`${baseUrl}/cadres/attendance?month=${MONTH}&flagged=1`);
      await byTestId(page, 'attendance-page').waitFor();
      await settled(page);
      const rows = page.locator('[data-testid="attendance-table"] tbody tr.ant-table-row');
      const n = await rows.count();
      const open = () => page.locator('[data-testid="flag-card"][data-state="open"]:not([data-code="absence_candidate"])');
      // The first cadre of the list with an open flag the county decides (not an absence candidate).
      let found = false;
      for (let i = 0; i < n && !found; i++) {
        await page.goto(`${baseUrl}/cadres/attendance?month=${MONTH}&flagged=1`);
        await settled(page);
        await rows.nth(i).locator('[data-testid="attendance-link"]').click();
        await byTestId(page, 'attendance-detail').waitFor();
        await settled(page);
        found = (await open().locator('[data-testid="flag-replacement"]').count()) > 0;
      }
      assert.ok(found, 'a cadre with an open flag the county decides');
      const card = open()
        .filter({ has: page.locator('[data-testid="flag-replacement"]') })
        .first();
      const code = await card.getAttribute('data-code');
      await card.locator('[data-testid="flag-replacement"]').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await page.locator(`[data-testid="flag-card"][data-code="${code}"][data-state="confirmed"]`).first().waitFor();
      await settled(page);
      await snap(page, 'replacement-flag');
      await page.locator('[data-testid="attendance-detail"] a[href*="/cadres/postings/"]').first().click();
      await byTestId(page, 'posting-detail').waitFor();
      await settled(page);
      const grounds = await byTestId(page, 'posting-grounds').textContent();
      assert.ok(grounds && grounds.length > 0, 'the posting lists the confirmed flag as a ground for replacement');
      await snap(page, 'posting-grounds');
      const postingPath = new URL(page.url()).pathname;
      const phone = await page
        .context()
        .browser()
        ?.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' });
      assert.ok(phone);
      const small = await phone.newPage();
      try {
        await signIn(small, baseUrl, 'beipiao');
        await small.goto(`${baseUrl}${postingPath}`);
        await byTestId(small, 'posting-grounds').waitFor();
        await settled(small);
        await fitsScreen(small, 'posting with grounds');
        await snap(small, 'phone-posting-grounds');
      } finally {
        await phone.close();
      }
    },
  },
  {
    name: 'attendance: on a 390×844 phone the list and the month fit the screen',
    timeout: 150_000,
    run: async ({ baseUrl, context }) => {
      const browser = context.browser();
      assert.ok(browser);
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const page = await phone.newPage();
      try {
        await signIn(page, baseUrl, 'beipiao');
        await page.goto(`${baseUrl}/cadres/attendance?month=${MONTH}`);
        await byTestId(page, 'attendance-table').waitFor();
        await page.locator('[data-testid="attendance-card"]').first().waitFor();
        await settled(page);
        await fitsScreen(page, 'attendance list');
        await snap(page, 'phone-list');
        await page.goto(`${baseUrl}${detailPath}`);
        await byTestId(page, 'attendance-detail').waitFor();
        await settled(page);
        await fitsScreen(page, 'attendance month');
        await snap(page, 'phone-detail');
      } finally {
        await phone.close();
      }
    },
  },
];
