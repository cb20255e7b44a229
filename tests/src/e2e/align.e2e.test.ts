import { describe, expect, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeProblems } from './support/axe.js';
import { enText, missingKeys, openPage, screenshot, signIn } from './support/browser.js';
import { ApiUser, hasNoCodes, type ApiSegment } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

/**
 * Bringing a published Korean translation in through the review page: paste it, align, look at
 * the least sure pairs first, merge and split a pair, drop one, check, apply — and nothing that
 * was already translated is overwritten.
 */

const KO = 'ko@demo.lockstep';
const env = e2eEnvironment();

/** A button of one row (rows are numbered in document order). */
const button = (page: Page, row: number, key: string) => page.locator(`.align-row[data-row="${row}"]`).getByRole('button', { name: enText(key) });

describe('the review page of a published translation', () => {
  test('align, review least sure first, merge, split and drop, check, apply', async () => {
    const ko = await ApiUser.signIn(env.server.baseUrl, KO);
    const before = await ko.segments('ko');
    const translated = before.filter((s) => (s as ApiSegment & { translation: { state: string } }).translation?.state === 'translated');
    // The published document: Lockstep's own Korean rendering, with the sentences it still shows
    // in English replaced by Korean ones, as a translator's site would have them.
    let markdown = await ko.text('/api/documents/statement/markdown/ko');
    const open = (await ko.segments('ko', 'untranslated')).filter((s) => hasNoCodes(s) && s.source.length > 20 && markdown.split(s.source).length === 2);
    const written = new Map<string, string>();
    open.forEach((s, k) => {
      const text = `게시된 번역 문장 ${k + 1}번은 원문의 뜻을 그대로 옮긴 것이다.`;
      markdown = markdown.replace(s.source, text);
      written.set(s.id, text);
    });
    expect(written.size).toBeGreaterThanOrEqual(3);
    const [dropped, merged] = [...written.keys()];

    const { page, problems, close } = await openPage(env.browser, env.server.baseUrl, [{ status: 401, path: '/api/users/me' }]);
    try {
      await page.goto('/documents/statement/ko/align');
      await signIn(page, KO, 'lockstep-demo');
      await page.getByLabel(enText('alignTranslation.text')).fill(markdown);
      await page.getByRole('button', { name: enText('alignTranslation.align') }).click();
      await page.locator('.align-row').first().waitFor();

      // Least sure first: the confidence column never goes down.
      const shown = (await page.locator('.align-row td:first-child').allTextContents()).map((t) => Number(/\d+/.exec(t)![0]));
      expect(shown).toEqual([...shown].sort((a, b) => a - b));
      expect(await axeProblems(page)).toEqual([]);

      // Rows are numbered in document order; find them by their published text.
      const rowOf = async (text: string) => Number(await page.locator('.align-row', { hasText: text }).getAttribute('data-row'));
      const d = await rowOf(written.get(dropped)!);
      await button(page, d, 'alignTranslation.review.drop').click();
      await expect(page.locator(`.align-row[data-row="${d}"] .badge`).textContent()).resolves.toBe(enText('alignTranslation.review.dropped'));
      const m = await rowOf(written.get(merged)!);
      await button(page, m, 'alignTranslation.review.merge').click();
      await button(page, m, 'alignTranslation.review.split').click();

      await page.getByRole('button', { name: enText('alignTranslation.review.check') }).click();
      await page.locator('.align-review [role="status"]').waitFor();
      await screenshot(page, 'align-review');
      await page.getByRole('button', { name: enText('alignTranslation.review.apply') }).click();
      await page.locator('.notice--success').waitFor();
      expect(await missingKeys(page)).toEqual([]);
      expect(problems()).toEqual([]);
    } catch (err) {
      await screenshot(page, 'align-failure').catch(() => undefined);
      throw err;
    } finally {
      await close();
    }

    const after = new Map((await ko.segments('ko')).map((s) => [s.id, (s as ApiSegment & { translation: { text: string; state: string } }).translation]));
    for (const [id, text] of written) {
      if (id === dropped) expect(after.get(id)).toMatchObject({ state: 'untranslated', text: '' });
      else expect(after.get(id)).toMatchObject({ state: 'translated', text });
    }
    // What was translated before is exactly as it was.
    for (const s of translated) {
      expect(after.get(s.id)!.text).toBe((s as ApiSegment & { translation: { text: string } }).translation.text);
    }
  });
});
