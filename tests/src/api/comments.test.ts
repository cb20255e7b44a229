import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { createApp, type LockstepApp } from '@lockstep/server/app';
import { createLogger } from '@lockstep/server/logger';
import { addUser, testConfig, tokenFor } from '../support/app.js';
import { serve, SseClient } from '../support/sse.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

/** Issue 21, item 2: questions and comments on segments. */

const MARKDOWN = 'The first sentence is here. The second sentence follows it.\n\nA third one stands alone.\n';

let db: TestDb;
let lockstep: LockstepApp;
const token = { ko: '', ko2: '', revKo: '', revRu: '', coord: '' };
const ids = { ko: 0, ko2: 0, revKo: 0, revRu: 0, coord: 0 };
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

interface Seg {
  id: string;
  openQuestions: number;
}
async function segments(doc: string, lang = 'ko', state = ''): Promise<Seg[]> {
  const res = await request(lockstep.app).get(`/api/documents/${doc}/segments?lang=${lang}${state ? `&state=${state}` : ''}`).set(auth(token.ko));
  expect(res.status).toBe(200);
  return res.body.segments as Seg[];
}

let docs = 0;
async function newDoc(markdown = MARKDOWN): Promise<{ id: string; segs: Seg[] }> {
  const id = `cm-${++docs}`;
  const res = await request(lockstep.app)
    .post('/api/documents')
    .set(auth(token.coord))
    .send({ id, title: 'Comments', sourceLang: 'en', targetLangs: ['ko', 'ru'], markdown });
  expect(res.status).toBe(201);
  return { id, segs: await segments(id) };
}

const post = (doc: string, seg: string, body: object, t = token.ko) =>
  request(lockstep.app).post(`/api/documents/${doc}/segments/${seg}/comments`).set(auth(t)).send(body);
const thread = (doc: string, seg: string, query = '', t = token.ko) =>
  request(lockstep.app).get(`/api/documents/${doc}/segments/${seg}/comments${query}`).set(auth(t));
const resolve = (id: number, t: string) => request(lockstep.app).post(`/api/comments/${id}/resolve`).set(auth(t));

beforeAll(async () => {
  db = await openTestDb();
  lockstep = createApp({ db, config: testConfig(), logger: createLogger('silent'), events: { heartbeatMs: 150 } });
  ids.ko = (await addUser(db, 'ko@example.org', 'translator', ['ko'])).id;
  ids.ko2 = (await addUser(db, 'ko2@example.org', 'translator', ['ko'])).id;
  ids.revKo = (await addUser(db, 'revko@example.org', 'reviewer', ['ko'])).id;
  ids.revRu = (await addUser(db, 'revru@example.org', 'reviewer', ['ru'])).id;
  ids.coord = (await addUser(db, 'coord@example.org', 'coordinator')).id;
  for (const who of Object.keys(token) as (keyof typeof token)[]) token[who] = await tokenFor(lockstep.app, `${who.toLowerCase()}@example.org`);
});
afterAll(async () => {
  await lockstep?.close();
  await db?.close();
});

describe('threads', () => {
  test('a language thread shows its comments and those for all languages, oldest first, with author and kind', async () => {
    const doc = await newDoc();
    const seg = doc.segs[0].id;
    const q = await post(doc.id, seg, { text: 'Is "here" a place or a moment?', kind: 'question', lang: 'ko' });
    expect(q.status).toBe(201);
    expect(q.body.comment).toMatchObject({ kind: 'question', lang: 'ko', text: 'Is "here" a place or a moment?', open: true, author: { id: ids.ko, name: 'ko' }, deleted: false, edits: [], revision: 1, sourceChanged: false });
    expect((await post(doc.id, seg, { text: 'A note for every language.', kind: 'comment', lang: null }, token.revRu)).status).toBe(201);
    expect((await post(doc.id, seg, { text: 'Только по-русски.', kind: 'comment', lang: 'ru' }, token.revRu)).status).toBe(201);

    const ko = await thread(doc.id, seg, '?lang=ko');
    expect(ko.status).toBe(200);
    expect(ko.body.comments.map((c: { text: string; lang: string | null }) => [c.lang, c.text])).toEqual([
      ['ko', 'Is "here" a place or a moment?'],
      [null, 'A note for every language.'],
    ]);
    const ru = await thread(doc.id, seg, '?lang=ru', token.revRu);
    expect(ru.body.comments.map((c: { lang: string | null }) => c.lang)).toEqual([null, 'ru']);
    // Without a language: everything on the segment (a coordinator's view).
    expect((await thread(doc.id, seg, '', token.coord)).body.comments).toHaveLength(3);
    // Another segment has its own thread.
    expect((await thread(doc.id, doc.segs[1].id, '?lang=ko')).body.comments).toEqual([]);
  });

  test('bad input gets the right status and a JSON error, never a 500', async () => {
    const doc = await newDoc();
    const seg = doc.segs[0].id;
    const cases: [object, number, string][] = [
      [{ text: 'x', kind: 'rant', lang: 'ko' }, 400, 'invalid_body'],
      [{ text: 'x', kind: 'comment', lang: 'xx' }, 400, 'invalid_body'],
      [{ text: '   ', kind: 'comment', lang: 'ko' }, 422, 'text_empty'],
      [{ text: 'x'.repeat(5_001), kind: 'comment', lang: 'ko' }, 413, 'text_too_long'],
      [{ text: 'nul \u0000 here', kind: 'comment', lang: 'ko' }, 422, ''],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(doc.id, seg, body);
      expect([JSON.stringify(body).slice(0, 40), res.status]).toEqual([JSON.stringify(body).slice(0, 40), status]);
      if (code) expect(res.body.error.code).toBe(code);
      expect(typeof res.body.error.message).toBe('string');
    }
    // A language the document is not translated into, an unknown segment or document, an unknown comment.
    expect((await post(doc.id, seg, { text: 'x', kind: 'comment', lang: 'fr' }, token.coord)).status).toBe(404);
    expect((await post(doc.id, 'nope', { text: 'x', kind: 'comment', lang: 'ko' })).status).toBe(404);
    expect((await post('no-doc', seg, { text: 'x', kind: 'comment', lang: 'ko' })).status).toBe(404);
    expect((await thread(doc.id, seg, '?lang=fr')).status).toBe(404);
    expect((await resolve(999_999, token.coord)).status).toBe(404);
    expect((await request(lockstep.app).patch('/api/comments/abc').set(auth(token.ko)).send({ text: 'x' })).status).toBe(404);
  });
});

describe('permissions', () => {
  test('anyone signed in reads; translators and reviewers write in their languages and in the all-language thread', async () => {
    const doc = await newDoc();
    const seg = doc.segs[0].id;
    expect((await request(lockstep.app).get(`/api/documents/${doc.id}/segments/${seg}/comments`)).status).toBe(401);
    expect((await request(lockstep.app).post(`/api/documents/${doc.id}/segments/${seg}/comments`).send({ text: 'x', kind: 'comment', lang: null })).status).toBe(401);
    const refused = await post(doc.id, seg, { text: 'Про корейский.', kind: 'question', lang: 'ko' }, token.revRu);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_allowed');
    expect((await post(doc.id, seg, { text: 'Про всё.', kind: 'question', lang: null }, token.revRu)).status).toBe(201);
    expect((await post(doc.id, seg, { text: 'Coordinating.', kind: 'comment', lang: 'ru' }, token.coord)).status).toBe(201);
    expect((await thread(doc.id, seg, '?lang=ru', token.ko)).body.comments).toHaveLength(2);
  });

  test('only the author edits; the author or a coordinator deletes', async () => {
    const doc = await newDoc();
    const seg = doc.segs[0].id;
    const c = (await post(doc.id, seg, { text: 'Mine.', kind: 'comment', lang: 'ko' })).body.comment;
    const edit = (t: string) => request(lockstep.app).patch(`/api/comments/${c.id}`).set(auth(t)).send({ text: 'Not yours.' });
    const del = (t: string) => request(lockstep.app).delete(`/api/comments/${c.id}`).set(auth(t));
    for (const t of [token.ko2, token.revKo, token.coord]) expect((await edit(t)).status).toBe(403);
    for (const t of [token.ko2, token.revKo]) expect((await del(t)).status).toBe(403);
    expect((await thread(doc.id, seg, '?lang=ko')).body.comments[0]).toMatchObject({ text: 'Mine.', deleted: false });
    const deleted = await del(token.coord);
    expect(deleted.status).toBe(200);
    expect(deleted.body.comment).toMatchObject({ deleted: true, text: null, deletedBy: { id: ids.coord, name: 'coord' } });
    // Deleted is final for editing; deleting again changes nothing.
    expect((await request(lockstep.app).patch(`/api/comments/${c.id}`).set(auth(token.ko)).send({ text: 'Back?' })).status).toBe(422);
    expect((await del(token.ko)).body.comment.deletedBy.id).toBe(ids.coord);
  });
});

describe('questions are open until resolved', () => {
  test('by the author, a reviewer of the language or a coordinator; not by other translators or reviewers of other languages', async () => {
    const doc = await newDoc();
    const seg = doc.segs[0].id;
    const ask = async (lang: string | null = 'ko', t = token.ko) => (await post(doc.id, seg, { text: 'Which term?', kind: 'question', lang }, t)).body.comment.id as number;

    const a = await ask();
    for (const t of [token.ko2, token.revRu]) {
      const res = await resolve(a, t);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('not_allowed');
    }
    const byReviewer = await resolve(a, token.revKo);
    expect(byReviewer.status).toBe(200);
    expect(byReviewer.body.comment).toMatchObject({ open: false, resolvedBy: { id: ids.revKo, name: 'revko' } });
    expect(typeof byReviewer.body.comment.resolvedAt).toBe('string');
    const again = await resolve(a, token.coord);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('question_not_open');

    expect((await resolve(await ask(), token.ko)).status).toBe(200);
    expect((await resolve(await ask(), token.coord)).status).toBe(200);
    // A question for all languages: any reviewer may answer it for everyone.
    expect((await resolve(await ask(null, token.ko2), token.revRu)).status).toBe(200);

    const comment = (await post(doc.id, seg, { text: 'Just a remark.', kind: 'comment', lang: 'ko' })).body.comment;
    expect(comment.open).toBe(false);
    const notQuestion = await resolve(comment.id, token.coord);
    expect(notQuestion.status).toBe(422);
    expect(notQuestion.body.error.code).toBe('not_a_question');
  });

  test('the segment list counts open questions per segment for the language and filters on them; progress and the dashboard count them per language', async () => {
    const doc = await newDoc();
    const [s0, s1, s2] = doc.segs;
    expect(doc.segs.map((s) => s.openQuestions)).toEqual([0, 0, 0]);
    const q1 = (await post(doc.id, s1.id, { text: 'Q1?', kind: 'question', lang: 'ko' })).body.comment.id as number;
    await post(doc.id, s1.id, { text: 'Q2?', kind: 'question', lang: 'ko' }, token.ko2);
    await post(doc.id, s2.id, { text: 'For all?', kind: 'question', lang: null }, token.revRu);
    await post(doc.id, s0.id, { text: 'Just a comment.', kind: 'comment', lang: 'ko' });
    await post(doc.id, s0.id, { text: 'Вопрос?', kind: 'question', lang: 'ru' }, token.revRu);

    expect((await segments(doc.id, 'ko')).map((s) => s.openQuestions)).toEqual([0, 2, 1]);
    expect((await segments(doc.id, 'ru')).map((s) => s.openQuestions)).toEqual([1, 0, 1]);
    expect((await segments(doc.id, 'ko', 'open-questions')).map((s) => s.id)).toEqual([s1.id, s2.id]);

    const progress = async () => (await request(lockstep.app).get(`/api/documents/${doc.id}/progress`).set(auth(token.ko))).body.languages;
    const dashboard = async () =>
      (await request(lockstep.app).get('/api/progress').set(auth(token.ko))).body.documents.find((d: { id: string }) => d.id === doc.id).languages;
    expect([(await progress()).ko.openQuestions, (await progress()).ru.openQuestions]).toEqual([3, 2]);
    expect([(await dashboard()).ko.openQuestions, (await dashboard()).ru.openQuestions]).toEqual([3, 2]);

    // Resolving and deleting close them everywhere (the dashboard's cache included).
    expect((await resolve(q1, token.revKo)).status).toBe(200);
    const all = (await thread(doc.id, s2.id, '?lang=ko')).body.comments[0];
    expect((await request(lockstep.app).delete(`/api/comments/${all.id}`).set(auth(token.revRu))).status).toBe(200);
    expect((await segments(doc.id, 'ko')).map((s) => s.openQuestions)).toEqual([0, 1, 0]);
    expect((await segments(doc.id, 'ko', 'open-questions')).map((s) => s.id)).toEqual([s1.id]);
    expect([(await dashboard()).ko.openQuestions, (await dashboard()).ru.openQuestions]).toEqual([1, 1]);
    expect((await progress()).ko.openQuestions).toBe(1);
  });
});

describe('mentions and history', () => {
  test('@name and @e-mail mention users (listed with the comment); unknown and ambiguous names mention nobody', async () => {
    const doc = await newDoc();
    await addUser(db, 'twin1@example.org', 'translator', ['ko']);
    await db.query(`UPDATE users SET name = 'twin' WHERE email LIKE 'twin%'`);
    await addUser(db, 'twin2@example.org', 'translator', ['ko']);
    await db.query(`UPDATE users SET name = 'twin' WHERE email LIKE 'twin%'`);
    const res = await post(doc.id, doc.segs[0].id, { text: 'Ask @KO2, cc @revko@example.org and @twin; not @nobody. Mail ko@example.org', kind: 'question', lang: 'ko' });
    expect(res.status).toBe(201);
    expect(res.body.comment.mentions).toEqual([
      { id: ids.ko2, name: 'ko2' },
      { id: ids.revKo, name: 'revko' },
    ]);
  });

  test('an edit keeps the earlier texts and re-reads mentions; a deletion is a tombstone, the row and its texts kept', async () => {
    const doc = await newDoc();
    const seg = doc.segs[0].id;
    const c = (await post(doc.id, seg, { text: 'First try, @ko2.', kind: 'question', lang: 'ko' })).body.comment;
    const edit = (text: string) => request(lockstep.app).patch(`/api/comments/${c.id}`).set(auth(token.ko)).send({ text });
    expect((await edit('Second try, @revko.')).status).toBe(200);
    const third = await edit('Third try.');
    expect(third.body.comment).toMatchObject({ text: 'Third try.', mentions: [] });
    expect(third.body.comment.edits.map((e: { text: string }) => e.text)).toEqual(['First try, @ko2.', 'Second try, @revko.']);
    expect(typeof third.body.comment.editedAt).toBe('string');

    expect((await request(lockstep.app).delete(`/api/comments/${c.id}`).set(auth(token.ko))).status).toBe(200);
    const shown = (await thread(doc.id, seg, '?lang=ko')).body.comments;
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ id: c.id, deleted: true, text: null, edits: [], open: false, author: { id: ids.ko } });
    const stored = await db.query<{ text: string; n: number }>(
      'SELECT c.text, (SELECT count(*)::int FROM comment_edits e WHERE e.comment_id = c.id) AS n FROM comments c WHERE c.id = $1',
      [c.id],
    );
    expect(stored.rows).toEqual([{ text: 'Third try.', n: 2 }]);
  });
});

describe('revisions and live events', () => {
  test('a revision that modifies a segment keeps its thread and marks it "source changed since"', async () => {
    const doc = await newDoc();
    const [s0, s1] = doc.segs;
    await post(doc.id, s0.id, { text: 'What is "here"?', kind: 'question', lang: 'ko' });
    await post(doc.id, s1.id, { text: 'Fine as is.', kind: 'comment', lang: 'ko' });
    const published = await request(lockstep.app)
      .post(`/api/documents/${doc.id}/revisions`)
      .set(auth(token.coord))
      .send({ markdown: MARKDOWN.replace('first sentence is here', 'first sentence is over there') });
    expect(published.status).toBe(201);
    const after = await segments(doc.id);
    expect(after[0].id).toBe(s0.id);
    const changed = (await thread(doc.id, s0.id, '?lang=ko')).body.comments;
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ sourceChanged: true, revision: 1, open: true });
    expect((await thread(doc.id, s1.id, '?lang=ko')).body.comments[0].sourceChanged).toBe(false);
    // A comment written against the new source is current.
    const fresh = await post(doc.id, s0.id, { text: 'Clear now.', kind: 'comment', lang: 'ko' });
    expect(fresh.body.comment).toMatchObject({ sourceChanged: false, revision: 2 });
    expect(after[0].openQuestions).toBe(1);
  });

  test('new comments and resolutions arrive as live events with ids, never texts', async () => {
    const served = await serve(lockstep.app);
    const doc = await newDoc();
    const seg = doc.segs[0].id;
    const stream = await SseClient.open(`${served.base}/api/documents/${doc.id}/events`, auth(token.ko2));
    try {
      await stream.until((x) => x.of('ready').length === 1);
      const q = (await post(doc.id, seg, { text: 'Secret wording?', kind: 'question', lang: 'ko' })).body.comment;
      await resolve(q.id, token.revKo);
      await stream.until((x) => x.of('comment').length === 2);
      expect(stream.of('comment').map((e) => e.json)).toEqual([
        expect.objectContaining({ kind: 'comment', comment: q.id, segment: seg, lang: 'ko', commentKind: 'question', action: 'created', userId: ids.ko, by: 'ko' }),
        expect.objectContaining({ kind: 'comment', comment: q.id, segment: seg, lang: 'ko', commentKind: 'question', action: 'resolved', userId: ids.revKo, by: 'revko' }),
      ]);
      for (const e of stream.of('comment')) expect(e.data).not.toContain('Secret');
    } finally {
      stream.close();
      await served.stop();
    }
  });
});
