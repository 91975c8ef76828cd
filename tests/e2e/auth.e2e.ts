// Login throttling and the password policy in the browser (decision 0006): a name that keeps failing is locked
// out with the time it may try again; the change-password form shows the server's rule under the field;
// writes after login work with the CSRF token rotated at login. Run by tests/e2e/run.mjs.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Step } from './foundation.e2e.ts';

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function submitLogin(page: Page, username: string, password: string) {
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(password);
  await byTestId(page, 'login-submit').click();
}

/** Submits the change-password form and waits for the server's message under the new-password field. */
async function expectNewPasswordError(page: Page, current: string, next: string, message: string) {
  await byTestId(page, 'pwd-current').fill(current);
  await byTestId(page, 'pwd-new').fill(next);
  await byTestId(page, 'pwd-confirm').fill(next);
  await byTestId(page, 'pwd-submit').click();
  await page.locator('.ant-form-item-explain-error', { hasText: message }).waitFor({ state: 'visible', timeout: 15_000 });
}

export const steps: Step[] = [
  {
    // An unknown name: the same answers as a known one, and nobody's account is touched by this test.
    name: 'auth: five wrong passwords for one name lock this browser out of it, with the local time to try again',
    run: async ({ baseUrl, page, shot }) => {
      await page.goto(`${baseUrl}/login`);
      for (let i = 1; i <= 4; i++) {
        await submitLogin(page, 'no-such-clerk', `Wrong#${2020 + i}`);
        await page.waitForFunction(
          () => !document.querySelector('[data-testid="login-submit"]')?.classList.contains('ant-btn-loading'),
          undefined,
          { timeout: 15_000 },
        );
        assert.match((await byTestId(page, 'login-error').textContent()) ?? '', /用户名或密码错误/);
      }
      await submitLogin(page, 'no-such-clerk', 'Wrong#2025');
      await page.getByText('密码错误次数过多').waitFor({ timeout: 15_000 });
      const text = (await byTestId(page, 'login-error').textContent()) ?? '';
      assert.match(text, /解锁时间（本机时间）/);
      await shot('auth-01-locked-zh');
    },
  },
  {
    name: 'auth: the change-password form names the rule the server refused, and a write after login passes CSRF',
    independent: true,
    run: async ({ baseUrl, page, shot }) => {
      await page.goto(`${baseUrl}/login`);
      await submitLogin(page, 'haifeng', 'Fupin@2017');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${baseUrl}/change-password`);
      await byTestId(page, 'password-policy').waitFor();
      assert.match((await byTestId(page, 'password-policy').textContent()) ?? '', /至少 10 位/);
      await expectNewPasswordError(page, 'Fupin@2017', 'Haifeng#2024x', '密码不能是或包含用户名');
      await expectNewPasswordError(page, 'Fupin@2017', 'Admin@123456', '该密码过于常见，容易被猜中，请换一个');
      await shot('auth-02-policy-zh');
      // The request above was a write with the token the login rotated: it reached the server (not CSRF_FAILED).
      assert.equal(await page.getByText('安全校验失败').count(), 0);
    },
  },
];
