import { describe, expect, test } from '@jest/globals';
import { axeProblems } from './support/axe.js';
import { missingKeys, openPage } from './support/browser.js';
import { activeField, ApiUser, badge, fieldText, row, runScenario, signInAt, type ApiSegment } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

const KO = 'ko@demo.lockstep';
const COORDINATOR = 'coordinator@demo.lockstep';
const SIGNED_OUT = { status: 401, path: '/api/users/me' };
const DOC = 'long-e2e';
/** Over the editor's windowing threshold (400), so only rows near the window are in the page. */
const SENTENCES = 450;

const env = e2eEnvironment();

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
      await page.waitForFunction(
        (id) => {
          const host = document.activeElement;
          return Boolean(host?.closest(`#segment-${id}`) && host.shadowRoot?.activeElement?.classList.contains('cm-content'));
        },
        last.id,
        { timeout: 5_000 },
      );
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
});
