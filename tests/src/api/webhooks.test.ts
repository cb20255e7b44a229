import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { LockstepApp } from '@lockstep/server/app';
import type { Config } from '@lockstep/server/config';
import { readXliff, writeXliffString, type XliffUnit } from '@lockstep/shared';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { onPostgres, openTestDb, truncateAll, type TestDb } from '../support/testDb.js';
import { openDb } from '@lockstep/server/db';

// Outgoing webhooks (issue 22, item 2): delivered after the commit from an outbox, signed,
// retried, logged; never holding up or failing what they report; never sent to private
// addresses unless allowed.

const MARKDOWN = ['# Notice board', '', 'The library opens at nine. Members borrow for free.', '', 'Bring your card on Monday.', ''].join('\n');
const REVISED = MARKDOWN.replace('at nine', 'at ten').replace('on Monday', 'on Tuesday');

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local receiver: `answer` says the status of each request, or 'hang' to never answer. */
async function receiver(answer: (n: number) => number | 'hang' = () => 200) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answer(got.length);
      if (status !== 'hang') res.writeHead(status).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  /** Gone mid-delivery: open connections are cut. */
  const kill = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  receivers.push(kill);
  return { port, url: `http://127.0.0.1:${port}/hook`, got, kill };
}
const receivers: (() => Promise<void>)[] = [];

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

let db: TestDb;
const apps: LockstepApp[] = [];
let coord: string;
let ko: string;
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

/** A server with its delivery loop running (short waits, so retries happen within the test). */
async function server(overrides: Partial<Config> = {}, on: TestDb = db): Promise<LockstepApp> {
  const lockstep = testApp(on, { webhookAllowPrivate: true, webhookRetryBaseMs: 50, webhookTimeoutMs: 3_000, webhookPollMs: 100, ...overrides });
  lockstep.webhooks.start();
  apps.push(lockstep);
  return lockstep;
}

async function setUp(lockstep: LockstepApp) {
  await truncateAll(db);
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  coord = await tokenFor(lockstep.app, 'coord@example.org');
  ko = await tokenFor(lockstep.app, 'ko@example.org');
  const doc = await request(lockstep.app).post('/api/documents').set(auth(coord)).send({ id: 'doc', title: 'Board', sourceLang: 'en', targetLangs: ['ko', 'ru'], markdown: MARKDOWN });
  expect(doc.status).toBe(201);
  // Every ko segment translated, so a revision leaves ko work to do.
  await db.query(`UPDATE translations SET text = '[ko] ' || s.source, state = 'translated', version = version + 1 FROM segments s WHERE s.id = translations.segment_id AND lang = 'ko'`);
}

async function hook(lockstep: LockstepApp, url: string, events = ['publish']) {
  const res = await request(lockstep.app).post('/api/webhooks').set(auth(coord)).send({ url, events });
  expect(res.status).toBe(201);
  return res.body as { id: number; secret: string };
}

const publish = (lockstep: LockstepApp, markdown = REVISED) => request(lockstep.app).post('/api/documents/doc/revisions').set(auth(coord)).send({ markdown });

async function deliveries(lockstep: LockstepApp, id: number) {
  const res = await request(lockstep.app).get(`/api/webhooks/${id}/deliveries`).set(auth(coord));
  expect(res.status).toBe(200);
  return res.body.deliveries as { id: number; event: string; state: string; attempts: number; payload: Record<string, unknown>; log: { attempt: number; status: number | null; error: string | null }[] }[];
}

beforeAll(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const kill of receivers.splice(0)) await kill();
  for (const close of afterClose.splice(0)) await close();
});
const afterClose: (() => Promise<void>)[] = [];
afterAll(async () => {
  await db?.close();
});

describe('webhook deliveries', () => {
  test('a publish is POSTed with the per-language counts and words, signed with HMAC-SHA256 of the raw body', async () => {
    const lockstep = await server();
    await setUp(lockstep);
    const rx = await receiver();
    const h = await hook(lockstep, rx.url);
    const res = await publish(lockstep);
    expect(res.status).toBe(201);
    await until('the delivery', () => rx.got.length === 1);
    const [got] = rx.got;
    expect(got.headers['x-lockstep-signature']).toBe(sign(h.secret, got.body));
    expect(got.headers['x-lockstep-signature']).not.toBe(sign('another secret!!', got.body));
    expect(got.headers['x-lockstep-event']).toBe('publish');
    expect(got.headers['content-type']).toBe('application/json');
    const payload = JSON.parse(got.body);
    expect(payload).toMatchObject({ event: 'publish', document: 'doc', revision: 2 });
    // ko had work and now has 2 stale segments; ru had none, so it is not in the payload.
    expect(Object.keys(payload.languages)).toEqual(['ko']);
    expect(payload.languages.ko).toMatchObject({ stale: res.body.stale.ko, suggested: res.body.suggested.ko, retired: res.body.retired.ko });
    expect(payload.languages.ko.stale).toBe(2);
    const inbox = await request(lockstep.app).get('/api/inbox').set(auth(ko));
    expect(payload.languages.ko).toEqual(inbox.body.notices[0].counts);
    await until('the log', async () => (await deliveries(lockstep, h.id))[0]?.state === 'delivered');
    const [d] = await deliveries(lockstep, h.id);
    expect(d).toMatchObject({ event: 'publish', attempts: 1, payload });
    expect(d.log).toEqual([expect.objectContaining({ attempt: 1, status: 200, error: null })]);
    expect(got.headers['x-lockstep-delivery']).toBe(String(d.id));
  });

  test('a 500 is retried after a wait, with the same body and delivery id, until it is accepted', async () => {
    const lockstep = await server();
    await setUp(lockstep);
    const rx = await receiver((n) => (n === 1 ? 500 : 204));
    const h = await hook(lockstep, rx.url);
    expect((await publish(lockstep)).status).toBe(201);
    await until('the retry', () => rx.got.length === 2);
    expect(rx.got[1].body).toBe(rx.got[0].body);
    expect(rx.got[1].headers['x-lockstep-delivery']).toBe(rx.got[0].headers['x-lockstep-delivery']);
    expect(rx.got[1].headers['x-lockstep-signature']).toBe(sign(h.secret, rx.got[1].body));
    await until('the log', async () => (await deliveries(lockstep, h.id))[0]?.state === 'delivered');
    const [d] = await deliveries(lockstep, h.id);
    expect(d.log.map((a) => [a.attempt, a.status])).toEqual([[1, 500], [2, 204]]);
    expect(d.log[0].error).toBe('HTTP 500');
  });

  test('after the last attempt a delivery is given up as failed', async () => {
    const lockstep = await server({ webhookMaxAttempts: 2 });
    await setUp(lockstep);
    const rx = await receiver(() => 503);
    const h = await hook(lockstep, rx.url);
    await publish(lockstep);
    await until('failed', async () => (await deliveries(lockstep, h.id))[0]?.state === 'failed');
    expect(rx.got).toHaveLength(2);
    expect((await deliveries(lockstep, h.id))[0].log.map((a) => a.status)).toEqual([503, 503]);
  });

  test('a receiver that hangs, then is killed, neither delays nor fails a publish', async () => {
    const lockstep = await server({ webhookTimeoutMs: 60_000 });
    await setUp(lockstep);
    const rx = await receiver(() => 'hang');
    const h = await hook(lockstep, rx.url);
    expect((await publish(lockstep)).status).toBe(201);
    await until('the hanging request', () => rx.got.length === 1);
    // The receiver holds the delivery open; publishing goes on as if it were not there.
    const started = Date.now();
    const second = await publish(lockstep, REVISED.replace('Bring your card', 'Bring your library card'));
    expect(second.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Killed mid-delivery: the attempt is logged as failed and the delivery waits for its retry.
    await rx.kill();
    await until('the failed attempt', async () => (await deliveries(lockstep, h.id)).some((d) => d.log.some((a) => a.error !== null)));
    const third = await publish(lockstep, REVISED.replace('Members borrow', 'Members always borrow'));
    expect(third.status).toBe(201);
    const log = await deliveries(lockstep, h.id);
    expect(log).toHaveLength(3);
    expect(log.every((d) => d.state === 'pending')).toBe(true);
    const revisions = await request(lockstep.app).get('/api/documents/doc/revisions').set(auth(ko));
    expect(revisions.body.revisions.map((r: { number: number }) => r.number)).toEqual([4, 3, 2, 1]);
  });

  test('two server processes on one database send each delivery once', async () => {
    // On PostgreSQL the second "process" has a connection pool of its own, as a process would.
    const otherDb = onPostgres ? await openDb({ url: db.url }) : db;
    if (otherDb !== db) afterClose.push(() => otherDb.close());
    const a = await server();
    const b = await server({}, otherDb);
    await setUp(a);
    const rx = await receiver();
    await hook(a, rx.url);
    let markdown = REVISED;
    for (let i = 0; i < 5; i++) {
      await db.query(`UPDATE translations SET state = 'translated' WHERE state = 'stale'`);
      markdown = markdown.replace(/opens at \w+/, `opens at ${['one', 'two', 'three', 'four', 'five'][i]}`);
      expect((await publish(i % 2 ? a : b, markdown)).status).toBe(201);
    }
    await until('five deliveries', () => rx.got.length >= 5);
    await Promise.all([a.webhooks.idle(), b.webhooks.idle()]);
    await new Promise((r) => setTimeout(r, 300)); // a few more polls of both
    const ids = rx.got.map((g) => g.headers['x-lockstep-delivery']);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toHaveLength(5);
  });

  test('an applied import and a language made complete are delivered with their counts and words', async () => {
    const lockstep = await server();
    await setUp(lockstep);
    const rx = await receiver();
    await hook(lockstep, rx.url, ['import.applied', 'language.complete']);
    // ru is untouched: translate all of it through the file.
    const ruExport = await request(lockstep.app).get('/api/documents/doc/xliff/ru?version=2.0').set(auth(coord)).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
    expect(ruExport.status).toBe(200);
    const file = readXliff(ruExport.body as string).files[0];
    const units: XliffUnit[] = file.units.map((u) => ({ id: u.id, source: u.sourceRuns, target: `[ru] ${u.source}`, state: 'translated' }));
    const xml = writeXliffString({ exportId: file.exportId, documentId: 'doc', revision: 1, srcLang: 'en', trgLang: 'ru' }, units, '2.0');
    const imported = await request(lockstep.app).post('/api/documents/doc/xliff/ru').set(auth(coord)).set('content-type', 'application/xliff+xml').send(xml);
    expect(imported.status).toBe(200);
    expect(imported.body.applied).toHaveLength(units.length);
    await until('two deliveries', () => rx.got.length === 2);
    const bodies = rx.got.map((g) => JSON.parse(g.body));
    const segs = await request(lockstep.app).get('/api/documents/doc/segments?lang=ru').set(auth(coord));
    const words = (segs.body.segments as { words: number; translatable: boolean }[]).filter((s) => s.translatable).reduce((a, s) => a + s.words, 0);
    expect(bodies.find((b) => b.event === 'import.applied')).toMatchObject({ document: 'doc', languages: { ru: { applied: units.length, words } } });
    expect(bodies.find((b) => b.event === 'language.complete')).toMatchObject({ document: 'doc', revision: 1, languages: { ru: { segments: units.length, words } } });
  });
});

describe('server-side request forgery', () => {
  test('without LOCKSTEP_WEBHOOK_ALLOW_PRIVATE, loopback, private, link-local and non-http(s) URLs are refused when saved', async () => {
    const lockstep = await server({ webhookAllowPrivate: false });
    await setUp(lockstep);
    const refused: [string, string][] = [
      ['http://127.0.0.1:8080/hook', 'webhook_address'],
      ['http://localhost/hook', 'webhook_address'],
      ['http://[::1]/hook', 'webhook_address'],
      ['http://[::ffff:127.0.0.1]/hook', 'webhook_address'],
      ['http://10.0.0.7/hook', 'webhook_address'],
      ['http://192.168.1.1/hook', 'webhook_address'],
      ['http://169.254.169.254/latest/meta-data', 'webhook_address'],
      ['http://[fe80::1]/hook', 'webhook_address'],
      ['file:///etc/passwd', 'webhook_url'],
      ['gopher://example.org/', 'webhook_url'],
      ['http://user:pw@example.org/', 'webhook_url'],
      ['not a url at all', 'webhook_url'],
    ];
    for (const [url, code] of refused) {
      const res = await request(lockstep.app).post('/api/webhooks').set(auth(coord)).send({ url, events: ['publish'] });
      expect([url, res.status, res.body.error?.code]).toEqual([url, 422, code]);
    }
    expect((await request(lockstep.app).get('/api/webhooks').set(auth(coord))).body.webhooks).toEqual([]);
    const bad = await request(lockstep.app).post('/api/webhooks').set(auth(coord)).send({ url: 'https://example.org/', events: ['everything'] });
    expect(bad.status).toBe(400);
  });

  test('the address is checked again when delivering: a name that resolves to loopback is refused and nothing is sent', async () => {
    const lockstep = await server({ webhookAllowPrivate: false, webhookMaxAttempts: 1 });
    await setUp(lockstep);
    const rx = await receiver();
    // Saved while it pointed elsewhere (or by a server allowing private addresses); now `localhost`.
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO webhooks (url, secret, events) VALUES ($1, 'a secret of sixteen+', '{publish}') RETURNING id::int AS id`,
      [`http://localhost:${rx.port}/hook`],
    );
    expect((await publish(lockstep)).status).toBe(201);
    await until('the refusal', async () => (await deliveries(lockstep, rows[0].id))[0]?.state === 'failed');
    const [d] = await deliveries(lockstep, rows[0].id);
    expect(d.log[0]).toMatchObject({ status: null, error: expect.stringMatching(/^refused: localhost resolves to .*loopback/) });
    expect(rx.got).toEqual([]);
  });
});
