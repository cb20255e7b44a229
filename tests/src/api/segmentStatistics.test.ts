import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let coord: string;
const auth = () => ({ Authorization: `Bearer ${coord}` });

const paragraphs = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `Sentence ${from + i} of the long statement.`).join('\n\n') + '\n';

/** What the planner believes the table holds (-1: never analyzed, so every estimate is a guess). */
async function plannerRows(table: string): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = $1`, [table]);
  return Number(r.rows[0].n);
}

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await addUser(db, 'coord@example.org', 'coordinator');
  coord = await tokenFor(app, 'coord@example.org');
}, 60_000);
afterAll(async () => {
  await db?.close();
});

// Without statistics (PGlite has no autovacuum; PostgreSQL's comes a minute later) the planner
// took the new document's segments for one row and joined every translation of the language
// to each of them: the 10,000-segment list took 15-46 s instead of under one.
describe('statistics after a large write', () => {
  test('creating a long document and publishing a long revision leave the planner knowing the sizes', async () => {
    const created = await request(app).post('/api/documents').set(auth()).send({ id: 'long', title: 'Long', sourceLang: 'en', targetLangs: ['ko', 'fr'], markdown: paragraphs(0, 600) });
    expect(created.status).toBe(201);
    expect(await plannerRows('segments')).toBeGreaterThanOrEqual(600);
    expect(await plannerRows('translations')).toBeGreaterThanOrEqual(1200);

    const published = await request(app).post('/api/documents/long/revisions').set(auth()).send({ markdown: paragraphs(0, 1200), baseRevision: 1 });
    expect(published.status).toBe(201);
    expect(await plannerRows('segments')).toBeGreaterThanOrEqual(1200);
    expect(await plannerRows('translations')).toBeGreaterThanOrEqual(2400);
  }, 120_000);

  test('a short document does not pay for it', async () => {
    const before = await plannerRows('segments');
    const created = await request(app).post('/api/documents').set(auth()).send({ id: 'short', title: 'Short', sourceLang: 'en', targetLangs: ['ko'], markdown: paragraphs(0, 5) });
    expect(created.status).toBe(201);
    expect(await plannerRows('segments')).toBe(before);
  });
});
