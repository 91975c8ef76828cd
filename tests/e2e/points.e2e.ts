// Village points (村点位) in the browser: the county user (beipiao, 北票市) opens the page for 东官营镇, selects 海丰村 in
// the list, clicks the county map at a chosen place, confirms, and sees the point saved (source 地图标注, the
// coordinates of the place clicked, also through the API). Then the page on a 390×844 phone, which must not scroll
// sideways. Run by tests/e2e/run.mjs; screenshots go to test-results/screenshots/pt-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { E2EContext, Step } from './foundation.e2e.ts';

const PASSWORD = 'Fupin@2017';
const TOWNSHIP = '211381109';
const VILLAGE = '211381109201'; // 海丰村
const SHOTS = path.resolve('test-results/screenshots');
// A place inside 北票市, a little different each run so that the saved point is this run's.
const TARGET = { lon: 120.78 + (Date.now() % 50) / 10_000, lat: 41.8 };

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
  await page.waitForTimeout(400);
}

async function snap(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(SHOTS, `pt-${name}.png`), fullPage: true });
}

/** The page is exactly as wide as the screen (as cadres.e2e.ts checks it). */
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

/** Where a place is on the map, in page pixels (the chart's own projection). */
async function pixelOf(page: Page, lon: number, lat: number) {
  const map = byTestId(page, 'points-map');
  const box = await map.boundingBox();
  assert.ok(box, 'the map is shown');
  const at = await map.evaluate(
    (el, p) =>
      (el as HTMLDivElement & { fpChart: { convertToPixel: (f: object, v: number[]) => number[] } }).fpChart.convertToPixel(
        { geoIndex: 0 },
        p,
      ),
    [lon, lat],
  );
  return { x: box.x + (at[0] as number), y: box.y + (at[1] as number) };
}

let phone: { context: BrowserContext; page: Page } | null = null;

export const steps: Step[] = [
  {
    name: 'points: the county selects 海丰村, clicks the map, confirms, and sees the point saved',
    timeout: 150_000,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'beipiao');
      await byTestId(page, 'nav-group-cadres').click();
      await byTestId(page, 'nav-cadres-points').click();
      await byTestId(page, 'points-page').waitFor();
      await page.goto(`${baseUrl}/cadres/points?region=${TOWNSHIP}`);
      const village = page.locator(`[data-testid="point-village"][data-code="${VILLAGE}"]`).first();
      await village.waitFor({ timeout: 60_000 });
      await byTestId(page, 'points-map').waitFor();
      await settled(page);
      await village.click();
      assert.equal(await village.getAttribute('data-selected'), 'true');
      await page.locator('[data-testid="point-hint"]', { hasText: '已选中' }).waitFor();

      const { x, y } = await pixelOf(page, TARGET.lon, TARGET.lat);
      await page.mouse.click(x, y);
      const pending = byTestId(page, 'point-pending');
      await pending.waitFor();
      const shown = /经度 ([\d.]+)，纬度 ([\d.]+)/.exec((await pending.textContent()) ?? '');
      assert.ok(shown, 'the dialog names the place clicked');
      // A pixel is a few metres at this zoom: the place clicked is the place aimed at, to about 0.005°.
      assert.ok(Math.abs(Number(shown[1]) - TARGET.lon) < 0.005 && Math.abs(Number(shown[2]) - TARGET.lat) < 0.005, shown[0]);
      await snap(page, 'confirm');
      await byTestId(page, 'point-save').click();
      await page.locator('.ant-message', { hasText: '已保存' }).waitFor();

      const row = page.locator(`[data-testid="point-row"][data-code="${VILLAGE}"]`);
      await row.locator('[data-testid="point-source"][data-source="edited"]').waitFor();
      assert.match((await row.textContent()) ?? '', /地图标注/);
      const api = await page.request.get(`${baseUrl}/api/cadres/village-points?region=${VILLAGE}`);
      assert.equal(api.status(), 200);
      const saved = (await api.json()).items[0].point;
      assert.equal(saved.source, 'edited');
      assert.equal(saved.lon.toFixed(6), Number(shown[1]).toFixed(6));
      assert.equal(saved.lat.toFixed(6), Number(shown[2]).toFixed(6));
      await settled(page);
      await snap(page, 'saved');
    },
  },
  {
    name: 'points: on a 390×844 phone the page with its map fits the screen',
    timeout: 150_000,
    run: async (ctx: E2EContext) => {
      const browser = ctx.context.browser();
      assert.ok(browser, 'the suite runs in a browser');
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const page = await context.newPage();
      page.on('pageerror', (e) => ctx.pageErrors.push(e.message));
      phone = { context, page };
      try {
        await signIn(page, ctx.baseUrl, 'beipiao');
        await page.goto(`${ctx.baseUrl}/cadres/points?region=${TOWNSHIP}`);
        await page.locator(`[data-testid="point-village"][data-code="${VILLAGE}"]`).first().waitFor({ timeout: 60_000 });
        await byTestId(page, 'points-map').waitFor();
        await settled(page);
        await fitsScreen(page, 'village points');
        await snap(page, 'phone');
      } finally {
        await phone.context.close();
        phone = null;
      }
    },
  },
];
