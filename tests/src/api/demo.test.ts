import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { demoTokenFor, seedDemo, testApp } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let token: string;

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await seedDemo(db);
  token = await demoTokenFor(app, 'ko');
});
afterAll(async () => {
  await db?.close();
});

const get = (url: string) => request(app).get(url).set('Authorization', `Bearer ${token}`);

describe('the demo as npm start opens it', () => {
  test('is at revision 2, which merged the broken sentence and fixed the language menu', async () => {
    const revisions = await get('/api/documents/statement/revisions');
    expect(revisions.body.revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    // Modified: the reworded sentence and the (locked) language menu, which follows the source.
    expect(revisions.body.revisions[0].impact).toMatchObject({ merged: 1, modified: 2 });
    const segs = (await get('/api/documents/statement/segments?lang=ko')).body.segments as { source: string; translatable: boolean }[];
    expect(segs).toHaveLength(63);
    const menu = segs.find((s) => s.source.includes('Español'))!;
    expect(menu.translatable).toBe(false);
    expect(menu.source).toContain('한국어');
    expect(menu.source).toContain('Français');
  });

  test('Spanish (approved) and French are complete against revision 2; the others have stale work', async () => {
    const p = (await get('/api/documents/statement/progress')).body.languages;
    expect(p.es.complete).toBe(1);
    expect(p.es.segments.approved).toBe(60);
    expect(p.fr.complete).toBe(1);
    expect(p.es.completeAgainstRevision).toBe(2);
    expect(p.tl.segments.untranslated).toBe(60);
    for (const lang of ['ko', 'ru', 'pt']) expect(p[lang].segments.stale).toBeGreaterThanOrEqual(1);
  });

  test('a Korean translator sees the stale sentence with its word diff, and the merged one with a suggestion', async () => {
    const stale = (await get('/api/documents/statement/segments?lang=ko&state=stale')).body.segments;
    expect(stale).toHaveLength(1);
    const diff = stale[0].translation.diff as { op: string; text: string }[];
    expect(diff.filter((d) => d.op === 'removed').map((d) => d.text.trim()).join(' ')).toMatch(/and closed/);
    expect(diff.filter((d) => d.op === 'added').map((d) => d.text.trim()).join(' ')).toMatch(/while steadily closing/);
    const all = (await get('/api/documents/statement/segments?lang=ko')).body.segments;
    const merged = all.find((s: { derivedFrom: string[] }) => s.derivedFrom.length === 2);
    expect(merged.source).toMatch(/^In addition to the billions of dollars/);
    expect(merged.translation.state).toBe('untranslated');
    expect(merged.translation.suggestion).toMatch(/수십억 달러/);
  });
});
