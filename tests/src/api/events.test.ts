import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { createApp, type LockstepApp } from '@lockstep/server/app';
import { createLogger } from '@lockstep/server/logger';
import { writeChange } from '@lockstep/server/repos/translations';
import { editChange } from '../support/changes.js';
import { readXliff, writeXliffString, type XliffUnit } from '@lockstep/shared';
import { addUser, testConfig, tokenFor } from '../support/app.js';
import { serve, SseClient } from '../support/sse.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

const HEARTBEAT_MS = 150;
const MARKDOWN = 'The first sentence is here. The second sentence follows it.\n\nA third one stands alone.\n';

let db: TestDb;
let lockstep: LockstepApp;
let base: string;
let stop: () => Promise<void>;
const token = { ko: '', ko2: '', reviewer: '', coord: '' };
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const open: SseClient[] = [];

async function stream(doc: string, headers: Record<string, string> = {}, query = ''): Promise<SseClient> {
  const c = await SseClient.open(`${base}/api/documents/${doc}/events${query}`, headers);
  open.push(c);
  return c;
}

interface Seg {
  id: string;
  translation: { version: number; state: string } | null;
}
async function segments(doc: string): Promise<Seg[]> {
  const res = await request(lockstep.app).get(`/api/documents/${doc}/segments?lang=ko`).set(auth(token.ko));
  expect(res.status).toBe(200);
  return res.body.segments as Seg[];
}

let docs = 0;
async function newDoc(): Promise<{ id: string; segs: Seg[] }> {
  const id = `ev-${++docs}`;
  const res = await request(lockstep.app)
    .post('/api/documents')
    .set(auth(token.coord))
    .send({ id, title: 'Events', sourceLang: 'en', targetLangs: ['ko', 'ru'], markdown: MARKDOWN });
  expect(res.status).toBe(201);
  return { id, segs: await segments(id) };
}

const save = (doc: string, seg: string, text: string, version: number, t = token.ko) =>
  request(lockstep.app).put(`/api/documents/${doc}/segments/${seg}/translations/ko`).set(auth(t)).send({ text, version });

beforeAll(async () => {
  db = await openTestDb();
  lockstep = createApp({ db, config: testConfig(), logger: createLogger('silent'), events: { heartbeatMs: HEARTBEAT_MS } });
  ({ base, stop } = await serve(lockstep.app));
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'ko2@example.org', 'translator', ['ko']);
  await addUser(db, 'rev@example.org', 'reviewer', ['ko']);
  await addUser(db, 'coord@example.org', 'coordinator');
  token.ko = await tokenFor(lockstep.app, 'ko@example.org');
  token.ko2 = await tokenFor(lockstep.app, 'ko2@example.org');
  token.reviewer = await tokenFor(lockstep.app, 'rev@example.org');
  token.coord = await tokenFor(lockstep.app, 'coord@example.org');
});
afterAll(async () => {
  for (const c of open) c.close();
  await lockstep?.close();
  await stop?.();
  await db?.close();
});

describe('live events (SSE)', () => {
  test('a save reaches an open stream as a translation event with its id and version, never its text', async () => {
    const doc = await newDoc();
    const c = await stream(doc.id, auth(token.ko2));
    expect(c.status).toBe(200);
    expect(c.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(c.headers['x-accel-buffering']).toBe('no');
    expect(c.headers['cache-control']).toContain('no-transform');
    expect(c.headers['content-encoding']).toBeUndefined();
    await c.until((x) => x.of('ready').length === 1);
    const ready = c.of('ready')[0];
    expect(ready.id).toBe(String(ready.json.seq));

    const seg = doc.segs[0];
    const res = await save(doc.id, seg.id, '첫 번째 비밀 문장입니다.', seg.translation!.version);
    expect(res.status).toBe(200);
    await c.until((x) => x.of('translation').length === 1);
    const [e] = c.of('translation');
    expect(Number(e.id)).toBe(Number(ready.id) + 1);
    expect(e.json).toMatchObject({ seq: Number(e.id), kind: 'translation', segment: seg.id, lang: 'ko', version: res.body.translation.version, state: 'translated', action: 'edit', by: 'ko' });
    expect(e.data).not.toContain('비밀');
  });

  test('approvals and publishing are events too; a reader that reconnects with Last-Event-ID gets every missed one, in order', async () => {
    const doc = await newDoc();
    const [a, b] = doc.segs;
    const first = await stream(doc.id, auth(token.ko));
    await first.until((x) => x.of('ready').length === 1);
    const saved = await save(doc.id, a.id, '하나.', a.translation!.version);
    await first.until((x) => x.of('translation').length === 1);
    const resumeFrom = first.lastId!;
    first.close();

    // Missed while disconnected: an edit by someone else, an approval, a second edit, a revision.
    const other = await save(doc.id, b.id, '둘.', b.translation!.version, token.ko2);
    const approved = await request(lockstep.app)
      .post(`/api/documents/${doc.id}/segments/${a.id}/translations/ko/approve`)
      .set(auth(token.reviewer))
      .send({ version: saved.body.translation.version });
    expect(approved.status).toBe(200);
    await save(doc.id, b.id, '둘, 고침.', other.body.translation.version);
    const published = await request(lockstep.app)
      .post(`/api/documents/${doc.id}/revisions`)
      .set(auth(token.coord))
      .send({ markdown: MARKDOWN.replace('first sentence is here', 'first sentence is there') });
    expect(published.status).toBe(201);

    const again = await stream(doc.id, { ...auth(token.ko), 'Last-Event-ID': resumeFrom });
    await again.until((x) => x.events.some((e) => e.event === 'revision'));
    const missed = again.events.filter((e) => e.event !== 'ready');
    expect(missed.map((e) => Number(e.id))).toEqual([1, 2, 3, 4].map((i) => Number(resumeFrom) + i));
    expect(missed.map((e) => e.event)).toEqual(['translation', 'translation', 'translation', 'revision']);
    expect(again.of('translation').map((e) => e.json.action)).toEqual(['edit', 'approve', 'edit']);
    expect(again.of('translation')[1].json).toMatchObject({ segment: a.id, state: 'approved', version: approved.body.translation.version, by: 'rev' });
    expect(again.of('revision')[0].json).toMatchObject({ revision: 2, stale: { ko: 1, ru: 0 }, by: 'coord' });
    for (const e of missed) for (const text of ['하나', '둘', 'sentence']) expect(e.data).not.toContain(text);

    // The same by hand (`?lastEventId=`), and from the very start of the stream.
    const byQuery = await stream(doc.id, auth(token.ko), `?lastEventId=${resumeFrom}`);
    await byQuery.until((x) => x.events.length === 5);
    expect(byQuery.events.map((e) => e.id)).toEqual(again.events.map((e) => e.id));
  });

  test('an XLIFF import is one event listing the units it applied, with their new versions', async () => {
    const doc = await newDoc();
    const exported = await request(lockstep.app)
      .get(`/api/documents/${doc.id}/xliff/ko`)
      .set(auth(token.ko))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (ch: Buffer) => chunks.push(ch));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    const file = readXliff(exported.body as string).files[0];
    const units: XliffUnit[] = file.units.slice(0, 2).map((u) => ({ id: u.id, source: u.sourceRuns, target: `번역 ${u.id}`, state: 'translated' }));
    const body = writeXliffString({ exportId: file.exportId, documentId: doc.id, revision: 1, srcLang: 'en', trgLang: 'ko' }, units, '2.0');
    const c = await stream(doc.id, auth(token.ko));
    await c.until((x) => x.of('ready').length === 1);
    const res = await request(lockstep.app).post(`/api/documents/${doc.id}/xliff/ko`).set(auth(token.ko)).set('content-type', 'application/xliff+xml').send(body);
    expect(res.status).toBe(200);
    expect(res.body.applied).toHaveLength(2);
    await c.until((x) => x.of('import').length === 1);
    const [e] = c.of('import');
    expect(c.of('translation')).toHaveLength(0);
    const now = await segments(doc.id);
    expect(e.json).toMatchObject({ lang: 'ko', suggested: [], by: 'ko' });
    expect(e.json.units).toEqual(
      res.body.applied.map((id: string) => ({ segment: id, version: now.find((s) => s.id === id)!.translation!.version, state: 'translated' })),
    );
    expect(e.data).not.toContain('번역');
  });

  test('an event committed where no server hears of it (a script on the database) is still numbered and delivered, by the sweep', async () => {
    const doc = await newDoc();
    const c = await stream(doc.id, auth(token.ko));
    await c.until((x) => x.of('ready').length === 1);
    const from = Number(c.of('ready')[0].id);
    const seg = doc.segs[1];
    const applied = await writeChange(
      db,
      editChange({ segmentId: seg.id, lang: 'ko', text: '스크립트.', userId: null, revision: 1, expectedVersion: seg.translation!.version }),
    );
    expect(applied).toBeDefined();
    await c.until((x) => x.of('translation').length === 1, 5_000, 'the swept event');
    expect(c.of('translation')[0]).toMatchObject({ id: String(from + 1), json: { segment: seg.id, version: applied!.translation.version, by: null } });
  });

  test('signed in by cookie (what EventSource sends): streams without a CSRF token', async () => {
    const doc = await newDoc();
    const signIn = await request(lockstep.app).post('/api/session').send({ email: 'ko2@example.org', password: 'correct horse battery' });
    const cookie = (signIn.headers['set-cookie'] as unknown as string[]).map((v) => v.split(';')[0]).join('; ');
    const c = await stream(doc.id, { Cookie: cookie });
    expect(c.status).toBe(200);
    await c.until((x) => x.of('ready').length === 1);
  });

  test('heartbeats keep an idle stream alive; a closed reader is let go', async () => {
    const doc = await newDoc();
    const before = lockstep.live.readers;
    const c = await stream(doc.id, auth(token.ko));
    await c.until((x) => x.comments.filter((m) => m === 'heartbeat').length >= 2, 5_000, 'two heartbeats');
    expect(lockstep.live.readers).toBe(before + 1);
    c.close();
    const deadline = Date.now() + 2_000;
    while (lockstep.live.readers !== before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(lockstep.live.readers).toBe(before);
  });

  test('who may listen: signed-in readers of every language; anonymous 401, unknown document 404, bad ids 400 — as JSON, not a stream', async () => {
    const doc = await newDoc();
    const before = await hashAllTables(db);
    const anonymous = await stream(doc.id);
    expect(anonymous.status).toBe(401);
    const badToken = await stream(doc.id, auth('x'.repeat(43)));
    expect(badToken.status).toBe(401);
    const unknown = await stream('no-such-doc', auth(token.ko));
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body.join(''))).toMatchObject({ error: { code: 'document_not_found' } });
    const badId = await stream(doc.id, { ...auth(token.ko), 'Last-Event-ID': 'abc' });
    expect(badId.status).toBe(400);
    expect(JSON.parse(badId.body.join(''))).toMatchObject({ error: { code: 'invalid_last_event_id' } });
    expect(await hashAllTables(db)).toBe(before);
    // A translator of another language, and a coordinator, read every language's events.
    for (const t of [token.reviewer, token.coord]) expect((await stream(doc.id, auth(t))).status).toBe(200);
  });

  test('an id the document never reached gets a reset (reload) instead of a silent gap', async () => {
    const doc = await newDoc();
    const c = await stream(doc.id, { ...auth(token.ko), 'Last-Event-ID': '999999' });
    await c.until((x) => x.events.length === 1);
    expect(c.events[0]).toMatchObject({ event: 'reset', id: '0' });
    expect(JSON.parse(c.events[0].data)).toEqual({ seq: 0, reason: 'unknown_event_id' });
  });

  test('closing the app ends open streams', async () => {
    const db2 = await openTestDb();
    const app2 = createApp({ db: db2, config: testConfig(), logger: createLogger('silent'), events: { heartbeatMs: HEARTBEAT_MS } });
    const served = await serve(app2.app);
    try {
      await addUser(db2, 'x@example.org', 'coordinator');
      const t = await tokenFor(app2.app, 'x@example.org');
      await request(app2.app).post('/api/documents').set(auth(t)).send({ id: 'd', title: 'D', sourceLang: 'en', targetLangs: ['ko'], markdown: MARKDOWN });
      const c = await SseClient.open(`${served.base}/api/documents/d/events`, auth(t));
      await c.until((x) => x.of('ready').length === 1);
      await app2.close();
      await c.until((x) => x.ended, 2_000, 'the end of the stream');
    } finally {
      await served.stop();
      await db2.close();
    }
  });
});
