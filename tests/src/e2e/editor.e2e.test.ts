import { describe, expect, test } from '@jest/globals';
import { enText, missingKeys, uiText, openPage, renderedFonts, signIn, type CheckedPage } from './support/browser.js';
import {
  activeField,
  fieldText,
  ApiUser,
  badge,
  chooseFilter,
  chooseUiLanguage,
  DEMO_PASSWORD,
  hasNoCodes,
  percentShown,
  recordDialogs,
  row,
  runScenario,
  signInAt,
  translationPath,
  viewShot,
  waitForFieldText,
} from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

const KO = 'ko@demo.lockstep';
const HI = 'hi@demo.lockstep';
const REVIEWER = 'reviewer@demo.lockstep';
const SIGNED_OUT = { status: 401, path: '/api/users/me' };

const env = e2eEnvironment();

const scenario = (name: string, pages: CheckedPage[], body: () => Promise<void>) => runScenario(env.server, name, pages, body);

describe('the translator’s editor', () => {
  test('a Korean translator works through stale and untranslated segments with the keyboard; the progress moves', async () => {
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    await scenario('translator', [checked], async () => {
      const api = await ApiUser.signIn(env.server.baseUrl, KO);
      await page.goto('/documents/statement/ko');
      await signIn(page, KO, DEMO_PASSWORD);
      await page.getByRole('link', { name: enText('view.openEditor') }).click();
      await page.waitForURL('**/documents/statement/ko/edit');
      await page.locator('.editor-toolbar .progress__value').waitFor();
      const before = await percentShown(page);

      // Stale work first when the demo has some (revision 2), else untranslated.
      const stale = await api.segments('ko', 'stale');
      const filter = stale.length > 0 ? 'stale' : 'untranslated';
      const target = (stale.length > 0 ? stale : (await api.segments('ko', 'untranslated')).filter(hasNoCodes))[0];
      await chooseFilter(page, filter);
      await page.locator(`#segment-${target.id}.editor-row--active`).waitFor();
      if (filter === 'stale') {
        const diff = row(page, target.id).locator('.word-diff');
        await expect(diff.getAttribute('lang')).resolves.toBe('en');
        expect(await diff.locator('del, ins').count()).toBeGreaterThan(0);
        const labels = await diff.locator('.visually-hidden').allTextContents();
        expect(labels.some((l) => [enText('editor.diff.removedStart'), enText('editor.diff.addedStart')].includes(l))).toBe(true);
        await row(page, target.id).getByRole('button', { name: enText('editor.stale.reconfirm') }).waitFor();
      }
      // A translator may not approve.
      await expect(page.getByRole('button', { name: enText('editor.actions.approve'), exact: true }).count()).resolves.toBe(0);

      const area = activeField(page);
      await expect(area.getAttribute('lang')).resolves.toBe('ko');
      await area.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(filter === 'stale' ? ' (수정)' : '시험 번역');
      await row(page, target.id).locator('.draft-mark').waitFor();
      await viewShot(page, 'editor-en');
      const typed = await fieldText(page);
      await page.keyboard.press('Control+Enter');
      await badge(page, target.id, 'translated').waitFor();
      await page.waitForFunction((old) => document.querySelector('.editor-toolbar .progress__value')?.textContent !== old, before);
      expect(await percentShown(page)).not.toBe(before);
      const saved = await api.segment('ko', target.id);
      expect(saved.translation).toMatchObject({ text: typed, state: 'translated' });

      // Ctrl+Enter goes on to the next segment that needs work; Alt+U takes a split/merge suggestion.
      await chooseFilter(page, 'untranslated');
      const untranslated = await api.segments('ko', 'untranslated');
      const first = untranslated.find((s) => s.derivedFrom.length > 0 && s.translation?.suggestion) ?? untranslated.find(hasNoCodes)!;
      await row(page, first.id).locator('.editor-row__open').click();
      await activeField(page).focus();
      if (first.translation?.suggestion) {
        await page.keyboard.press('Alt+KeyU');
        await expect(fieldText(page)).resolves.toBe(first.translation.suggestion);
      } else await page.keyboard.type('첫 번역');
      await page.keyboard.press('Control+Enter');
      await badge(page, first.id, 'translated').waitFor();
      const next = page.locator('.editor-row--active');
      await page.waitForFunction((id) => document.querySelector('.editor-row--active')?.id !== `segment-${id}`, first.id);
      await expect(next.locator('.badge').first().textContent()).resolves.toBe(enText('states.untranslated'));

      // A draft survives leaving the editor and coming back; Esc discards it.
      const draftRow = await next.getAttribute('data-segment');
      await activeField(page).fill('초안입니다');
      const guarded = await page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });
      expect(guarded).toBe(true);
      await page.getByRole('navigation', { name: enText('nav.label') }).getByRole('link', { name: enText('nav.documents') }).click();
      await page.locator('.document-list').waitFor();
      await page.goBack();
      await page.locator('.drafts-chip').click();
      await page.locator(`#segment-${draftRow}.editor-row--active`).waitFor();
      await expect(fieldText(page)).resolves.toBe('초안입니다');
      expect(await renderedFonts(page, '.editor-row--active .translation-field >>> .cm-line')).toContain('NanumGothic');
      await activeField(page).press('Escape');
      // The draft goes with the next render, not within the key press.
      await page.locator('.drafts-chip').waitFor({ state: 'detached', timeout: 5_000 });

      // The editor in Korean and Hindi interface languages: labels translated, no missing key.
      for (const ui of ['ko', 'hi']) {
        expect(await chooseUiLanguage(page, ui)).toBe(ui);
        await page.locator(`html[lang="${ui}"]`).waitFor();
        // Rows that were drawn before the switch speak the new language too.
        const rowBadge = page.locator('.editor-row:not(.editor-row--active) .editor-row__state .badge').first();
        const state = /badge--(\w+)/.exec((await rowBadge.getAttribute('class')) ?? '')?.[1];
        await rowBadge.filter({ hasText: uiText(ui, `states.${state}`) }).waitFor({ timeout: 5_000 });
        await viewShot(page, `editor-ui-${ui}`, '.editor-row--active');
        expect(await missingKeys(page)).toEqual([]);
      }
      await chooseUiLanguage(page, 'en');
      await page.locator('html[lang="en"]').waitFor();

      // Another language is read-only for this translator.
      await page.goto('/documents/statement/ru/edit');
      await page.getByText(enText('editor.readOnly').split('{{')[0]).first().waitFor();
      await expect(page.locator('textarea, [contenteditable="true"]').count()).resolves.toBe(0);
      expect(await missingKeys(page)).toEqual([]);
    });
  });

  test('two people editing the same segment: the second sees both texts and chooses', async () => {
    const api = await ApiUser.signIn(env.server.baseUrl, KO);
    const segment = (await api.segments('ko', 'untranslated')).filter(hasNoCodes).at(-1)!;
    const first = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const second = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT, { status: 409, path: translationPath('ko', segment.id) }]);
    const dialogs = [first, second].map((p) => recordDialogs(p.page));
    await scenario('conflict', [first, second], async () => {
      for (const { page } of [first, second]) {
        await signInAt(page, '/documents/statement/ko/edit?state=untranslated', KO);
        await row(page, segment.id).locator('.editor-row__open').click();
        await activeField(page).waitFor();
      }
      // Theirs carries markup-looking text: it must show as text in the conflict view too.
      const theirs = '먼저 저장 <img src=x onerror=alert(1)>';
      await activeField(first.page).fill(theirs);
      await activeField(first.page).press('Control+Enter');
      await badge(first.page, segment.id, 'translated').waitFor();

      await activeField(second.page).fill('나중 번역');
      await activeField(second.page).press('Control+Enter');
      const conflict = second.page.locator('.conflict');
      await conflict.waitFor();
      await expect(conflict.locator('.conflict__side--theirs .segment-text').textContent()).resolves.toBe(theirs);
      await expect(conflict.locator('.conflict__side--mine .segment-text').textContent()).resolves.toBe('나중 번역');
      await expect(second.page.locator('#main img').count()).resolves.toBe(0);
      await viewShot(second.page, 'editor-conflict', '.conflict');

      await conflict.getByRole('button', { name: enText('editor.conflict.keepMine') }).click();
      await conflict.waitFor({ state: 'detached' });
      // The draft goes once the server has taken it.
      await row(second.page, segment.id).locator('.draft-mark').waitFor({ state: 'detached' });
      await expect((await api.segment('ko', segment.id)).translation?.text).toBe('나중 번역');
      expect(dialogs.flat()).toEqual([]);
      expect(await missingKeys(second.page)).toEqual([]);
    });
  });

  test('a reviewer approves a Russian translation', async () => {
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    await scenario('reviewer', [checked], async () => {
      const api = await ApiUser.signIn(env.server.baseUrl, REVIEWER);
      const segment = (await api.segments('ru', 'translated'))[0];
      await signInAt(page, '/documents/statement/ru/edit?state=translated', REVIEWER);
      await row(page, segment.id).locator('.editor-row__open').click();
      // The approved count of the filters comes from the progress, fetched again after the write.
      const approvedCount = () =>
        page.evaluate((label) => {
          const button = [...document.querySelectorAll('.filter')].find((b) => b.textContent?.startsWith(label));
          return Number(button?.querySelector('.filter__count')?.textContent ?? NaN);
        }, enText('editor.filters.approved'));
      await page.locator('.filter__count').first().waitFor();
      const before = await approvedCount();
      await row(page, segment.id).getByRole('button', { name: enText('editor.actions.approve'), exact: true }).click();
      await badge(page, segment.id, 'approved').waitFor();
      for (let i = 0; i < 50 && (await approvedCount()) !== before + 1; i++) await page.waitForTimeout(100);
      expect(await approvedCount()).toBe(before + 1);
      await expect((await api.segment('ru', segment.id)).translation?.state).toBe('approved');
      await viewShot(page, 'editor-approve-ru', `#segment-${segment.id}`);
      expect(await missingKeys(page)).toEqual([]);
    });
  });

  test('inline codes are checked before saving and placed with Alt+digit; warnings show inline; history reverts', async () => {
    const api = await ApiUser.signIn(env.server.baseUrl, KO);
    const untranslated = await api.segments('ko', 'untranslated');
    const coded = untranslated.find((s) => s.sourceRuns.filter((r) => r.type === 'open').length === 1 && s.sourceRuns.length === 4)!;
    const translated = (await api.segments('ko', 'translated')).filter(hasNoCodes);
    // Not the first one: the markup test below writes that.
    const dated = translated.slice(1).find((s) => /\d/.test(s.source))!;
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    const puts: string[] = [];
    page.on('request', (req) => void (req.method() === 'PUT' && puts.push(new URL(req.url()).pathname)));
    await scenario('codes', [checked], async () => {
      await signInAt(page, '/documents/statement/ko/edit?state=untranslated', KO);
      await row(page, coded.id).locator('.editor-row__open').click();
      const words = '반전 단체';
      await activeField(page).fill(`${words} (호주)`);
      await activeField(page).press('Control+Enter');
      const problems = row(page, coded.id).locator('.editor-note--error');
      await problems.waitFor();
      await expect(problems.textContent()).resolves.toContain(enText('editor.codeProblems.missing').replace('{{id}}', '1'));
      await expect(row(page, coded.id).locator('.code-chip--missing').count()).resolves.toBe(1);
      expect(puts).toEqual([]);

      // Select the words and wrap them in code 1 from the keyboard.
      await activeField(page).press('Control+Home');
      for (let i = 0; i < words.length; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Alt+Digit1');
      await expect(fieldText(page)).resolves.toBe(`<1>${words}</1> (호주)`);
      await row(page, coded.id).locator('.code-chip--placed').waitFor();
      await expect(problems.count()).resolves.toBe(0);
      await activeField(page).press('Control+Enter');
      await badge(page, coded.id, 'translated').waitFor();
      await expect((await api.segment('ko', coded.id)).translation?.text).toBe(`<1>${words}</1> (호주)`);

      // A translation that drops the source's numbers is saved with the server's warning beside it.
      const original = dated.translation!.text;
      await chooseFilter(page, 'translated');
      await row(page, dated.id).locator('.editor-row__open').click();
      await activeField(page).fill('날짜 없음');
      await activeField(page).press('Control+Enter');
      const warning = row(page, dated.id).locator('.editor-note--warning');
      await warning.waitFor();
      await expect(warning.textContent()).resolves.toContain(enText('editor.warnings.numbers_differ'));

      // History: back to the text before, as a new event.
      await row(page, dated.id).locator('.editor-row__open').click();
      await row(page, dated.id).getByRole('button', { name: enText('editor.actions.showHistory') }).click();
      await row(page, dated.id).locator('.history__event').nth(1).getByRole('button', { name: enText('editor.history.revert') }).click();
      await waitForFieldText(page, dated.id, original);
      // The history reloads after the write: the newest event becomes the revert.
      await row(page, dated.id).locator('.history__event').first().locator('.history__kind', { hasText: enText('editor.history.kinds.revert') }).waitFor();
      await expect((await api.segment('ko', dated.id)).translation?.text).toBe(original);
      await viewShot(page, 'editor-history-revert', `#segment-${dated.id}`);
      expect(await missingKeys(page)).toEqual([]);
    });
  });

  test('markup in a translation is shown as text in the editor, its history and the read-only view', async () => {
    const api = await ApiUser.signIn(env.server.baseUrl, KO);
    const segment = (await api.segments('ko', 'translated')).find(hasNoCodes)!;
    // Neither `<script>` nor `<img …>` has the shape of an inline code, so both are literal text (api.md).
    const payload = '<script>alert(1)</script> <img src=x onerror=alert(1)> 스크립트';
    const saved = await api.save('ko', segment.id, payload, segment.translation!.version);
    expect(saved.status).toBe(200);

    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    const dialogs = recordDialogs(page);
    await scenario('markup', [checked], async () => {
      await signInAt(page, '/documents/statement/ko/edit?q=onerror', KO);
      await expect(row(page, segment.id).locator('.segment-text[lang="ko"]').first().textContent()).resolves.toBe(payload);
      await row(page, segment.id).locator('.editor-row__open').click();
      await expect(fieldText(page)).resolves.toBe(payload);
      await page.getByRole('button', { name: enText('editor.actions.showHistory') }).click();
      const newest = page.locator('.history__event').first();
      await newest.waitFor();
      await expect(newest.locator('.segment-text').textContent()).resolves.toBe(payload);
      await expect(page.locator('#main img, #main script').count()).resolves.toBe(0);
      await viewShot(page, 'editor-history-markup');

      await page.goto('/documents/statement/ko');
      await page.locator(`#segment-${segment.id} .segment-text[lang="ko"]`).waitFor();
      await expect(page.locator(`#segment-${segment.id} .segment-text[lang="ko"]`).textContent()).resolves.toBe(payload);
      await expect(page.locator('#main img, #main script').count()).resolves.toBe(0);
      expect(dialogs).toEqual([]);
      expect(await missingKeys(page)).toEqual([]);
    });
  });

  test('the Hindi editor draws Devanagari with a Devanagari face', async () => {
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    await scenario('hindi', [checked], async () => {
      await signInAt(page, '/documents/statement/hi/edit', HI);
      await chooseUiLanguage(page, 'hi');
      await page.locator('.editor-row--active .cm-content[lang="hi"]').waitFor();
      const probe = await page.evaluate(() => {
        const el = [...document.querySelectorAll('.segment-text[lang="hi"]')].find((e) => /\p{Script=Devanagari}/u.test(e.textContent ?? ''));
        el?.setAttribute('data-probe', 'hi');
        return el !== undefined;
      });
      expect(probe).toBe(true);
      expect(await renderedFonts(page, '[data-probe="hi"]')).toContain('Lohit Devanagari');
      await viewShot(page, 'editor-hi', '.editor-row--active');
      expect(await missingKeys(page)).toEqual([]);
    });
  });
});
