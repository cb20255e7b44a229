import { describe, expect, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeProblems } from './support/axe.js';
import { enText, missingKeys, openPage, uiText } from './support/browser.js';
import { activeField, ApiUser, badge, fieldText, row, runScenario, signInAt, viewShot, type ApiSegment } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

const KO = 'ko@demo.lockstep';
const HI = 'hi@demo.lockstep';
const RU = 'ru@demo.lockstep';
const COORDINATOR = 'coordinator@demo.lockstep';
const SIGNED_OUT = { status: 401, path: '/api/users/me' };
const MEMORY_DOC = 'chips-memory';

const env = e2eEnvironment();

type Run = { type: string; id?: number; kind?: string };
const runsOf = (segment: ApiSegment) => segment.sourceRuns as Run[];
/** A segment whose source has exactly one code, a paired one (`<1>…</1>`). */
const onePair = (segment: ApiSegment) => {
  const codes = runsOf(segment).filter((r) => r.type !== 'text' && r.type !== 'close');
  return codes.length === 1 && codes[0].type === 'open';
};
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(values[name]));

/** The chips of the open field: what each says to a screen reader, in order. */
const chipLabels = (page: Page) => page.locator('.editor-row--active .cm-chip').evaluateAll((chips) => chips.map((c) => c.getAttribute('aria-label')));

describe('inline codes as chips in the translation field', () => {
  test('a chip is placed by click and by Alt+digit, deleted whole, undone, copied and pasted, and saved as coded text', async () => {
    const api = await ApiUser.signIn(env.server.baseUrl, KO);
    // The last such segment: editor.e2e's code test takes the first.
    const segment = (await api.segments('ko', 'untranslated')).filter(onePair).at(-1)!;
    expect(segment).toBeDefined();
    const code = runsOf(segment).find((r) => r.type === 'open')!;
    const kind = enText(`codeKinds.${code.kind}`);
    const id = code.id!;
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await checked.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await runScenario(env.server, 'chips', [checked], async () => {
      const { page } = checked;
      await signInAt(page, '/documents/statement/ko/edit?state=untranslated', KO);
      await row(page, segment.id).locator('.editor-row__open').click();
      await activeField(page).click();
      await page.keyboard.type('보기 ');

      // By click: the code strip opens and closes the pair at the cursor; typing goes inside.
      await row(page, segment.id).locator('.code-strip .code-chip').first().click();
      await page.keyboard.type('링크');
      await expect(fieldText(page)).resolves.toBe(`보기 <${id}>링크</${id}>`);
      await expect(chipLabels(page)).resolves.toEqual([fill(enText('chips.open'), { kind, id }), fill(enText('chips.close'), { kind, id })]);
      // Both chips of the pair carry the same number and colour.
      const looks = await page.locator('.editor-row--active .cm-chip').evaluateAll((chips) =>
        chips.map((c) => [c.querySelector('.cm-chip__id')?.textContent, getComputedStyle(c).backgroundColor]),
      );
      expect(looks[0]).toEqual(looks[1]);
      await row(page, segment.id).locator('.code-chip--placed').waitFor();

      // Backspace after the closing chip takes the whole tag, never half of it; undo brings it back.
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Backspace');
      await expect(fieldText(page)).resolves.toBe(`보기 <${id}>링크`);
      await row(page, segment.id).locator('.editor-note--error').waitFor();
      await page.keyboard.press('Control+z');
      await expect(fieldText(page)).resolves.toBe(`보기 <${id}>링크</${id}>`);
      // Arrow keys step over a chip as one character: Delete right before it removes it whole.
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Delete');
      await expect(fieldText(page)).resolves.toBe(`보기 링크</${id}>`);
      await page.keyboard.press('Control+z');
      await expect(fieldText(page)).resolves.toBe(`보기 <${id}>링크</${id}>`);

      // By key: Alt+digit moves the placed code around the selection.
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press(`Alt+Digit${id}`);
      await expect(fieldText(page)).resolves.toBe(`<${id}>보기</${id}> 링크`);

      // Cut and paste keep the chips (the clipboard holds the coded text).
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Control+x');
      await expect(fieldText(page)).resolves.toBe('');
      await page.keyboard.press('Control+v');
      await expect(fieldText(page)).resolves.toBe(`<${id}>보기</${id}> 링크`);
      await expect(page.locator('.editor-row--active .cm-chip').count()).resolves.toBe(2);
      await viewShot(page, 'editor-chips-ko', '.editor-row--active');
      expect(await axeProblems(page)).toEqual([]);

      // Saved as exactly the coded text.
      await page.keyboard.press('Control+Enter');
      await badge(page, segment.id, 'translated').waitFor();
      await expect(api.segment('ko', segment.id).then((s) => s.translation?.text)).resolves.toBe(`<${id}>보기</${id}> 링크`);
      expect(await missingKeys(page)).toEqual([]);
    });
  });

  test.each([
    ['hi', HI],
    ['ru', RU],
  ])('the %s editor shows the source’s codes as chips after Alt+S; the draft keeps them', async (lang, email) => {
    const api = await ApiUser.signIn(env.server.baseUrl, email);
    const segment = (await api.segments(lang)).find(onePair)!;
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await runScenario(env.server, `chips-${lang}`, [checked], async () => {
      const { page } = checked;
      await signInAt(page, `/documents/statement/${lang}/edit`, email);
      await row(page, segment.id).locator('.editor-row__open').click();
      await activeField(page).click();
      await page.keyboard.press('Alt+KeyS');
      await expect(fieldText(page)).resolves.toBe(segment.source);
      await expect(page.locator('.editor-row--active .cm-chip').count()).resolves.toBe(2);
      await row(page, segment.id).locator('.draft-mark').waitFor();
      // The UI in the same language: the chips' names come from its locale.
      await page.locator('.ui-language select').selectOption(lang);
      await page.locator(`html[lang="${lang}"]`).waitFor();
      const kind = runsOf(segment).find((r) => r.type === 'open')!.kind!;
      await expect(page.locator('.editor-row--active .cm-chip__label').first().textContent()).resolves.toBe(uiText(lang, `codeKinds.${kind}`));
      await viewShot(page, `editor-chips-${lang}`, '.editor-row--active');
      expect(await axeProblems(page)).toEqual([]);
      // A reload keeps the draft, chips and all.
      await page.reload();
      await page.locator('.drafts-chip').click();
      await page.locator(`#segment-${segment.id}.editor-row--active`).waitFor();
      await expect(fieldText(page)).resolves.toBe(segment.source);
      expect(await missingKeys(page)).toEqual([]);
    });
  });

  test('a memory suggestion without the source’s code goes in as a draft with that code shown missing, to place', async () => {
    const coordinator = await ApiUser.signIn(env.server.baseUrl, COORDINATOR);
    const sentence = (city: string) => `The committee met in ${city} on Monday to discuss the new plan for peace in the region.`;
    const markdown = `# Chips\n\n${sentence('Berlin')}\n\n${sentence('[Paris](https://example.org/paris)')}\n`;
    const created = await coordinator.call('POST', '/api/documents', { id: MEMORY_DOC, title: 'Chips', sourceLang: 'en', targetLangs: ['ko'], markdown });
    expect(created.status).toBe(201);
    const listed = await coordinator.call('GET', `/api/documents/${MEMORY_DOC}/segments?lang=ko`);
    const [, berlin, paris] = (listed.body as { segments: ApiSegment[] }).segments;
    const berlinKo = '위원회는 월요일 베를린에서 만나 지역 평화를 위한 새 계획을 논의했다.';
    const put = await coordinator.call('PUT', `/api/documents/${MEMORY_DOC}/segments/${berlin.id}/translations/ko`, {
      text: berlinKo,
      version: berlin.translation!.version,
    });
    expect(put.status).toBe(200);

    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    await runScenario(env.server, 'chips-memory', [checked], async () => {
      const { page } = checked;
      await signInAt(page, `/documents/${MEMORY_DOC}/ko/edit`, KO);
      await row(page, paris.id).locator('.editor-row__open').click();
      await page.locator('.editor-row--active .memory__item').first().waitFor();
      await activeField(page).click();
      await page.keyboard.press('Alt+Shift+Digit1');
      await expect(fieldText(page)).resolves.toBe(berlinKo);
      // The link is not in the suggestion: the strip shows it missing and the note says so, before any save.
      await row(page, paris.id).locator('.code-chip--missing').waitFor();
      const problems = row(page, paris.id).locator('.editor-note--error');
      await expect(problems.textContent()).resolves.toContain(fill(enText('editor.codeProblems.missing'), { id: 1 }));
      // Placed from the keyboard around 베를린, the draft is valid and saves.
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < '위원회는 월요일 '.length; i++) await page.keyboard.press('ArrowRight');
      for (let i = 0; i < '베를린'.length; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Alt+Digit1');
      await expect(fieldText(page)).resolves.toBe(berlinKo.replace('베를린', '<1>베를린</1>'));
      await problems.waitFor({ state: 'detached' });
      await page.keyboard.press('Control+Enter');
      await badge(page, paris.id, 'translated').waitFor();
      const after = await coordinator.call('GET', `/api/documents/${MEMORY_DOC}/segments?lang=ko`);
      const saved = (after.body as { segments: ApiSegment[] }).segments.find((s) => s.id === paris.id)!;
      expect(saved.translation?.text).toBe(berlinKo.replace('베를린', '<1>베를린</1>'));
    });
  });
});
