/**
 * Driving antd's form controls the way a user does, sturdily: a busy machine can swallow a click on an option that is
 * still animating in, so a choice is confirmed by what the Select then shows, and made again if it did not take.
 */
import type { Locator, Page } from 'playwright-core';
import { clickUntil } from './click-until.ts';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Chooses the option `text` of an antd Select (`select` is the element carrying its data-testid). `exact` when another
 * option contains the text (称职 in 基本称职); `search` types the text first, for a long list that shows only its first
 * options. For a multiple Select the text is added to the tags shown.
 */
export async function choose(page: Page, select: Locator, text: string, opts: { exact?: boolean; search?: boolean } = {}) {
  const pattern = opts.exact ? new RegExp(`^${escapeRegExp(text)}$`) : text;
  const shown = async () => {
    const t = ((await select.textContent()) ?? '').trim();
    return opts.exact ? t === text : t.includes(text);
  };
  // Not a dropdown that is closing: until its leave animation ends it is neither hidden by class nor clickable.
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]) .ant-select-item-option', { hasText: pattern })
    .first();
  await clickUntil(
    async () => {
      if (await shown()) return;
      if (!(await option.isVisible())) {
        await select.click();
        if (opts.search) await page.keyboard.type(text);
      }
      // A click that cannot land (the list closed under it) is given up here and made again by clickUntil.
      await option.waitFor({ timeout: 5_000 }).catch(() => {});
      await option.click({ timeout: 5_000 }).catch(() => {});
    },
    async (timeout) => {
      const until = Date.now() + timeout;
      while (!(await shown())) {
        if (Date.now() > until) throw new Error(`the Select does not show “${text}”`);
        await page.waitForTimeout(100);
      }
    },
    3,
    5_000,
  );
}

/** The input inside an antd field that carries a data-testid (the attribute lands on the input or on a wrapper). */
export async function inputOf(scope: Page | Locator, id: string): Promise<Locator> {
  const loc = scope.locator(`[data-testid="${id}"]`).first();
  await loc.waitFor();
  const tag = await loc.evaluate((e) => e.tagName);
  return tag === 'INPUT' || tag === 'TEXTAREA' ? loc : loc.locator('input, textarea').first();
}
