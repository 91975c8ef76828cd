// The household, complete: the county user edits a household's 两不愁三保障 flags, a year of income by source and a
// project in the form, sees them on the detail page, opens the one-household file (一户一档) for print, and the
// village's files; desktop and 390 px wide. Run by tests/e2e/run.mjs (filter: 一户一档).
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { choose, inputOf } from './antd.ts';
import type { E2EContext, Step } from './foundation.e2e.ts';

const byTestId = (page: Page | Locator, id: string) => page.locator(`[data-testid="${id}"]`);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

async function snap(page: Page, shot: E2EContext['shot'], name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await shot(name);
}

let detailUrl = '';
let villageCode = '';

export const steps: Step[] = [
  {
    name: '一户一档: the county user opens a household and its form',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await page.goto(`${baseUrl}/login`);
      await page.evaluate(() => localStorage.setItem('fupin_lang', 'zh-CN'));
      await page.reload();
      await byTestId(page, 'login-username').fill('beipiao');
      await byTestId(page, 'login-password').fill('Fupin@2017');
      await byTestId(page, 'login-submit').click();
      // The front page is the command centre for a user who may read data.
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await byTestId(page, 'side-menu').waitFor();
      await page.goto(`${baseUrl}/registry/households`);
      const first = page.locator('[data-testid="households-table"] .ant-table-row').first();
      await first.waitFor();
      await first.click();
      await page.waitForURL(/\/registry\/households\/\d+$/);
      detailUrl = page.url();
      await byTestId(page, 'household-edit').click();
      await byTestId(page, 'household-form').waitFor();
      await byTestId(page, 'edit-guarantees').waitFor();
    },
  },
  {
    name: '一户一档: edit the flags, a year of income by source and a project; the detail page shows them',
    timeout: 120_000,
    run: async ({ page, shot }) => {
      // 住房安全 off (the demo households have it on), the others as they are.
      const housing = (await inputOf(page, 'edit-guarantee-housing')) as Locator;
      if (await housing.isChecked()) await housing.click();
      if (!(await (await inputOf(page, 'edit-guarantee-food')).isChecked())) await (await inputOf(page, 'edit-guarantee-food')).click();

      // A new year of income by source: (12000 + 6000 − 1500 + 300 + 2400) ÷ 4 = 4800 per person, in a year the
      // household has no income for yet.
      const years = await page
        .locator('[data-testid="income-form"] input')
        .evaluateAll((inputs) =>
          inputs
            .filter((e) => e.closest('[data-testid="income-year"]') || e.getAttribute('data-testid') === 'income-year')
            .map((e) => (e as HTMLInputElement).value),
        );
      const free = [2016, 2015, 2014, 2013, 2012, 2011].find((y) => !years.includes(String(y))) ?? 2010;
      const before = await byTestId(page, 'income-form').count();
      await byTestId(page, 'income-add').click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="income-form"]').length > n, before);
      const card = byTestId(page, 'income-form').last();
      await (await inputOf(card, 'income-year')).fill(String(free));
      await (await inputOf(card, 'income-wages')).fill('12000');
      await (await inputOf(card, 'income-business')).fill('6000');
      await (await inputOf(card, 'income-businessCosts')).fill('1500');
      await (await inputOf(card, 'income-property')).fill('300');
      await (await inputOf(card, 'income-transfers')).fill('2400');
      await (await inputOf(card, 'income-persons')).fill('4');
      await card.locator('[data-testid="income-per-capita"]', { hasText: '4,800' }).waitFor();

      // A project.
      await byTestId(page, 'project-add').click();
      const project = byTestId(page, 'project-form').last();
      await choose(page, project.locator('[data-testid="project-type"]').first(), '小额信贷');
      await (await inputOf(project, 'project-amount')).fill('50000');
      await choose(page, project.locator('[data-testid="project-state"]').first(), '实施中');
      await snap(page, shot, 'h01-household-form-details');

      await byTestId(page, 'household-save').click();
      await page.waitForURL(/\/registry\/households\/\d+$/);
      assert.equal(page.url(), detailUrl);
      await byTestId(page, 'guarantees').waitFor();
      assert.equal(await byTestId(page, 'guarantee-housing').getAttribute('data-ok'), '0');
      assert.equal(await byTestId(page, 'guarantee-food').getAttribute('data-ok'), '1');
      await page.locator('[data-testid="household-tabs"] .ant-tabs-tab', { hasText: '收入构成' }).click();
      const perCapita = byTestId(page, `income-per-capita-${free}`);
      await perCapita.waitFor();
      assert.match((await perCapita.textContent()) ?? '', /4,800/);
      await snap(page, shot, 'h02-household-detail-income');
      await page.locator('[data-testid="household-tabs"] .ant-tabs-tab', { hasText: '帮扶责任人与项目' }).click();
      await page.locator('[data-testid="projects-table"] .ant-table-row', { hasText: '小额信贷' }).first().waitFor();
      assert.match((await byTestId(page, 'projects-table').textContent()) ?? '', /50,000/);
    },
  },
  {
    name: '一户一档: the print view of the household, A4, masked; the PDF is a PDF',
    timeout: 120_000,
    run: async ({ baseUrl, page, shot }) => {
      await byTestId(page, 'household-print').click();
      await page.waitForURL(/\/print$/);
      const sheet = byTestId(page, 'file-sheet');
      await sheet.waitFor();
      assert.equal(await sheet.count(), 1);
      assert.equal(await byTestId(page, 'file-guarantee-housing').textContent(), '否');
      // No full ID number on the sheet: 18 characters of digits never appear.
      assert.doesNotMatch((await sheet.textContent()) ?? '', /\d{17}[\dX]/);
      await snap(page, shot, 'h03-household-file-print');
      // The same file as PDF, fetched with the session.
      const href = (await byTestId(page, 'file-pdf').getAttribute('href')) ?? '';
      const pdf = await page.evaluate(async (url) => {
        const r = await fetch(url);
        const b = new Uint8Array(await r.arrayBuffer());
        return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...b.slice(0, 5)) };
      }, `${baseUrl}${href}`);
      assert.deepEqual(pdf, { status: 200, type: 'application/pdf', head: '%PDF-' });
      // The printed page hides the menu and the toolbar.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.fp-file-toolbar').isVisible(), false);
      await page.emulateMedia({ media: 'screen' });
    },
  },
  {
    name: '一户一档: the village batch prints every household of the village, one sheet each',
    timeout: 120_000,
    run: async ({ baseUrl, page, shot }) => {
      await page.goto(detailUrl);
      await byTestId(page, 'village-print').click();
      await page.waitForURL(/\/registry\/files\/\d{12}/);
      villageCode = /files\/(\d{12})/.exec(page.url())?.[1] ?? '';
      await byTestId(page, 'file-print-title').waitFor();
      await byTestId(page, 'file-sheet').first().waitFor();
      // As many sheets as the household list has households in the village (counted by the list's own API).
      const listed = await page.evaluate(async (v) => {
        const r = await fetch(`/api/registry/households?region=${v}&limit=200`);
        return ((await r.json()) as { items: unknown[] }).items.length;
      }, villageCode);
      assert.equal(await byTestId(page, 'file-sheet').count(), listed);
      assert.match((await byTestId(page, 'file-print-title').textContent()) ?? '', new RegExp(`共 ${listed} 户`));
      await snap(page, shot, 'h04-village-files-print');
      // Another county's village answers as not found.
      await page.goto(`${baseUrl}/registry/files/211321100201`);
      await page.locator('.ant-result', { hasText: '不存在' }).first().waitFor();
    },
  },
  {
    name: '一户一档: at 390 px the form is one column and the print view fits',
    timeout: 120_000,
    run: async ({ page, shot }) => {
      await page.setViewportSize(PHONE);
      try {
        await page.goto(`${detailUrl}/edit`);
        await byTestId(page, 'household-form').waitFor();
        const card = byTestId(page, 'income-form').first();
        await card.waitFor();
        const a = await byTestId(card, 'income-year').first().boundingBox();
        const b = await byTestId(card, 'income-wages').first().boundingBox();
        assert.ok(a && b && b.y > a.y + a.height - 1 && Math.abs(a.x - b.x) < 2, 'income fields stacked in one column');
        const g1 = await byTestId(page, 'edit-guarantee-food').first().boundingBox();
        assert.ok(g1 && g1.x + g1.width <= PHONE.width, 'the flags fit the width');
        await snap(page, shot, 'h05-household-form-390');
        await page.goto(`${detailUrl}/print`);
        await byTestId(page, 'file-sheet').waitFor();
        await snap(page, shot, 'h06-household-file-390');
      } finally {
        await page.setViewportSize(DESKTOP);
      }
    },
  },
];
