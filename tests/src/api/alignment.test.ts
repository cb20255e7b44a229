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
