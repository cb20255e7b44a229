import { describe, expect, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { openPage, renderedFonts, signIn } from './support/browser.js';
import { ApiUser, DEMO_PASSWORD, runScenario, viewShot } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

const SIGNED_OUT = { status: 401, path: '/api/users/me' };
/** Pixels two boxes of the same row may differ by (sub-pixel layout rounds to device pixels). */
const TOLERANCE = 1;

const env = e2eEnvironment();

interface Box {
  lang: string;
  top: number;
  height: number;
  /** The alphabetic baseline of the box's first line, from the top of the page. */
  baseline: number;
}

/**
 * Each element's box and the baseline of its first line: a zero-size inline-block put at the
 * start of the element sits on that baseline (its bottom is the baseline).
 */
async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.map((el) => {
      const probe = document.createElement('span');
      probe.style.cssText = 'display:inline-block;width:0;height:0;vertical-align:baseline';
      el.prepend(probe);
      const box = el.getBoundingClientRect();
      const baseline = probe.getBoundingClientRect().bottom;
      probe.remove();
      const lang = el.closest('[lang]:not(html)')?.getAttribute('lang') ?? el.querySelector('[lang]')?.getAttribute('lang') ?? '';
      return { lang, top: Math.round(box.top * 10) / 10, height: Math.round(box.height * 10) / 10, baseline: Math.round(baseline * 10) / 10 };
    }),
  );
}

/**
 * The typical vertical stem of each element's text as drawn, in CSS px: the element's screenshot
 * (taken at 4 device pixels per CSS px) is decoded on a blank page, ink is what differs from the
 * background by more than half the strongest contrast, and the median run of ink across each pixel
 * row is a stem. Before the fix a Devanagari tab's stems were a third thinner than Latin ones.
 */
async function stems(page: Page, blank: Page, selector: string): Promise<{ lang: string; stem: number }[]> {
  const out: { lang: string; stem: number }[] = [];
  for (const el of await page.locator(selector).all()) {
    const png = (await el.screenshot({ animations: 'disabled' })).toString('base64');
    const stem = await blank.evaluate(async (data) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, img.width, img.height).data;
      const lum = (i: number) => 0.2126 * px[i] + 0.7152 * px[i + 1] + 0.0722 * px[i + 2];
      const background = lum(0);
      let strongest = 0;
      for (let i = 0; i < px.length; i += 4) strongest = Math.max(strongest, Math.abs(lum(i) - background));
      const runs: number[] = [];
      for (let y = 0; y < img.height; y++) {
        let run = 0;
        for (let x = 0; x <= img.width; x++) {
          const inked = x < img.width && Math.abs(lum((y * img.width + x) * 4) - background) > strongest / 2;
          if (inked) run++;
          else if (run > 0) runs.push(run), (run = 0);
        }
      }
      runs.sort((a, b) => a - b);
      return runs[Math.floor(runs.length / 2)] / 4;
    }, png);
    out.push({ lang: (await el.getAttribute('lang')) ?? '', stem });
  }
  return out;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The boxes that differ from the first (Latin) one by more than the tolerance in height or baseline. */
function outliers(list: Box[], baselineFromTop = false): string[] {
  const [latin] = list;
  const offset = (b: Box) => (baselineFromTop ? b.baseline - b.top : b.baseline);
  return list
    .filter((b) => Math.abs(b.height - latin.height) > TOLERANCE || Math.abs(offset(b) - offset(latin)) > TOLERANCE)
    .map((b) => `${b.lang}: height ${b.height} vs ${latin.height}, baseline ${offset(b)} vs ${offset(latin)}`);
}

describe('every script at the height and baseline of Latin (issue 20, item 7)', () => {
  test('language tabs and document headings: Devanagari, Hangul, Greek and Cyrillic boxes line up with the Latin ones', async () => {
    const coordinator = await ApiUser.signIn(env.server.baseUrl, 'coordinator@demo.lockstep');
    const created = await coordinator.call('POST', '/api/documents', {
      id: 'hindi-note',
      title: 'सभा की सूचना',
      sourceLang: 'hi',
      targetLangs: ['en', 'ko'],
      markdown: 'सभा दोपहर में शुरू होगी।\n',
    });
    expect(created.status).toBe(201);
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT], 'en-US', 4);
    const { page } = checked;
    const blank = await checked.context.newPage();
    await runScenario(env.server, 'fonts', [checked], async () => {
      await page.goto('/documents/statement/es/edit');
      await signIn(page, 'coordinator@demo.lockstep', DEMO_PASSWORD);
      await page.locator('.language-tabs a').first().waitFor();
      await page.evaluate(() => document.fonts.ready);

      // The tabs: es (Latin, the current one, bold) first, then the others, some current-looking on hover.
      const tabs = await boxes(page, '.language-tabs a');
      expect(tabs.map((t) => t.lang)).toEqual(['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru']);
      expect(outliers(tabs)).toEqual([]);
      // Weight: each script's regular stems within a quarter of the Latin tabs' (Lohit alone: a third thinner).
      const regular = await stems(page, blank, '.language-tabs a:not([aria-current]) [lang]');
      const latin = median(regular.filter((s) => ['pt', 'fr', 'tl'].includes(s.lang)).map((s) => s.stem));
      expect(regular.filter((s) => Math.abs(s.stem / latin - 1) > 0.25)).toEqual([]);
      const [latinBold] = await stems(page, blank, '.language-tabs a[aria-current] [lang]');
      expect(await renderedFonts(page, '.language-tabs a [lang="hi"]')).toContain('Lohit Devanagari');
      expect(await renderedFonts(page, '.language-tabs a [lang="ko"]')).toContain('NanumGothic');
      await viewShot(page, 'fonts-tabs');

      // The Hindi tab when it is the current one (bold): still the Latin tabs' box.
      await page.goto('/documents/statement/hi/edit');
      await page.locator('.language-tabs a[aria-current="page"] [lang="hi"]').waitFor();
      await page.evaluate(() => document.fonts.ready);
      expect(outliers(await boxes(page, '.language-tabs a'))).toEqual([]);
      const [hindiBold] = await stems(page, blank, '.language-tabs a[aria-current] [lang]');
      expect(hindiBold.lang).toBe('hi');
      expect(Math.abs(hindiBold.stem / latinBold.stem - 1)).toBeLessThanOrEqual(0.25);
      await viewShot(page, 'fonts-tabs-hi');

      // Document headings in their source language: a Hindi title's box and baseline as an English one's.
      await page.goto('/');
      await page.locator('.document-card h2[lang="hi"]').waitFor();
      await page.evaluate(() => document.fonts.ready);
      const headings = await boxes(page, '.document-card h2');
      expect(headings.map((h) => h.lang).sort()).toEqual(['en', 'hi']);
      expect(outliers(headings.sort((a, b) => a.lang.localeCompare(b.lang)), true)).toEqual([]);
      expect(await renderedFonts(page, '.document-card h2[lang="hi"]')).toContain('Lohit Devanagari');
      await viewShot(page, 'fonts-headings');
    });
  });
});
