import { afterAll, beforeAll } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server.js';

export interface E2eEnvironment {
  server: RunningServer;
  browser: Browser;
}

/** One demo server (fresh data directory) and one Chromium per test file, stopped after its tests. */
export function e2eEnvironment(): E2eEnvironment {
  const env = {} as E2eEnvironment;
  beforeAll(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  }, 30_000);
  return env;
}
