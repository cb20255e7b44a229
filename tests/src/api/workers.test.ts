import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from '@lockstep/server/config';
import { freePort, stop, waitFor, waitHealthy, type ServerProcess } from '../support/serverProcess.js';
import { serversKilledAfterEach } from '../support/serversKilledAfterEach.js';
import { onPostgres, openTestDb, type TestDb } from '../support/testDb.js';

// LOCKSTEP_WORKERS: server processes sharing one port (server/src/cluster.ts).

const { start } = serversKilledAfterEach();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids that answered requests, from the access log (one JSON line per request). */
function answeringPids(s: ServerProcess): Set<number> {
  const pids = new Set<number>();
  for (const line of s.output().split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; pid?: number };
    if (entry.msg === 'request completed' && entry.pid !== undefined) pids.add(entry.pid);
  }
  return pids;
}

describe('LOCKSTEP_WORKERS settings', () => {
  test('more than one process needs PostgreSQL, and the count must be a whole number from 1', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ LOCKSTEP_WORKERS: '3', DATABASE_URL: 'postgres://x/y' }).workers).toBe(3);
    expect(() => loadConfig({ LOCKSTEP_WORKERS: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOCKSTEP_WORKERS: '2' })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ LOCKSTEP_WORKERS: '0', DATABASE_URL: 'postgres://x/y' })).toThrow(/LOCKSTEP_WORKERS must be a whole number from 1 to 64/);
    expect(() => loadConfig({ LOCKSTEP_WORKERS: 'two', DATABASE_URL: 'postgres://x/y' })).toThrow(/LOCKSTEP_WORKERS/);
  });

  test('on the embedded database the server refuses to start with two processes, saying why', async () => {
    const s = await start({ LOCKSTEP_WORKERS: '2', LOCKSTEP_DEMO: '0' });
    expect(await s.exited).toBe(1);
    expect(s.output()).toMatch(/lockstep: LOCKSTEP_WORKERS=2 needs DATABASE_URL/);
  });
});

(onPostgres ? describe : describe.skip)('two server processes on PostgreSQL', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  const env = () => ({
    DATABASE_URL: db.url!,
    LOCKSTEP_WORKERS: '2',
    LOCKSTEP_DEMO: '0',
    LOG_LEVEL: 'info',
    LOCKSTEP_ADMIN_EMAIL: 'root@example.org',
    LOCKSTEP_ADMIN_PASSWORD: 'root-password',
  });

  test('share the port, replace a process that dies, and all stop on SIGTERM with exit 0', async () => {
    const s = await start(env());
    await waitHealthy(s);
    // Connections go to the processes in turn: new connections (no keep-alive) reach both.
    // A connection handed to a process at the moment it is killed is never answered (node:cluster
    // loses it): each ask gives up after 2 s, as any client would.
    const ask = () =>
      fetch(`${s.url}/api/health`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(2000) }).then(
        (r) => r.status === 200,
        () => false,
      );
    await waitFor('both processes answering', async () => (await ask()) && answeringPids(s).size === 2);
    const first = [...answeringPids(s)];

    // A session made through one process is good on the other.
    const signIn = await fetch(`${s.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ email: 'root@example.org', password: 'root-password' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    for (let i = 0; i < 4; i++) {
      const me = await fetch(`${s.url}/api/users/me`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } });
      expect(me.status).toBe(200);
    }

    process.kill(first[0], 'SIGKILL');
    await waitFor('the primary starting another process', () => /a server process ended; starting another/.test(s.output()));
    await waitFor('a replacement process answering', async () => (await ask()) && answeringPids(s).size === 3);
    const now = [...answeringPids(s)].filter((pid) => alive(pid));
    expect(now).toHaveLength(2);

    expect(await stop(s, 'SIGTERM')).toBe(0);
    await waitFor('every process gone', () => now.every((pid) => !alive(pid)), 15_000);
  });

  test('a process that cannot start (port taken) stops the whole group with exit 1', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(port, '0.0.0.0', r));
    try {
      const s = await start({ ...env(), PORT: String(port) }, { port });
      expect(await s.exited).toBe(1);
      expect(s.output()).toMatch(/EADDRINUSE/);
      expect(s.output()).toMatch(/a server process failed to start; stopping/);
    } finally {
      blocker.close();
    }
  });
});
