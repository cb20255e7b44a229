import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

/**
 * Markdown whose inline marks would keep the parser busy for seconds (blocking every other
 * request) is refused up front with 422, quickly, and nothing is stored; a long but ordinary
 * statement with many links and emphases in every paragraph is accepted.
 */

let db: TestDb;
let app: Express;
let coordinator: string;

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await addUser(db, 'coord@example.org', 'coordinator');
  coordinator = await tokenFor(app, 'coord@example.org');
});
afterAll(async () => {
  await db?.close();
});

const create = (id: string, markdown: string) =>
  request(app).post('/api/documents').set('Authorization', `Bearer ${coordinator}`).send({ id, title: id, sourceLang: 'en', targetLangs: ['ko'], markdown });

describe('Markdown the parser would choke on', () => {
  test.each([
    ['emphasis marks', `Intro.\n\n${'*a'.repeat(32_000)}\n`],
    ['unclosed link openers', `${'[a]('.repeat(32_000)}\n`],
    ['many paragraphs of marks', Array.from({ length: 30 }, () => '_a'.repeat(2_000)).join('\n\n')],
  ])('%s: 422 markdown_too_complex, nothing stored', async (_name, markdown) => {
    const before = await hashAllTables(db);
    const res = await create('hostile', markdown);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('markdown_too_complex');
    expect(res.body.error.message).toMatch(/paragraph at line \d+ has \d+ emphasis, link and code marks/);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('an ordinary long statement with links and emphasis in every paragraph is accepted', async () => {
    const paragraph = 'See [the *report*](https://example.org/a_b) and `code_x`, then _this_ and **that** [again](https://example.org).';
    const markdown = Array.from({ length: 2_000 }, (_, i) => `${paragraph} Paragraph ${i}.`).join('\n\n');
    const res = await create('ordinary', markdown);
    expect(res.status).toBe(201);
  });
});
