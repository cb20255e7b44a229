import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { segmentMarkdown } from '@lockstep/shared';
import { DEMO_DIR } from '@lockstep/server/demo/statement';
import { demoTokenFor, seedDemo, testApp } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
const tokens: Record<string, string> = {};

const REVISION_1 = readFileSync(path.join(DEMO_DIR, 'statement.md'), 'utf8');
const REVISION_2 = readFileSync(path.join(DEMO_DIR, 'revision-2.md'), 'utf8');

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await seedDemo(db);
  for (const who of ['ko', 'es', 'coordinator']) {
    tokens[who] = await demoTokenFor(app, who);
  }
});
afterAll(async () => {
  await db?.close();
});

const get = (url: string, who = 'ko') => request(app).get(url).set('Authorization', `Bearer ${tokens[who]}`);

interface SegmentView {
  id: string;
  source: string;
  translatable: boolean;
  translation: { state: string; text: string; version: number } | null;
}
const segmentsOf = async (lang: string): Promise<SegmentView[]> => (await get(`/api/documents/statement/segments?lang=${lang}`)).body.segments;

const menuLine = (md: string) => md.split('\n').find((l) => l.startsWith('[Español]'))!;

describe('GET /api/documents/:doc/markdown/:lang', () => {
  test('Spanish (fully approved) downloads as Markdown with no fallbacks, the menu copied byte for byte', async () => {
    const res = await get('/api/documents/statement/markdown/es');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="statement.es.md"');
    expect(res.headers['x-lockstep-fallback']).toBe('');
    expect(res.headers['x-lockstep-fallback-count']).toBe('0');
    expect(res.headers['x-lockstep-revision']).toBe('2');
    expect(res.text).toContain(menuLine(REVISION_2));
    // Every approved translation is in the document (its words, inline codes turned to Markdown).
    const segs = await segmentsOf('es');
    for (const s of segs.filter((x) => x.translatable)) {
      expect(s.translation!.state).toBe('approved');
      const longestWordRun = s.translation!.text.replace(/<\/?\d+\/?>/g, '\n').split('\n').sort((a, b) => b.length - a.length)[0].trim();
      if (/^[\p{L}\p{N} ,.]+$/u.test(longestWordRun)) expect(res.text).toContain(longestWordRun);
    }
    // Same block structure: headings and list items.
    const count = (md: string, re: RegExp) => md.split('\n').filter((l) => re.test(l)).length;
    expect(count(res.text, /^#{1,6} /)).toBe(count(REVISION_2, /^#{1,6} /));
    expect(count(res.text, /^- /)).toBe(count(REVISION_2, /^- /));
    expect(res.text).not.toContain('Current Endorsers');
  });

  test('Korean lists exactly its untranslated and stale segments as fallbacks, shown in the source', async () => {
    const segs = await segmentsOf('ko');
    const expected = segs.filter((s) => s.translatable && !['translated', 'approved'].includes(s.translation!.state)).map((s) => s.id);
    expect(expected.length).toBeGreaterThan(0);
    const res = await get('/api/documents/statement/markdown/ko', 'es');
    expect(res.status).toBe(200);
    expect(res.headers['x-lockstep-fallback']).toBe(expected.join(','));
    expect(res.headers['x-lockstep-fallback-count']).toBe(String(expected.length));
    const stale = segs.find((s) => s.translation?.state === 'stale' && !/[<*_[\]`]/.test(s.source))!;
    expect(res.text).toContain(stale.source);
  });

  test('a translation saved now leaves the fallbacks and appears in the document', async () => {
    const segs = await segmentsOf('ko');
    const todo = segs.find((s) => s.translatable && s.translation!.state === 'untranslated' && !s.source.includes('<'))!;
    const put = await request(app)
      .put(`/api/documents/statement/segments/${todo.id}/translations/ko`)
      .set('Authorization', `Bearer ${tokens.ko}`)
      .send({ text: '새로 번역한 *문장* <입니다>.', version: todo.translation!.version });
    expect(put.status).toBe(200);
    const res = await get('/api/documents/statement/markdown/ko');
    expect(res.headers['x-lockstep-fallback'].split(',')).not.toContain(todo.id);
    // Markdown characters in the translation stay text.
    expect(res.text).toContain('새로 번역한 \\*문장\\* \\<입니다>.');
  });

  test('revision 1 is rebuilt from its own Markdown with the translations as they stood then', async () => {
    const res = await get('/api/documents/statement/markdown/es?revision=1');
    expect(res.status).toBe(200);
    expect(res.headers['x-lockstep-revision']).toBe('1');
    expect(res.headers['content-disposition']).toBe('attachment; filename="statement.es.md"');
    // Spanish was fully approved at revision 1 too (before revision 2 made some of it stale).
    expect(res.headers['x-lockstep-fallback-count']).toBe('0');
    expect(res.text).toContain(menuLine(REVISION_1));
    expect(res.text).not.toContain(menuLine(REVISION_2));
    const current = await get('/api/documents/statement/markdown/es');
    expect(res.text).not.toBe(current.text);
  });

  test('the source language returns the revision as published', async () => {
    const res = await get('/api/documents/statement/markdown/en');
    expect(res.status).toBe(200);
    expect(res.text).toBe(REVISION_2);
    expect(res.headers['content-disposition']).toBe('attachment; filename="statement.en.md"');
    expect((await get('/api/documents/statement/markdown/en?revision=1')).text).toBe(REVISION_1);
  });

  test.each([
    ['/api/documents/no-such/markdown/es', 404, 'document_not_found'],
    ['/api/documents/statement/markdown/xx', 404, 'language_not_found'],
    ['/api/documents/statement/markdown/es?revision=3', 404, 'revision_not_found'],
    ['/api/documents/statement/markdown/es?revision=0', 400, 'invalid_body'],
    ['/api/documents/statement/markdown/es?revision=abc', 400, 'invalid_body'],
    ['/api/documents/statement/markdown/es?revision=1.5', 400, 'invalid_body'],
    ['/api/documents/statement/markdown/es?revision=1&revision=2', 400, 'invalid_body'],
  ])('%s → %i %s, nothing changed', async (url, status, code) => {
    const before = await hashAllTables(db);
    const res = await get(url);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('a language that is not one of the document’s targets is 404', async () => {
    const create = await get('/api/documents', 'coordinator');
    expect(create.status).toBe(200);
    const made = await request(app)
      .post('/api/documents')
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .send({ id: 'two-langs', title: 'Two', sourceLang: 'en', targetLangs: ['ko'], markdown: 'One sentence.\n' });
    expect(made.status).toBe(201);
    expect((await get('/api/documents/two-langs/markdown/es')).status).toBe(404);
    expect((await get('/api/documents/two-langs/markdown/ko')).status).toBe(200);
  });

  test('signed-out callers are refused; any signed-in user may read any language', async () => {
    expect((await request(app).get('/api/documents/statement/markdown/es')).status).toBe(401);
    expect((await get('/api/documents/statement/markdown/ru', 'ko')).status).toBe(200);
  });

  test('a long fallback list is capped in the header and counted in full', async () => {
    const markdown = Array.from({ length: 1200 }, (_, i) => `Sentence number ${i + 1} stands alone.`).join('\n\n') + '\n';
    expect(segmentMarkdown(markdown, 'en').segments).toHaveLength(1200);
    const made = await request(app)
      .post('/api/documents')
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .send({ id: 'long', title: 'Long', sourceLang: 'en', targetLangs: ['ko'], markdown });
    expect(made.status).toBe(201);
    const res = await get('/api/documents/long/markdown/ko');
    expect(res.status).toBe(200);
    expect(res.text).toBe(markdown);
    expect(res.headers['x-lockstep-fallback-count']).toBe('1200');
    const listed = res.headers['x-lockstep-fallback'].split(',');
    expect(res.headers['x-lockstep-fallback'].length).toBeLessThanOrEqual(4000);
    expect(listed.length).toBeGreaterThan(100);
    expect(listed.length).toBeLessThan(1200);
    const ids = (await get('/api/documents/long/segments?lang=ko')).body.segments.map((s: { id: string }) => s.id);
    expect(listed).toEqual(ids.slice(0, listed.length));
  });
});
