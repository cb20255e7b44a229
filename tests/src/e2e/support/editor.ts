import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from '@jest/globals';
import { ARTIFACTS_DIR, enText, screenshot, signIn, type CheckedPage } from './browser.js';
import type { RunningServer } from './server.js';

/** Helpers for the editor's browser tests: the API as a signed-in user, and the editor's parts. */

export const DEMO_PASSWORD = 'lockstep-demo';

export interface ApiTranslation {
  text: string;
  state: string;
  version: number;
  diff: { op: string; text: string }[] | null;
  suggestion: string | null;
}

export interface ApiSegment {
  id: string;
  index: number;
  source: string;
  sourceRuns: { type: string }[];
  translatable: boolean;
  derivedFrom: string[];
  translation: ApiTranslation | null;
}

export class ApiUser {
  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async signIn(baseUrl: string, email: string): Promise<ApiUser> {
    const res = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}`);
    return new ApiUser(baseUrl, ((await res.json()) as { token: string }).token);
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  }

  /** The raw answer (headers and body as sent), for files such as the Markdown export. */
  async raw(path: string): Promise<Response> {
    return fetch(this.baseUrl + path, { headers: { Authorization: `Bearer ${this.token}` } });
  }

  /** A text answer (translated Markdown). */
  async text(path: string): Promise<string> {
    const res = await fetch(this.baseUrl + path, { headers: { Authorization: `Bearer ${this.token}` } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return res.text();
  }

  async segments(lang: string, state?: string): Promise<ApiSegment[]> {
    const query = new URLSearchParams({ lang, ...(state ? { state } : {}) });
    const { status, body } = await this.call('GET', `/api/documents/statement/segments?${query}`);
    if (status !== 200) throw new Error(`segments of ${lang} answered ${status}`);
    return (body as { segments: ApiSegment[] }).segments;
  }

  async segment(lang: string, id: string): Promise<ApiSegment> {
    const found = (await this.segments(lang)).find((s) => s.id === id);
    if (!found) throw new Error(`no segment ${id} in ${lang}`);
    return found;
  }

  async save(lang: string, id: string, text: string, version: number) {
    return this.call('PUT', `/api/documents/statement/segments/${encodeURIComponent(id)}/translations/${lang}`, { text, version });
  }
}

/** A segment whose source has no inline codes, so any plain text is a valid translation. */
export function hasNoCodes(segment: ApiSegment): boolean {
  return segment.sourceRuns.every((run) => run.type === 'text');
}

export function translationPath(lang: string, id: string): string {
  return `/api/documents/statement/segments/${id}/translations/${lang}`;
}

export async function signInAt(page: Page, path: string, email: string): Promise<void> {
  await page.goto(path);
  await signIn(page, email, DEMO_PASSWORD);
  await page.locator('.editor-row:not(.editor-row--head), .empty-state').first().waitFor();
}

export const row = (page: Page, id: string) => page.locator(`#segment-${id}`);
/** The open segment's translation field (CodeMirror's content element, a contenteditable textbox). */
export const activeField = (page: Page) => page.locator('.editor-row--active .cm-content');

/**
 * The coded text the field of a row holds, read from its DOM: text as it is, each chip by the
 * tag it stands for (`data-tag`), lines joined by newlines.
 */
export async function fieldText(page: Page, segmentId?: string): Promise<string> {
  const scope = segmentId ? `#segment-${segmentId}` : '.editor-row--active';
  return page.locator(`${scope} .cm-content`).evaluate(readField);
}

/** Waits (up to 5 s) until a row's field holds `text`; fails with what it holds then. */
export async function waitForFieldText(page: Page, segmentId: string, text: string): Promise<void> {
  let held = '';
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await page.waitForTimeout(50)) {
    held = await fieldText(page, segmentId).catch(() => '');
    if (held === text) return;
  }
  throw new Error(`the field of ${segmentId} holds ${JSON.stringify(held)}, not ${JSON.stringify(text)}`);
}

function readField(content: Element): string {
  const lineText = (line: Element): string => {
    let out = '';
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) out += node.textContent ?? '';
      else if (node instanceof HTMLElement) {
        if (node.dataset.tag) out += node.dataset.tag;
        else if (!node.classList.contains('cm-placeholder') && !node.classList.contains('cm-widgetBuffer')) node.childNodes.forEach(walk);
      }
    };
    line.childNodes.forEach(walk);
    return out;
  };
  return [...content.querySelectorAll(':scope > .cm-line')].map(lineText).join('\n');
}

export async function chooseFilter(page: Page, filter: string): Promise<void> {
  const toolbar = page.locator('.editor-toolbar');
  await toolbar.getByRole('button', { name: new RegExp(`^${enText(`editor.filters.${filter}`)}`) }).click();
  await page.waitForFunction((f) => new URLSearchParams(location.search).get('state') === f, filter);
  await page.locator('.editor-toolbar[aria-busy="false"]').waitFor();
}

export async function percentShown(page: Page): Promise<string> {
  return (await page.locator('.editor-toolbar .progress__value').textContent()) ?? '';
}

/** Sets the UI language where that locale exists (others come later: English stays then). */
export async function chooseUiLanguage(page: Page, lang: string): Promise<string> {
  // By its place, not its English label: once another UI language is chosen the label is translated.
  const select = page.locator('.ui-language select');
  const offered = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const chosen = offered.includes(lang) ? lang : 'en';
  await select.selectOption(chosen);
  return chosen;
}

/**
 * A screenshot of the window, not the full page: the editor's toolbar is sticky, and a
 * full-page capture paints it in the middle of the list. `focus` is scrolled to the middle first.
 */
export async function viewShot(page: Page, name: string, focus?: string): Promise<string> {
  if (focus) await page.locator(focus).first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Runs a browser scenario; on failure, adds screenshots, the browser's problems and the server's output. */
export async function runScenario(server: RunningServer, name: string, pages: CheckedPage[], body: () => Promise<void>): Promise<void> {
  try {
    await body();
    for (const p of pages) expect(p.problems()).toEqual([]);
  } catch (err) {
    for (const [i, p] of pages.entries()) await screenshot(p.page, `editor-failure-${name}-${i}`).catch(() => undefined);
    const problems = pages.flatMap((p) => p.problems()).join('\n');
    throw new Error(`${(err as Error).message}\n--- browser problems:\n${problems}\n--- server output:\n${server.output()}`, { cause: err });
  } finally {
    for (const p of pages) await p.close();
  }
}

/** Every alert, confirm or prompt the page opens (markup run as script would open one). */
export function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/** A row's state badge, by its class: a text match took "Untranslated" for "Translated" (case-insensitive substrings), so waiting for a save waited for nothing. */
export const badge = (page: Page, id: string, state: string) => row(page, id).locator(`.badge.badge--${state}`);
