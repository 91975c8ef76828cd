// The field app (/field/) on a phone (390×844, touch, geolocation granted): the county gives a new posting in 海丰村
// its login over the API; the cadre logs in on the phone with the county's temporary password and replaces it, goes
// offline, checks in, writes the day's work log with a photo and records a visit to a household of the village
// (待同步 3 条), reloads offline — the service worker still opens the app and all three are still queued — comes back
// online, the queues sync (已同步) and the county sees the check-in, the log (with its photo) on the posting page and
// the visit on the household's page; leave asked for on the phone is in the township's list.
// Screenshots: test-results/screenshots/field-*.png.
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { checkDigit } from '../../src/modules/registry/idcard.js';
import { withExif } from '../support/jpeg-exif.js';
import type { E2EContext, Step } from './foundation.e2e.ts';

const VILLAGE = '211381109201';
const RUN = Date.now() % 997;
const USERNAME = `zhucun_e2e${RUN}`;
const FIRST_PASSWORD = 'Zhucun@2026first';
const PASSWORD = 'Zhucun@2026field';
const HERE = { latitude: 41.80123, longitude: 120.77456, accuracy: 12 };
const HEAD = `走访户${RUN}`;
const LOG_TEXT = `入户走访${HEAD}，了解春耕备耕和医保缴费情况。`;
const VISIT_NOTE = `家中两人务工，医保已缴（${RUN}）`;

/** A small API client with a cookie jar and the CSRF header, as the web app calls the server. */
class Api {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}
  async call(method: string, url: string, body?: unknown) {
    if (method !== 'GET' && !this.cookies.has('fupin_csrf')) await this.call('GET', '/api/auth/csrf');
    const res = await fetch(this.base + url, {
      method,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.cookies.get('fupin_csrf') ?? '' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair?.indexOf('=') ?? -1;
      if (pair && i > 0) this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(data)}`);
    return data;
  }
}

let postingId = 0;
let householdId = 0;
let county: Api;
let phone: { context: BrowserContext; page: Page } | null = null;

async function phoneOf(ctx: E2EContext) {
  if (phone) return phone;
  const browser = ctx.context.browser();
  assert.ok(browser);
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    permissions: ['geolocation'],
    geolocation: HERE,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => ctx.pageErrors.push(`field: ${e.message}`));
  phone = { context, page };
  return phone;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
const syncState = (page: Page) => page.locator('[data-testid="sync-state"]');
const tab = (page: Page, name: string) => page.locator('nav.tabs button', { hasText: name });

export const steps: Step[] = [
  {
    name: 'field: the county proposes and confirms a posting in 海丰村 and gives it a login (API)',
    run: async ({ baseUrl }) => {
      county = new Api(baseUrl);
      await county.call('POST', '/api/auth/login', { username: 'beipiao', password: 'Fupin@2017' });
      const unit = await county.call('POST', '/api/cadres/units', {
        name: `北票市签到测试局${RUN}`,
        level: 'county',
        regionCode: '211381',
      });
      const body = `21138119850${(RUN % 9) + 1}0${(RUN % 9) + 1}${String(RUN).padStart(3, '0')}`;
      const p = await county.call('POST', '/api/cadres/postings', {
        villageCode: VILLAGE,
        role: 'team_member',
        startDate: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
        cadre: { name: `签到${RUN}`, idNumber: body + checkDigit(body), unitId: unit.id, post: '科员', partyMember: true },
      });
      postingId = p.id;
      const d = await county.call('GET', `/api/cadres/postings/${postingId}`);
      await county.call('POST', `/api/cadres/postings/${postingId}/steps`, { action: 'confirm', version: d.case.version });
      await county.call('POST', `/api/cadres/postings/${postingId}/login`, { username: USERNAME, password: FIRST_PASSWORD });
      // A household of the village for the visit (the demo register is small).
      const head = `2113811970${String((RUN % 9) + 1).padStart(2, '0')}1${(RUN % 9) + 1}${String(RUN).padStart(3, '0')}`;
      const h = await county.call('POST', '/api/registry/households', {
        villageCode: VILLAGE,
        householdNo: `ZF${RUN}${Date.now() % 100000}`,
        category: 'ordinary',
        cause: 'illness',
        yearIdentified: 2016,
        status: 'poor',
        // The 17th digit (the run number's last) says the gender: odd for a man.
        members: [{ name: HEAD, idNumber: head + checkDigit(head), relation: 'head', gender: RUN % 2 === 1 ? 'M' : 'F' }],
      });
      householdId = h.id;
    },
  },
  {
    name: 'field: the cadre logs in on the phone, replaces the temporary password; the app shows the village, installs its service worker and keeps the household list',
    run: async (ctx) => {
      const { page } = await phoneOf(ctx);
      await page.goto(`${ctx.baseUrl}/field/`);
      await page.locator('input[name="username"]').fill(USERNAME);
      await page.locator('input[name="password"]').fill(FIRST_PASSWORD);
      await shot(page, 'field-1-login');
      await page.getByRole('button', { name: '登录' }).click();
      // The county's temporary password is replaced on the phone first.
      await page.locator('[data-testid="password-form"]').waitFor();
      await page.locator('input[name="current-password"]').fill(FIRST_PASSWORD);
      await page.locator('input[name="new-password"]').fill(PASSWORD);
      await page.locator('input[name="repeat-password"]').fill(PASSWORD);
      await shot(page, 'field-1b-password');
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByText('海丰村').waitFor();
      // Opened once online, the visit tab keeps the village's household list on the phone.
      await tab(page, '走访').click();
      await page.getByText(/本村 \d+ 户/).waitFor();
      await tab(page, '签到').click();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
      const manifest = await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href'));
      assert.equal(manifest, '/field/manifest.webmanifest');
      assert.match((await syncState(page).textContent()) ?? '', /已同步/);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `the page fits 390 px (${width})`);
      await shot(page, 'field-2-ready');
    },
  },
  {
    name: 'field: offline, a check-in, a work log with a photo and a visit are queued (待同步 3 条) and a reload still opens the app with them queued',
    run: async (ctx) => {
      const { page, context } = await phoneOf(ctx);
      await context.setOffline(true);
      await page.getByText('离线').waitFor();
      await page.locator('button.big').click();
      await page.getByText('待同步 1 条').first().waitFor();
      await shot(page, 'field-3-queued-offline');

      await tab(page, '日志').click();
      await page.locator('textarea[name="log-text"]').fill(LOG_TEXT);
      // A real picture drawn by the browser, with hand-made EXIF (time and position) put in front.
      const drawn = await page.evaluate(() => {
        const c = document.createElement('canvas');
        c.width = 320;
        c.height = 240;
        const g = c.getContext('2d') as CanvasRenderingContext2D;
        g.fillStyle = '#5b8c3a';
        g.fillRect(0, 0, 320, 240);
        g.fillStyle = '#f5deb3';
        g.fillRect(0, 150, 320, 90);
        g.fillStyle = '#fff';
        g.font = '32px sans-serif';
        g.fillText('春耕', 120, 100);
        return c.toDataURL('image/jpeg', 0.8);
      });
      const photo = withExif(Buffer.from(drawn.split(',')[1] ?? '', 'base64'), {
        dateTimeOriginal: '2026:11:20 09:30:15',
        lat: { dms: [41, 48, 4428], ref: 'N' },
        lon: { dms: [120, 46, 28416], ref: 'E' },
      });
      await page.locator('[data-testid="log-photos"]').setInputFiles({ name: 'chungeng.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.locator('.thumbs img').waitFor();
      await shot(page, 'field-3b-log-offline');
      await page.getByRole('button', { name: '保存日志' }).click();
      await syncState(page).filter({ hasText: '待同步 2 条' }).waitFor();

      await tab(page, '走访').click();
      await page.locator('input[name="household-search"]').fill(HEAD);
      await page.locator('.picks button', { hasText: HEAD }).click();
      await page.locator('textarea[name="visit-note"]').fill(VISIT_NOTE);
      await page.getByText('照片见当天工作日志').click();
      await shot(page, 'field-3c-visit-offline');
      await page.getByRole('button', { name: '保存走访' }).click();
      await syncState(page).filter({ hasText: '待同步 3 条' }).waitFor();
      await shot(page, 'field-3d-visit-queued');

      await page.reload();
      await page.getByText('海丰村').waitFor();
      await page.locator('[data-testid="sync-state"]', { hasText: '待同步 3 条' }).waitFor();
      await shot(page, 'field-4-reloaded-offline');
      await tab(page, '日志').click();
      await page.locator('.list.records li.waiting', { hasText: LOG_TEXT.slice(0, 8) }).waitFor();
    },
  },
  {
    name: 'field: back online the queues sync (已同步) and the county API sees the check-in, the log with its photo and EXIF, the visit linked to the log',
    run: async (ctx) => {
      const { page, context } = await phoneOf(ctx);
      await context.setOffline(false);
      await page.locator('[data-testid="sync-state"]', { hasText: '已同步' }).waitFor({ timeout: 40_000 });
      const month = new Date().toISOString().slice(0, 7);
      const list = await county.call('GET', `/api/cadres/postings/${postingId}/checkins?month=${month}`);
      assert.equal(list.items.length, 1);
      assert.equal(list.items[0].lat, HERE.latitude);
      assert.equal(list.items[0].lon, HERE.longitude);
      const records = await county.call('GET', `/api/cadres/postings/${postingId}/field-records?month=${month}`);
      assert.equal(records.logs.length, 1);
      assert.equal(records.logs[0].text, LOG_TEXT);
      assert.equal(records.logs[0].photos.length, 1);
      assert.equal(records.logs[0].photos[0].exifLat, 41.80123);
      assert.equal(records.visits.length, 1);
      assert.equal(records.visits[0].householdId, householdId);
      assert.equal(records.visits[0].logId, records.logs[0].id);
      await page.locator('.list.records li:not(.waiting)', { hasText: LOG_TEXT.slice(0, 8) }).waitFor();
      await shot(page, 'field-5-synced');
      await tab(page, '签到').click();
      await page.locator('.list li').first().waitFor();
      await shot(page, 'field-5b-synced-checkin');
    },
  },
  {
    name: "field: leave asked for on the phone shows its state there and is in the township's leave list",
    run: async (ctx) => {
      const { page, context } = await phoneOf(ctx);
      await tab(page, '请假').click();
      const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      await page.locator('select[name="leave-kind"]').selectOption('personal');
      await page.locator('input[name="leave-start"]').fill(day);
      await page.locator('input[name="leave-end"]').fill(day);
      await page.locator('textarea[name="leave-reason"]').fill(`回县城办事${RUN}`);
      await page.getByRole('button', { name: '提交请假' }).click();
      await page.locator('[data-testid="leave-state"]', { hasText: '待审批' }).waitFor();
      await shot(page, 'field-6-leave');
      const township = new Api(ctx.baseUrl);
      await township.call('POST', '/api/auth/login', { username: 'dongguanying', password: 'Fupin@2017' });
      const list = await township.call('GET', '/api/cadres/leave?state=requested');
      const mine = list.items.find((l: { postingId: number; reason: string }) => l.postingId === postingId);
      assert.ok(mine, 'the leave is in the township list');
      assert.equal(mine.reason, `回县城办事${RUN}`);
      assert.equal(mine.startDate, day);

      // The narrowest phones (360 px): every tab fits without sideways scrolling.
      await page.setViewportSize({ width: 360, height: 780 });
      for (const name of ['签到', '日志', '走访', '请假']) {
        await tab(page, name).click();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 360, `the ${name} tab fits 360 px (${width})`);
      }
      await tab(page, '日志').click();
      await shot(page, 'field-6b-log-360');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByText('All synced').first().waitFor();
      await shot(page, 'field-7-english');
      await context.close();
      phone = null;
    },
  },
  {
    name: 'field: the county sees the log with its photo on the posting page and the visit on the household page',
    timeout: 120_000,
    run: async (ctx) => {
      const { page, baseUrl } = ctx;
      await page.context().clearCookies();
      await page.goto(`${baseUrl}/login`);
      await page.evaluate(() => localStorage.setItem('fupin_lang', 'zh-CN'));
      await page.reload();
      await page.locator('[data-testid="login-username"]').fill('beipiao');
      await page.locator('[data-testid="login-password"]').fill('Fupin@2017');
      await page.locator('[data-testid="login-submit"]').click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${baseUrl}/cadres/postings/${postingId}`);
      const card = page.locator('[data-testid="posting-field-records"]');
      await card.getByText(LOG_TEXT).waitFor();
      const img = card.locator('img').first();
      await img.waitFor();
      // The photo decodes: served whole through the posting's route.
      await page.waitForFunction(() => {
        const i = document.querySelector('[data-testid="posting-field-records"] img') as HTMLImageElement | null;
        return (i?.naturalWidth ?? 0) > 0;
      });
      const status = await page.evaluate(async () => {
        const i = document.querySelector('[data-testid="posting-field-records"] img') as HTMLImageElement;
        return (await fetch(i.src)).status;
      });
      assert.equal(status, 200);
      await page.evaluate(() => window.scrollTo(0, 0));
      await ctx.shot('field-8-county-posting-logs');
      await card.getByRole('tab', { name: /走访/ }).click();
      await card.getByText(VISIT_NOTE).waitFor();
      await card.getByRole('tab', { name: /签到/ }).click();
      await card.locator('[data-testid="posting-checkins"]').getByText('41.80123').waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await ctx.shot('field-9-county-posting-checkins');

      await page.goto(`${baseUrl}/registry/households/${householdId}`);
      await page.getByRole('tab', { name: /驻村走访/ }).click();
      const visits = page.locator('[data-testid="household-visits"]');
      await visits.getByText(VISIT_NOTE).waitFor();
      await visits.getByText(`签到${RUN}`).waitFor();
      await ctx.shot('field-10-household-visits');
    },
  },
  {
    name: "field: the county sees the phone among the posting's devices and revokes it with a reason; the page fits 390 px",
    timeout: 120_000,
    run: async (ctx) => {
      const { page, baseUrl } = ctx;
      await page.goto(`${baseUrl}/cadres/postings/${postingId}`);
      const card = page.locator('[data-testid="posting-devices"]');
      const row = card.getByText(USERNAME);
      await row.waitFor();
      // The phone signed the check-in and the log of the steps above.
      await card.getByText('签到 1 条 · 日志 1 篇').waitFor();
      await card.scrollIntoViewIfNeeded();
      await ctx.shot('field-11-county-devices');
      await card.locator('[data-testid="device-revoke"]').click();
      const ok = page.locator('[data-testid="device-revoke-ok"]');
      await ok.click();
      await page.getByText('请填写停用原因').waitFor();
      await page.locator('[data-testid="device-revoke-reason"]').fill(`手机遗失（${RUN}）`);
      await ctx.shot('field-12-revoke-modal');
      await ok.click();
      await card.locator('[data-testid="device-revoked"]', { hasText: `手机遗失（${RUN}）` }).waitFor();
      await card.locator('[data-testid="device-revoked"]', { hasText: 'beipiao' }).waitFor();
      assert.equal(await card.locator('[data-testid="device-revoke"]').count(), 0);
      const listed = await county.call('GET', `/api/cadres/postings/${postingId}/devices`);
      assert.equal(listed.items.length, 1);
      assert.equal(listed.items[0].revokeReason, `手机遗失（${RUN}）`);
      assert.equal(listed.items[0].checkins, 1);
      await ctx.shot('field-13-device-revoked');

      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await page.reload();
        await card.locator('[data-testid="device-revoked"]').waitFor();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 390, `the posting page with its devices fits 390 px (${width})`);
        await card.scrollIntoViewIfNeeded();
        await ctx.shot('field-14-devices-390');
      } finally {
        await page.setViewportSize({ width: 1440, height: 900 });
      }
    },
  },
];
