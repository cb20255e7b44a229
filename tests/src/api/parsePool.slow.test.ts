import { readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { parsePool } from '@lockstep/server/parsing/pool';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { largeXliff, largeXliffOfSize } from '../support/largeXliff.js';
import { startServer, stop, tempDir, waitHealthy } from '../support/serverProcess.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

// The parse pool with large files (seconds each): the other parse-pool tests are in parsePool.test.ts.

let db: TestDb;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });
const SMALL = largeXliff(3);
const inspect = (app: Express, file: Buffer) => request(app).post('/api/xliff/inspect').set(auth()).set('content-type', 'application/xliff+xml').send(file);

beforeAll(async () => {
  db = await openTestDb();
  await addUser(db, 'coord@example.org', 'coordinator');
  token = await tokenFor(testApp(db).app, 'coord@example.org');
});
afterAll(async () => {
  await parsePool().close();
  await db?.close();
});

/** POSTs `body` to a listening server; `sent` resolves once the whole body is handed to the socket. */
function post(port: number, path: string, body: Buffer): { sent: Promise<void>; answered: Promise<{ status: number; body: string }> } {
  let markSent!: () => void;
  const sent = new Promise<void>((r) => (markSent = r));
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { port, path, method: 'POST', headers: { ...auth(), 'content-type': 'application/xliff+xml', 'content-length': body.length } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body, markSent);
  });
  return { sent, answered };
}

describe('a large XLIFF inspection does not hold up other requests', () => {
  let server: http.Server;
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  test('health checks sent after the upload are answered while the file is being read', async () => {
    const { app } = testApp(db);
    server = app.listen(0);
    const port = (server.address() as AddressInfo).port;
    const file = largeXliffOfSize(4_000_000);

    const upload = post(port, '/api/xliff/inspect', file);
    let inspected = false;
    const result = upload.answered.then((r) => ((inspected = true), r));
    await upload.sent;
    // One health check after another until the inspection answers: on the request thread the
    // parse would let at most the first through (the one that slipped in before the parse began).
    let healthyMeanwhile = 0;
    while (!inspected) {
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      if (!inspected) healthyMeanwhile++;
    }
    const { status, body } = await result;
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ version: '2.0', units: Math.floor(4_000_000 / 290) });
    expect(healthyMeanwhile).toBeGreaterThanOrEqual(3);
  });
});

describe('a file larger than a parse thread may hold', () => {
  test('a file that needs more memory than a thread may use is 422, and the next file is read by a fresh thread', async () => {
    const { app } = testApp(db, { parse: { threads: 1, queue: 4, memoryMb: 64 } });
    const huge = await inspect(app, largeXliffOfSize(19_000_000));
    expect(huge.status).toBe(422);
    expect(huge.body.error).toMatchObject({ code: 'too_complex', message: expect.stringMatching(/64 MB/) });
    expect((await request(app).get('/api/health')).status).toBe(200);
    const next = await inspect(app, SMALL);
    expect(next.status).toBe(200);
    expect(next.body.units).toBe(3);
  });
});

describe("the server process lowers V8's helper threads (parsing/helperThreads.ts)", () => {
  (process.platform === 'linux' ? test : test.skip)('four threads run at nice 19 from the start; the request thread keeps its priority', async () => {
    const dir = tempDir('lockstep-helpers-');
    const server = await startServer({ LOCKSTEP_DATA_DIR: dir, LOCKSTEP_DEMO: '0' });
    try {
      await waitHealthy(server);
      const pid = server.child.pid!;
      const nice = (tid: string) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
      const threads = readdirSync(`/proc/${pid}/task`);
      const base = nice(String(pid));
      // No parse has run, so no parse thread exists yet: the threads at 19 are V8's helpers.
      expect(threads.filter((tid) => nice(tid) === Math.max(19, base))).toHaveLength(base >= 19 ? threads.length : 4);
      expect(base).toBe(Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')[16]));
    } finally {
      await stop(server);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
