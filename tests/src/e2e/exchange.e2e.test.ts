import { describe, expect, test } from '@jest/globals';
import { zipSync } from 'fflate';
import { enText, missingKeys, openPage, signIn } from './support/browser.js';
import { expectAccessible, plainSegments, setTarget, shot } from './support/coordinator.js';
import { ApiUser, DEMO_PASSWORD, runScenario } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

const COORDINATOR = 'coordinator@demo.lockstep';
const SIGNED_OUT = { status: 401, path: '/api/users/me' };

const env = e2eEnvironment();

describe('the XLIFF exchange page', () => {
  test('a zip of two files: each file shows its language; one naming none gets a language chosen on the page, then both apply', async () => {
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    await runScenario(env.server, 'exchange-zip', [checked], async () => {
      const api = await ApiUser.signIn(env.server.baseUrl, COORDINATOR);
      const exportOf = async (lang: string) => (await (await api.raw(`/api/documents/statement/xliff/${lang}?version=1.2`)).text());
      const [ruSeg] = plainSegments(await api.segments('ru'), 'translated');
      const [frSeg] = plainSegments(await api.segments('fr'), 'translated');
      const ru = setTarget(await exportOf('ru'), ruSeg.id, `${ruSeg.translation!.text} (архив)`);
      // A tool that dropped the target language: the page must ask for it, not guess.
      const fr = setTarget(await exportOf('fr'), frSeg.id, `${frSeg.translation!.text} (archive)`).replace(/ target-language="fr"/, '');
      const zip = Buffer.from(zipSync({ 'statement.ru.xlf': Buffer.from(ru), 'tool-output.xlf': Buffer.from(fr) }));

      await page.goto('/documents/statement/xliff');
      await signIn(page, COORDINATOR, DEMO_PASSWORD);
      await page.getByLabel(enText('exchange2.files')).setInputFiles({ name: 'work.zip', mimeType: 'application/zip', buffer: zip });
      await page.getByRole('button', { name: enText('xliff.check') }).click();
      const ruFile = page.locator('.exchange-file[data-file="work.zip/statement.ru.xlf"]');
      const frFile = page.locator('.exchange-file[data-file="work.zip/tool-output.xlf"]');
      await ruFile.waitFor();
      await expect(ruFile.getByLabel(enText('exchange2.importAs')).inputValue()).resolves.toBe('ru');
      await expect(frFile.getByRole('alert').textContent()).resolves.toContain('names no target language');
      await expect(page.getByRole('button', { name: enText('exchange2.apply') }).isDisabled()).resolves.toBe(true);
      await expectAccessible(page, 'exchange with a file to fix');
      await shot(page, 'exchange-choose-language', 'en');

      // Chosen on the page: checked again, with the reason gone and the unit applied.
      await frFile.getByLabel(enText('exchange2.importAs')).selectOption('fr');
      await frFile.locator(`tr[data-unit="${frSeg.id}"][data-outcome="applied"]`).waitFor();
      await expect(frFile.getByRole('alert').count()).resolves.toBe(0);
      await expect(ruFile.locator(`tr[data-unit="${ruSeg.id}"] ins.word-diff__added`).textContent()).resolves.toContain('архив');
      await page.getByRole('button', { name: enText('exchange2.apply') }).click();
      await page.getByRole('heading', { name: enText('xliff.resultTitle') }).waitFor();
      expect((await api.segment('ru', ruSeg.id)).translation?.text).toBe(`${ruSeg.translation!.text} (архив)`);
      expect((await api.segment('fr', frSeg.id)).translation?.text).toBe(`${frSeg.translation!.text} (archive)`);
      await shot(page, 'exchange-applied', 'en');
      expect(await missingKeys(page)).toEqual([]);
    });
  }, 120_000);
});
