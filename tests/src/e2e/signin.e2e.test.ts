import { describe, expect, test } from '@jest/globals';
import { enText, missingKeys, openPage, screenshot, signIn } from './support/browser.js';
import { e2eEnvironment } from './support/environment.js';

const COORDINATOR = 'coordinator@demo.lockstep';
const DEMO_PASSWORD = 'lockstep-demo';

const env = e2eEnvironment();

describe('signing in and out in the browser', () => {
  test('a wrong password is refused with a translated message; the right one opens the documents; sign-out returns to sign-in', async () => {
    // Signed out, the page's first "who am I" and the wrong password are answered 401 on purpose.
    const { page, context, problems, close } = await openPage(env.browser, env.server.baseUrl, [
      { status: 401, path: '/api/users/me' },
      { status: 401, path: '/api/session' },
    ]);
    try {
      await page.goto('/');
      await page.getByLabel(enText('signIn.email')).waitFor();
      await page.getByLabel(enText('signIn.password')).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await expect(page.getByRole('banner').count()).resolves.toBe(1);
      await expect(page.getByRole('main').count()).resolves.toBe(1);
      expect(await missingKeys(page)).toEqual([]);
      await screenshot(page, 'sign-in');

      // Wrong password: the server's code `wrong_credentials`, shown in the UI language.
      await signIn(page, COORDINATOR, 'not-the-password');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toBe(enText('errors.wrong_credentials'));
      await screenshot(page, 'sign-in-wrong-password');

      // The right password: the document list (or its empty state) with who is signed in.
      await signIn(page, COORDINATOR, DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1, name: enText('documents.title') }).waitFor();
      const header = page.locator('header.app-header');
      await expect(header.textContent()).resolves.toContain('Cora Coordinator');
      await expect(header.textContent()).resolves.toContain(enText('roles.coordinator'));
      await expect(page.getByRole('navigation').count()).resolves.toBeGreaterThan(0);
      await page.locator('.document-list, .empty-state').first().waitFor();
      expect(await missingKeys(page)).toEqual([]);
      await screenshot(page, 'documents');

      // The session lives in an HttpOnly cookie that page scripts cannot read.
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === 'lockstep_session');
      expect(session?.httpOnly).toBe(true);
      await expect(page.evaluate(() => document.cookie)).resolves.not.toContain('lockstep_session');

      // A reload keeps the session (GET /api/users/me answers with the user and a CSRF token).
      await page.reload();
      await page.getByRole('heading', { level: 1, name: enText('documents.title') }).waitFor();

      // Sign-out is a DELETE with the CSRF token; afterwards the sign-in form is back, also after a reload.
      await page.getByRole('button', { name: enText('actions.signOut') }).click();
      await page.getByLabel(enText('signIn.email')).waitFor();
      await expect(page.getByRole('button', { name: enText('actions.signOut') }).count()).resolves.toBe(0);
      await page.reload();
      await page.getByLabel(enText('signIn.email')).waitFor();
      expect(await missingKeys(page)).toEqual([]);
      await screenshot(page, 'signed-out');

      expect(problems()).toEqual([]);
    } catch (err) {
      await screenshot(page, 'signin-failure').catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- browser problems:\n${problems().join('\n')}\n--- server output:\n${env.server.output()}`, {
        cause: err,
      });
    } finally {
      await close();
    }
  });
});
