import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './server.js';

export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'tests', 'artifacts');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The English UI strings, so assertions follow wording changes in one place. */
export const en = JSON.parse(readFileSync(path.join(REPO_ROOT, 'client', 'src', 'locales', 'en.json'), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;

export function enText(key: string): string {
  return uiText('en', key);
}

/** A UI string as the given locale file has it (the browser tests read the same files the client ships). */
export function uiText(lang: string, key: string): string {
  const locale = lang === 'en' ? en : (JSON.parse(readFileSync(path.join(REPO_ROOT, 'client', 'src', 'locales', `${lang}.json`), 'utf8')) as unknown);
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], locale);
  if (typeof value !== 'string') throw new Error(`${lang}.json has no string at ${key}`);
  return value;
}

/** An HTTP error the page is expected to meet (Chromium logs those as console errors). */
export interface ExpectedHttpError {
  status: number;
  path: string;
}

export interface CheckedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions and 5xx answers, minus the expected HTTP errors. */
  problems(): string[];
  close(): Promise<void>;
}

/** A fresh context and page that records everything that went wrong in the browser. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  expected: ExpectedHttpError[] = [],
  locale = 'en-US',
  /** Device pixels per CSS pixel (screenshots that measure strokes want more than 1). */
  deviceScaleFactor = 1,
): Promise<CheckedPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, locale, deviceScaleFactor });
  const page = await context.newPage();
  const problems: string[] = [];
  const expectedHit = (url: string, status: number) =>
    expected.some((e) => e.status === status && new URL(url, baseUrl).pathname === e.path);

  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const status = /status of (\d{3})/.exec(text)?.[1];
    const url = msg.location().url;
    if (status && url && expectedHit(url, Number(status))) return;
    problems.push(`console error: ${text} (${url})`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 500) problems.push(`HTTP ${res.status()} for ${res.request().method()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText ?? '';
    if (!failure.includes('ERR_ABORTED')) problems.push(`request failed: ${req.method()} ${req.url()} ${failure}`);
  });

  return { page, context, problems: () => [...problems], close: () => context.close() };
}

export async function missingKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __missingKeys?: string[] }).__missingKeys ?? ['window.__missingKeys is not set']);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function signIn(page: Page, email: string, password: string, ui = 'en'): Promise<void> {
  await page.getByLabel(uiText(ui, 'signIn.email')).fill(email);
  await page.getByLabel(uiText(ui, 'signIn.password')).fill(password);
  await page.getByRole('button', { name: uiText(ui, 'signIn.submit') }).click();
}

/**
 * The font faces Chromium actually used to draw the text of the first element matching
 * `selector` (via DevTools CSS.getPlatformFontsForNode): proves the script is not tofu.
 * `host >>> inner` looks for `inner` inside the open shadow root of `host` (the translation
 * field keeps its editor there).
 */
export async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const [hostSelector, inner] = selector.split(' >>> ');
    let { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector });
    if (nodeId && inner) {
      type DomNode = { nodeId: number; children?: DomNode[]; shadowRoots?: DomNode[] };
      const find = (node: DomNode): DomNode | undefined =>
        node.nodeId === nodeId ? node : [...(node.children ?? []), ...(node.shadowRoots ?? [])].map(find).find(Boolean);
      const shadow = find(root as DomNode)?.shadowRoots?.[0];
      nodeId = shadow ? (await cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector: inner })).nodeId : 0;
    }
    if (!nodeId) throw new Error(`no element matches ${selector}`);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => f.familyName);
  } finally {
    await cdp.detach();
  }
}
