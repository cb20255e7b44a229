import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DEFAULT_MEMORY_FUZZY_MAX_CHARS } from '@lockstep/shared';
import { DEFAULT_INTERACTIVE_POOL_SIZE, openDb, type Db } from '@lockstep/server/db';
import { createApp } from '@lockstep/server/app';
import { createLogger } from '@lockstep/server/logger';
import { errorMiddleware } from '@lockstep/server/http/errors';
import express from 'express';
import request from 'supertest';
import { addUser, testApp, testConfig, tokenFor } from '../support/app.js';
import { serve } from '../support/sse.js';
import { waitFor } from '../support/serverProcess.js';
import { onPostgres, openTestDb, type TestDb } from '../support/testDb.js';

// Issue 18, finding 1: a coordinator creates a document with one very long sentence; a
// translator asks the memory for it twelve times and abandons each request. The lookups must
// not hold the database: health, the signed-in user, segment lists and saves answer promptly.

const VOCABULARY = (
  'committee members volunteers library harbour ferry island winter summer concert tickets budget ' +
  'permits parking fence stadium reading room evening morning weekdays saturday council market garden ' +
  'bakery corner sunrise choir chapel rehearses meets votes annual march spring autumn school teachers'
).split(' ');

/** One sentence of about `chars` characters: words only, no full stop until the end. */
function longSentence(chars: number, seed: number): string {
  const words: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const word = VOCABULARY[(i * 7 + seed * 13 + ((i * i) % 11)) % VOCABULARY.length];
    words.push(word);
    length += word.length + 1;
  }
  return `The ${words.join(' ')} end.`;
}

const LONG = longSentence(20_000, 1);
const LOOKUPS = 12;
/** What "promptly" means here: far below the seconds a lookup of LONG took before the bound. */
const PROMPT_MS = 1_500;

let db: TestDb;
let base = '';
let stop: () => Promise<void> = async () => undefined;
let ko = '';
let coord = '';
let longId = '';
let shortId = '';
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

async function api(path: string, init: RequestInit & { token?: string; at?: string } = {}): Promise<Response> {
  const { token = ko, at = base, ...rest } = init;
  return fetch(`${at}${path}`, {
    ...rest,
    headers: { ...auth(token), 'Content-Type': 'application/json', ...(rest.headers as Record<string, string> | undefined) },
  });
}

async function createDoc(id: string, paragraphs: string[], targetLangs = ['ko']): Promise<{ id: string; source: string; translation: { version: number } }[]> {
  const res = await api('/api/documents', {
    method: 'POST',
    token: coord,
    body: JSON.stringify({ id, title: id, sourceLang: 'en', targetLangs, markdown: paragraphs.join('\n\n') }),
  });
  expect(res.status).toBe(201);
  const list = await api(`/api/documents/${id}/segments?lang=ko`, { token: coord });
  return (await list.json()).segments;
}

async function saveText(doc: string, segId: string, text: string, version: number): Promise<Response> {
  return api(`/api/documents/${doc}/segments/${segId}/translations/ko`, { method: 'PUT', body: JSON.stringify({ text, version }) });
}

/** Starts `n` memory lookups of the long segment, each abandoned by its client after `abandonAfterMs`. */
function abandonedLookups(n: number, abandonAfterMs: number, at = base, path = `long/segments/${longId}/memory/ko`): Promise<unknown> {
  return Promise.allSettled(
    Array.from({ length: n }, () =>
      fetch(`${at}/api/documents/${path}`, { headers: auth(ko), signal: AbortSignal.timeout(abandonAfterMs) }).then((r) => r.text()),
    ),
  );
}

/** Each of the requests a user needs to keep working, with its status and time. */
async function everydayRequests(at = base): Promise<{ name: string; status: number; ms: number }[]> {
  const timed = async (name: string, run: () => Promise<Response>) => {
    const started = performance.now();
    const res = await run();
    await res.text();
    return { name, status: res.status, ms: performance.now() - started };
  };
  const out = [];
  out.push(await timed('health', () => fetch(`${at}/api/health`)));
  out.push(await timed('me', () => api('/api/users/me', { at })));
  out.push(await timed('segments', () => api('/api/documents/other/segments?lang=ko', { at })));
  const [seg] = (await (await api('/api/documents/other/segments?lang=ko', { at })).json()).segments;
  out.push(await timed('save', () => api(`/api/documents/other/segments/${seg.id}/translations/ko`, { at, method: 'PUT', body: JSON.stringify({ text: `[ko] ${performance.now()}`, version: seg.translation.version }) })));
  return out;
}

beforeAll(async () => {
  db = await openTestDb();
  ({ base, stop } = await serve(testApp(db).app));
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  coord = await tokenFor(testApp(db).app, 'coord@example.org');
  ko = await tokenFor(testApp(db).app, 'ko@example.org');
  const [long, short] = await createDoc('long', [LONG, 'The committee meets every Tuesday in the old library.']);
  longId = long.id;
  shortId = short.id;
  // The same long sentence, translated elsewhere: an exact match is still worth offering.
  const [twin] = await createDoc('long-twin', [LONG]);
  expect((await saveText('long-twin', twin.id, '[ko] the long one', twin.translation.version)).status).toBe(200);
  // Similar long sentences and ordinary ones, for the trigram search to wade through.
  await createDoc('corpus', [...Array.from({ length: 8 }, (_, i) => longSentence(20_000, i + 2)), 'The committee meets every Tuesday in the new library.']);
  await createDoc('other', ['A sentence the translator saves meanwhile.', 'Another one.']);
}, 120_000);

afterAll(async () => {
  await stop();
  await db?.close();
});

describe('memory lookups are bounded by their input (both databases)', () => {
  test('a segment longer than the limit gets its exact matches only, and the answer says so', async () => {
    const started = performance.now();
    const res = await api(`/api/documents/long/segments/${longId}/memory/ko`);
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ fuzzy: false, fuzzyMaxChars: DEFAULT_MEMORY_FUZZY_MAX_CHARS });
    expect(body.suggestions.map((s: { text: string; match: number }) => [s.text, s.match])).toEqual([['[ko] the long one', 100]]);
    expect(ms).toBeLessThan(PROMPT_MS);
    // An ordinary sentence is compared word by word as before.
    const short = await (await api(`/api/documents/long/segments/${shortId}/memory/ko`)).json();
    expect(short).toMatchObject({ fuzzy: true });
  });

  test(`${LOOKUPS} abandoned lookups of the long sentence: health, the user, segment lists and saves still answer promptly`, async () => {
    const lookups = abandonedLookups(LOOKUPS, 2_000);
    await new Promise((r) => setTimeout(r, 50));
    const everyday = await everydayRequests();
    expect(everyday.map((r) => [r.name, r.status])).toEqual([['health', 200], ['me', 200], ['segments', 200], ['save', 200]]);
    expect(everyday.filter((r) => r.ms >= PROMPT_MS)).toEqual([]);
    await lookups;
  }, 60_000);
});

// Time limits, cancellation and the pool share are PostgreSQL's: PGlite is one connection in
// this process and ignores statement_timeout (the input bound above is what protects it).
// The memory's statements are quick here once the input is bounded, so a slow interactive
// read is played by pg_sleep through the same handle the memory, search and QA routes use.
const describePg = onPostgres ? describe : describe.skip;

describePg('interactive reads on PostgreSQL', () => {
  const opened: { db: Db; stop?: () => Promise<void> }[] = [];
  async function open(opts: { interactiveTimeoutMs: number }): Promise<Db> {
    const other = await openDb({ url: db.url!, ...opts });
    opened.push({ db: other });
    return other;
  }
  afterAll(async () => {
    for (const o of opened) {
      await o.stop?.();
      await o.db.close();
    }
  });
  const sleeping = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'SELECT pg_sleep%'`,
        )
      ).rows[0].n,
    );

  test('a statement over the interactive time limit is stopped, and answers 503 with Retry-After', async () => {
    const quick = await open({ interactiveTimeoutMs: 200 });
    const started = performance.now();
    const err = await quick.interactive(undefined, (q) => q.query('SELECT pg_sleep(5)')).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((err as { code?: string }).code).toBe('57014');
    // What the client gets for it: the one error middleware every route goes through.
    const res = await request(express().get('/slow', (_req, _res, next) => next(err)).use(errorMiddleware(createLogger('silent')))).get('/slow');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.body.error.code).toBe('statement_timeout');
  }, 30_000);

  test('a read whose client left is cancelled in the database', async () => {
    const patient = await open({ interactiveTimeoutMs: 120_000 });
    const client = new AbortController();
    const read = patient.interactive(client.signal, (q) => q.query('SELECT pg_sleep(30)')).catch((e: unknown) => e);
    await waitFor('the read to run', async () => (await sleeping()) === 1, 5_000);
    const started = performance.now();
    client.abort();
    expect(((await read) as { code?: string }).code).toBe('client_closed_request');
    await waitFor('the read to stop', async () => (await sleeping()) === 0, 3_000);
    expect(performance.now() - started).toBeLessThan(3_000);
  }, 30_000);

  test(`${LOOKUPS} slow reads take only their share of the pool: everyday requests still answer promptly`, async () => {
    const patient = await open({ interactiveTimeoutMs: 120_000 });
    const app = createApp({ db: patient, config: testConfig(), logger: createLogger('silent') });
    const { base: at, stop: stopIt } = await serve(app.app);
    opened[opened.length - 1].stop = stopIt;
    const client = new AbortController();
    const reads = Promise.allSettled(Array.from({ length: LOOKUPS }, () => patient.interactive(client.signal, (q) => q.query('SELECT pg_sleep(20)'))));
    await waitFor('the share to fill', async () => (await sleeping()) === DEFAULT_INTERACTIVE_POOL_SIZE, 5_000);
    const everyday = await everydayRequests(at);
    expect(everyday.map((r) => [r.name, r.status])).toEqual([['health', 200], ['me', 200], ['segments', 200], ['save', 200]]);
    expect(everyday.filter((r) => r.ms >= PROMPT_MS)).toEqual([]);
    // Never more than the share at once.
    expect(await sleeping()).toBe(DEFAULT_INTERACTIVE_POOL_SIZE);
    client.abort();
    await reads;
    await waitFor('the reads to stop', async () => (await sleeping()) === 0, 5_000);
  }, 60_000);
});
