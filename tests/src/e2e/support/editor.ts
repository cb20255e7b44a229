import type { Page } from 'playwright-core';
import { enText, signIn } from './browser.js';

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
export const activeTextarea = (page: Page) => page.locator('.editor-row--active textarea');

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
  const select = page.getByLabel(enText('uiLanguage.label'));
  const offered = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const chosen = offered.includes(lang) ? lang : 'en';
  await select.selectOption(chosen);
  return chosen;
}
