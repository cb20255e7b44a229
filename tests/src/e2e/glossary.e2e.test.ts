import { describe, expect, test } from '@jest/globals';
import { axeProblems } from './support/axe.js';
import { enText, missingKeys, openPage, signIn } from './support/browser.js';
import { activeField, ApiUser, fieldText, DEMO_PASSWORD, hasNoCodes, row, runScenario, signInAt, viewShot } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

/** Issue 21, item 1 in the browser: glossary terms marked in the source, their target term on focus, inserted with Alt+T. */

const SIGNED_OUT = { status: 401, path: '/api/users/me' };
const env = e2eEnvironment();

describe('glossary in the editor', () => {
  test('a term is marked in the source with its Korean rendering on focus; Alt+T and the panel insert it; the glossary page lists it', async () => {
    const coordinator = await ApiUser.signIn(env.server.baseUrl, 'coordinator@demo.lockstep');
    const created = await coordinator.call('POST', '/api/glossary', {
      sourceLang: 'en',
      term: 'NATO',
      note: 'acronym',
      translations: { ko: ['나토'] },
    });
    expect(created.status).toBe(201);
    const translator = await ApiUser.signIn(env.server.baseUrl, 'ko@demo.lockstep');
    const segments = await translator.segments('ko');
    const target = segments.find((s) => s.translatable && s.translation && hasNoCodes(s) && /\bNATO\b/.test(s.source))!;
    expect(target).toBeDefined();

    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await runScenario(env.server, 'glossary', [checked], async () => {
      const page = checked.page;
      await signInAt(page, '/documents/statement/ko/edit', 'ko@demo.lockstep');
      const mark = row(page, target.id).locator('.editor-row__source .glossary-term', { hasText: 'NATO' }).first();
      await mark.waitFor();
      // The target term shows on focus (keyboard), in the tooltip the mark is described by.
      await mark.focus();
      const tip = mark.locator('[role="tooltip"]');
      await expect(tip.isVisible()).resolves.toBe(true);
      await expect(tip.textContent()).resolves.toContain('나토');
      const describedBy = await mark.getAttribute('aria-describedby');
      await expect(tip.getAttribute('id')).resolves.toBe(describedBy);

      // Open the segment, empty the field, and insert the term with Alt+T at the cursor.
      await row(page, target.id).locator('.editor-row__open').click();
      const area = activeField(page);
      await area.fill('');
      await area.press('Alt+KeyT');
      await expect(fieldText(page)).resolves.toBe('나토');
      await area.pressSequentially('는 ');
      // The panel lists the term; its button inserts at the cursor too.
      const panel = page.locator('.editor-row--active .glossary-panel');
      await expect(panel.textContent()).resolves.toContain('NATO');
      await panel.getByRole('button', { name: enText('glossary.panel.insert').replace('{{text}}', '나토') }).click();
      await expect(fieldText(page)).resolves.toBe('나토는 나토');
      expect(await axeProblems(page)).toEqual([]);
      await viewShot(page, 'glossary-editor', `#segment-${target.id}`);

      await page.goto(`${env.server.baseUrl}/glossary`);
      await page.locator('.glossary-entry', { hasText: 'NATO' }).waitFor();
      await expect(page.locator('.glossary-entry', { hasText: 'NATO' }).textContent()).resolves.toContain('나토');
      expect(await axeProblems(page)).toEqual([]);
      expect(await missingKeys(page)).toEqual([]);
    });

    // A coordinator's glossary page: add a term, edit it, the file section; axe clean.
    const coord = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await runScenario(env.server, 'glossary-page', [coord], async () => {
      const page = coord.page;
      await page.goto('/glossary');
      await signIn(page, 'coordinator@demo.lockstep', DEMO_PASSWORD);
      await page.locator('.glossary-entry').first().waitFor();
      await page.getByLabel(enText('glossary.add.term'), { exact: true }).first().fill('Special Military Operation');
      await page.getByRole('button', { name: enText('glossary.add.submit') }).click();
      const entry = page.locator('.glossary-entry', { hasText: 'Special Military Operation' });
      await entry.waitFor();
      await entry.getByRole('button', { name: enText('glossary.edit') }).click();
      await entry.getByLabel(enText('glossary.add.note')).fill('noun');
      await entry.locator('.glossary-form').getByRole('button', { name: enText('glossary.save') }).click();
      await page.locator('.glossary-entry', { hasText: 'noun' }).waitFor();
      await expect(page.getByRole('button', { name: enText('glossary.files.check') }).isDisabled()).resolves.toBe(true);
      expect(await axeProblems(page)).toEqual([]);
      expect(await missingKeys(page)).toEqual([]);
      await viewShot(page, 'glossary-page');
    });
  });
});
