import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { seedDemoAccounts } from '@lockstep/server/demo/accounts';
import { DEMO_APPROVED_LANG, readDemoTranslations, seedDemoStatement } from '@lockstep/server/demo/statement';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let coordinator: string;
let translator: string;

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await seedDemoAccounts(db);
  await seedDemoStatement(db, { throughRevision: 1 });
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  coordinator = await tokenFor(app, 'coord@example.org');
  translator = await tokenFor(app, 'ko@example.org');
});
afterAll(async () => {
  await db?.close();
});

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const STATE_KEYS = ['untranslated', 'translated', 'stale', 'approved', 'locked'] as const;

describe('the demo statement', () => {
  test('is listed with its eight target languages and progress', async () => {
    const res = await request(app).get('/api/documents').set(auth(translator));
    expect(res.status).toBe(200);
    const doc = res.body.find((d: { id: string }) => d.id === 'statement');
    expect(doc).toMatchObject({ sourceLang: 'en', revision: 1, targetLangs: ['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'] });
    expect(Object.keys(doc.progress).sort()).toEqual(['el', 'es', 'fr', 'hi', 'ko', 'pt', 'ru', 'tl']);
  });

  test('has 64 segments, 3 of them locked, with autonyms in the document metadata', async () => {
    const meta = await request(app).get('/api/documents/statement').set(auth(translator));
    expect(meta.body.languages.map((l: { autonym: string }) => l.autonym)).toEqual([
      'English', 'Español', '한국어', 'Português', 'Ελληνικά', 'हिंदी', 'Français', 'Tagalog', 'Русский',
    ]);
    const res = await request(app).get('/api/documents/statement/segments?lang=ko').set(auth(translator));
    expect(res.status).toBe(200);
    expect(res.body.segments).toHaveLength(64);
    expect(res.body.segments.filter((s: { translatable: boolean }) => !s.translatable)).toHaveLength(3);
    for (const s of res.body.segments) expect(s.translation === null).toBe(!s.translatable);
  });

  test('progress equals a recount from the segment list, for every language, in segments and words', async () => {
    const progress = await request(app).get('/api/documents/statement/progress').set(auth(translator));
    for (const lang of ['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru']) {
      const list = await request(app).get(`/api/documents/statement/segments?lang=${lang}`).set(auth(translator));
      const segs = { total: 0, untranslated: 0, translated: 0, stale: 0, approved: 0, locked: 0 };
      const words = { ...segs };
      for (const s of list.body.segments as { translatable: boolean; words: number; translation: { state: keyof typeof segs } | null }[]) {
        const state = s.translatable ? s.translation!.state : 'locked';
        segs[state]++;
        segs.total++;
        words[state] += s.words;
        words.total += s.words;
      }
      const p = progress.body.languages[lang];
      expect(p.segments).toEqual(segs);
      expect(p.words).toEqual(words);
      // Locked segments are counted and shown but are not work (api.md "Progress").
      expect(p.complete).toBeCloseTo((segs.translated + segs.approved) / (segs.total - segs.locked), 10);
      expect(STATE_KEYS.reduce((n, k) => n + p.segments[k], 0)).toBe(p.segments.total);
    }
  });

  test('is work in progress: two languages complete (one approved), several partial, one untouched', async () => {
    const progress = (await request(app).get('/api/documents/statement/progress').set(auth(translator))).body.languages;
    const complete = Object.entries(progress).filter(([, p]) => (p as { complete: number }).complete === 1).map(([l]) => l);
    expect(complete.sort()).toEqual(['es', 'fr']);
    expect(progress[DEMO_APPROVED_LANG].segments.approved).toBe(61);
    expect(progress.tl.segments.untranslated).toBe(61);
    // Untouched: 0%, not the locked lines' 3 of 64.
    expect(progress.tl).toMatchObject({ complete: 0, completeAgainstRevision: null, segments: { locked: 3 } });
    const partial = Object.values(progress).filter((p) => {
      const c = (p as { complete: number }).complete;
      return c > 0.1 && c < 1;
    });
    expect(partial.length).toBeGreaterThanOrEqual(4);
    // Every fixture translation landed on the segment it names.
    const files = readDemoTranslations();
    for (const f of files) {
      const list = await request(app).get(`/api/documents/statement/segments?lang=${f.lang}`).set(auth(translator));
      const done = list.body.segments.filter((s: { translation: { state: string } | null }) => s.translation && s.translation.state !== 'untranslated');
      expect(done).toHaveLength(f.segments.length);
    }
  });

  test('segments filter by state and by search text, and page with a stable cursor', async () => {
    const translated = await request(app).get('/api/documents/statement/segments?lang=ko&state=translated').set(auth(translator));
    expect(translated.body.segments.length).toBeGreaterThan(10);
    expect(translated.body.segments.every((s: { translation: { state: string } }) => s.translation.state === 'translated')).toBe(true);
    const search = await request(app).get('/api/documents/statement/segments?lang=ko&q=NATO').set(auth(translator));
    expect(search.body.segments.length).toBeGreaterThan(2);
    expect(search.body.segments.every((s: { source: string; translation: { text: string } }) => /nato/i.test(s.source + s.translation.text))).toBe(true);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/documents/statement/segments?lang=ko&limit=20${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await request(app).get(url).set(auth(translator));
      pages.push(...page.body.segments.map((s: { id: string }) => s.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await request(app).get('/api/documents/statement/segments?lang=ko').set(auth(translator));
    expect(pages).toEqual(all.body.segments.map((s: { id: string }) => s.id));
  });

  test('unknown document or language is a 404', async () => {
    expect((await request(app).get('/api/documents/nope').set(auth(translator))).status).toBe(404);
    expect((await request(app).get('/api/documents/statement/segments?lang=de').set(auth(translator))).status).toBe(404);
    expect((await request(app).get('/api/documents/statement/segments?lang=en').set(auth(translator))).status).toBe(404);
    expect((await request(app).get('/api/documents/statement/revisions/7').set(auth(translator))).status).toBe(404);
  });

  test('revision 1 is the statement byte for byte', async () => {
    const rev = await request(app).get('/api/documents/statement/revisions/1').set(auth(translator));
    const file = readFileSync(new URL('../../../fixtures/statement/statement.md', import.meta.url), 'utf8');
    expect(rev.body.markdown).toBe(file);
  });
});

describe('creating documents', () => {
  const korean = '# 성명서\n\n우리는 평화를 원한다. 전쟁에 반대한다!\n\n- 첫째 항목입니다.\n- 둘째 항목입니다.\n';

  test('a coordinator creates a document in any of the nine languages', async () => {
    const res = await request(app)
      .post('/api/documents')
      .set(auth(coordinator))
      .send({ id: 'ko-statement', title: '성명서', sourceLang: 'ko', targetLangs: ['en', 'ru'], markdown: korean });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 'ko-statement', revision: 1, segments: 5 });
    const segs = await request(app).get('/api/documents/ko-statement/segments?lang=en').set(auth(translator));
    expect(segs.body.segments.map((s: { source: string }) => s.source)).toEqual([
      '성명서', '우리는 평화를 원한다.', '전쟁에 반대한다!', '첫째 항목입니다.', '둘째 항목입니다.',
    ]);
    expect(segs.body.segments.every((s: { translation: { state: string } }) => s.translation.state === 'untranslated')).toBe(true);
  });

  test('a translator may not create documents; nothing is written', async () => {
    const before = await hashAllTables(db);
    const res = await request(app)
      .post('/api/documents')
      .set(auth(translator))
      .send({ id: 'x', title: 'X', sourceLang: 'en', targetLangs: ['ko'], markdown: 'Hello.' });
    expect(res.status).toBe(403);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('bad input gets a 4xx with a reason and changes nothing', async () => {
    const before = await hashAllTables(db);
    const base = { id: 'bad-doc', title: 'Bad', sourceLang: 'en', targetLangs: ['ko'], markdown: 'Hello world.' };
    const cases: [object, number, string][] = [
      [{ ...base, id: 'Bad Id!' }, 400, 'invalid_body'],
      [{ ...base, sourceLang: 'de' }, 400, 'invalid_body'],
      [{ ...base, targetLangs: ['en'] }, 422, 'target_is_source'],
      [{ ...base, markdown: '   \n\n ' }, 422, 'markdown_empty'],
      [{ ...base, markdown: 'x'.repeat(5 * 1024 * 1024 + 1) }, 413, 'markdown_too_large'],
      [{ ...base, id: 'statement' }, 409, 'document_exists'],
      [{ ...base, markdown: 'Hello\u0000world.' }, 422, 'invalid_text'],
    ];
    for (const [body, status, code] of cases) {
      const res = await request(app).post('/api/documents').set(auth(coordinator)).send(body);
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
    }
    expect(await hashAllTables(db)).toBe(before);
  });
});
