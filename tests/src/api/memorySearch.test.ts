import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { MemorySearchResults } from '@lockstep/shared/api';
import type { Express } from 'express';
import request from 'supertest';
import { loadStoredMemory } from '../bench/memory.js';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

// Issue 19 item 4: concordance search of the translation memory, GET /api/memory/search.

let db: TestDb;
let app: Express;
const token = { coord: '', ko: '' };
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

async function createDoc(id: string, paragraphs: string[]): Promise<{ id: string }[]> {
  const res = await request(app)
    .post('/api/documents')
    .set(auth(token.coord))
    .send({ id, title: id, sourceLang: 'en', targetLangs: ['ko', 'ru'], markdown: paragraphs.join('\n\n') });
  expect(res.status).toBe(201);
  const segs = await request(app).get(`/api/documents/${id}/segments?lang=ko`).set(auth(token.coord));
  return segs.body.segments;
}

async function save(doc: string, seg: string, text: string, lang = 'ko'): Promise<void> {
  const res = await request(app).put(`/api/documents/${doc}/segments/${seg}/translations/${lang}`).set(auth(token.coord)).send({ text, version: 1 });
  expect(res.status).toBe(200);
}

const search = (query: string, t = token.ko) => request(app).get(`/api/memory/search?${query}`).set(auth(t));
const hits = async (query: string) => {
  const res = await search(query);
  expect(res.status).toBe(200);
  return res.body as MemorySearchResults;
};

beforeAll(async () => {
  db = await openTestDb();
  ({ app } = testApp(db));
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  token.coord = await tokenFor(app, 'coord@example.org');
  token.ko = await tokenFor(app, 'ko@example.org');
  const [a, b, c] = await createDoc('concordance', [
    'The reading room closes at six.',
    'Return borrowed books to the front desk.',
    'Discounts of 50% apply to members_only events.',
  ]);
  await save('concordance', a.id, '열람실은 6시에 닫습니다.');
  await save('concordance', b.id, '빌린 책은 안내 데스크에 반납하세요.');
  await save('concordance', c.id, '회원 전용 행사는 50% 할인됩니다.');
  await save('concordance', a.id, '[ru] closes at six', 'ru');
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('concordance search', () => {
  test('a word of the source finds the stored pair, letter case aside; only translations into the language asked', async () => {
    const out = await hits('q=READING%20room&lang=ko');
    expect(out.hits.map((h) => [h.source, h.text, h.lang, h.documentId])).toEqual([['The reading room closes at six.', '열람실은 6시에 닫습니다.', 'ko', 'concordance']]);
    expect(out).toMatchObject({ page: 1, hasMore: false, truncated: false });
    expect((await hits('q=reading&lang=ru')).hits.map((h) => h.text)).toEqual(['[ru] closes at six']);
    expect((await hits('q=nowhere%20to%20be%20found&lang=ko')).hits).toEqual([]);
  });

  test('the translation side: a Korean word inside a longer word (a particle attached) is found', async () => {
    const out = await hits(`q=${encodeURIComponent('데스크')}&lang=ko&in=target`);
    expect(out.hits.map((h) => h.source)).toEqual(['Return borrowed books to the front desk.']);
  });

  test('% and _ are searched for as themselves, not as wildcards', async () => {
    expect((await hits('q=50%25&lang=ko')).hits.map((h) => h.source)).toEqual(['Discounts of 50% apply to members_only events.']);
    expect((await hits('q=s_o&lang=ko')).hits.map((h) => h.source)).toEqual(['Discounts of 50% apply to members_only events.']);
    expect((await hits('q=0%25%20a&lang=ko')).hits).toHaveLength(1);
    expect((await hits('q=e_s&lang=ko')).hits).toEqual([]);
  });

  test('bad requests answer 400 with what to fix and change nothing; anonymous is 401', async () => {
    const before = await hashAllTables(db);
    for (const query of ['lang=ko', 'q=a&lang=ko', 'q=%20%20x%20&lang=ko', 'q=reading&lang=xx', 'q=reading', 'q=reading&lang=ko&in=both', 'q=reading&lang=ko&limit=51', 'q=reading&lang=ko&page=0', 'q=reading&lang=ko&page=51&limit=20']) {
      const res = await search(query);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.error.message).toEqual(expect.any(String));
    }
    expect((await search(`q=${'x'.repeat(201)}&lang=ko`)).status).toBe(400);
    expect((await request(app).get('/api/memory/search?q=reading&lang=ko')).status).toBe(401);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('bounded: a word in more stored texts than the scan limit says so; pages do not repeat hits', async () => {
    await loadStoredMemory(db, 1_200); // 1,200 templated English sentences, translated into ko
    const first = await hits('q=the&lang=ko&limit=50');
    expect(first).toMatchObject({ truncated: true, hasMore: true, scanLimit: 1_000 });
    expect(first.hits).toHaveLength(50);
    const second = await hits('q=the&lang=ko&limit=50&page=2');
    const ids = new Set(first.hits.map((h) => h.segmentId));
    expect(second.hits.filter((h) => ids.has(h.segmentId))).toEqual([]);
    // Newest first.
    const times = first.hits.map((h) => Date.parse(h.updatedAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
  }, 120_000);
});
