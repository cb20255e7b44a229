import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

/** `GET /api/my-work` (issue 20, item 2): a translator's and a reviewer's work, newest revision first. */
let db: TestDb;
let app: Express;
const token: Record<'coord' | 'ko' | 'reviewer', string> = { coord: '', ko: '', reviewer: '' };

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const OLDER = 'First sentence here. Second one follows.\n\nA third paragraph with four words.\n';
const NEWER = 'Only one sentence in this one.\n';

async function create(id: string, markdown: string, targetLangs: string[]) {
  const res = await request(app).post('/api/documents').set(auth(token.coord)).send({ id, title: id.toUpperCase(), sourceLang: 'en', targetLangs, markdown });
  expect(res.status).toBe(201);
}
const work = async (t: string) => {
  const res = await request(app).get('/api/my-work').set(auth(t));
  expect(res.status).toBe(200);
  return res.body.items as { documentId: string; lang: string; revision: number; toTranslate: { segments: number; words: number }; toReview: { segments: number; words: number } }[];
};
const segments = async (doc: string, lang: string, state: string) =>
  (await request(app).get(`/api/documents/${doc}/segments?lang=${lang}&state=${state}`).set(auth(token.ko))).body.segments as { id: string; words: number; translation: { version: number } }[];

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'rev@example.org', 'reviewer', ['ko', 'ru']);
  token.coord = await tokenFor(app, 'coord@example.org');
  token.ko = await tokenFor(app, 'ko@example.org');
  token.reviewer = await tokenFor(app, 'rev@example.org');
  await create('older', OLDER, ['ko', 'ru']);
  // Revisions are ordered by their publication time: make the second one visibly later.
  await new Promise((resolve) => setTimeout(resolve, 20));
  await create('newer', NEWER, ['ko', 'fr']);
});
afterAll(async () => {
  await db?.close();
});

describe('my work', () => {
  test('a translator sees their language of each document, newest revision first, with what needs work', async () => {
    const items = await work(token.ko);
    expect(items.map((i) => `${i.documentId}/${i.lang}`)).toEqual(['newer/ko', 'older/ko']);
    // The counts are what the editor's "Needs work" filter lists.
    for (const item of items) {
      const needs = await segments(item.documentId, 'ko', 'needs-work');
      expect(item.toTranslate).toEqual({ segments: needs.length, words: needs.reduce((n, s) => n + s.words, 0) });
      expect(item.toReview).toEqual({ segments: 0, words: 0 });
    }
    expect(items[1].toTranslate).toEqual({ segments: 3, words: 12 });
  });

  test('a saved translation leaves the work; the reviewer sees it waiting for review; a new revision comes first', async () => {
    const [first] = await segments('older', 'ko', 'needs-work');
    const saved = await request(app).put(`/api/documents/older/segments/${first.id}/translations/ko`).set(auth(token.ko)).send({ text: '첫 번째 문장입니다.', version: first.translation.version });
    expect(saved.status).toBe(200);
    const older = (await work(token.ko)).find((i) => i.documentId === 'older')!;
    expect(older.toTranslate).toEqual({ segments: 2, words: 12 - first.words });

    const review = await work(token.reviewer);
    // Same revision: the language with more words left to translate first.
    expect(review.map((i) => `${i.documentId}/${i.lang}`)).toEqual(['newer/ko', 'older/ru', 'older/ko']);
    expect(review.find((i) => i.documentId === 'older' && i.lang === 'ko')!.toReview).toEqual({ segments: 1, words: first.words });

    const published = await request(app).post('/api/documents/older/revisions').set(auth(token.coord)).send({ markdown: OLDER + '\nA brand new closing line.\n' });
    expect(published.status).toBe(201);
    const after = await work(token.ko);
    expect(after.map((i) => `${i.documentId}/${i.lang}@${i.revision}`)).toEqual(['older/ko@2', 'newer/ko@1']);
    expect(after[0].toTranslate.segments).toBe(3);
  });

  test('coordinators, who have no languages of their own, get no items', async () => {
    expect(await work(token.coord)).toEqual([]);
  });

  test('signed out: 401', async () => {
    expect((await request(app).get('/api/my-work')).status).toBe(401);
  });
});
