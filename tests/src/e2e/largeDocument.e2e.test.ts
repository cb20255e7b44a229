import { describe, expect, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeProblems } from './support/axe.js';
import { enText, missingKeys, openPage } from './support/browser.js';
import { activeField, ApiUser, badge, chooseFilter, fieldText, row, runScenario, signInAt, type ApiSegment } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

const KO = 'ko@demo.lockstep';
const COORDINATOR = 'coordinator@demo.lockstep';
const SIGNED_OUT = { status: 401, path: '/api/users/me' };
const DOC = 'long-e2e';
/** Over the editor's windowing threshold (400), so only rows near the window are in the page. */
const SENTENCES = 450;

const env = e2eEnvironment();

/** Waits until the keyboard focus is in a row's translation field (CodeMirror in the field's shadow root). */
const cursorIn = (page: Page, id: string) =>
  page.waitForFunction(
    (segment) => {
      const host = document.activeElement;
      return Boolean(host?.closest(`#segment-${segment}`) && host.shadowRoot?.activeElement?.classList.contains('cm-content'));
    },
    id,
    { timeout: 5_000 },
  );

/** Waits until a row is on screen (some of it between the top and the bottom of the window). */
const scrolledTo = (page: Page, id: string) =>
  page.waitForFunction(
    (segment) => {
      const box = document.getElementById(`segment-${segment}`)?.getBoundingClientRect();
      return !!box && box.top < window.innerHeight && box.bottom > 0;
    },
    id,
    { timeout: 5_000 },
  );

describe('a long document in the editor (windowed list)', () => {
  test('only nearby rows are in the page; keyboard moves scroll to the segment and put the cursor in it; saves go on far down', async () => {
    const coordinator = await ApiUser.signIn(env.server.baseUrl, COORDINATOR);
    const markdown = Array.from({ length: SENTENCES / 3 }, (_, p) =>
      [0, 1, 2].map((k) => `Sentence ${p * 3 + k + 1} of the long document.`).join(' '),
    ).join('\n\n');
    const created = await coordinator.call('POST', '/api/documents', { id: DOC, title: 'Long', sourceLang: 'en', targetLangs: ['ko'], markdown });
    expect(created.status).toBe(201);
    const listed = await coordinator.call('GET', `/api/documents/${DOC}/segments?lang=ko`);
    const segments = (listed.body as { segments: ApiSegment[] }).segments;
    expect(segments.length).toBe(SENTENCES);
    // Everything translated but the last segment: Ctrl+Enter on the first must go to the far end.
    const others = segments.slice(0, -1);
    for (let i = 0; i < others.length; i += 10) {
      const puts = others.slice(i, i + 10).map((s) =>
        coordinator.call('PUT', `/api/documents/${DOC}/segments/${s.id}/translations/ko`, { text: `번역 ${s.index}`, version: s.translation!.version }),
      );
      expect((await Promise.all(puts)).map((r) => r.status)).toEqual(puts.map(() => 200));
    }
    const last = segments.at(-1)!;

    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await runScenario(env.server, 'long', [checked], async () => {
      const { page } = checked;
      await signInAt(page, `/documents/${DOC}/ko/edit`, KO);
      // The one segment needing work is opened, far down: it is rendered though the top is in view.
      await page.locator(`#segment-${last.id}.editor-row--active`).waitFor();
      const rendered = await page.locator('.editor-row[data-segment]').count();
      expect(rendered).toBeLessThan(80);
      await expect(page.locator('[role="listitem"][aria-setsize]').first().getAttribute('aria-setsize')).resolves.toBe(String(SENTENCES));

      // Open the first, then Alt+↓ twenty times: each move scrolls, mounts the row and focuses its field.
      await row(page, segments[0].id).locator('.editor-row__open').click();
      await activeField(page).click();
      for (let i = 1; i <= 20; i++) {
        await page.keyboard.press('Alt+ArrowDown');
        // The next key goes to the next field: it must have the focus by then.
        await page.locator(`#segment-${segments[i].id}.editor-row--active .cm-focused`).waitFor();
      }
      await expect(page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.classList.contains('cm-content') ?? false)).resolves.toBe(true);
      await expect(fieldText(page)).resolves.toBe(`번역 ${segments[20].index}`);

      // Typing and Ctrl+Enter: saved, and the cursor goes on to the last segment, 430 rows down.
      await page.keyboard.press('Control+End');
      await page.keyboard.type('!');
      await page.keyboard.press('Control+Enter');
      await badge(page, segments[20].id, 'translated').waitFor();
      await page.locator(`#segment-${last.id}.editor-row--active .cm-content`).waitFor();
      const inView = await page.locator(`#segment-${last.id}`).evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top < window.innerHeight && box.bottom > 0;
      });
      expect(inView).toBe(true);
      // The row scrolls into view first and takes the focus after: type only once it has it.
      await cursorIn(page, last.id);
      await page.keyboard.type('마지막');
      await page.keyboard.press('Control+Enter');
      await badge(page, last.id, 'translated').waitFor();
      const saved = await coordinator.call('GET', `/api/documents/${DOC}/segments?lang=ko`);
      const texts = new Map((saved.body as { segments: ApiSegment[] }).segments.map((s) => [s.id, s.translation?.text]));
      expect(texts.get(segments[20].id)).toBe(`번역 ${segments[20].index}!`);
      expect(texts.get(last.id)).toBe('마지막');
      expect(await axeProblems(page)).toEqual([]);
      expect(await missingKeys(page)).toEqual([]);
    });
    // Setting up 450 translations over HTTP takes most of it on a loaded machine.
  }, 300_000);

  test('2,000 segments: a bounded number of rows in the page; search, a filter and ?segment= reach the far end, and a save there lands', async () => {
    const doc = 'long-2k';
    const count = 2000;
    const coordinator = await ApiUser.signIn(env.server.baseUrl, COORDINATOR);
    const markdown = Array.from({ length: count / 4 }, (_, p) =>
      [0, 1, 2, 3].map((k) => `Line ${p * 4 + k + 1} of the very long report.`).join(' '),
    ).join('\n\n');
    const created = await coordinator.call('POST', '/api/documents', { id: doc, title: 'Very long', sourceLang: 'en', targetLangs: ['ko'], markdown });
    expect(created.status).toBe(201);
    const segments = ((await coordinator.call('GET', `/api/documents/${doc}/segments?lang=ko`)).body as { segments: ApiSegment[] }).segments;
    expect(segments.length).toBe(count);
    const last = segments.at(-1)!;
    const far = segments[1500];

    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await runScenario(env.server, 'long-2k', [checked], async () => {
      const { page } = checked;
      await signInAt(page, `/documents/${doc}/ko/edit`, KO);
      await page.locator(`#segment-${segments[0].id}.editor-row--active .cm-content`).waitFor();
      expect(await page.locator('.editor-row[data-segment]').count()).toBeLessThan(80);
      await expect(page.locator('[role="listitem"][aria-setsize]').first().getAttribute('aria-setsize')).resolves.toBe(String(count));

      // Search for the last line, Enter: the one row left is opened with the cursor in it.
      const search = page.getByLabel(enText('editor.search.label'));
      await search.fill(`Line ${count} of`);
      await search.press('Enter');
      await page.locator(`#segment-${last.id}.editor-row--active .cm-focused`).waitFor();
      expect(await page.locator('.editor-row[data-segment]').count()).toBe(1);
      await page.keyboard.type('마지막 줄');
      await page.keyboard.press('Control+Enter');
      // The row's state class, not badge(): "Untranslated" contains "translated".
      await page.locator(`#segment-${last.id}.segment-row--translated`).waitFor();

      // "Translated" holds only that one; back on "All" it is still the one worked on: the list
      // scrolls 2,000 rows down to it, mounting only the rows around it.
      await chooseFilter(page, 'translated');
      await search.fill('');
      await search.press('Enter');
      await expect(page.locator('.editor-row[data-segment]').count()).resolves.toBe(1);
      // (chooseFilter waits for `?state=` in the address, which "All" leaves out.)
      await page.locator('.editor-toolbar .filter[data-filter="all"]').click();
      await page.locator('.editor-toolbar .filter[data-filter="all"][aria-pressed="true"]').waitFor();
      await page.locator(`#segment-${last.id}.editor-row--active .cm-content`).waitFor();
      await scrolledTo(page, last.id);
      await cursorIn(page, last.id);
      expect(await page.locator('.editor-row[data-segment]').count()).toBeLessThan(80);
      await expect(fieldText(page)).resolves.toBe('마지막 줄');

      // A link to a segment far down (`?segment=`, as import reports give) opens it in view.
      await page.goto(`/documents/${doc}/ko/edit?segment=${far.id}`);
      await page.locator(`#segment-${far.id}.editor-row--active .cm-content`).waitFor();
      await scrolledTo(page, far.id);
      expect(await page.locator('.editor-row[data-segment]').count()).toBeLessThan(80);

      const saved = ((await coordinator.call('GET', `/api/documents/${doc}/segments?lang=ko&q=${encodeURIComponent(last.id)}`)).body as { segments: ApiSegment[] }).segments;
      expect(saved.map((s) => [s.id, s.translation?.text, s.translation?.state])).toEqual([[last.id, '마지막 줄', 'translated']]);
      expect(await axeProblems(page)).toEqual([]);
      expect(await missingKeys(page)).toEqual([]);
    });
  }, 300_000);
});
