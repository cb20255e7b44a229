import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ARTIFACTS_DIR, enText, missingKeys, openPage, signIn } from './support/browser.js';
import { expectAccessible, shot } from './support/coordinator.js';
import { ApiUser, DEMO_PASSWORD, runScenario } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

const SIGNED_OUT = { status: 401, path: '/api/users/me' };
const env = e2eEnvironment();

describe('the dashboard over time', () => {
  test('at 1366 px the chart draws weeks of history with revision marks, no table cell wraps, and the CSV downloads', async () => {
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    await runScenario(env.server, 'progress-chart', [checked], async () => {
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto('/');
      await signIn(page, 'coordinator@demo.lockstep', DEMO_PASSWORD);
      await page.getByRole('link', { name: new RegExp(`^${enText('documents.openDashboard')}`) }).first().click();
      await page.locator('.timeline__chart').waitFor();

      // Drawn from the history the demo has (weeks of it), not one dot per language.
      const dots = await page.locator('.timeline__series--1 circle').count();
      expect(dots).toBeGreaterThan(5);
      const marks = await page.locator('.timeline__revision text').allTextContents();
      expect(marks).toEqual([enText('dashboard.revisionMark').replace('{{revision}}', '1'), enText('dashboard.revisionMark').replace('{{revision}}', '2')]);
      // The revision-2 mark sits before the end of the axis (six days ago), after revision 1.
      const xs = await page.locator('.timeline__revision line').evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('x1'))));
      expect(xs[0]).toBeLessThan(xs[1]);

      // No cell of the progress table takes more than one line at 1366 px (headings at most two).
      const wrapped = await page.locator('.dashboard-table th, .dashboard-table td').evaluateAll((cells) =>
        cells
          .map((cell) => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            // Lines are runs of text boxes that overlap vertically (a code beside a name sits a
            // little lower but on the same line).
            const boxes = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top);
            let lines = 0;
            let bottom = -Infinity;
            for (const box of boxes) {
              if (box.top >= bottom - 2) lines++;
              bottom = Math.max(bottom, box.bottom);
            }
            return { text: (cell.textContent ?? '').trim(), lines, max: cell.closest('thead') ? 2 : 1 };
          })
          .filter((c) => c.lines > c.max && c.text !== ''),
      );
      expect(wrapped).toEqual([]);
      // Nothing scrolls sideways: not the table, not the page.
      const overflow = await page.locator('.dashboard-table').evaluate((t) => [t.parentElement!.scrollWidth - t.parentElement!.clientWidth, document.documentElement.scrollWidth - window.innerWidth]);
      expect(overflow).toEqual([0, 0]);

      await expectAccessible(page, 'dashboard at 1366 px');
      await page.locator('.timeline').scrollIntoViewIfNeeded();
      await shot(page, 'progress-chart-1366', 'en');
      await page.locator('.timeline__chart').screenshot({ path: path.join(ARTIFACTS_DIR, 'coordinator-progress-chart-svg-1366-en.png') });

      // The CSV is the chart's numbers.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: enText('progressChart.downloadCsv') }).click()]);
      expect(download.suggestedFilename()).toBe('statement.progress.csv');
      const api = await ApiUser.signIn(env.server.baseUrl, 'coordinator@demo.lockstep');
      const { body: timeline } = await api.call('GET', '/api/documents/statement/progress/timeline');
      const csv = await readFile((await download.path())!, 'utf8');
      const ko = (timeline as { languages: Record<string, { at: string; completed: number; total: number }[]> }).languages.ko.at(-1)!;
      expect(csv.split('\r\n')).toContainEqual(expect.stringMatching(new RegExp(`^${ko.at},ko,2,${ko.completed},${ko.total},`)));
      expect(await missingKeys(page)).toEqual([]);
    });
  }, 120_000);
});
