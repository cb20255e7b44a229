import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { enText, launchBrowser } from '../e2e/support/browser.js';
import { REPO_ROOT, startServer, type RunningServer } from '../e2e/support/server.js';
import { median, percentile, type Workload } from './harness.js';
import { jsonCall } from './jsonCall.js';
import { syntheticRevision } from './publish.js';

/** Its own id each run: on PostgreSQL (`DATABASE_URL`) the database outlives the run. */
const DOC = `bench-10k-${process.pid}`;
const LANG = 'ko';
const COORDINATOR = { email: 'coordinator@demo.lockstep', password: 'lockstep-demo' };
/** Every fifth segment translated, so "needs work" and "translated" both have thousands. */
const TRANSLATED_EVERY = 5;

interface Measured {
  open: number[];
  floor: number[];
  fullList: number[];
  filter: number[];
  filterBack: number[];
  search: number[];
  framesP95: number[];
  framesMax: number[];
  longFrames: number[];
  rows: number[];
  /** Where opening went (page-side clocks, ms since navigation start; see OPEN_PARTS_SOURCE). */
  boot: number[];
  server: number[];
  transfer: number[];
  parse: number[];
  render: number[];
  listKb: number[];
}

/**
 * Opening split at the segments request (Resource Timing) and the client's mark when the list
 * is parsed (`lockstep:segments-parsed`, useSegmentList): boot = navigation to the request
 * (HTML, scripts, session, document), server = request sent to first byte (query, rows to
 * JSON), transfer = first to last byte, parse = last byte to the parsed list, render = parsed
 * list to now (called as soon as the field is seen: a few ms of DevTools round trip included).
 */
const OPEN_PARTS_SOURCE = `(() => {
  const res = performance.getEntriesByType('resource').filter((e) => e.name.includes('/segments?')).at(-1);
  const parsed = performance.getEntriesByName('lockstep:segments-parsed').at(-1);
  const now = performance.now();
  if (!res || !parsed) return null;
  return {
    boot: res.startTime,
    server: res.responseStart - res.startTime,
    transfer: res.responseEnd - res.responseStart,
    parse: parsed.startTime - res.responseEnd,
    render: now - parsed.startTime,
    kb: res.decodedBodySize / 1024,
    requests: performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/'))
      .map((e) => e.name.replace(location.origin, '') + ' ' + Math.round(e.startTime) + '+' + Math.round(e.duration)),
  };
})()`;
interface OpenParts {
  boot: number;
  server: number;
  transfer: number;
  parse: number;
  render: number;
  kb: number;
  /** Every API request of the opening: path, start and duration (printed for the first iteration). */
  requests: string[];
}

/**
 * Waits in the page until the list has changed from `before` (its first row's id) and the
 * toolbar is no longer busy, then for two frames (the change painted); resolves with ms since
 * `t0`. Source text, not a function: tsx's compiled functions call a helper the page lacks.
 */
const SETTLE_SOURCE = `(t0, before) => new Promise((resolve, reject) => {
  const check = () => {
    if (performance.now() - t0 > 30000) return reject(new Error('the list did not change from ' + before + ' within 30 s'));
    const busy = document.querySelector('.editor-toolbar')?.getAttribute('aria-busy') !== 'false';
    const first = document.querySelector('.editor-row[data-segment]')?.getAttribute('data-segment') ?? null;
    if (busy || first === before) return requestAnimationFrame(check);
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
  };
  requestAnimationFrame(check);
})`;

/** Scrolls the page 600 px a frame for 150 frames; the frame-to-frame times (source text, as above). */
const SCROLL_SOURCE = `new Promise((resolve) => {
  const deltas = [];
  let last = performance.now();
  let n = 0;
  const step = (now) => {
    deltas.push(now - last);
    last = now;
    window.scrollBy(0, 600);
    if (++n < 150) requestAnimationFrame(step);
    else resolve(deltas.slice(1));
  };
  requestAnimationFrame(step);
})`;

type Settle = (t0: number, before: string | null) => Promise<number>;
/** Puts `settle` in the page (a string evaluated over DevTools: the page's CSP refuses eval). */
const installSettle = (page: Page) => page.evaluate(`window.__settle = ${SETTLE_SOURCE}`);

async function clickFilter(page: Page, filter: string): Promise<number> {
  return page.evaluate(
    (name) => {
      const wait = (window as unknown as { __settle: Settle }).__settle;
      const before = document.querySelector('.editor-row[data-segment]')?.getAttribute('data-segment') ?? null;
      const t0 = performance.now();
      (document.querySelector(`.filter[data-filter="${name}"]`) as HTMLButtonElement).click();
      return wait(t0, before);
    },
    filter,
  );
}

/**
 * The editor on a 10,000-segment document in Chromium (built server, embedded PGlite, or
 * PostgreSQL with `DATABASE_URL`): open
 * until the first segment needing work has its field, a state filter, a search, and a scroll
 * through the list frame by frame. The floor, measured in the same page and run, is the
 * segments request alone (fetch + JSON parse of the same, compact list); beside it the same
 * for the full list (what the editor fetched before `view=compact`).
 */
export function editorLoadWorkload(): Workload {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const m: Measured = {
    open: [], floor: [], fullList: [], filter: [], filterBack: [], search: [], framesP95: [], framesMax: [], longFrames: [], rows: [],
    boot: [], server: [], transfer: [], parse: [], render: [], listKb: [],
  };

  const api = (method: string, url: string, token: string, body?: unknown) => jsonCall(server!.baseUrl, token, method, url, body);

  return {
    name: 'editor-10k',
    description: 'open the editor on a 10,000-segment document in Chromium until the first segment to work on has its field; filter, search, scroll',
    iterations: 3,
    async prepare() {
      const built = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('the build failed');
      server = await startServer({ timeoutMs: 120_000, databaseUrl: process.env.DATABASE_URL });
      const token = (await api('POST', '/api/session', '', COORDINATOR)).token as string;
      const rev = syntheticRevision(10_000);
      await api('POST', '/api/documents', token, { id: DOC, title: 'Bench 10k', sourceLang: 'en', targetLangs: [LANG], markdown: rev.v1 });
      const { segments } = (await api('GET', `/api/documents/${DOC}/segments?lang=${LANG}`, token)) as {
        segments: { id: string; translation: { version: number } }[];
      };
      process.stderr.write(`editor-10k: ${segments.length} segments; translating every ${TRANSLATED_EVERY}th…\n`);
      const toTranslate = segments.filter((_, i) => i % TRANSLATED_EVERY === 0);
      for (let i = 0; i < toTranslate.length; i += 16) {
        await Promise.all(
          toTranslate.slice(i, i + 16).map((s, k) =>
            api('PUT', `/api/documents/${DOC}/segments/${s.id}/translations/${LANG}`, token, { text: `번역 ${i + k}`, version: s.translation.version }),
          ),
        );
      }
      browser = await launchBrowser();
      context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 } });
      const signIn = await context.newPage();
      await signIn.goto('/');
      await signIn.getByLabel(enText('signIn.email')).fill(COORDINATOR.email);
      await signIn.getByLabel(enText('signIn.password')).fill(COORDINATOR.password);
      await signIn.getByRole('button', { name: enText('signIn.submit') }).click();
      await signIn.locator('.document-list').waitFor();
      await signIn.close();

      return () =>
        iteration().catch(async (err: unknown) => {
          // The harness does not tear down after a failure: the server process must not outlive it.
          await context?.close().catch(() => undefined);
          await browser?.close().catch(() => undefined);
          await server?.stop();
          throw err;
        });

      async function iteration(): Promise<void> {
        const page = await context!.newPage();
        const t0 = Date.now();
        await page.goto(`/documents/${DOC}/${LANG}/edit`);
        await page.locator('.editor-row--active .cm-content').waitFor({ timeout: 60_000 });
        m.open.push(Date.now() - t0);
        const parts = (await page.evaluate(OPEN_PARTS_SOURCE)) as OpenParts | null;
        if (!parts) throw new Error('no timing of the segments request or no lockstep:segments-parsed mark');
        m.boot.push(parts.boot);
        m.server.push(parts.server);
        m.transfer.push(parts.transfer);
        m.parse.push(parts.parse);
        m.render.push(parts.render);
        m.listKb.push(parts.kb);
        if (m.open.length === 1) process.stderr.write(`editor-10k: requests while opening: ${parts.requests.join(', ')}\n`);
        const r = (n: number) => n.toFixed(0);
        process.stderr.write(
          `editor-10k: opened in ${m.open.at(-1)} ms (boot ${r(parts.boot)}, server ${r(parts.server)}, transfer ${r(parts.transfer)}, ` +
            `parse ${r(parts.parse)}, render ${r(parts.render)}; list ${r(parts.kb)} kB)\n`,
        );

        // Untimed by the harness: the rest of the editor's work on the same document.
        await installSettle(page);
        m.rows.push(await page.locator('.editor-row[data-segment]').count());
        const fetchParse = (url: string) =>
          page.evaluate(async (u) => {
            const t = performance.now();
            const res = await fetch(u);
            await res.json();
            return performance.now() - t;
          }, url);
        m.floor.push(await fetchParse(`/api/documents/${DOC}/segments?lang=${LANG}&view=compact`));
        m.fullList.push(await fetchParse(`/api/documents/${DOC}/segments?lang=${LANG}`));
        m.filter.push(await clickFilter(page, 'untranslated'));
        m.filterBack.push(await clickFilter(page, 'all'));
        m.search.push(
          await page.evaluate(
            () => {
              const wait = (window as unknown as { __settle: Settle }).__settle;
              const input = document.querySelector('.editor-search input') as HTMLInputElement;
              const before = document.querySelector('.editor-row[data-segment]')?.getAttribute('data-segment') ?? null;
              const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
              const t = performance.now();
              setValue.call(input, 'item 4242');
              input.dispatchEvent(new Event('input', { bubbles: true }));
              // The editor waits 300 ms for typing to pause before it asks: not part of the answer.
              return wait(t, before).then((ms) => ms - 300);
            },
          ),
        );
        await page.goto(`/documents/${DOC}/${LANG}/edit`);
        await page.locator('.editor-row--active .cm-content').waitFor({ timeout: 60_000 });
        const frames = (await page.evaluate(SCROLL_SOURCE)) as number[];
        m.framesP95.push(percentile(frames, 95));
        m.framesMax.push(Math.max(...frames));
        m.longFrames.push(frames.filter((f) => f > 50).length);
        await page.close();
      }
    },
    report(): Record<string, number | string> {
      const med = (xs: number[]) => Number(median(xs).toFixed(1));
      return {
        'rows in DOM': med(m.rows),
        'segments fetch+parse floor ms': med(m.floor),
        'full list fetch+parse ms': med(m.fullList),
        'open ms': med(m.open),
        'open/floor': Number((median(m.open) / median(m.floor)).toFixed(1)),
        'open: boot ms': med(m.boot),
        'open: server ms': med(m.server),
        'open: transfer ms': med(m.transfer),
        'open: parse ms': med(m.parse),
        'open: render ms': med(m.render),
        'list kB': med(m.listKb),
        'filter untranslated ms': med(m.filter),
        'filter all ms': med(m.filterBack),
        'search ms (after the 300 ms pause)': med(m.search),
        'scroll frame p95 ms': med(m.framesP95),
        'scroll frame max ms': med(m.framesMax),
        'scroll frames >50 ms (of 149)': med(m.longFrames),
      };
    },
    async teardown() {
      await context?.close();
      await browser?.close();
      await server?.stop();
    },
  };
}
