import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeProblems } from './axe.js';
import { screenshot, uiText } from './browser.js';
import type { ApiSegment, ApiUser } from './editor.js';

/** Helpers for the coordinator pages' browser tests (dashboard, revisions, XLIFF, users). */

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const problems = await axeProblems(page);
  expect({ page: label, problems }).toEqual({ page: label, problems: [] });
}

/** A count shown in the dashboard's table, whatever the UI language's digits and grouping. */
export async function dashboardCount(page: Page, lang: string, state: string): Promise<number> {
  const text = (await page.locator(`tr[data-lang="${lang}"] td[data-state="${state}"]`).textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

export async function openDashboard(page: Page, ui = 'en'): Promise<void> {
  await page.locator('.document-nav').getByRole('link', { name: uiText(ui, 'docNav.dashboard') }).click();
  await page.locator('tr[data-lang] td[data-state]').first().waitFor();
  await page.locator('.timeline__chart, .timeline + p').first().waitFor();
}

export async function openRevisions(page: Page, ui = 'en'): Promise<void> {
  await page.locator('.document-nav').getByRole('link', { name: uiText(ui, 'docNav.revisions') }).click();
  await page.locator('.revision-table').waitFor();
  await page.waitForFunction(() => (document.querySelector('textarea.markdown-input') as HTMLTextAreaElement | null)?.value.length);
}

export interface ApiProgress {
  segments: Record<string, number>;
}

export async function progressOf(api: ApiUser, lang: string): Promise<Record<string, number>> {
  const { body } = await api.call('GET', '/api/documents/statement/progress');
  return (body as { languages: Record<string, ApiProgress> }).languages[lang].segments;
}

/** Plain text that survives XML unescaped: no markup characters to get wrong in a regex. */
export const xmlSafe = (text: string) => !/[&<>"']/.test(text);

/** Segments with no inline codes and XML-safe texts, in a given state. */
export function plainSegments(segments: ApiSegment[], state: string): ApiSegment[] {
  return segments.filter(
    (s) =>
      s.translation?.state === state &&
      s.sourceRuns.every((run) => run.type === 'text') &&
      xmlSafe(s.source) &&
      xmlSafe(s.translation.text) &&
      s.derivedFrom.length === 0,
  );
}

/** The unit element (2.0 `<unit>`, 1.2 `<trans-unit>`) of an exported XLIFF file, with where it starts and ends. */
function unitOf(xml: string, id: string): { start: number; end: number; text: string; v12: boolean } {
  const v12 = xml.includes('urn:oasis:names:tc:xliff:document:1.2');
  const tag = v12 ? 'trans-unit' : 'unit';
  const start = xml.indexOf(`<${tag} id="${id}"`);
  if (start < 0) throw new Error(`the file has no unit ${id}`);
  const end = xml.indexOf(`</${tag}>`, start) + `</${tag}>`.length;
  return { start, end, text: xml.slice(start, end), v12 };
}

/** What a CAT tool does to a unit: writes (or rewrites) its target and marks it translated. */
export function setTarget(xml: string, id: string, target: string): string {
  const unit = unitOf(xml, id);
  let edited = unit.text;
  if (unit.v12) {
    // The first <target> is the unit's own; an <alt-trans> after it has its own.
    edited = /<target[^>]*>[\s\S]*?<\/target>/.test(edited)
      ? edited.replace(/<target[^>]*>[\s\S]*?<\/target>/, `<target state="translated">${target}</target>`)
      : edited.replace('</source>', `</source><target state="translated">${target}</target>`);
  } else {
    edited = edited.replace(/<segment state="[^"]*"(?: subState="[^"]*")?>/, '<segment state="translated">');
    edited = /<target>[\s\S]*?<\/target>/.test(edited)
      ? edited.replace(/<target>[\s\S]*?<\/target>/, `<target>${target}</target>`)
      : edited.replace('</source>', `</source><target>${target}</target>`);
  }
  if (edited === unit.text) throw new Error(`unit ${id} was not changed`);
  return xml.slice(0, unit.start) + edited + xml.slice(unit.end);
}

/** Screenshot with the UI language in the name, for the artefacts of each locale. */
export const shot = (page: Page, name: string, ui: string) => screenshot(page, `coordinator-${name}-${ui}`);
