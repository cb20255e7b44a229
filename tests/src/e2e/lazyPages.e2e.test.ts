import { describe, expect, test } from '@jest/globals';
import { enText, missingKeys, openPage, signIn, uiText } from './support/browser.js';
import { e2eEnvironment } from './support/environment.js';

/**
 * The client fetches most pages, and every UI language but English, only when they are first
 * needed (issue #20 item 6: the editor opens with less script). What a person sees of that:
 * a page whose code cannot be fetched says so and can be retried, and a language chosen is
 * shown at once and again after a reload.
 */
const COORDINATOR = 'coordinator@demo.lockstep';
const ADMIN = 'admin@demo.lockstep';
const DEMO_PASSWORD = 'lockstep-demo';

const env = e2eEnvironment();

describe('pages and languages fetched when needed', () => {
  test('a page whose code cannot be fetched shows an error with a retry, and the retry opens it', async () => {
    const { page, problems, close } = await openPage(env.browser, env.server.baseUrl, [{ status: 401, path: '/api/users/me' }]);
    try {
      await page.goto('/');
      await signIn(page, COORDINATOR, DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1, name: enText('documents.title') }).waitFor();

      // The account page's chunk cannot be fetched, as when the connection drops, until `online`.
      let online = false;
      const failed: string[] = [];
      await page.route(/\/assets\/AccountPage-[\w-]+\.js$/, async (route) => {
        if (online) return route.continue();
        failed.push(route.request().url());
        await route.abort('internetdisconnected');
      });
      await page.locator('header a[href="/account"]').click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toContain(enText('errors.network'));
      expect(failed.length).toBeGreaterThan(0);

      online = true;
      await alert.getByRole('button', { name: enText('actions.retry') }).click();
      await page.getByRole('heading', { level: 1, name: enText('account.title') }).waitFor();
      await expect(page.getByRole('alert').count()).resolves.toBe(0);
      expect(await missingKeys(page)).toEqual([]);
      // The failures made on purpose (Chromium and React report them), and nothing else.
      expect(problems().filter((p) => !p.includes('/assets/AccountPage-'))).toEqual([]);
    } finally {
      await close();
    }
  });

  test('English opens without fetching another language; one chosen is fetched, shown at once, and kept after a reload', async () => {
    const { page, problems, close } = await openPage(env.browser, env.server.baseUrl, [{ status: 401, path: '/api/users/me' }]);
    const languageChunks: string[] = [];
    page.on('request', (req) => {
      const m = /\/assets\/(el|es|fr|hi|ko|pt|ru|tl)-[\w-]+\.js$/.exec(req.url());
      if (m) languageChunks.push(m[1]);
    });
    try {
      await page.goto('/');
      await signIn(page, COORDINATOR, DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1, name: enText('documents.title') }).waitFor();
      expect(languageChunks).toEqual([]);

      await page.locator('.ui-language select').selectOption('ko');
      await page.getByRole('heading', { level: 1, name: uiText('ko', 'documents.title') }).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ko');
      expect(languageChunks).toEqual(['ko']);

      await page.reload();
      await page.getByRole('heading', { level: 1, name: uiText('ko', 'documents.title') }).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ko');
      expect(await missingKeys(page)).toEqual([]);
      expect(problems()).toEqual([]);
    } finally {
      await close();
    }
  });
  test('a language whose messages cannot be fetched says so and stays on the current one; chosen again online, it is shown', async () => {
    const { page, problems, close } = await openPage(env.browser, env.server.baseUrl, [{ status: 401, path: '/api/users/me' }]);
    try {
      await page.goto('/');
      // Not the coordinator: the test above kept Korean with that account.
      await signIn(page, ADMIN, DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1, name: enText('documents.title') }).waitFor();
      let online = false;
      await page.route(/\/assets\/ru-[\w-]+\.js$/, (route) => (online ? route.continue() : route.abort('internetdisconnected')));

      await page.locator('.ui-language select').selectOption('ru');
      const alert = page.locator('.ui-language').getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toBe(enText('uiLanguage.unavailable'));
      await expect(page.locator('.ui-language select').inputValue()).resolves.toBe('en');
      await expect(page.getByRole('heading', { level: 1, name: enText('documents.title') }).count()).resolves.toBe(1);

      online = true;
      await page.locator('.ui-language select').selectOption('ru');
      await page.getByRole('heading', { level: 1, name: uiText('ru', 'documents.title') }).waitFor();
      await expect(alert.count()).resolves.toBe(0);
      // The failure made on purpose (Chromium reports it), and nothing else.
      expect(problems().filter((p) => !/\/assets\/ru-/.test(p))).toEqual([]);
    } finally {
      await close();
    }
  });
});
