import { describe, expect, test } from '@jest/globals';
import { axeProblems } from './support/axe.js';
import { enText, missingKeys, openPage, screenshot, signIn, uiText } from './support/browser.js';
import { DEMO_PASSWORD, runScenario } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

const KO = 'ko@demo.lockstep';
const SIGNED_OUT = { status: 401, path: '/api/users/me' };
const ko = (key: string) => uiText('ko', key);

const env = e2eEnvironment();

describe('own account (issue 20, item 4)', () => {
  test('a translator picks Korean and a new name, sees a server error in Korean, changes the password; another browser opens in Korean', async () => {
    const first = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT, { status: 422, path: '/api/users/me/password' }]);
    const second = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await runScenario(env.server, 'account', [first, second], async () => {
      const { page } = first;
      await page.goto('/');
      await signIn(page, KO, DEMO_PASSWORD);
      await page.getByRole('link', { name: new RegExp(enText('account.linkLabel')) }).click();
      await page.waitForURL('**/account');
      await page.getByRole('heading', { level: 1, name: enText('account.title') }).waitFor();
      expect(await axeProblems(page)).toEqual([]);

      // Name and interface language: saved on the server, the page switches to Korean at once.
      await page.getByLabel(enText('account.name')).fill('Minji Kim');
      await page.getByRole('main').getByLabel(enText('account.uiLanguage')).selectOption('ko');
      await page.getByRole('button', { name: enText('account.save') }).click();
      await page.getByRole('status').filter({ hasText: ko('account.saved') }).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ko');
      await expect(page.locator('header .whoami__name').textContent()).resolves.toBe('Minji Kim');

      // A wrong current password: the server's 422 `wrong_password`, in Korean, focus back on the field.
      await page.getByLabel(ko('account.currentPassword')).fill('not-my-password');
      await page.getByLabel(ko('account.newPassword'), { exact: true }).fill('a-new-long-password');
      await page.getByLabel(ko('account.repeatPassword')).fill('a-new-long-password');
      await page.getByRole('button', { name: ko('account.changePassword') }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toBe(ko('errors.wrong_password'));
      await expect(page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).resolves.toBe('current-password');
      await screenshot(page, 'account-ko-wrong-password');

      // The two new passwords differ: said before anything is sent.
      await page.getByLabel(ko('account.currentPassword')).fill(DEMO_PASSWORD);
      await page.getByLabel(ko('account.repeatPassword')).fill('a-new-long-passwort');
      await page.getByRole('button', { name: ko('account.changePassword') }).click();
      await page.getByText(ko('account.passwordMismatch')).waitFor();

      await page.getByLabel(ko('account.repeatPassword')).fill('a-new-long-password');
      await page.getByRole('button', { name: ko('account.changePassword') }).click();
      await page.getByRole('status').filter({ hasText: ko('account.passwordChanged') }).waitFor();
      await expect(page.getByLabel(ko('account.currentPassword')).inputValue()).resolves.toBe('');
      expect(await axeProblems(page)).toEqual([]);
      expect(await missingKeys(page)).toEqual([]);
      await screenshot(page, 'account-ko');

      // Another browser (English by its settings): the new password signs in, and the interface
      // comes up in the Korean the account chose.
      const other = second.page;
      await other.goto('/');
      await signIn(other, KO, 'a-new-long-password');
      await other.waitForFunction(() => document.documentElement.lang === 'ko');
      await other.getByRole('heading', { level: 1, name: ko('myWork.title') }).waitFor();
      await expect(other.locator('header .whoami__name').textContent()).resolves.toBe('Minji Kim');
    });
  });
});
