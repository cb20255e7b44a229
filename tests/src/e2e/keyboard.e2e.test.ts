import { describe, expect, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeProblems, withoutCodeChipNames } from './support/axe.js';
import { enText, openPage, signIn } from './support/browser.js';
import { ApiUser, DEMO_PASSWORD, runScenario } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

const KO = 'ko@demo.lockstep';
const SIGNED_OUT = { status: 401, path: '/api/users/me' };

const env = e2eEnvironment();

/** What has the keyboard focus: its segment row (if any), its text and its tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { row: el?.closest('.editor-row')?.id ?? null, text: (el?.textContent ?? '').trim(), tag: el?.tagName ?? '', filter: el?.getAttribute('data-filter') ?? null };
  });

/** Presses Tab (or Shift+Tab) until the focused element passes `wanted`; fails after `limit` presses. */
async function tabTo(page: Page, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean, { back = false, limit = 80 } = {}): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (wanted(await focused(page))) return;
  }
  throw new Error(`nothing wanted reached with ${limit} presses of ${back ? 'Shift+Tab' : 'Tab'}; at ${JSON.stringify(await focused(page))}`);
}

const inRow = (page: Page, id: string) => page.waitForFunction((rowId) => document.activeElement?.closest('.editor-row')?.id === rowId, `segment-${id}`);

describe('keyboard only (issue 20, item 3): focus follows the work', () => {
  test('a filter, a re-confirm, a save and a conflict, each leaving the focus on the segment being worked on', async () => {
    const ko = await ApiUser.signIn(env.server.baseUrl, KO);
    const coordinator = await ApiUser.signIn(env.server.baseUrl, 'coordinator@demo.lockstep');
    const stale = await ko.segments('ko', 'stale');
    expect(stale.length).toBeGreaterThan(0);
    // After the re-confirm below, "Needs work" is today's list without that segment.
    const [first, second] = (await ko.segments('ko', 'needs-work')).filter((s) => s.id !== stale[0].id);

    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT, { status: 409, path: `/api/documents/statement/segments/${second.id}/translations/ko` }]);
    const { page } = checked;
    await runScenario(env.server, 'keyboard', [checked], async () => {
      await page.goto('/documents/statement/ko/edit');
      await signIn(page, KO, DEMO_PASSWORD);
      await page.locator('.editor-row--active').waitFor();
      // From the top of the page, as after any page load.
      await page.reload();
      await page.locator('.editor-row--active').waitFor();

      // A filter chosen with the keyboard moves the focus into its first segment.
      await tabTo(page, (f) => f.filter === 'stale');
      await page.keyboard.press('Enter');
      await inRow(page, stale[0].id);

      // Re-confirm: the stale box's button, reached backwards from the translation; afterwards the
      // focus is back in the segment (its button is gone with the stale state).
      await tabTo(page, (f) => f.text === enText('editor.stale.reconfirm') && f.row === `segment-${stale[0].id}`, { back: true });
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('.stale-box'));
      await inRow(page, stale[0].id);
      await expect(ko.segment('ko', stale[0].id).then((s) => s.translation?.state)).resolves.toBe('translated');

      // Needs work, then a save with Ctrl+Enter: the focus goes on to the next segment that needs work.
      await tabTo(page, (f) => f.filter === 'needs-work', { back: true });
      await page.keyboard.press('Enter');
      await inRow(page, first.id);
      // Alt+S copies the source with its inline codes, so any segment takes the typed text.
      await page.keyboard.press('Alt+KeyS');
      await page.keyboard.press('End');
      await page.keyboard.type(' 키보드로 저장.');
      await page.keyboard.press('Control+Enter');
      await inRow(page, second.id);
      await expect(ko.segment('ko', first.id).then((s) => s.translation?.text)).resolves.toBe(`${first.source} 키보드로 저장.`);

      // A conflict: someone saves the segment meanwhile; Ctrl+Enter meets it, the choice takes the
      // focus, Enter keeps mine, and the focus is back in the segment.
      await page.keyboard.press('Alt+KeyS');
      await page.keyboard.press('End');
      await page.keyboard.type(' 내 번역입니다.');
      const theirs = await coordinator.save('ko', second.id, `${second.source} 다른 사람의 번역.`, second.translation!.version);
      expect(theirs.status).toBe(200);
      await page.keyboard.press('Control+Enter');
      await page.getByRole('heading', { name: enText('editor.conflict.title') }).waitFor();
      await page.waitForFunction((label) => document.activeElement?.textContent?.trim() === label, enText('editor.conflict.keepMine'));
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('.conflict'));
      await inRow(page, second.id);
      const kept = await ko.segment('ko', second.id);
      expect(kept.translation).toMatchObject({ text: `${second.source} 내 번역입니다.`, version: second.translation!.version + 2 });

      // Search confirmed with Enter: the focus goes to the segment being worked on when it matches,
      // else to the first segment that needs work among the matches.
      const [next] = await ko.segments('ko', 'needs-work');
      const word = next.source.replace(/<[^>]*>/g, ' ').split(/[^\p{L}]+/u).reduce((a, b) => (b.length > a.length ? b : a), '');
      const found = await ko.call('GET', `/api/documents/statement/segments?lang=ko&state=needs-work&q=${word}`);
      const ids = (found.body as { segments: { id: string }[] }).segments.map((s) => s.id);
      expect(ids.length).toBeGreaterThan(0);
      await tabTo(page, (f) => f.tag === 'INPUT' && f.row === null, { back: true });
      await page.keyboard.type(word);
      await page.keyboard.press('Enter');
      await inRow(page, ids.includes(second.id) ? second.id : ids[0]);

      expect(withoutCodeChipNames(await axeProblems(page))).toEqual([]);
    });
  });
});
