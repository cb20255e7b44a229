import { describe, expect, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeProblems, withoutCodeChipNames } from './support/axe.js';
import { enText, missingKeys, openPage, screenshot, signIn } from './support/browser.js';
import { ApiUser, DEMO_PASSWORD, runScenario, viewShot } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

const KO = 'ko@demo.lockstep';
const SIGNED_OUT = { status: 401, path: '/api/users/me' };

const env = e2eEnvironment();

/** The id of the segment row the keyboard focus is in, if any. */
const focusedRow = (page: Page) => page.evaluate(() => document.activeElement?.closest('.editor-row--active')?.id ?? null);

describe('my work first (issue 20, item 2)', () => {
  test('a translator signs in to their work, is one key press from the first segment needing work, and is told when it is all done', async () => {
    const coordinator = await ApiUser.signIn(env.server.baseUrl, 'coordinator@demo.lockstep');
    const created = await coordinator.call('POST', '/api/documents', {
      id: 'short-note',
      title: 'Short note',
      sourceLang: 'en',
      targetLangs: ['ko', 'hi'],
      markdown: 'The meeting starts at noon. Bring your notes.\n',
    });
    expect(created.status).toBe(201);
    const ko = await ApiUser.signIn(env.server.baseUrl, KO);
    const statementWork = (await ko.segments('ko', 'needs-work')).length;
    expect(statementWork).toBeGreaterThan(0);

    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    await runScenario(env.server, 'my-work', [checked], async () => {
      await page.goto('/');
      await signIn(page, KO, DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1, name: enText('myWork.title') }).waitFor();
      // Newest revision first: the note just published, then the statement; only Korean, the translator's language.
      const items = page.locator('.my-work__item');
      await expect(items.nth(0).locator('h2').textContent()).resolves.toContain('Short note');
      await expect(items.nth(0).textContent()).resolves.toContain('2 segments to translate');
      await expect(items.nth(1).textContent()).resolves.toContain(`${statementWork} segment`);
      await expect(items.count()).resolves.toBe(2);
      expect(await axeProblems(page)).toEqual([]);
      expect(await missingKeys(page)).toEqual([]);
      await screenshot(page, 'my-work');

      // The link opens Korean on "Needs work" with the cursor in the first segment: type, Ctrl+Enter.
      await items.nth(0).getByRole('link', { name: enText('myWork.translate') }).click();
      await page.waitForURL('**/documents/short-note/ko/edit?state=needs-work');
      const [first, second] = await (async () => {
        const res = await ko.call('GET', '/api/documents/short-note/segments?lang=ko&state=needs-work');
        return (res.body as { segments: { id: string }[] }).segments.map((s) => `segment-${s.id}`);
      })();
      await page.waitForFunction((id) => document.activeElement?.closest('.editor-row--active')?.id === id, first);
      await page.keyboard.type('회의는 정오에 시작합니다.');
      await page.keyboard.press('Control+Enter');
      // The save moves the cursor on to the next segment that needs work.
      await page.waitForFunction((id) => document.activeElement?.closest('.editor-row--active')?.id === id, second);
      await page.keyboard.type('메모를 가져오세요.');
      await page.keyboard.press('Control+Enter');

      // The last one saved: "All done" takes the focus and offers the next document with work.
      const done = page.getByRole('heading', { name: enText('myWork.allDone.title') });
      await done.waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'all-done-title');
      expect(await focusedRow(page)).toBeNull();
      expect(await axeProblems(page)).toEqual([]);
      await viewShot(page, 'editor-all-done');
      await page.getByRole('link', { name: new RegExp(enText('myWork.allDone.next')) }).click();
      await page.waitForURL('**/documents/statement/ko/edit?state=needs-work');
      const statementFirst = (await ko.segments('ko', 'needs-work'))[0].id;
      await page.waitForFunction((id) => document.activeElement?.closest('.editor-row--active')?.id === id, `segment-${statementFirst}`);
      expect(await missingKeys(page)).toEqual([]);

      // Back on My work the note is still first (its revision is the newest) and says it is done.
      await page.goto('/');
      await expect(page.locator('.my-work__item').nth(0).textContent()).resolves.toContain(enText('myWork.done'));
    });
  });

  test('a reviewer sees what awaits review and lands on it', async () => {
    const reviewer = await ApiUser.signIn(env.server.baseUrl, 'reviewer@demo.lockstep');
    const waiting = await reviewer.segments('ru', 'translated');
    expect(waiting.length).toBeGreaterThan(0);
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    await runScenario(env.server, 'my-work-reviewer', [checked], async () => {
      await page.goto('/');
      await signIn(page, 'reviewer@demo.lockstep', DEMO_PASSWORD);
      const ru = page.locator('.my-work__item', { has: page.locator('.my-work__lang [lang="ru"]') }).filter({ hasText: 'Anniversary' });
      await expect(ru.textContent()).resolves.toContain(`${waiting.length} segments await review`);
      await ru.getByRole('link', { name: enText('myWork.review') }).click();
      await page.waitForURL('**/documents/statement/ru/edit?state=translated');
      await page.waitForFunction((id) => document.activeElement?.closest('.editor-row--active')?.id === id, `segment-${waiting[0].id}`);
      await page.getByRole('button', { name: enText('editor.actions.approve'), exact: true }).waitFor();
      expect(withoutCodeChipNames(await axeProblems(page))).toEqual([]);
    });
  });
});
