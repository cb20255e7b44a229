import { describe, expect, test } from '@jest/globals';
import { enText, missingKeys, openPage, signIn } from './support/browser.js';
import { expectAccessible, plainSegments, shot } from './support/coordinator.js';
import { ApiUser, DEMO_PASSWORD, runScenario } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

const SIGNED_OUT = { status: 401, path: '/api/users/me' };
const env = e2eEnvironment();

describe('the revisions page', () => {
  test('a coordinator uploads a .md file, sees old and new source side by side with each change marked, publishes, and the list summarises it', async () => {
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    await runScenario(env.server, 'revision-diff', [checked], async () => {
      const coordinator = await ApiUser.signIn(env.server.baseUrl, 'coordinator@demo.lockstep');
      const { body: current } = await coordinator.call('GET', '/api/documents/statement/revisions/2');
      const markdown = (current as { markdown: string }).markdown;
      // One translated Korean sentence reworded, and a new paragraph at the end.
      const target = plainSegments(await coordinator.segments('ko'), 'translated').find((s) => s.source.split(' ').length >= 6 && markdown.includes(s.source))!;
      const reworded = `${target.source.slice(0, -1)} today.`;
      const added = 'We will meet again next spring.';
      const edited = `${markdown.replace(target.source, reworded).trimEnd()}\n\n${added}\n`;

      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto('/');
      await signIn(page, 'coordinator@demo.lockstep', DEMO_PASSWORD);
      await page.locator('.document-card').first().waitFor();
      await page.goto('/documents/statement/revisions');
      const file = page.getByLabel(enText('revisionDiff.uploadLabel'));
      await file.setInputFiles({ name: 'statement-r3.md', mimeType: 'text/markdown', buffer: Buffer.from(edited, 'utf8') });
      await page.getByRole('status').filter({ hasText: 'statement-r3.md' }).waitFor();
      await expect(page.locator('textarea.markdown-input').inputValue()).resolves.toBe(edited);

      await page.getByRole('button', { name: enText('revisions.preview') }).click();
      const oldSide = page.getByRole('region', { name: enText('revisionDiff.oldSide').replace('{{revision}}', '2') });
      const newSide = page.getByRole('region', { name: enText('revisionDiff.newSide') });
      await oldSide.waitFor();
      // The changed sentence is marked on both sides with its class; the new paragraph only on the new side.
      await expect(oldSide.locator('mark[data-kind="modified"]').textContent()).resolves.toContain(target.source.slice(0, 30));
      await expect(newSide.locator('mark[data-kind="modified"]').textContent()).resolves.toContain('today.');
      await expect(newSide.locator('mark[data-kind="added"]').textContent()).resolves.toContain(added);
      await expect(oldSide.locator('mark[data-kind="added"]').count()).resolves.toBe(0);
      await expect(newSide.locator('mark[data-kind="modified"] .badge').textContent()).resolves.toBe(enText('revisions.kinds.modified'));
      // Only changed paragraphs by default; all of them on request.
      const shownChanged = await oldSide.locator('.side-by-side__block').count();
      await page.getByLabel(enText('revisionDiff.onlyChanged')).uncheck();
      await expect(oldSide.locator('.side-by-side__block').count()).resolves.toBeGreaterThan(shownChanged + 10);
      await page.getByLabel(enText('revisionDiff.onlyChanged')).check();
      // The impact report beside it counts the same change.
      await expect(page.locator('[data-stale-lang="ko"]').textContent()).resolves.toBe('1');
      await expectAccessible(page, 'revision side by side');
      await page.locator('.side-by-side').scrollIntoViewIfNeeded();
      await shot(page, 'revision-side-by-side-1366', 'en');

      await page.getByRole('button', { name: enText('revisions.publish') }).click();
      await page.locator('.notice--success').waitFor();
      // The list reloads after the publish: revision 3 on top.
      const newest = page.locator('.revision-table tbody tr').first();
      await newest.locator('th', { hasText: /^3$/ }).waitFor();
      await expect(newest.textContent()).resolves.toContain('Cora Coordinator');
      await expect(newest.locator('[data-stale-by-language]').textContent()).resolves.toMatch(/\bko 1\b/);
      await shot(page, 'revision-list', 'en');
      expect(await missingKeys(page)).toEqual([]);
    });
  }, 120_000);

  test('a file that is not UTF-8 text is refused in the page and the text being edited is kept', async () => {
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    await runScenario(env.server, 'revision-upload-binary', [checked], async () => {
      await page.goto('/');
      await signIn(page, 'coordinator@demo.lockstep', DEMO_PASSWORD);
      await page.locator('.document-card').first().waitFor();
      await page.goto('/documents/statement/revisions');
      const textarea = page.locator('textarea.markdown-input');
      await page.waitForFunction(() => (document.querySelector('textarea.markdown-input') as HTMLTextAreaElement | null)?.value.length);
      const before = await textarea.inputValue();
      await page.getByLabel(enText('revisionDiff.uploadLabel')).setInputFiles({ name: 'photo.md', mimeType: 'text/markdown', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]) });
      await expect(page.getByRole('alert').textContent()).resolves.toBe(enText('revisionDiff.notText').replace('{{name}}', 'photo.md'));
      await expect(textarea.inputValue()).resolves.toBe(before);
    });
  }, 120_000);
});
