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

describe('the compact list (view=compact, the editor opens with it)', () => {
  type Full = Record<string, unknown> & { source: string; sourceRuns: unknown[]; translation: Record<string, unknown> | null };
  type Compact = Record<string, unknown> & { sourceRuns: unknown[]; translation?: Record<string, unknown> };
  const get = async (query: string) => {
    const res = await request(app).get(`/api/documents/${DOC}/segments?lang=ko${query}`).set(auth(ko));
    expect(res.status).toBe(200);
    return res.body as { revision: number; segments: (Full | Compact)[]; nextCursor?: string | null };
  };
  /** What the compact shape keeps of a full segment, every field written out. */
  const kept = ({ source: _source, words: _words, translation, ...rest }: Full) => ({
    ...rest,
    translation: translation && {
      text: translation.text,
      state: translation.state,
      version: translation.version,
      previousSource: translation.previousSource,
      suggestion: translation.suggestion,
    },
  });
  /** A compact segment with the fields it leaves out given their empty values (CompactSegment). */
  const filled = ({ translation, ...rest }: Compact) => ({
    lockReason: null,
    hoisted: null,
    derivedFrom: [],
    openQuestions: 0,
    ...rest,
    translation: translation ? { previousSource: null, suggestion: null, ...translation } : null,
  });

  test('the same segments as the full list with what the editor shows, for every filter, search and page', async () => {
    // A stale segment with the source it was translated from, one born of a split with its suggestion, an open question.
    await db.query(`UPDATE translations SET previous_source = 'Sentence number two of the statement.' WHERE segment_id = $1 AND lang = 'ko'`, [segs[1].id]);
    await db.query(`UPDATE segments SET derived_from = ARRAY['s999'] WHERE id = $1`, [segs[3].id]);
    await db.query(`UPDATE translations SET suggestion = '제안.', previous_source = 'Old <1>text</1>.' WHERE segment_id = $1 AND lang = 'ko'`, [segs[3].id]);
    const asked = await request(app).post(`/api/documents/${DOC}/segments/${segs[5].id}/comments`).set(auth(ko)).send({ text: 'Why?', kind: 'question', lang: 'ko' });
    expect(asked.status).toBe(201);

    for (const query of ['', '&state=needs-work', '&state=locked', '&state=open-questions', `&q=${encodeURIComponent('number 1')}`, '&limit=5', '&limit=5&state=untranslated']) {
      const full = await get(query);
      const compact = await get(`${query}&view=compact`);
      expect(compact.revision).toBe(full.revision);
      expect(compact.nextCursor).toEqual(full.nextCursor);
      expect(compact.segments.map((s) => filled(s as Compact))).toEqual(full.segments.map((s) => kept(s as Full)));
    }
    const all = (await get('&view=compact')).segments as Compact[];
    expect(all[5].openQuestions).toBe(1);
    expect(all[3].derivedFrom).toEqual(['s999']);
    expect(all[12].translation).toBeUndefined();
    expect(all[12].lockReason).toBe('email');
    // Nothing empty is sent: the fields left out are the ones that were null, [] or 0.
    expect(Object.keys(all[6]).sort()).toEqual(['blockIndex', 'id', 'index', 'kind', 'sourceRuns', 'translatable', 'translation']);
    expect(Object.keys(all[6].translation!).sort()).toEqual(['state', 'text', 'version']);
    // A cursor from a compact page continues the full list (and the other way round).
    const page = await get('&limit=4&view=compact');
    expect((await get(`&limit=4&cursor=${page.nextCursor}`)).segments.map((s) => s.id)).toEqual(segs.slice(4, 8).map((s) => s.id));
    expect((await request(app).get(`/api/documents/${DOC}/segments?lang=ko&view=tiny`).set(auth(ko))).status).toBe(400);
  });
});
