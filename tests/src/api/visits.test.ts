import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

const V1 = 'Alpha sentence one. Beta sentence two.\n\nGamma sentence three. Delta is the fourth sentence of this little test statement.\n\nEpsilon closes the text.\n';
const V2 = V1.replace('little test statement', 'little test statement today') + '\nZeta is a new line.\n';

let db: TestDb;
let app: Express;
const token = { ko: '', ko2: '', rev: '', coord: '' };
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
let seg: { id: string; version: number }[] = [];

async function koSegments() {
  const res = await request(app).get('/api/documents/doc/segments?lang=ko').set(auth(token.ko));
  return (res.body.segments as { id: string; source: string; translation: { version: number } }[]).map((s) => ({ id: s.id, source: s.source, version: s.translation.version }));
}

/** Saves as `t`; versions are tracked for ko, and the one ru save starts from the untouched row. */
async function save(t: string, i: number, text: string, lang = 'ko') {
  const version = lang === 'ko' ? seg[i].version : 1;
  const res = await request(app).put(`/api/documents/doc/segments/${seg[i].id}/translations/${lang}`).set(auth(t)).send({ text, version });
  expect(res.status).toBe(200);
  if (lang === 'ko') seg[i].version = res.body.translation.version;
}

const visit = (t: string, body?: object, lang = 'ko') => request(app).post(`/api/documents/doc/visits/${lang}`).set(auth(t)).send(body ?? {});
const changes = (t: string, query = '', lang = 'ko') => request(app).get(`/api/documents/doc/changes/${lang}${query}`).set(auth(t));

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'ko2@example.org', 'translator', ['ko']);
  await addUser(db, 'rev@example.org', 'reviewer', ['ko']);
  await addUser(db, 'coord@example.org', 'coordinator');
  for (const k of Object.keys(token) as (keyof typeof token)[]) token[k] = await tokenFor(app, `${k}@example.org`);
  expect((await request(app).post('/api/documents').set(auth(token.coord)).send({ id: 'doc', title: 'D', sourceLang: 'en', targetLangs: ['ko', 'ru'], markdown: V1 })).status).toBe(201);
  seg = await koSegments();
  expect(seg).toHaveLength(5);
});
afterAll(async () => {
  await db?.close();
});

describe('since your last visit', () => {
  let firstVisit: { seq: number; visitedAt: string };

  test('before any visit there is nothing "since your last visit"; the first visit has no previous one', async () => {
    await save(token.ko2, 0, '알파 하나.'); // before the visit: never reported
    await save(token.ko, 3, '델타 넷.');
    await save(token.ko2, 4, '엡실론.');
    const none = await changes(token.ko);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ lang: 'ko', since: null, visitedAt: null, segments: [], counts: { segments: 0 } });

    const res = await visit(token.ko);
    expect(res.status).toBe(200);
    expect(res.body.previous).toBeNull();
    expect(res.body.current.seq).toBe(none.body.until);
    firstVisit = res.body.current;
  });

  test("lists what others edited and approved, what a revision made stale or added — not the user's own edits", async () => {
    await save(token.ko2, 1, '베타 둘.'); // edited by someone else
    const approve = await request(app).post(`/api/documents/doc/segments/${seg[4].id}/translations/ko/approve`).set(auth(token.rev)).send({ version: seg[4].version });
    expect(approve.status).toBe(200);
    await save(token.ko, 2, '감마 셋.'); // the user's own edit
    await save(token.coord, 0, 'Альфа.', 'ru'); // another language
    const published = await request(app).post('/api/documents/doc/revisions').set(auth(token.coord)).send({ markdown: V2 });
    expect(published.status).toBe(201);
    expect(published.body.impact).toMatchObject({ modified: 1, added: 1 });
    const now = await koSegments();
    const added = now.find((s) => s.source.startsWith('Zeta'))!;

    const res = await changes(token.ko, '?since=lastVisit');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lang: 'ko', since: firstVisit.seq, visitedAt: firstVisit.visitedAt });
    expect(res.body.segments).toEqual([
      { id: seg[1].id, changes: ['edited'], by: ['ko2'] },
      { id: seg[3].id, changes: ['stale'], by: [] },
      { id: seg[4].id, changes: ['approved'], by: ['rev'] },
      { id: added.id, changes: ['new'], by: [] },
    ]);
    expect(res.body.counts).toEqual({ segments: 4, stale: 1, new: 1, edited: 1, approved: 1, reconfirmed: 0 });

    // The same from an explicit event number; another translator sees the first user's edit and not their own.
    const explicit = await changes(token.ko, `?since=${firstVisit.seq}`);
    expect(explicit.body.segments).toEqual(res.body.segments);
    const other = await changes(token.ko2, `?since=${firstVisit.seq}`);
    expect(other.body.segments.map((s: { id: string }) => s.id)).toEqual([seg[2].id, seg[3].id, seg[4].id, added.id]);
    expect(other.body.segments[0]).toEqual({ id: seg[2].id, changes: ['edited'], by: ['ko'] });
  });

  test('the dashboard gets counts per language, each since that language\'s last visit', async () => {
    const res = await request(app).get('/api/documents/doc/changes?since=lastVisit').set(auth(token.ko));
    expect(res.status).toBe(200);
    expect(res.body.languages.ko).toEqual({ since: firstVisit.seq, visitedAt: firstVisit.visitedAt, counts: { segments: 4, stale: 1, new: 1, edited: 1, approved: 1, reconfirmed: 0 } });
    // Never opened: nothing to report.
    expect(res.body.languages.ru).toEqual({ since: null, visitedAt: null, counts: { segments: 0, stale: 0, new: 0, edited: 0, approved: 0, reconfirmed: 0 } });
    // From an event number, every language: the coordinator's Russian edit counts for ru.
    const all = await request(app).get(`/api/documents/doc/changes?since=${firstVisit.seq}`).set(auth(token.ko));
    expect(all.body.languages.ru.counts).toMatchObject({ segments: 2, edited: 1, new: 1 });
  });

  test('the next visit returns this one as previous, and then nothing is new', async () => {
    const res = await visit(token.ko);
    expect(res.status).toBe(200);
    expect(res.body.previous).toEqual(firstVisit);
    expect(res.body.current.seq).toBeGreaterThan(firstVisit.seq);
    const after = await changes(token.ko);
    expect(after.body.segments).toEqual([]);
    expect(after.body.since).toBe(res.body.current.seq);

    // A late report from an older tab does not move the bookmark back; a number from the future is capped.
    const older = await visit(token.ko, { seq: 1 });
    expect(older.body.current.seq).toBe(res.body.current.seq);
    const future = await visit(token.ko, { seq: 10 ** 12 });
    expect(future.body.current.seq).toBe(res.body.current.seq);
  });

  test('bad input: 400/404 with nothing recorded; anonymous 401', async () => {
    const before = await hashAllTables(db);
    expect((await changes(token.ko, '?since=yesterday')).status).toBe(400);
    expect((await changes(token.ko, '?since=-1')).status).toBe(400);
    expect((await changes(token.ko, '', 'de')).status).toBe(404);
    expect((await visit(token.ko, {}, 'de')).body).toMatchObject({ error: { code: 'language_not_found' } });
    expect((await visit(token.ko, { seq: -1 })).status).toBe(400);
    expect((await visit(token.ko, { seq: 'x' })).status).toBe(400);
    expect((await visit(token.ko, { other: 1 })).status).toBe(400);
    const unknown = await request(app).post('/api/documents/nope/visits/ko').set(auth(token.ko)).send({});
    expect(unknown.status).toBe(404);
    expect((await request(app).get('/api/documents/nope/changes').set(auth(token.ko))).status).toBe(404);
    expect((await request(app).post('/api/documents/doc/visits/ko').send({})).status).toBe(401);
    expect((await request(app).get('/api/documents/doc/changes/ko')).status).toBe(401);
    expect(await hashAllTables(db)).toBe(before);
  });
});
