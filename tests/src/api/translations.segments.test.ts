import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let coord: string;
let ko: string;
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

interface Seg {
  id: string;
  index: number;
  source: string;
  translatable: boolean;
  translation: { text: string; state: string; version: number } | null;
}

const MARKDOWN = Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} of the statement.`).join('\n\n') + '\n\ninfo@example.org\n\n100% of 50_50 people agree.\n';
const DOC = 'paging';
let segs: Seg[] = [];

async function list(query: string): Promise<{ segments: Seg[]; nextCursor?: string | null }> {
  const res = await request(app).get(`/api/documents/${DOC}/segments?lang=ko${query}`).set(auth(ko));
  expect(res.status).toBe(200);
  return res.body;
}

async function save(seg: Seg, text: string): Promise<void> {
  const current = (await list('')).segments.find((s) => s.id === seg.id)!;
  const res = await request(app)
    .put(`/api/documents/${DOC}/segments/${seg.id}/translations/ko`)
    .set(auth(ko))
    .send({ text, version: current.translation!.version });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  coord = await tokenFor(app, 'coord@example.org');
  ko = await tokenFor(app, 'ko@example.org');
  const created = await request(app).post('/api/documents').set(auth(coord)).send({ id: DOC, title: 'Paging', sourceLang: 'en', targetLangs: ['ko', 'fr'], markdown: MARKDOWN });
  expect(created.status).toBe(201);
  segs = (await list('')).segments;
  expect(segs).toHaveLength(14);
  expect(segs[12].translatable).toBe(false);
  await save(segs[0], '성명서의 1번 문장.');
  await save(segs[1], '성명서의 2번 문장.');
  await save(segs[2], '성명서의 3번 문장.');
  // What a revision does to a translation whose source changed.
  await db.query(`UPDATE translations SET state = 'stale', state_before_stale = 'translated', version = version + 1 WHERE segment_id = $1 AND lang = 'ko'`, [segs[1].id]);
});
afterAll(async () => {
  await db?.close();
});

describe('filters', () => {
  test('needs-work lists the untranslated and the stale segments in document order', async () => {
    const res = await list('&state=needs-work');
    const expected = segs.filter((s, i) => s.translatable && i !== 0 && i !== 2).map((s) => s.id);
    expect(res.segments.map((s) => s.id)).toEqual(expected);
    expect(new Set(res.segments.map((s) => s.translation!.state))).toEqual(new Set(['untranslated', 'stale']));
    expect((await list('&state=stale')).segments.map((s) => s.id)).toEqual([segs[1].id]);
    expect((await list('&state=locked')).segments.map((s) => s.id)).toEqual([segs[12].id]);
    const bad = await request(app).get(`/api/documents/${DOC}/segments?lang=ko&state=nonsense`).set(auth(ko));
    expect(bad.status).toBe(400);
  });

  test('search finds the source or the translation, case-insensitively, and treats % and _ literally', async () => {
    expect((await list(`&q=${encodeURIComponent('NUMBER 3 ')}`)).segments.map((s) => s.id)).toEqual([segs[2].id]);
    expect((await list(`&q=${encodeURIComponent('3번 문장')}`)).segments.map((s) => s.id)).toEqual([segs[2].id]);
    expect((await list(`&q=${encodeURIComponent('100%')}`)).segments.map((s) => s.id)).toEqual([segs[13].id]);
    expect((await list(`&q=${encodeURIComponent('%')}`)).segments.map((s) => s.id)).toEqual([segs[13].id]);
    expect((await list(`&q=${encodeURIComponent('50_50')}`)).segments.map((s) => s.id)).toEqual([segs[13].id]);
    // As a LIKE wildcard, r_1 would match "number 1", "number 10"…
    expect((await list(`&q=${encodeURIComponent('r_1')}`)).segments).toEqual([]);
    expect((await list(`&q=${encodeURIComponent('성명서')}&state=stale`)).segments.map((s) => s.id)).toEqual([segs[1].id]);
    // The stable id a translator quotes from an XLIFF file or an import report finds its segment.
    expect((await list(`&q=${encodeURIComponent(` ${segs[6].id.toUpperCase()} `)}`)).segments.map((s) => s.id)).toEqual([segs[6].id]);
  });

  test('a search typed in decomposed form finds the NFC text', async () => {
    const res = await request(app)
      .put(`/api/documents/${DOC}/segments/${segs[4].id}/translations/fr`)
      .set(auth(coord))
      .send({ text: 'Phrase numéro 5 de la déclaration.', version: 1 });
    expect(res.status).toBe(200);
    const found = await request(app).get(`/api/documents/${DOC}/segments?lang=fr&q=${encodeURIComponent('nume\u0301ro 5')}`).set(auth(coord));
    expect(found.body.segments.map((s: Seg) => s.id)).toEqual([segs[4].id]);
  });
});

describe('cursor paging while another translator edits', () => {
  test('every segment once, in order, whatever is saved behind and ahead of the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let page = 0;
    do {
      const res = await list(`&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.segments.map((s) => s.id));
      cursor = res.nextCursor;
      // Between pages: one save behind the cursor, one ahead of it.
      if (page < 3) {
        await save(segs[page * 3], `뒤쪽 수정 ${page}.`);
        await save(segs[page * 3 + 5], `앞쪽 수정 ${page}.`);
      }
      page++;
    } while (cursor);
    expect(seen).toEqual(segs.map((s) => s.id));
  });

  test('filtered by needs-work: no repeats, no gaps among segments that still need work', async () => {
    const atStart = new Set((await list('&state=needs-work')).segments.map((s) => s.id));
    const seen: Seg[] = [];
    let cursor: string | null | undefined;
    let page = 0;
    do {
      const res = await list(`&state=needs-work&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.segments);
      cursor = res.nextCursor;
      // Someone translates the next segment that needs work, ahead of the cursor.
      const ahead = segs.find((s) => s.index > (seen.at(-1)?.index ?? -1) && atStart.has(s.id) && s.translatable);
      if (page++ % 2 === 0 && ahead) {
        await save(ahead, `앞서 번역 ${page}.`);
        atStart.delete(ahead.id);
      }
    } while (cursor);
    const ids = seen.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.map((s) => s.index)).toEqual([...seen.map((s) => s.index)].sort((a, b) => a - b));
    expect(seen.every((s) => ['untranslated', 'stale'].includes(s.translation!.state))).toBe(true);
    const stillNeedWork = (await list('&state=needs-work')).segments.map((s) => s.id);
    expect(ids.filter((id) => stillNeedWork.includes(id))).toEqual(stillNeedWork);
  });
});
