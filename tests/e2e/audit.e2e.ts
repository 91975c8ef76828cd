// The audit trail's hash-chain check in the browser: the province administrator runs it from the audit page and
// sees "intact" with the row count (desktop and phone width); a county operator has no such button. A household edited
// in the form reads on the audit page as an edit by the user: household number, region names, and a before/after
// table of the changed fields in Chinese.
// Run by tests/e2e/run.mjs.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { choose } from './antd.ts';
import type { Step } from './foundation.e2e.ts';

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function signIn(page: Page, baseUrl: string, username: string) {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill('Fupin@2017');
  await byTestId(page, 'login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

const CAUSES = ['因灾', '缺技术'];
const PHONE = '13688885555';

export const steps: Step[] = [
  {
    name: 'audit: the province administrator verifies the hash chain (desktop and 390 px)',
    run: async ({ baseUrl, page, shot }) => {
      await signIn(page, baseUrl, 'sheng');
      await page.goto(`${baseUrl}/audit`);
      await byTestId(page, 'audit-verify-run').click();
      const result = byTestId(page, 'audit-verify-result');
      await result.waitFor({ timeout: 30_000 });
      const text = (await result.textContent()) ?? '';
      assert.match(text, /审计日志完整：共 \d+ 条/);
      assert.match(text, /sha256 [0-9a-f]{64}/);
      await shot('audit-verify-zh');
      await byTestId(page, 'audit-verify').screenshot({ path: 'test-results/screenshots/audit-verify-panel.png' });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: 'test-results/screenshots/audit-verify-390.png' });
      await page.setViewportSize({ width: 1440, height: 900 });
    },
  },
  {
    name: 'audit: a county operator sees the audit log without the chain check',
    independent: true,
    run: async ({ baseUrl, page }) => {
      await signIn(page, baseUrl, 'beipiao');
      await page.goto(`${baseUrl}/audit`);
      await page.locator('[data-testid="audit-table"] .ant-table-row').first().waitFor();
      assert.equal(await byTestId(page, 'audit-verify').count(), 0);
    },
  },
  {
    name: 'audit: a household edited in the form shows as an edit with a before/after table in Chinese (desktop and 390 px)',
    independent: true,
    timeout: 240_000,
    run: async ({ baseUrl, page, shot }) => {
      await signIn(page, baseUrl, 'beipiao');
      await page.evaluate(() => localStorage.setItem('fupin_lang', 'zh-CN'));
      await page.goto(`${baseUrl}/registry/households`);
      const first = page.locator('[data-testid="households-table"] .ant-table-row').first();
      await first.waitFor();
      await first.locator('[data-testid="household-link"]').click();
      await byTestId(page, 'household-edit').click();
      await byTestId(page, 'household-form').waitFor();
      const householdNo = await byTestId(page, 'edit-household-no')
        .first()
        .evaluate((e) => (e instanceof HTMLInputElement ? e.value : (e.querySelector('input')?.value ?? '')));
      const was = (await byTestId(page, 'edit-cause').textContent()) ?? '';
      const cause = CAUSES.find((c) => !was.includes(c)) ?? '因灾';
      await choose(page, byTestId(page, 'edit-cause'), cause);
      await byTestId(page, 'member-phone-input').first().fill(PHONE);
      await byTestId(page, 'household-save').click();
      await page.waitForURL(/\/registry\/households\/\d+$/);

      await page.goto(`${baseUrl}/audit`);
      const row = page.locator('[data-testid="audit-table"] .ant-table-row').first();
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /修改/);
      assert.equal(((await row.locator('[data-testid="audit-record"]').textContent()) ?? '').trim(), householdNo);
      assert.match((await row.locator('[data-testid="audit-scope"]').textContent()) ?? '', /北票市 \S+镇|北票市 \S+乡|北票市 \S+/);
      assert.match((await row.locator('[data-testid="audit-scope"]').getAttribute('data-code')) ?? '', /^211381\d{6}$/);
      await row.locator('.ant-table-row-expand-icon').click();
      const detail = byTestId(page, 'audit-row-detail').first();
      await detail.waitFor();
      const labels = await detail.locator('[data-testid="audit-change-label"]').allInnerTexts();
      assert.ok(labels.includes('主要致贫原因'), labels.join(' | '));
      assert.ok(
        labels.some((l) => /^家庭成员「.+」 · 联系电话$/.test(l)),
        labels.join(' | '),
      );
      const text = (await detail.textContent()) ?? '';
      assert.ok(text.includes(cause), text);
      assert.ok(text.includes(`${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`), text);
      assert.ok(!text.includes(PHONE), 'the phone is masked');
      assert.ok(!/[a-z]{4,}/.test(text), `no English code or key in the table: ${text}`);
      await shot('audit-edit-diff');
      await page.screenshot({ path: 'test-results/screenshots/audit-edit-diff-top.png', clip: { x: 0, y: 0, width: 1440, height: 640 } });

      await page.setViewportSize({ width: 390, height: 844 });
      const card = byTestId(page, 'audit-card').first();
      await card.waitFor();
      await card.locator('[data-testid="audit-card-open"]').click();
      await card.locator('[data-testid="audit-row-detail"]').waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/screenshots/audit-edit-diff-390.png' });
      await page.setViewportSize({ width: 1440, height: 900 });
      assert.ok(width <= 390, `the page is ${width} px wide at 390`);
    },
  },
];
