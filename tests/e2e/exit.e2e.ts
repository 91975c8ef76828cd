// Exit in the browser: anyone opens 海丰村's public board without login (the households in notice, no ID number or
// phone in the HTML), the complaint form refuses bad input and gives a reference for good input; then the village
// (haifeng) proposes an eligible household and takes the batch through appraisal, verification and agreement,
// publishes the notice (dated eight days back), the township (dongguanying) announces and the county (beipiao) closes
// it in the register. Then a poor village's exit: the township (dongguanying) proposes a village under the threshold
// from the list, the county (beipiao) is refused a check with an item unticked, checks, publishes three days back (the
// announcement is refused with its date), sends it back, publishes eight days back and announces; the list shows the
// exit year; the village and county lists fit 390 px as cards. Screenshots at 1366 and 390 px: test-results/screenshots/exit-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { clickUntil } from './click-until.ts';
import type { Step } from './foundation.e2e.ts';

const PASSWORD = 'Fupin@2017';
const VILLAGE = '211381109201';
const SHOTS = path.resolve('test-results/screenshots');
let exitId = '';
let batchId = '';
let villageExitId = '';

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
  await page.screenshot({ path: path.join(SHOTS, `exit-${name}.png`), fullPage: true });
}

async function batchStep(page: Page, action: string) {
  const button = byTestId(page, `exit-batch-step-${action}`);
  await button.waitFor({ timeout: 30_000 });
  await button.click();
  await page.locator('.ant-message-success').first().waitFor({ timeout: 30_000 });
  await settled(page);
}

async function takeStep(page: Page, action: string, day?: string, reason?: string) {
  await byTestId(page, `step-${action}`).click();
  const submit = page.locator('[data-testid="step-submit"]');
  await submit.waitFor({ state: 'visible' });
  if (reason) await page.locator('.ant-modal [data-testid="step-reason"]').fill(reason);
  if (day) {
    const picker = page.locator('.ant-modal [data-testid="step-date"]').first();
    const tag = await picker.evaluate((e) => e.tagName);
    const input = tag === 'INPUT' ? picker : picker.locator('input').first();
    await input.click();
    await input.fill(day);
    await input.press('Enter');
    // Enter may already have sent the dialog's form: click only if it is still open and not sending.
    await page.waitForTimeout(500);
  }
  // A click that lands while the dialog is still settling sends nothing: clicked again (at most three times) while the
  // dialog stays open and is not sending.
  for (let attempt = 1; ; attempt++) {
    const sending = ((await submit.getAttribute('class').catch(() => null)) ?? '').includes('ant-btn-loading');
    if (!sending && (await submit.isVisible().catch(() => false))) await submit.click();
    try {
      await submit.waitFor({ state: 'hidden', timeout: attempt < 3 ? 8_000 : 30_000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  await settled(page);
}

export const steps: Step[] = [
  {
    name: 'exit: the public board of 海丰村 opens without login, shows the notice and no ID number or phone; the form survives bad input',
    async run({ page, baseUrl }) {
      await page.context().clearCookies();
      await page.setViewportSize({ width: 1366, height: 900 });
      const res = await page.goto(`${baseUrl}/public/villages/${VILLAGE}`);
      assert.equal(res?.status(), 200);
      const html = await page.content();
      assert.ok(html.includes('贫困户退出公示'), 'the exit notice section is there');
      assert.ok(!/\d{17}[\dX]/.test(html), 'no ID number in the HTML');
      assert.ok(!/(?<!\d)1[3-9]\d{9}(?!\d)/.test(html), 'no mobile number in the HTML');
      await page.screenshot({ path: path.join(SHOTS, 'exit-public-1366.png'), fullPage: true });
      // Too short, with markup: refused with the rule, nothing echoed.
      await page.locator('#content').fill('<b>x');
      await page.locator('#content').evaluate((e) => e.removeAttribute('minlength'));
      await page.locator('form.complaint button[type="submit"]').first().click();
      await page.locator('[data-testid="complaint-problem"]').waitFor();
      assert.ok(!(await page.content()).includes('<b>x'));
      await page.goto(`${baseUrl}/public/villages/${VILLAGE}`);
      await page.locator('#content').fill('村里公示的退出名单中有一户家里常年有病人，请再核实。');
      await page.locator('form.complaint button[type="submit"]').first().click();
      const ref = (await page.locator('#reference').textContent())?.trim() ?? '';
      assert.match(ref, /^211381-[A-Z0-9]{10}$/);
      await page.goto(`${baseUrl}/public/complaints?ref=${ref}`);
      await page.locator('[data-testid="complaint-status"]').waitFor();
      assert.ok((await page.content()).includes('已受理'));
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${baseUrl}/public/villages/${VILLAGE}`);
      const w = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, vw: window.innerWidth }));
      assert.equal(w.doc, w.vw, 'the board fits a phone');
      await page.screenshot({ path: path.join(SHOTS, 'exit-public-390.png'), fullPage: true });
      await page.setViewportSize({ width: 1366, height: 900 });
    },
  },
  {
    name: 'exit: 海丰村 proposes an eligible household and takes its batch through appraisal, verification, agreement and notice',
    async run({ page, baseUrl }) {
      await page.setViewportSize({ width: 1366, height: 900 });
      await signIn(page, baseUrl, 'haifeng');
      await page.goto(`${baseUrl}/exit/households`);
      await settled(page);
      const candidates = byTestId(page, 'exit-candidates');
      const box = candidates.locator('tr.ant-table-row .ant-checkbox-wrapper:not(.ant-checkbox-wrapper-disabled)').first();
      await box.waitFor({ timeout: 30_000 });
      await box.click();
      await byTestId(page, 'exit-propose').click();
      await page.locator('.ant-message-success').first().waitFor({ timeout: 30_000 });
      await settled(page);
      await snap(page, 'households-1366');
      await byTestId(page, `exit-batch-${VILLAGE}`).click();
      await byTestId(page, 'exit-batch').waitFor();
      batchId = page.url().split('/exit/batches/')[1]?.split('?')[0] ?? '';
      for (const a of ['appraise', 'verify', 'agree']) await batchStep(page, a);
      await snap(page, 'batch-1366');
      // The household just proposed: the agreed row without a notice yet; publish its notice eight days back.
      const row = byTestId(page, 'exit-batch-households')
        .locator('tbody tr', { has: page.locator('.ant-tag', { hasText: '户已认可' }) })
        .first();
      await row.locator('a').first().click();
      await byTestId(page, 'exit-detail').waitFor();
      exitId = page.url().split('/exit/households/')[1]?.split('?')[0] ?? '';
      const eight = new Date(Date.now() - 8 * 86_400_000).toISOString().slice(0, 10);
      await takeStep(page, 'publish', eight);
      await page.locator('[data-testid="procedure-state"][data-state="notice"]').waitFor();
      await snap(page, 'detail-notice-1366');
    },
  },
  {
    name: 'exit: the township announces after the notice, the county closes the batch in the register',
    async run({ page, baseUrl }) {
      assert.ok(exitId && batchId, 'the previous step made the exit');
      await signIn(page, baseUrl, 'dongguanying');
      await page.goto(`${baseUrl}/exit/households/${exitId}`);
      await settled(page);
      await takeStep(page, 'announce');
      await page.locator('[data-testid="procedure-state"][data-state="announced"]').waitFor();
      await signIn(page, baseUrl, 'beipiao');
      await page.goto(`${baseUrl}/exit/batches/${batchId}`);
      await settled(page);
      await batchStep(page, 'close');
      await page.goto(`${baseUrl}/exit/households/${exitId}`);
      await settled(page);
      await page.locator('[data-testid="procedure-state"][data-state="closed"]').waitFor();
      await snap(page, 'detail-closed-1366');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${baseUrl}/exit/batches/${batchId}`);
      await settled(page);
      await snap(page, 'batch-390');
      await page.goto(`${baseUrl}/exit/complaints`);
      await settled(page);
      await snap(page, 'complaints-390');
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${baseUrl}/exit/complaints`);
      await settled(page);
      await snap(page, 'complaints-1366');
    },
  },
  {
    // Several procedure steps through the UI, each a round trip under the shared machine's load.
    timeout: 180_000,
    name: 'exit: areas · the township proposes a poor village under the threshold with its checklist',
    async run({ page, baseUrl }) {
      await page.setViewportSize({ width: 1366, height: 900 });
      await signIn(page, baseUrl, 'dongguanying');
      await page.goto(`${baseUrl}/exit/villages`);
      await settled(page);
      await snap(page, 'villages-1366');
      // A village under the threshold with no exit under way offers the proposal.
      const propose = byTestId(page, 'exa-propose').first();
      await propose.waitFor({ timeout: 30_000 });
      const code = (await propose.getAttribute('data-code')) ?? '';
      await propose.click();
      const submit = byTestId(page, 'exa-propose-submit');
      await clickUntil(
        async () => {
          if (await submit.isVisible()) await submit.click();
        },
        (timeout) => page.waitForURL(/\/exit\/villages\/\d+/, { timeout }),
      );
      await settled(page);
      villageExitId = page.url().split('/exit/villages/')[1]?.split('?')[0] ?? '';
      await page.locator('[data-testid="procedure-state"][data-state="proposed"]').waitFor();
      // The township may not check its own proposal: the county does.
      assert.equal(await byTestId(page, 'step-check').getAttribute('data-allowed'), 'false');
      assert.ok(code, 'a village was proposed');
    },
  },
  {
    // Several procedure steps through the UI, each a round trip under the shared machine's load.
    timeout: 180_000,
    name: 'exit: areas · the county verifies the checklist, publishes; the announcement waits for the end of the notice',
    async run({ page, baseUrl }) {
      assert.ok(villageExitId, 'the previous step proposed a village');
      await signIn(page, baseUrl, 'beipiao');
      await page.goto(`${baseUrl}/exit/villages/${villageExitId}`);
      await settled(page);
      // One item left unticked: the county's check is refused and names it.
      const boxes = byTestId(page, 'exa-checklist').locator('input[type="checkbox"]');
      const n = await boxes.count();
      assert.equal(n, 7);
      for (let i = 0; i < n - 1; i++) await boxes.nth(i).check();
      await byTestId(page, 'step-check').click();
      // The refusal is expected; a click that lands while the dialog is still opening does nothing, so it is tried
      // again (a second refusal changes nothing).
      const refusal = page.locator('.ant-message-error, .ant-modal .ant-alert-error').first();
      for (let attempt = 1; ; attempt++) {
        await page.locator('[data-testid="step-submit"]').click();
        try {
          await refusal.waitFor({ timeout: 10_000 });
          break;
        } catch (e) {
          if (attempt >= 3) throw e;
        }
      }
      const modalOpen = await page.locator('[data-testid="step-submit"]').isVisible();
      if (modalOpen) await page.locator('.ant-modal-close').first().click();
      await page.locator('[data-testid="procedure-state"][data-state="proposed"]').waitFor();
      await boxes.nth(n - 1).check();
      await takeStep(page, 'check');
      await page.locator('[data-testid="procedure-state"][data-state="checked"]').waitFor();
      // Published three days ago: the seven calendar days are not over, the announcement is refused with the date.
      await takeStep(page, 'publish', new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10));
      await page.locator('[data-testid="procedure-state"][data-state="notice"]').waitFor();
      const why = await byTestId(page, 'step-announce-why').getAttribute('data-why');
      assert.ok(why?.match(/\d{4}-\d{2}-\d{2}/), `the announcement says from when: ${why}`);
      await snap(page, 'village-notice-1366');
      // The notice had the wrong day: sent back, checked again and published eight days back.
      await takeStep(page, 'return', undefined, '公示开始日期登记有误');
      await page.locator('[data-testid="procedure-state"][data-state="proposed"]').waitFor();
      await takeStep(page, 'check');
      await takeStep(page, 'publish', new Date(Date.now() - 8 * 86_400_000).toISOString().slice(0, 10));
      await page.locator('[data-testid="procedure-state"][data-state="notice"]').waitFor();
    },
  },
  {
    // Several procedure steps through the UI, each a round trip under the shared machine's load.
    timeout: 180_000,
    name: 'exit: areas · the county announces the village exited; the list shows the exit year',
    async run({ page, baseUrl }) {
      assert.ok(villageExitId, 'the village is in notice');
      await page.goto(`${baseUrl}/exit/villages/${villageExitId}`);
      await settled(page);
      await takeStep(page, 'announce');
      await page.locator('[data-testid="procedure-state"][data-state="announced"]').waitFor();
      const history = await page
        .locator('[data-testid="procedure-history-item"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      assert.deepEqual(history, ['open', 'check', 'publish', 'return', 'check', 'publish', 'announce']);
      await snap(page, 'village-announced-1366');
      await page.goto(`${baseUrl}/exit/villages?state=exited`);
      await settled(page);
      const link = page.locator(`[data-testid="exa-village-link"][href*="/exit/villages/${villageExitId}"]`);
      await link.waitFor();
      const row = page.locator('tr', { has: link });
      assert.equal(await row.locator('[data-testid="area-status"]').getAttribute('data-status'), 'exited');
      assert.ok((await row.textContent())?.includes(`${new Date().getFullYear()} 年已退出`));
      await page.goto(`${baseUrl}/exit/counties`);
      await settled(page);
      await snap(page, 'counties-1366');
    },
  },
  {
    // Several procedure steps through the UI, each a round trip under the shared machine's load.
    timeout: 180_000,
    name: 'exit: areas · the village and county exit lists fit a 390 px phone as cards',
    async run({ page, baseUrl }) {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const [path, card, name] of [
        ['/exit/villages', 'exa-village-card', 'villages-390'],
        ['/exit/counties?region=21', 'exa-county-card', 'counties-390'],
        [`/exit/villages/${villageExitId}`, 'procedure-panel', 'village-detail-390'],
      ] as const) {
        if (name === 'counties-390') await signIn(page, baseUrl, 'sheng');
        await page.goto(`${baseUrl}${path}`);
        await settled(page);
        await byTestId(page, card).first().waitFor();
        const w = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, vw: window.innerWidth }));
        assert.equal(w.doc, w.vw, `${path} fits a phone`);
        await snap(page, name);
      }
      await page.setViewportSize({ width: 1366, height: 900 });
    },
  },
];
