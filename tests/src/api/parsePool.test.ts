import { spawnSync } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import request from 'supertest';
import { platformWorkerTids, v8PoolSize } from '@lockstep/server/parsing/helperThreads';
import { parsePool } from '@lockstep/server/parsing/pool';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { largeXliff, largeXliffOfSize } from '../support/largeXliff.js';
import { REPO_ROOT } from '../support/serverProcess.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

// XLIFF and Markdown are parsed on worker threads (server/src/parsing), not on the request thread.
// The large-file cases (a 4 MB read beside health checks, a 19 MB file over a thread's memory)
// are in parsePool.slow.test.ts.

// Lets a test keep the parse threads busy (tasks.ts); read by the threads when they start.
process.env.LOCKSTEP_PARSE_TEST_TASKS = '1';

let db: TestDb;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });
const SMALL = largeXliff(3);

beforeAll(async () => {
  db = await openTestDb();
  await addUser(db, 'coord@example.org', 'coordinator');
  token = await tokenFor(testApp(db).app, 'coord@example.org');
});
afterAll(async () => {
  await parsePool().close();
  await db?.close();
});

const inspect = (app: Express, file: Buffer) => request(app).post('/api/xliff/inspect').set(auth()).set('content-type', 'application/xliff+xml').send(file);

/**
 * Fills a pool of one thread and a queue of one with held test tasks; the returned function
 * lets them finish and waits for them.
 */
function fillParseQueue(): () => Promise<void> {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const held = [0, 1].map(() => parsePool().run({ kind: 'test', action: 'hold', gate }));
  return async () => {
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    await Promise.all(held);
  };
}

describe('large raw uploads (read into one buffer as they arrive)', () => {
  test('read the same as the file sent as a form, and one cut off midway leaves the server answering', async () => {
    const { app } = testApp(db);
    const file = largeXliffOfSize(2_500_000);
    const raw = await inspect(app, file);
    expect(raw.status).toBe(200);
    const form = await request(app).post('/api/xliff/inspect').set(auth()).attach('file', file, 'large.xlf');
    expect(form.body).toEqual(raw.body);

    const server = app.listen(0);
    try {
      const port = (server.address() as AddressInfo).port;
      const req = http.request({ port, path: '/api/xliff/inspect', method: 'POST', headers: { ...auth(), 'content-type': 'application/xliff+xml', 'content-length': file.length } });
      req.on('error', () => undefined);
      req.write(file.subarray(0, 1_200_000), () => req.destroy());
      await new Promise((r) => req.on('close', r));
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
      expect((await inspect(app, file)).body).toEqual(raw.body);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('a full parse queue', () => {
  test('answers 503 with Retry-After and the JSON error shape, and the same request succeeds once it drains', async () => {
    const { app } = testApp(db, { parse: { threads: 1, queue: 1, memoryMb: 1024 } });
    await inspect(app, SMALL).expect(200); // the thread is up
    const drain = fillParseQueue();

    const refused = await inspect(app, SMALL);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body.error).toMatchObject({ code: 'parser_busy', message: expect.stringMatching(/try again/i) });
    const document = await request(app).post('/api/documents').set(auth()).send({ id: 'busy', title: 'B', sourceLang: 'en', targetLangs: ['ko'], markdown: 'One. Two.' });
    expect(document.status).toBe(503);
    expect(document.body.error.code).toBe('parser_busy');
    expect((await request(app).get('/api/documents/busy').set(auth())).status).toBe(404);

    await drain();
    expect((await inspect(app, SMALL)).body).toMatchObject({ units: 3 });
    expect((await request(app).post('/api/documents').set(auth()).send({ id: 'busy', title: 'B', sourceLang: 'en', targetLangs: ['ko'], markdown: 'One. Two.' })).status).toBe(201);
  });
});

describe('zips of a multi-file upload', () => {
  test('are unpacked on a parse thread: with the parse queue full even a broken zip waits there (503), and is read once it drains', async () => {
    const { app } = testApp(db, { parse: { threads: 1, queue: 1, memoryMb: 1024 } });
    await request(app).post('/api/documents').set(auth()).send({ id: 'zips', title: 'Z', sourceLang: 'en', targetLangs: ['ko'], markdown: 'One. Two.' }).expect(201);
    const drain = fillParseQueue();
    const broken = Buffer.from(zipSync({ 'doc.ko.xlf': new Uint8Array(1000) }));
    broken.fill(0xff, 40); // the local header survives; the deflated data and directory do not
    // On the request thread the inflate would have run (and refused the zip) without the pool.
    const busy = await request(app).post('/api/documents/zips/xliff?dryRun=true').set(auth()).attach('file', broken, 'broken.zip');
    expect(busy.status).toBe(503);
    expect(busy.body.error.code).toBe('parser_busy');

    await drain();
    const read = await request(app).post('/api/documents/zips/xliff?dryRun=true').set(auth()).attach('file', broken, 'broken.zip');
    expect(read.status).toBe(400);
    expect(read.body.error).toMatchObject({ code: 'bad_zip', message: expect.stringContaining('broken.zip') });
  });
});

describe('exports', () => {
  test('a translated Markdown file and a site zip are made on a parse thread: with the parse queue full they wait there (503), then succeed', async () => {
    const { app } = testApp(db, { parse: { threads: 1, queue: 1, memoryMb: 1024 } });
    await request(app).post('/api/documents').set(auth()).send({ id: 'pages', title: 'P', sourceLang: 'en', targetLangs: ['ko'], markdown: 'One. *Two.*' }).expect(201);
    const drain = fillParseQueue();
    // On the request thread these answered 200 whatever the parse threads were doing.
    for (const path of ['/api/documents/pages/markdown/ko', '/api/documents/pages/site?format=html']) {
      const busy = await request(app).get(path).set(auth());
      expect(busy.status).toBe(503);
      expect(busy.body.error.code).toBe('parser_busy');
    }
    await drain();
    const markdown = await request(app).get('/api/documents/pages/markdown/ko').set(auth());
    expect(markdown.status).toBe(200);
    expect(markdown.text).toContain('One. *Two.*');
    const site = await request(app).get('/api/documents/pages/site?format=html').set(auth()).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(site.status).toBe(200);
    const pages = unzipSync(site.body as Buffer);
    expect(Object.keys(pages).sort()).toEqual(['pages.en.html', 'pages.ko.html']);
    expect(strFromU8(pages['pages.ko.html'])).toContain('<em>Two.</em>');
  });
});

describe('errors from the parse threads', () => {
  test('a file that is not XML is 400 and one that is not XLIFF 422, with where and why', async () => {
    const { app } = testApp(db);
    const truncated = await inspect(app, SMALL.subarray(0, 200));
    expect(truncated.status).toBe(400);
    expect(truncated.body.error).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/line \d+/) });
    expect(truncated.body.error.details).toMatchObject({ line: expect.any(Number) });
    const notXliff = await inspect(app, Buffer.from('<?xml version="1.0"?><html lang="en"></html>'));
    expect(notXliff.status).toBe(422);
    expect(notXliff.body.error.code).toBe('not_xliff');
  });
});

/**
 * In a process of its own (it lowers threads): collects garbage a few times over a large heap,
 * measuring each thread's CPU time meanwhile, then lowers V8's helper threads and reports each
 * thread's nice value.
 */
const HELPERS_PROBE = `
import { readdirSync, readFileSync } from 'node:fs';
import { lowerV8HelperThreads } from '@lockstep/server/parsing/helperThreads';
const threads = () => readdirSync('/proc/self/task').map(Number);
const cpu = (tid) => Number(readFileSync('/proc/self/task/' + tid + '/schedstat', 'utf8').split(' ')[0]);
const nice = (tid) => Number(readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[16]);
const before = new Map(threads().map((t) => [t, cpu(t)]));
const keep = [];
for (let round = 0; round < 3; round++) {
  for (let i = 0; i < 500000; i++) keep.push({ i, s: 'x' + i });
  globalThis.gc();
}
const gcMs = Object.fromEntries(threads().map((t) => [t, (cpu(t) - (before.get(t) ?? 0)) / 1e6]));
const lowered = lowerV8HelperThreads();
console.log(JSON.stringify({ pid: process.pid, gcMs, lowered, nice: Object.fromEntries(threads().map((t) => [t, nice(t)])) }));
`;

describe("V8's helper threads (parsing/helperThreads.ts)", () => {
  test('the pool size is read from Node options, 4 when not given, unknown when 0 or not a count', () => {
    expect(v8PoolSize([], undefined)).toBe(4);
    expect(v8PoolSize(['--v8-pool-size=2'], undefined)).toBe(2);
    expect(v8PoolSize([], '--max-old-space-size=512 --v8-pool-size 3')).toBe(3);
    expect(v8PoolSize(['--v8-pool-size=0'], undefined)).toBeUndefined();
    expect(v8PoolSize(['--v8-pool-size=two'], undefined)).toBeUndefined();
  });

  test("the platform workers are the threads after the main and delayed-task threads; a list that is not Node's layout gives none", () => {
    expect(platformWorkerTids([120, 100, 106, 105, 107, 108, 109, 113], 100, 4)).toEqual([106, 107, 108, 109]);
    expect(platformWorkerTids([100, 105, 106], 100, 4)).toEqual([]);
    expect(platformWorkerTids([99, 100, 105, 106, 107, 108, 109], 100, 4)).toEqual([]);
  });

  (process.platform === 'linux' ? test : test.skip)(
    'the threads lowered to nice 19 are the ones that collect garbage; the main thread and the rest keep their priority',
    () => {
      const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--conditions=@lockstep/source', '--input-type=module', '-e', HELPERS_PROBE], {
        cwd: path.join(REPO_ROOT, 'tests'),
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      expect(run.stderr).toBe('');
      const probe = JSON.parse(run.stdout) as { pid: number; gcMs: Record<string, number>; lowered: { tids: number[] }; nice: Record<string, number> };
      const base = os.getPriority(); // the child's nice is the test's
      // The helpers share the marking; a thread with a little CPU meanwhile (tsx's loader
      // thread finishing a compile) is not one of them.
      const others = Object.entries(probe.gcMs).filter(([tid]) => Number(tid) !== probe.pid);
      const most = Math.max(...others.map(([, ms]) => ms));
      const collectors = others.filter(([, ms]) => ms >= most / 4).map(([tid]) => Number(tid));
      expect(collectors.length).toBeGreaterThan(0);
      expect(probe.lowered.tids).toHaveLength(4);
      // gcMs is shown when this fails: which thread worked how long.
      expect({ notLowered: collectors.filter((t) => !probe.lowered.tids.includes(t)), gcMs: probe.gcMs }).toMatchObject({ notLowered: [] });
      for (const [tid, nice] of Object.entries(probe.nice)) {
        expect([Number(tid), nice]).toEqual([Number(tid), probe.lowered.tids.includes(Number(tid)) ? Math.max(19, base) : base]);
      }
    },
  );
});
