import { describe, expect, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeProblems } from './support/axe.js';
import { enText, missingKeys, openPage } from './support/browser.js';
import { activeField, ApiUser, fieldText, hasNoCodes, row, runScenario, signInAt, translationPath, viewShot, type ApiSegment } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

/**
 * Working together in the browser: live updates between two open editors, "since your last
 * visit", translation memory, QA while typing, a published revision, the Markdown download.
 */

const KO = 'ko@demo.lockstep';
const COORDINATOR = 'coordinator@demo.lockstep';
const COORDINATOR_NAME = 'Cora Coordinator';
const SIGNED_OUT = { status: 401, path: '/api/users/me' };
const MEMORY_DOC = 'memory-e2e';

const env = e2eEnvironment();

/** An English UI string with its placeholders filled in (i18next's `{{name}}` and `{{count, number}}`). */
function filled(key: string, values: Record<string, string | number>): string {
  return enText(key).replace(/\{\{(\w+)(?:, number)?\}\}/g, (_, name: string) => String(values[name]));
}

/** Resolves once the page's editor holds its live event stream (the server has answered the EventSource). */
function liveStream(page: Page, doc = 'statement') {
  return page.waitForResponse((res) => res.url().endsWith(`/api/documents/${doc}/events`) && res.status() === 200);
}

/** Resolves once the editor has recorded this visit (after reading what changed since the last one). */
function visitRecorded(page: Page, lang: string) {
  return page.waitForResponse((res) => res.url().includes(`/visits/${lang}`) && res.request().method() === 'POST' && res.status() === 200);
}

const changedFilter = (page: Page) => page.locator('.editor-toolbar .filter--changed');
const untranslatedCount = (page: Page) => page.locator('.editor-toolbar .filter[data-filter="untranslated"] .filter__count');

async function segmentsOf(api: ApiUser, doc: string, lang: string): Promise<ApiSegment[]> {
  const { status, body } = await api.call('GET', `/api/documents/${doc}/segments?lang=${lang}`);
  if (status !== 200) throw new Error(`segments of ${doc} answered ${status}`);
  return (body as { segments: ApiSegment[] }).segments;
}

describe('working together in the editor', () => {
  test('a save in one editor shows in another within 2 s; a draft there is kept, and "since your last visit" lists it', async () => {
    const ko = await ApiUser.signIn(env.server.baseUrl, KO);
    const [x, y] = (await ko.segments('ko', 'untranslated')).filter(hasNoCodes);
    const translator = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT, { status: 409, path: translationPath('ko', y.id) }]);
    const coordinator = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await runScenario(env.server, 'live', [translator, coordinator], async () => {
      const a = translator.page;
      const b = coordinator.page;
      const streams = [liveStream(a), liveStream(b)];
      const visited = visitRecorded(a, 'ko');
      await signInAt(a, '/documents/statement/ko/edit', KO);
      await signInAt(b, '/documents/statement/ko/edit', COORDINATOR);
      await Promise.all([...streams, visited]);
      await untranslatedCount(a).waitFor();
      const untranslatedBefore = await untranslatedCount(a).textContent();

      // The translator has a draft on y; the coordinator saves x.
      await row(a, y.id).locator('.editor-row__open').click();
      await activeField(a).fill('내 초안');
      await row(b, x.id).locator('.editor-row__open').click();
      await activeField(b).fill('실시간 번역');
      const saved = b.waitForResponse((res) => res.url().endsWith(translationPath('ko', x.id)) && res.request().method() === 'PUT');
      await activeField(b).press('Control+Enter');
      expect((await saved).status()).toBe(200);
      const savedAt = Date.now();
      await row(a, x.id).locator('.editor-row__target .segment-text', { hasText: '실시간 번역' }).waitFor({ timeout: 5_000 });
      const latency = Date.now() - savedAt;
      expect(latency).toBeLessThan(2_000);
      // The progress follows (one untranslated segment fewer), and the draft did not move.
      await a.waitForFunction(
        (before) => document.querySelector('.editor-toolbar .filter[data-filter="untranslated"] .filter__count')?.textContent !== before,
        untranslatedBefore,
      );
      await expect(fieldText(a)).resolves.toBe('내 초안');

      // Now the coordinator saves the segment that holds the translator's draft.
      await row(b, y.id).locator('.editor-row__open').click();
      await activeField(b).fill('코디네이터 번역');
      await activeField(b).press('Control+Enter');
      const notice = a.locator('.editor-row--active .editor-note--info');
      await notice.waitFor({ timeout: 2_000 });
      await expect(notice.textContent()).resolves.toBe(filled('editor.live.draftKept', { name: COORDINATOR_NAME }));
      await expect(fieldText(a)).resolves.toBe('내 초안');
      await viewShot(a, 'live-draft-kept', '.editor-row--active');
      // Saving the draft meets the conflict view, as any late save does.
      await activeField(a).press('Control+Enter');
      const conflict = a.locator('.conflict');
      await conflict.waitFor();
      await expect(conflict.locator('.conflict__side--theirs .segment-text').textContent()).resolves.toBe('코디네이터 번역');
      await conflict.getByRole('button', { name: enText('editor.conflict.takeTheirs') }).click();
      await conflict.waitFor({ state: 'detached' });

      // The dashboard counts what changed since the translator's last visit of the Korean editor.
      await a.goto('/documents/statement/dashboard');
      const since = a.locator('[data-since-visit="ko"]');
      await since.getByText(filled('dashboard.sinceVisit.segments_other', { count: 2 })).waitFor();
      await expect(since.locator('[data-kind="edited"]').textContent()).resolves.toBe(`${enText('editor.changes.kinds.edited')} 2`);
      await viewShot(a, 'live-dashboard-since-visit', 'tr[data-lang="ko"]');

      // Back in the editor: the filter lists exactly those two segments, with what happened and who did it.
      const revisited = visitRecorded(a, 'ko');
      await a.goto('/documents/statement/ko/edit');
      await changedFilter(a).waitFor();
      await revisited;
      await expect(changedFilter(a).textContent()).resolves.toBe(`${enText('editor.filters.changed')}2`);
      await changedFilter(a).click();
      await a.waitForFunction(() => new URLSearchParams(location.search).get('state') === 'changed');
      const listed = await a.locator('.editor-row[data-segment]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-segment')));
      expect(listed.sort()).toEqual([x.id, y.id].sort());
      await expect(row(a, x.id).locator('.change-badge--edited').textContent()).resolves.toBe(enText('editor.changes.kinds.edited'));
      await expect(row(a, x.id).locator('.change-badges__by').textContent()).resolves.toBe(filled('editor.changes.by', { names: COORDINATOR_NAME }));
      await viewShot(a, 'live-since-last-visit');
      expect(await axeProblems(a)).toEqual([]);

      // That visit was recorded: the next one starts from nothing new.
      await a.reload();
      await changedFilter(a).waitFor();
      await expect(changedFilter(a).textContent()).resolves.toBe(`${enText('editor.filters.changed')}0`);
      expect(await missingKeys(a)).toEqual([]);
      process.stdout.write(`live update latency: ${latency} ms\n`);
    });
  });

  test('QA warns while a wrong number is typed, and the warning goes when it is fixed', async () => {
    const ko = await ApiUser.signIn(env.server.baseUrl, KO);
    const segment = (await ko.segments('ko')).find((s) => s.translation && hasNoCodes(s) && /\d/.test(s.source))!;
    expect(segment).toBeDefined();
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await runScenario(env.server, 'live-qa', [checked], async () => {
      const { page } = checked;
      await signInAt(page, '/documents/statement/ko/edit', KO);
      await row(page, segment.id).locator('.editor-row__open').click();
      const area = activeField(page);
      await area.fill('');
      await area.pressSequentially('번역 987654321', { delay: 20 });
      const warning = page.locator('.editor-row--active .live-qa li[data-code="numbers_differ"]');
      await warning.waitFor({ timeout: 2_000 });
      // The finding in the UI language, with the numbers the source has (as the source writes them).
      const said = (await warning.textContent()) ?? '';
      expect(said.startsWith(enText('editor.warnings.numbers_differ'))).toBe(true);
      expect(said).toMatch(/\(.*\d.*\)$/);
      await viewShot(page, 'live-qa', '.editor-row--active');
      // The source's own text has all its numbers.
      await area.fill(segment.source);
      await warning.waitFor({ state: 'detached', timeout: 2_000 });
    });
  });

  test('translation memory suggests a similar sentence translated elsewhere; Alt+Shift+1 puts it in as a draft; a revision asks for a reload; Markdown downloads', async () => {
    const coordinatorApi = await ApiUser.signIn(env.server.baseUrl, COORDINATOR);
    const sentence = (city: string) => `The committee met in ${city} on Monday to discuss the new plan for peace in the region.`;
    const markdown = `# Memory test\n\n${sentence('Berlin')}\n\n${sentence('Paris')}\n`;
    const created = await coordinatorApi.call('POST', '/api/documents', {
      id: MEMORY_DOC,
      title: 'Memory test',
      sourceLang: 'en',
      targetLangs: ['ko'],
      markdown,
    });
    expect(created.status).toBe(201);
    const [, berlin, paris] = await segmentsOf(coordinatorApi, MEMORY_DOC, 'ko');
    const berlinKo = '위원회는 월요일 베를린에서 만나 지역 평화를 위한 새 계획을 논의했다.';
    const put = await coordinatorApi.call('PUT', `/api/documents/${MEMORY_DOC}/segments/${berlin.id}/translations/ko`, {
      text: berlinKo,
      version: berlin.translation!.version,
    });
    expect(put.status).toBe(200);

    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await runScenario(env.server, 'live-memory', [checked], async () => {
      const { page } = checked;
      const stream = liveStream(page, MEMORY_DOC);
      await signInAt(page, `/documents/${MEMORY_DOC}/ko/edit`, KO);
      await stream;
      await row(page, paris.id).locator('.editor-row__open').click();
      const suggestion = page.locator('.editor-row--active .memory__item').first();
      await suggestion.waitFor();
      await expect(suggestion.getAttribute('data-origin')).resolves.toBe('other-segment');
      await expect(suggestion.locator('.memory__text').textContent()).resolves.toBe(berlinKo);
      const match = Number(/\d+/.exec((await suggestion.locator('.memory__match').textContent()) ?? '')?.[0]);
      expect(match).toBeGreaterThanOrEqual(50);
      expect(match).toBeLessThan(100);
      // The source diff names the word that differs.
      await expect(suggestion.locator('.word-diff del').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('Berlin')]));
      await viewShot(page, 'live-memory', '.editor-row--active');
      expect(await axeProblems(page)).toEqual([]);

      await activeField(page).focus();
      await page.keyboard.press('Alt+Shift+Digit1');
      await expect(fieldText(page)).resolves.toBe(berlinKo);
      await row(page, paris.id).locator('.draft-mark').waitFor();
      // A draft, not a save.
      const parisNow = (await segmentsOf(coordinatorApi, MEMORY_DOC, 'ko')).find((s) => s.id === paris.id)!;
      expect(parisNow.translation).toMatchObject({ state: 'untranslated', text: '' });

      // The Markdown download says how many sentences are still in English.
      const file = await coordinatorApi.raw(`/api/documents/${MEMORY_DOC}/markdown/ko`);
      const fallbacks = Number(file.headers.get('x-lockstep-fallback-count'));
      expect(fallbacks).toBeGreaterThan(0);
      const download = page.waitForEvent('download');
      await page.locator('.editor-toolbar').getByRole('button', { name: enText('markdown.download') }).click();
      expect((await download).suggestedFilename()).toMatch(/\.md$/);
      await page.locator('.editor-toolbar .markdown-download__status').getByText(filled('markdown.fallbacks_other', { count: fallbacks })).waitFor();

      // A revision published meanwhile: a banner offers the reload; after it, the changed sentence is stale.
      const published = await coordinatorApi.call('POST', `/api/documents/${MEMORY_DOC}/revisions`, {
        markdown: markdown.replace('Berlin on Monday', 'Berlin on Tuesday'),
      });
      expect(published.status).toBe(201);
      const banner = page.locator('.live-banner');
      await banner.waitFor({ timeout: 2_000 });
      await expect(banner.locator('p').textContent()).resolves.toBe(filled('editor.live.revisionBy', { name: COORDINATOR_NAME, revision: 2 }));
      await banner.getByRole('button', { name: enText('editor.live.reload') }).click();
      await banner.waitFor({ state: 'detached' });
      await page.locator('.editor-row.segment-row--stale').first().waitFor();
      // The draft made from the memory is still there.
      await expect(row(page, paris.id).locator('.draft-mark').count()).resolves.toBe(1);
      expect(await missingKeys(page)).toEqual([]);
    });
  });
});
