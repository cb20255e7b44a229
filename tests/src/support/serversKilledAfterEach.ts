import { afterEach } from '@jest/globals';
import { startServer, stop, type ServerProcess } from './serverProcess.js';

/**
 * For a test file that starts servers: `start` is `startServer`, and whatever it started is
 * killed (SIGKILL) after each test, passed or failed.
 */
export function serversKilledAfterEach(): { start: typeof startServer } {
  const running: ServerProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => stop(s, 'SIGKILL')));
  });
  return {
    async start(env, opts) {
      const s = await startServer(env, opts);
      running.push(s);
      return s;
    },
  };
}
