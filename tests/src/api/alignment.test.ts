import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { plainOfCoded } from '@lockstep/shared';
import { demoTokenFor, seedDemo, testApp } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await seedDemo(db);
  for (const who of ['ko', 'es', 'coordinator']) tokens[who] = await demoTokenFor(app, who);
});
afterAll(async () => {
  await db?.close();
});

const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const align = (lang: string, body: unknown, who = 'coordinator') =>
  request(app).post(`/api/documents/statement/translations/${lang}/align`).set(as(who)).send(body as object);

interface Pair {
  segmentIds: string[];
  text: string;
  confidence: number;
}

describe('POST /api/documents/:doc/translations/:lang/align', () => {
  test('the Spanish document Lockstep publishes aligns back onto the segments it came from', async () => {
    const md = await request(app).get('/api/documents/statement/markdown/es').set(as('es'));
    const segs = (await request(app).get('/api/documents/statement/segments?lang=es').set(as('es'))).body.segments as {
      id: string;
      translation: { state: string; text: string } | null;
    }[];
    const done = new Map(segs.filter((s) => s.translation && ['translated', 'approved'].includes(s.translation.state)).map((s) => [s.id, s.translation!.text]));
    const before = await hashAllTables(db);
    const res = await align('es', { markdown: md.text }, 'es');
    expect(res.status).toBe(200);
    const pairs = res.body.pairs as Pair[];
    const right = pairs.filter((p) => p.segmentIds.length === 1 && done.has(p.segmentIds[0]) && plainOfCoded(p.text) === plainOfCoded(done.get(p.segmentIds[0])!));
    // Every translated segment comes back as it is stored (codes and all, for most).
    expect(right.length / done.size).toBeGreaterThanOrEqual(0.95);
    expect(pairs.every((p) => p.confidence >= 0 && p.confidence <= 1)).toBe(true);
    expect(Array.isArray(res.body.unmatchedSource) && Array.isArray(res.body.unmatchedTarget)).toBe(true);
    // A proposal writes nothing.
    expect(await hashAllTables(db)).toEqual(before);
  });

  test('a Korean opening with two sentences merged into one', async () => {
    const markdown = [
      '# **러시아 특별군사작전 1주년: 러시아의 승리는 국제 노동계급의 승리가 될 것이다!**',
      '',
      '글: Marxists Speak Out  ',
      '2023년 2월 24일',
      '',
      '그래픽: 헨리 웡',
      '',
      // The two sentences of the source's paragraph merged into one.
      '*Marxists Speak Out은 2022년 2월부터 나토에 맞선 러시아의 승리를 지지하는 세력을 모으기 위해 활동해 왔으며, 공동 성명과 토론회, 시위 홍보를 통해 이 일을 해 왔다.*',
      '',
    ].join('\n');
    const res = await align('ko', { markdown }, 'ko');
    expect(res.status).toBe(200);
    const pairs = res.body.pairs as Pair[];
    expect(pairs.map((p) => p.segmentIds.length)).toEqual([1, 1, 1, 1, 2]);
    expect(plainOfCoded(pairs[2].text)).toBe('2023년 2월 24일');
    expect(pairs[4].confidence).toBeLessThan(pairs[2].confidence);
  });

  test('an HTML page is accepted too', async () => {
    const html =
      '<!DOCTYPE html><html lang="ko"><body><h1><strong>러시아 특별군사작전 1주년: 러시아의 승리는 국제 노동계급의 승리가 될 것이다!</strong></h1>' +
      '<p>글: Marxists Speak Out<br>2023년 2월 24일</p><p>그래픽: 헨리 웡</p></body></html>';
    const res = await align('ko', { html }, 'ko');
    expect(res.status).toBe(200);
    expect((res.body.pairs as Pair[]).map((p) => plainOfCoded(p.text))).toEqual([
      '러시아 특별군사작전 1주년: 러시아의 승리는 국제 노동계급의 승리가 될 것이다!',
      '글: Marxists Speak Out',
      '2023년 2월 24일',
      '그래픽: 헨리 웡',
    ]);
    expect((await align('ko', { html: '<p>x</p>', markdown: 'x' }, 'ko')).status).toBe(400);
  });

  test('refusals: another language, an unknown language, no Markdown, an empty document', async () => {
    expect((await align('es', { markdown: 'Hola.' }, 'ko')).status).toBe(403);
    const unknown = await align('de', { markdown: 'Hallo.' });
    expect(unknown.status).toBe(404);
    const missing = await align('ko', {});
    expect(missing.status).toBe(400);
    const empty = await align('ko', { markdown: '   \n' });
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('empty_document');
  });
});

interface Seg {
  id: string;
  source: string;
  translatable: boolean;
  translation: { text: string; state: string; version: number; suggestion: string | null } | null;
}
const segmentsOf = async (lang: string): Promise<Seg[]> =>
  (await request(app).get(`/api/documents/statement/segments?lang=${lang}`).set(as('coordinator'))).body.segments;
const apply = (lang: string, pairs: unknown[], who = 'ko', dryRun = false) =>
  request(app).post(`/api/documents/statement/translations/${lang}/align/apply${dryRun ? '?dryRun=true' : ''}`).set(as(who)).send({ pairs });

describe('POST /api/documents/:doc/translations/:lang/align/apply', () => {
  test('writes untranslated segments as translated with an `aligned` history row, never overwrites, and the dry run says so first', async () => {
    const segs = (await segmentsOf('ko')).filter((s) => s.translatable && !s.source.includes('<'));
    const untranslated = segs.filter((s) => s.translation!.state === 'untranslated' && s.translation!.text === '');
    const translated = segs.find((s) => s.translation!.state === 'translated')!;
    const [a, b, c] = untranslated;
    const pairs = [
      { segmentIds: [a.id], text: '정렬된 번역입니다.', versions: [a.translation!.version] },
      // A translator's merge: stored on the first, the second gets it as a suggestion.
      { segmentIds: [b.id, c.id], text: '두 문장을 하나로 합친 번역입니다.', versions: [b.translation!.version, c.translation!.version] },
      { segmentIds: [translated.id], text: '다른 번역.', versions: [translated.translation!.version] },
    ];
    const before = await hashAllTables(db);
    const dry = await apply('ko', pairs, 'ko', true);
    expect(dry.status).toBe(200);
    expect(await hashAllTables(db)).toEqual(before);
    expect(dry.body.counts).toEqual({ translated: 2, suggested: 2, unchanged: 0, conflict: 0, rejected: 0 });

    const res = await apply('ko', pairs);
    expect(res.status).toBe(200);
    expect(res.body.segments).toEqual(dry.body.segments);
    const after = new Map((await segmentsOf('ko')).map((s) => [s.id, s.translation!]));
    expect(after.get(a.id)).toMatchObject({ text: '정렬된 번역입니다.', state: 'translated', version: a.translation!.version + 1 });
    expect(after.get(b.id)).toMatchObject({ text: '두 문장을 하나로 합친 번역입니다.', state: 'translated' });
    expect(after.get(c.id)).toMatchObject({ text: '', state: 'untranslated', suggestion: '두 문장을 하나로 합친 번역입니다.' });
    // The existing translation is kept; the aligned text waits as its suggestion.
    expect(after.get(translated.id)).toMatchObject({ text: translated.translation!.text, state: 'translated', suggestion: '다른 번역.' });
    const history = await request(app).get(`/api/documents/statement/segments/${a.id}/translations/ko/history`).set(as('ko'));
    const events = history.body.events ?? history.body;
    expect(events[0]).toMatchObject({ kind: 'aligned', text: '정렬된 번역입니다.' });

    // Applying the same pairs again changes nothing: versions moved, so every pair is a conflict.
    const again = await apply('ko', pairs);
    expect(again.body.counts.conflict).toBe(4);
  });

  test('a pair whose translation was edited since the proposal is a conflict; the rest is applied', async () => {
    const segs = (await segmentsOf('ko')).filter((s) => s.translatable && s.translation!.state === 'untranslated' && s.translation!.text === '' && !s.source.includes('<'));
    const [a, b] = segs;
    const edited = await request(app).put(`/api/documents/statement/segments/${a.id}/translations/ko`).set(as('ko')).send({ text: '먼저 저장함.', version: a.translation!.version });
    expect(edited.status).toBe(200);
    const res = await apply('ko', [
      { segmentIds: [a.id], text: '늦은 정렬.', versions: [a.translation!.version] },
      { segmentIds: [b.id], text: '정렬.', versions: [b.translation!.version] },
    ]);
    expect(res.body.segments).toEqual([
      expect.objectContaining({ segmentId: a.id, outcome: 'conflict' }),
      { segmentId: b.id, outcome: 'translated' },
    ]);
    const after = new Map((await segmentsOf('ko')).map((s) => [s.id, s.translation!]));
    expect(after.get(a.id)!.text).toBe('먼저 저장함.');
  });

  test('refusals: unknown and locked segments, bad codes, another language, malformed bodies', async () => {
    const segs = await segmentsOf('ko');
    const locked = segs.find((s) => !s.translatable)!;
    const coded = segs.find((s) => s.translatable && s.source.includes('<1>') && s.translation!.text === '')!;
    const res = await apply('ko', [
      { segmentIds: ['nope'], text: '무엇.', versions: [1] },
      { segmentIds: [locked.id], text: '잠김.', versions: [0] },
      { segmentIds: [coded.id], text: '코드 없는 번역.', versions: [coded.translation!.version] },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.segments.map((s: { outcome: string }) => s.outcome)).toEqual(['rejected', 'rejected', 'suggested']);
    expect((await apply('es', [], 'ko')).status).toBe(403);
    expect((await apply('ko', [{ segmentIds: [], text: 'x', versions: [] }])).status).toBe(400);
    expect((await request(app).post('/api/documents/statement/translations/ko/align/apply').set(as('ko')).send({})).status).toBe(400);
  });
});
