import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from '@jest/globals';
import { enText, missingKeys, openPage, signIn } from './support/browser.js';
import { expectAccessible, plainSegments, shot } from './support/coordinator.js';
import { ApiUser, DEMO_PASSWORD, runScenario } from './support/editor.js';
import { e2eEnvironment } from './support/environment.js';

// The server this file starts delivers webhooks to the test's own receiver on 127.0.0.1.
process.env.LOCKSTEP_WEBHOOK_ALLOW_PRIVATE = '1';

const SIGNED_OUT = { status: 401, path: '/api/users/me' };
const env = e2eEnvironment();

/** Rewords one translated Korean sentence of the statement, so a revision leaves ko work to do. */
async function publishRewording(coordinator: ApiUser): Promise<{ stale: Record<string, number> }> {
  const { body: doc } = await coordinator.call('GET', '/api/documents/statement');
  const { body: current } = await coordinator.call('GET', `/api/documents/statement/revisions/${(doc as { revision: number }).revision}`);
  const markdown = (current as { markdown: string }).markdown;
  const target = plainSegments(await coordinator.segments('ko'), 'translated').find((s) => s.source.split(' ').length >= 6 && markdown.includes(s.source))!;
  const res = await coordinator.call('POST', '/api/documents/statement/revisions', { markdown: markdown.replace(target.source, `${target.source.slice(0, -1)} today.`) });
  expect(res.status).toBe(201);
  return res.body as { stale: Record<string, number> };
}

describe('publish notices', () => {
  test('a translator sees the unread badge, reads what the publish did to their work, and marks it read', async () => {
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    await runScenario(env.server, 'notices-inbox', [checked], async () => {
      const coordinator = await ApiUser.signIn(env.server.baseUrl, 'coordinator@demo.lockstep');
      const ko = await ApiUser.signIn(env.server.baseUrl, 'ko@demo.lockstep');
      await ko.call('POST', '/api/inbox/read', { all: true });
      const published = await publishRewording(coordinator);
      expect(published.stale.ko).toBe(1);

      await page.goto('/');
      await signIn(page, 'ko@demo.lockstep', DEMO_PASSWORD);
      const badge = page.locator('.inbox-link__badge');
      await expect(badge.textContent()).resolves.toBe('1');
      await page.locator('.app-nav').getByRole('link', { name: new RegExp(`^${enText('nav.inbox')}`) }).click();
      const notice = page.locator('.notice-item--unread').first();
      await notice.waitFor();
      await expect(notice.textContent()).resolves.toContain(enText('inbox.needsWork_one').replace('{{count}}', '1'));
      await expectAccessible(page, 'inbox');
      await shot(page, 'inbox', 'en');
      await page.getByRole('button', { name: enText('inbox.markAllRead') }).click();
      await page.locator('.notice-item--unread').waitFor({ state: 'detached' });
      await badge.waitFor({ state: 'detached' });
      expect(await missingKeys(page)).toEqual([]);
    });
  }, 120_000);

  test('a coordinator adds a webhook, and its delivery log shows the signed publish it received', async () => {
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(String(req.headers['x-lockstep-signature']));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/lockstep`;
    const checked = await openPage(env.browser, env.server.baseUrl, [SIGNED_OUT]);
    const { page } = checked;
    try {
      await runScenario(env.server, 'notices-webhooks', [checked], async () => {
        await page.goto('/webhooks');
        await signIn(page, 'coordinator@demo.lockstep', DEMO_PASSWORD);
        await page.getByLabel(enText('webhooks.url')).fill(url);
        await page.getByRole('button', { name: enText('webhooks.create') }).click();
        await page.locator('.webhook-secret').waitFor();
        await page.locator('.webhook-list__item').filter({ hasText: url }).waitFor();

        await publishRewording(await ApiUser.signIn(env.server.baseUrl, 'coordinator@demo.lockstep'));
        const end = Date.now() + 15_000;
        while (received.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
        expect(received[0]).toMatch(/^sha256=[0-9a-f]{64}$/);
        await page.getByRole('button', { name: enText('webhooks.log') }).click();
        await page.locator('.delivery-log td', { hasText: enText('webhooks.states.delivered') }).waitFor();
        await expect(page.locator('.delivery-log__attempts').first().textContent()).resolves.toContain('HTTP 200');
        await expectAccessible(page, 'webhooks');
        await shot(page, 'webhooks', 'en');
        expect(await missingKeys(page)).toEqual([]);
      });
    } finally {
      receiver.closeAllConnections();
      receiver.close();
    }
  }, 120_000);
});
