import { describe, expect, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeProblems } from './support/axe.js';
import { enText, missingKeys, openPage } from './support/browser.js';
import { ApiUser, chooseFilter, row, runScenario, signInAt, viewShot } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

/** Issue 21, item 2 in the browser: a question asked in one editor, answered and resolved in another. */

const TRANSLATOR = 'es@demo.lockstep';
const REVIEWER = 'reviewer@demo.lockstep';
const REVIEWER_NAME = 'Rustam Reviewer';
const SIGNED_OUT = { status: 401, path: '/api/users/me' };
const QUESTION = '¿"Operación" va con mayúscula en esta frase? @reviewer@demo.lockstep';

const env = e2eEnvironment();

function liveStream(page: Page) {
  return page.waitForResponse((res) => res.url().endsWith('/api/documents/statement/events') && res.status() === 200);
}

const filled = (key: string, values: Record<string, string>) => enText(key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name]);

describe('questions and comments in the editor', () => {
  test('a translator asks; the reviewer sees the badge live, filters on open questions and resolves it; the badge goes for both', async () => {
    const api = await ApiUser.signIn(env.server.baseUrl, TRANSLATOR);
    const segments = await api.segments('es');
    const target = segments.find((s) => s.translatable && s.translation)!;
    const translator = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const reviewer = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await runScenario(env.server, 'questions', [translator, reviewer], async () => {
      const a = translator.page;
      const b = reviewer.page;
      const streams = [liveStream(a), liveStream(b)];
      await signInAt(a, '/documents/statement/es/edit', TRANSLATOR);
      await signInAt(b, '/documents/statement/es/edit', REVIEWER);
      await Promise.all(streams);
      const rowA = row(a, target.id);
      const rowB = row(b, target.id);
      await expect(rowB.locator('.question-badge').count()).resolves.toBe(0);

      // The translator asks in the Spanish thread, mentioning the reviewer by e-mail.
      await rowA.locator('.thread__toggle').click();
      await rowA.locator('.thread__new textarea').fill(QUESTION);
      await rowA.getByRole('button', { name: enText('editor.threads.ask') }).click();
      await rowA.locator('.thread__comment--open', { hasText: QUESTION }).waitFor();
      // Clicking in the thread did not open the segment's editor.
      await expect(a.locator('.editor-row--active').count()).resolves.toBe(0);
      await rowA.locator('.question-badge').waitFor({ timeout: 5_000 });

      // The reviewer's editor hears of it: the badge, the filter's count, the filtered list.
      await rowB.locator('.question-badge').waitFor({ timeout: 5_000 });
      await b.locator('.editor-toolbar .filter[data-filter="open-questions"] .filter__count', { hasText: '1' }).waitFor({ timeout: 5_000 });
      await chooseFilter(b, 'open-questions');
      await expect(b.locator('.editor-row[data-segment]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-segment')))).resolves.toEqual([target.id]);

      await rowB.locator('.thread__toggle').click();
      const question = rowB.locator('.thread__comment--open');
      await question.waitFor();
      await expect(question.locator('.thread__text').textContent()).resolves.toBe(QUESTION);
      await expect(question.locator('.thread__mentions').textContent()).resolves.toBe(filled('editor.threads.mentions', { names: REVIEWER_NAME }));
      expect(await axeProblems(b)).toEqual([]);
      await viewShot(b, 'question-thread', `#segment-${target.id}`);
      await question.getByRole('button', { name: enText('editor.threads.resolve') }).click();
      const resolved = filled('editor.threads.resolvedBy', { name: REVIEWER_NAME });
      await rowB.locator('.thread__status', { hasText: resolved }).waitFor();

      // Both editors drop the badge; the translator's open thread shows the resolution.
      await rowB.locator('.question-badge').waitFor({ state: 'detached', timeout: 5_000 });
      await rowA.locator('.question-badge').waitFor({ state: 'detached', timeout: 5_000 });
      await rowA.locator('.thread__status', { hasText: resolved }).waitFor({ timeout: 5_000 });
      expect(await missingKeys(a)).toEqual([]);
      expect(await missingKeys(b)).toEqual([]);
    });
  });
});
