import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { testApp } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

/**
 * The built client as the server hands it out: pages are index.html (the client routes them),
 * the build's files are themselves, and a build file that is not there is a 404. The client
 * fetches most pages and every UI language but English as chunks; one that went missing must
 * fail to load (the page shows an error and a retry), not arrive as index.html parsed as script.
 */
let db: TestDb;
let app: ReturnType<typeof testApp>['app'];
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lockstep-client-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dir, 'assets', 'UsersPage-abc123.js'), 'export const UsersPage = 1;');
  db = await openTestDb();
  app = testApp(db, { clientDir: dir }).app;
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built client', () => {
  test('a page address is index.html', async () => {
    const res = await request(app).get('/documents/guide/ko/edit');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('id="root"');
  });

  test('a chunk that exists is served as script', async () => {
    const res = await request(app).get('/assets/UsersPage-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
  });

  test('a chunk that does not exist is a 404, not index.html', async () => {
    const res = await request(app).get('/assets/UsersPage-gone99.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/text\/html/);
    expect(res.text).not.toContain('id="root"');
  });
});
