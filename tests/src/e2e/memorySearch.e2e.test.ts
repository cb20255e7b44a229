import { describe, expect, test } from '@jest/globals';
import { axeProblems } from './support/axe.js';
import { enText, missingKeys, openPage } from './support/browser.js';
import { activeField, ApiUser, hasNoCodes, recordDialogs, row, runScenario, signInAt } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

// Issue 19 item 4: the concordance search in the editor's memory panel.

const KO = 'ko@demo.lockstep';
const SIGNED_OUT = { status: 401, path: '/api/users/me' };
const env = e2eEnvironment();

describe('searching the translation memory from the editor', () => {
  test('a word of a stored translation finds its pair, the word marked, markup shown as text; axe is content', async () => {
    const api = await ApiUser.signIn(env.server.baseUrl, KO);
    const [stored, open] = (await api.segments('ko', 'translated')).filter(hasNoCodes);
    const payload = '<img src=x onerror=alert(1)> 정오검색어 번역';
    expect((await api.save('ko', stored.id, payload, stored.translation!.version)).status).toBe(200);

    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    const dialogs = recordDialogs(page);
    await runScenario(env.server, 'memory-search', [checked], async () => {
      await signInAt(page, '/documents/statement/ko/edit', KO);
      await row(page, open.id).locator('.editor-row__open').click();
      await activeField(page).waitFor();
      const search = page.getByRole('search', { name: enText('memorySearch.title') });
      await search.getByLabel(enText('memorySearch.label')).fill('정오검색어');
      await search.getByLabel(enText('memorySearch.side.target')).check();
      await search.getByRole('button', { name: enText('memorySearch.submit') }).click();
      const hit = page.locator('.memory-search__hit').first();
      await hit.waitFor();
      await expect(hit.locator('mark').allTextContents()).resolves.toEqual(['정오검색어']);
      await expect(hit.locator('.memory-search__text[lang="ko"]').textContent()).resolves.toBe(payload);
      await expect(page.locator('#main img, #main script').count()).resolves.toBe(0);
      expect(await axeProblems(page)).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(await missingKeys(page)).toEqual([]);
    });
  });
});
