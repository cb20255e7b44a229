import { describe, expect, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { enText, missingKeys, openPage, renderedFonts, screenshot, signIn, uiText } from './support/browser.js';
import { e2eEnvironment } from './support/environment.js';

const AUTONYMS: Record<string, string> = {
  es: 'Español',
  ko: '한국어',
  pt: 'Português',
  el: 'Ελληνικά',
  hi: 'हिंदी',
  fr: 'Français',
  tl: 'Tagalog',
  ru: 'Русский',
};

const env = e2eEnvironment();

/** Texts of the segment elements marked with `lang`. */
async function segmentTexts(page: Page, lang: string): Promise<string[]> {
  return page.locator(`.segment-text[lang="${lang}"]`).allTextContents();
}

async function checkTranslationView(page: Page, lang: string, script: RegExp, font: string, sourceLang: string) {
  await page.locator('.segment-row:not(.segment-row--head)').first().waitFor();
  expect(new URL(page.url()).pathname).toBe(`/documents/statement/${lang}`);
  await expect(page.locator('.language-tabs [aria-current="page"]').textContent()).resolves.toBe(AUTONYMS[lang]);

  // Every text of the document carries its language: sources the document's, translations the target.
  const untagged = await page.locator('.segment-text:not([lang])').count();
  expect(untagged).toBe(0);
  expect((await segmentTexts(page, sourceLang)).length).toBeGreaterThan(0);
  const translated = await segmentTexts(page, lang);
  expect(translated.filter((text) => script.test(text)).length).toBeGreaterThan(0);

  // …and is drawn with a face that has the script (not tofu).
  const probe = `e2e-font-${lang}`;
  const marked = await page.evaluate(
    ({ lang, source, probe }) => {
      const re = new RegExp(source, 'u');
      const el = [...document.querySelectorAll(`.segment-text[lang="${lang}"]`)].find((e) => re.test(e.textContent ?? ''));
      el?.setAttribute('data-probe', probe);
      return el !== undefined;
    },
    { lang, source: script.source, probe },
  );
  expect(marked).toBe(true);
  const fonts = await renderedFonts(page, `[data-probe="${probe}"]`);
  expect(fonts).toContain(font);
  expect(await missingKeys(page)).toEqual([]);
}

describe('the demo document in the browser', () => {
  test('lists the statement with eight target languages and shows Korean and Hindi side by side with the source', async () => {
    // Signed out, the page's first "who am I" is answered 401 on purpose.
    const { page, problems, close } = await openPage(env.browser, env.server.baseUrl, [{ status: 401, path: '/api/users/me' }]);
    try {
      await page.goto('/');
      await signIn(page, 'coordinator@demo.lockstep', 'lockstep-demo');
      await page.getByRole('heading', { level: 1, name: enText('documents.title') }).waitFor();

      const card = page.locator('article.document-card:has(a[href^="/documents/statement/"])');
      await card.waitFor();
      await expect(card.locator('h2').getAttribute('lang')).resolves.toMatch(/^[a-z]{2}$/);
      const rows = card.locator('tbody tr');
      await expect(rows.count()).resolves.toBe(8);

      const autonyms = card.locator('tbody th .autonym');
      const shown = await autonyms.allTextContents();
      expect([...shown].sort()).toEqual(Object.values(AUTONYMS).sort());
      for (let i = 0; i < shown.length; i++) {
        const lang = await autonyms.nth(i).getAttribute('lang');
        expect(AUTONYMS[lang ?? '']).toBe(shown[i]);
      }
      // A stacked bar and a percentage for every language.
      await expect(card.locator('tbody .progress__bar').count()).resolves.toBe(8);
      for (const value of await card.locator('tbody .progress__value').allTextContents()) {
        expect(value).toMatch(/^\d{1,3}\s?%$/);
      }
      expect(await missingKeys(page)).toEqual([]);
      await screenshot(page, 'documents-statement');

      const sourceLang = (await card.locator('h2').getAttribute('lang')) ?? 'en';
      await card.getByRole('link', { name: new RegExp(AUTONYMS.ko) }).click();
      await checkTranslationView(page, 'ko', /\p{Script=Hangul}/u, 'NanumGothic', sourceLang);
      await screenshot(page, 'document-ko');

      await page.locator('.language-tabs').getByRole('link', { name: AUTONYMS.hi }).click();
      await checkTranslationView(page, 'hi', /\p{Script=Devanagari}/u, 'Lohit Devanagari', sourceLang);
      await screenshot(page, 'document-hi');

      expect(problems()).toEqual([]);
    } catch (err) {
      await screenshot(page, 'documents-failure').catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- browser problems:\n${problems().join('\n')}\n--- server output:\n${env.server.output()}`, {
        cause: err,
      });
    } finally {
      await close();
    }
  });

  // A browser set to Korean or Hindi opens Lockstep in that language: every page translated,
  // no key missing, screenshots of each.
  test.each([
    ['ko', 'ko-KR', /\p{Script=Hangul}/u],
    ['hi', 'hi-IN', /\p{Script=Devanagari}/u],
  ])('every page in the %s interface', async (ui, locale, script) => {
    const { page, problems, close } = await openPage(env.browser, env.server.baseUrl, [{ status: 401, path: '/api/users/me' }], locale);
    try {
      await page.goto('/');
      await page.locator(`html[lang="${ui}"]`).waitFor();
      const title = uiText(ui, 'signIn.title');
      expect(title).toMatch(script);
      await page.getByRole('heading', { name: title }).waitFor();
      await screenshot(page, `sign-in-${ui}`);
      await signIn(page, 'coordinator@demo.lockstep', 'lockstep-demo', ui);
      await page.getByRole('heading', { level: 1, name: uiText(ui, 'documents.title') }).waitFor();
      expect(await missingKeys(page)).toEqual([]);
      await screenshot(page, `documents-${ui}`);
      await page.goto('/documents/statement/ru');
      await page.locator('.segment-row:not(.segment-row--head)').first().waitFor();
      expect(await missingKeys(page)).toEqual([]);
      await screenshot(page, `document-ru-ui-${ui}`);
      await page.goto('/documents/statement/ru/edit');
      await page.locator('.editor-row').first().waitFor();
      expect(await missingKeys(page)).toEqual([]);
      await screenshot(page, `editor-ru-ui-${ui}`);
      expect(problems()).toEqual([]);
    } finally {
      await close();
    }
  });
});
