import net from 'node:net';
import { describe, expect, test } from '@jest/globals';
import { onPostgres } from '../support/testDb.js';
import { freePort, stop, tempDir, waitHealthy, type ServerProcess } from '../support/serverProcess.js';
import { serversKilledAfterEach } from '../support/serversKilledAfterEach.js';

// These tests are about the embedded database's data directory; the PostgreSQL run of
// the suite covers its own failure mode (outage.test.ts).
const describeOnPglite = onPostgres ? describe.skip : describe;

const { start } = serversKilledAfterEach();

async function signIn(s: ServerProcess, email: string, password: string) {
  return fetch(`${s.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

async function createUser(s: ServerProcess, adminToken: string, email: string) {
  const res = await fetch(`${s.url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ email, password: 'a-long-password', name: 'Test', role: 'translator', languages: ['ko'] }),
  });
  expect(res.status).toBe(201);
}

describeOnPglite('embedded database directory', () => {
  test('a second server on the same data directory is refused with a clear message', async () => {
    const dir = tempDir();
    const first = await start({ LOCKSTEP_DATA_DIR: dir, LOCKSTEP_DEMO: '0' });
    await waitHealthy(first);
    const second = await start({ LOCKSTEP_DATA_DIR: dir, LOCKSTEP_DEMO: '0' });
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(/in use by another Lockstep process \(pid \d+\)/);
    // The first one is unharmed.
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
  });

  test('after kill -9 the server restarts on the same directory and keeps committed data', async () => {
    const dir = tempDir();
    const env = { LOCKSTEP_DATA_DIR: dir, LOCKSTEP_DEMO: '0', LOCKSTEP_ADMIN_EMAIL: 'root@example.org', LOCKSTEP_ADMIN_PASSWORD: 'root-password' };
    const first = await start(env);
    await waitHealthy(first);
    const token = ((await (await signIn(first, 'root@example.org', 'root-password')).json()) as { token: string }).token;
    await createUser(first, token, 'kept@example.org');
    await stop(first, 'SIGKILL');

    const second = await start(env);
    await waitHealthy(second);
    expect((await signIn(second, 'kept@example.org', 'a-long-password')).status).toBe(200);
  });

  test('SIGTERM closes cleanly (exit 0) and a restart loses nothing', async () => {
    const dir = tempDir();
    const env = { LOCKSTEP_DATA_DIR: dir, LOCKSTEP_DEMO: '0', LOCKSTEP_ADMIN_EMAIL: 'root@example.org', LOCKSTEP_ADMIN_PASSWORD: 'root-password' };
    const first = await start(env);
    await waitHealthy(first);
    const token = ((await (await signIn(first, 'root@example.org', 'root-password')).json()) as { token: string }).token;
    await createUser(first, token, 'kept2@example.org');
    expect(await stop(first, 'SIGTERM')).toBe(0);

    const second = await start(env);
    const ms = await waitHealthy(second);
    expect((await signIn(second, 'kept2@example.org', 'a-long-password')).status).toBe(200);
    // The old token survives a restart too: sessions live in the database, not in memory.
    const me = await fetch(`${second.url}/api/users/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(ms).toBeLessThan(60_000);
  });
});

describe('port', () => {
  test('a port already in use stops the server with exit 1 and says so, instead of claiming to listen', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(port, '0.0.0.0', r));
    try {
      const s = await start({ LOCKSTEP_DATA_DIR: tempDir(), LOCKSTEP_DEMO: '0', LOG_LEVEL: 'info' }, { port });
      expect(await s.exited).toBe(1);
      // One line that says what to do, not a stack trace.
      expect(s.output()).toMatch(new RegExp(`lockstep: port ${port} on \\S+ is already in use \\(EADDRINUSE\\): .*set PORT`));
      expect(s.output()).not.toMatch(/^\s+at /m);
      expect(s.output()).not.toMatch(/Lockstep is listening/);
    } finally {
      blocker.close();
    }
  });
});
