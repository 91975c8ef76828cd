// The party core in the browser: the county user (beipiao, 北票市) opens the organisations of 东官营镇, opens 海丰村's
// organisation, appoints a new secretary (the current term ends with its reason and shows in the history), adds a
// member with a post, and opens the village page (一村一档), which shows the same secretary and member count. Then the
// list and the village page on a 390×844 phone, which must not scroll sideways. Screenshots: test-results/screenshots/
// party-core-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { makeId } from '../support/ids.ts';
import type { Step } from './foundation.e2e.ts';

const PASSWORD = 'Fupin@2017';
const SHOTS = path.resolve('test-results/screenshots');
const RUN = Date.now() % 397;
const HAIFENG = '211381109201';
const SECRETARY = { name: `欧阳书${'甲乙丙丁戊己庚辛壬癸'[RUN % 10]}`, id: makeId('211381', '1976-04-12', 100 + 2 * RUN, true) };
const MEMBER = { name: `欧阳党${'甲乙丙丁戊己庚辛壬癸'[RUN % 10]}`, id: makeId('211381', '1988-09-03', 100 + 2 * RUN, false) };
const TODAY = new Date().toISOString().slice(0, 10);

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
let orgPath = '';
let membersBefore = 0;

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
  await page.screenshot({ path: path.join(SHOTS, `party-core-${name}.png`), fullPage: true });
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
  assert.equal(m.scrollWidth, m.vw, `${what}: ${m.scrollWidth} px wide on a ${m.vw} px screen; sticking out: ${m.wider.join(' ')}`);
}

export const steps: Step[] = [
  {
    name: 'party-core: the organisations of a township, one per village; 海丰村 opens with its secretary',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      // The machine these run on is shared: a lazy page's first load can take longer than the default 30 s.
      page.setDefaultTimeout(90_000);
      await signIn(page, baseUrl, 'beipiao');
      await byTestId(page, 'nav-group-party').click();
      await byTestId(page, 'nav-party-orgs').click();
      await byTestId(page, 'party-orgs-page').waitFor();
      await page.goto(`${baseUrl}/party/orgs?region=211381109`);
      await byTestId(page, 'party-orgs-table').waitFor();
      await settled(page);
      const links = byTestId(page, 'party-org-link');
      assert.ok((await links.count()) >= 1, 'the township has its organisations');
      await snap(page, 'orgs');
      await page
        .locator('[data-testid="party-orgs-table"] tbody tr', { hasText: '海丰村' })
        .first()
        .locator('[data-testid="party-org-link"]')
        .click();
      await page.waitForURL(/\/party\/orgs\/\d+/);
      orgPath = new URL(page.url()).pathname;
      await byTestId(page, 'party-org-detail').waitFor();
      await settled(page);
      membersBefore = Number(await byTestId(page, 'party-org-members').textContent());
      assert.ok(membersBefore >= 15, `海丰村 has its demo members (${membersBefore})`);
    },
  },
  {
    name: 'party-core: appoint a secretary; the old term ends the day before and stays in the history',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await page.goto(`${baseUrl}${orgPath}`);
      await byTestId(page, 'party-org-detail').waitFor();
      await settled(page);
      const before = await page.locator('[data-testid="party-secretary-history"] tbody tr.ant-table-row').count();
      await byTestId(page, 'party-appoint').click();
      await byTestId(page, 'party-appoint-name').waitFor();
      await byTestId(page, 'party-appoint-name').fill(SECRETARY.name);
      await byTestId(page, 'party-appoint-id').fill(SECRETARY.id);
      await byTestId(page, 'party-appoint-start').fill(TODAY);
      await byTestId(page, 'party-appoint-one-shoulder').check();
      await snap(page, 'appoint');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await byTestId(page, 'party-org-secretary').filter({ hasText: SECRETARY.name }).waitFor();
      await settled(page);
      const after = await page.locator('[data-testid="party-secretary-history"] tbody tr.ant-table-row').count();
      assert.equal(after, before + 1);
      const history = (await byTestId(page, 'party-secretary-history').textContent()) ?? '';
      assert.ok(!history.includes(SECRETARY.id), 'the ID number is not shown in full');
      await snap(page, 'org-after-appoint');
    },
  },
  {
    name: 'party-core: add a member with a post; the count follows',
    timeout: 120_000,
    run: async ({ page }) => {
      await byTestId(page, 'party-member-add').click();
      await byTestId(page, 'party-member-name').waitFor();
      await byTestId(page, 'party-member-name').fill(MEMBER.name);
      await byTestId(page, 'party-member-id').fill(MEMBER.id);
      await byTestId(page, 'party-member-joined').fill('2012-07-01');
      await byTestId(page, 'party-member-post').fill('环境卫生岗');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await byTestId(page, 'party-org-members')
        .filter({ hasText: String(membersBefore + 1) })
        .waitFor();
      await page.locator('[data-testid="party-org-member-table"]', { hasText: MEMBER.name }).waitFor();
    },
  },
  {
    name: 'party-core: the village page shows the secretary and members, with links into the records',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await byTestId(page, 'party-org-village').click();
      await page.waitForURL(new RegExp(`/villages/${HAIFENG}`));
      await byTestId(page, 'village-profile').waitFor();
      await settled(page);
      await byTestId(page, 'village-secretary').filter({ hasText: SECRETARY.name }).waitFor();
      for (const s of ['register', 'party', 'members', 'residents', 'alerts']) await byTestId(page, `village-section-${s}`).waitFor();
      const members = (await byTestId(page, 'village-members').textContent()) ?? '';
      assert.ok(members.includes(String(membersBefore + 1)), `the village counts ${membersBefore + 1} members: ${members}`);
      await snap(page, 'village');
      await page.goto(`${baseUrl}/villages/210727999999`);
      await byTestId(page, 'village-profile-not-found').waitFor();
    },
  },
  {
    name: 'party-core: the organisations and the village page on a 390 px phone',
    timeout: 120_000,
    run: async ({ baseUrl, page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await page.goto(`${baseUrl}/party/orgs?region=211381109`);
        await byTestId(page, 'party-orgs-table').waitFor();
        await settled(page);
        await fitsScreen(page, 'organisations');
        await snap(page, 'orgs-phone');
        await page.goto(`${baseUrl}/villages/${HAIFENG}`);
        await byTestId(page, 'village-profile').waitFor();
        await settled(page);
        await fitsScreen(page, 'village page');
        await snap(page, 'village-phone');
      } finally {
        await page.setViewportSize({ width: 1366, height: 900 });
      }
    },
  },
];
