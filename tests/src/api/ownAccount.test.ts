import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, PASSWORD, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, truncateAll, type TestDb } from '../support/testDb.js';

/** `PATCH /api/users/me` (issue 20, item 4): one's own name and interface language, kept on the server. */
let db: TestDb;
let app: Express;
let ko: string;

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await truncateAll(db);
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'ru@example.org', 'reviewer', ['ru']);
  ko = await tokenFor(app, 'ko@example.org');
});

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const me = async (token: string) => (await request(app).get('/api/users/me').set(auth(token))).body.user;

describe('own account', () => {
  test('a new account has chosen no interface language', async () => {
    expect((await me(ko)).uiLanguage).toBeNull();
  });

  test('name and interface language follow the person to another sign-in', async () => {
    const res = await request(app).patch('/api/users/me').set(auth(ko)).send({ name: '  김민지 ', uiLanguage: 'ko' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'ko@example.org', name: '김민지', uiLanguage: 'ko', role: 'translator', languages: ['ko'] });
    // Another browser: a fresh sign-in sees the choice in the sign-in answer and in "who am I".
    const signIn = await request(app).post('/api/session').send({ email: 'ko@example.org', password: PASSWORD });
    expect(signIn.body.user).toMatchObject({ name: '김민지', uiLanguage: 'ko' });
    expect(await me(signIn.body.token)).toMatchObject({ name: '김민지', uiLanguage: 'ko' });
  });

  test('each field alone changes only itself; null gives the choice back to the browser', async () => {
    await request(app).patch('/api/users/me').set(auth(ko)).send({ uiLanguage: 'hi' });
    expect(await me(ko)).toMatchObject({ name: 'ko', uiLanguage: 'hi' });
    await request(app).patch('/api/users/me').set(auth(ko)).send({ name: 'Min-ji' });
    expect(await me(ko)).toMatchObject({ name: 'Min-ji', uiLanguage: 'hi' });
    await request(app).patch('/api/users/me').set(auth(ko)).send({ uiLanguage: null });
    expect(await me(ko)).toMatchObject({ name: 'Min-ji', uiLanguage: null });
  });

  test('changes only the caller, never another account', async () => {
    const ru = await tokenFor(app, 'ru@example.org');
    await request(app).patch('/api/users/me').set(auth(ko)).send({ name: 'Changed', uiLanguage: 'el' });
    expect(await me(ru)).toMatchObject({ name: 'ru', uiLanguage: null });
  });

  test.each([
    [{ role: 'admin' }, 400, /role/],
    [{ languages: ['ko', 'ru'] }, 400, /languages/],
    [{ active: false }, 400, /active/],
    [{ email: 'other@example.org' }, 400, /email/],
    [{ uiLanguage: 'de' }, 400, /uiLanguage/],
    [{ uiLanguage: 'KO' }, 400, /uiLanguage/],
    [{ name: '   ' }, 400, /name/],
    [{ name: 'x'.repeat(201) }, 400, /name/],
    [{ name: 'Min\u202Eji' }, 422, /invisible or text-direction/],
  ])('%j is refused (%i) with a reason and changes nothing', async (body, status, message) => {
    const before = await hashAllTables(db);
    const res = await request(app).patch('/api/users/me').set(auth(ko)).send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('signed out: 401', async () => {
    expect((await request(app).patch('/api/users/me').send({ name: 'X' })).status).toBe(401);
  });
});
