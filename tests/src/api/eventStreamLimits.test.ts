import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { createApp, type LockstepApp } from '@lockstep/server/app';
import { openDb, type Db } from '@lockstep/server/db';
import { MAX_STREAMS_PER_USER } from '@lockstep/server/events/streams';
import { createLogger } from '@lockstep/server/logger';
import { addUser, testConfig, tokenFor } from '../support/app.js';
import { serve, SseClient } from '../support/sse.js';
import { onPostgres, openTestDb, type TestDb } from '../support/testDb.js';

/**
 * Issue #18, findings 5 and 8: a live-event stream ends when its sign-in or token is revoked
 * or its user deactivated, in whichever process holds it; one user may hold at most
 * MAX_STREAMS_PER_USER streams per process (429 beyond).
 *
 * Two apps stand for two server processes: on PostgreSQL with a pool each; on PGlite over
 * the one database (one process). The revocation is made through app A, the stream held by
 * app B, which can only learn of it from the database.
 */

const REVALIDATE_MS = 100;
const MARKDOWN = 'One sentence to translate. Another sentence to translate.\n';

let db: TestDb;
let dbB: Db;
let a: LockstepApp;
let b: LockstepApp;
let baseB = '';
let stopB: () => Promise<void>;
let admin = '';
let coord = '';
const open: SseClient[] = [];
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

async function streamOnB(token: string): Promise<SseClient> {
  const c = await SseClient.open(`${baseB}/api/documents/doc/events`, auth(token));
  open.push(c);
  return c;
}

let users = 0;
async function newTranslator(): Promise<{ id: number; email: string; token: string }> {
  const u = await addUser(db, `t${++users}@example.org`, 'translator', ['ko']);
  return { ...u, token: await tokenFor(a.app, u.email) };
}

beforeAll(async () => {
  db = await openTestDb();
  dbB = onPostgres ? await openDb({ url: db.url! }) : db;
  const events = { heartbeatMs: 5_000, revalidateMs: REVALIDATE_MS };
  a = createApp({ db, config: testConfig(), logger: createLogger('silent'), events });
  b = createApp({ db: dbB, config: testConfig(), logger: createLogger('silent'), events });
  ({ base: baseB, stop: stopB } = await serve(b.app));
  await addUser(db, 'admin@example.org', 'admin');
  await addUser(db, 'coord@example.org', 'coordinator');
  admin = await tokenFor(a.app, 'admin@example.org');
  coord = await tokenFor(a.app, 'coord@example.org');
  const res = await request(a.app).post('/api/documents').set(auth(coord)).send({ id: 'doc', title: 'D', sourceLang: 'en', targetLangs: ['ko'], markdown: MARKDOWN });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  for (const s of open) s.close();
  await a?.close();
  await b?.close();
  await stopB?.();
  if (dbB !== db) await dbB?.close();
  await db?.close();
});

describe('streams end when their access ends (finding 5)', () => {
  test('signing out ends that session\'s stream, in the other process, and not the user\'s other session', async () => {
    const t = await newTranslator();
    const other = await tokenFor(a.app, t.email);
    const doomed = await streamOnB(t.token);
    const kept = await streamOnB(other);
    await doomed.until((c) => c.of('ready').length === 1);
    expect((await request(a.app).delete('/api/session').set(auth(t.token))).status).toBe(204);
    await doomed.until((c) => c.ended, 3_000, 'the signed-out stream to end');
    await new Promise((r) => setTimeout(r, REVALIDATE_MS * 3));
    expect(kept.ended).toBe(false);
  });

  test('deactivating a user ends all their streams; reconnecting is refused', async () => {
    const t = await newTranslator();
    const streams = [await streamOnB(t.token), await streamOnB(await tokenFor(a.app, t.email))];
    for (const s of streams) await s.until((c) => c.of('ready').length === 1);
    const res = await request(a.app).patch(`/api/users/${t.id}`).set(auth(admin)).send({ active: false });
    expect(res.status).toBe(200);
    for (const s of streams) await s.until((c) => c.ended, 3_000, 'the deactivated user\'s stream to end');
    // Reconnecting (what EventSource does) is refused.
    const again = await streamOnB(t.token);
    expect(again.status).toBe(401);
  });
});

describe('streams per user are capped (finding 8)', () => {
  test(`one stream over ${MAX_STREAMS_PER_USER} for one user is 429 with a JSON error; closing one makes room; others are unaffected`, async () => {
    const t = await newTranslator();
    const mine: SseClient[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) mine.push(await streamOnB(t.token));
    expect(mine.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));
    const refused = await streamOnB(t.token);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(refused.body.join('')).error).toMatchObject({ code: 'too_many_streams', message: expect.stringMatching(/close/i) });
    expect(refused.headers['retry-after']).toBeDefined();

    const someoneElse = await newTranslator();
    expect((await streamOnB(someoneElse.token)).status).toBe(200);

    mine[0].close();
    let next: SseClient | undefined;
    for (let i = 0; i < 40 && next?.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      next = await streamOnB(t.token);
    }
    expect(next?.status).toBe(200);
  });
});
