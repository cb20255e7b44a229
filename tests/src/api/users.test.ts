import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, PASSWORD, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, truncateAll, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let admin: string;

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await truncateAll(db);
  await addUser(db, 'admin@example.org', 'admin');
  admin = await tokenFor(app, 'admin@example.org');
});

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

describe('user management', () => {
  test('an admin creates a translator who can then sign in and sees their languages', async () => {
    const res = await request(app)
      .post('/api/users')
      .set(auth(admin))
      .send({ email: 'New@Example.org', password: 'a-long-password', name: 'Nuevo', role: 'translator', languages: ['es', 'pt'] });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'new@example.org', role: 'translator', languages: ['es', 'pt'], active: true });
    const token = await tokenFor(app, 'new@example.org', 'a-long-password');
    const me = await request(app).get('/api/users/me').set(auth(token));
    expect(me.body.user.languages).toEqual(['es', 'pt']);
  });

  test('invalid user input is refused with a reason and writes nothing', async () => {
    const before = await hashAllTables(db);
    const cases: [object, number, RegExp][] = [
      [{ email: 'x@y.z', password: 'a-long-password', name: 'X', role: 'overlord' }, 400, /role/],
      [{ email: 'not-an-email', password: 'a-long-password', name: 'X', role: 'translator' }, 400, /email/],
      [{ email: 'x@y.z', password: 'short', name: 'X', role: 'translator' }, 422, /at least 8/],
      [{ email: 'x@y.z', password: 'a-long-password', name: 'X', role: 'translator', languages: ['de'] }, 400, /languages/],
      [{ email: 'x@y.z', password: 'a-long-password', name: 'X\u0000Y', role: 'translator' }, 422, /control character/],
      [{ email: 'x@y.z', password: 'a-long-password', name: 'X\uD800', role: 'translator' }, 422, /lone surrogate/],
    ];
    for (const [body, status, message] of cases) {
      const res = await request(app).post('/api/users').set(auth(admin)).send(body);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await hashAllTables(db)).toBe(before);
  });

  test('a taken e-mail is a 409', async () => {
    const body = { email: 'dup@example.org', password: 'a-long-password', name: 'D', role: 'translator' };
    expect((await request(app).post('/api/users').set(auth(admin)).send(body)).status).toBe(201);
    const again = await request(app).post('/api/users').set(auth(admin)).send({ ...body, email: 'DUP@example.org' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('email_taken');
  });

  test('changing role and languages takes effect on the next request', async () => {
    const { id } = await addUser(db, 'ko@example.org', 'translator', ['ko']);
    const token = await tokenFor(app, 'ko@example.org');
    const res = await request(app).patch(`/api/users/${id}`).set(auth(admin)).send({ role: 'reviewer', languages: ['ko', 'hi'] });
    expect(res.status).toBe(200);
    const me = await request(app).get('/api/users/me').set(auth(token));
    expect(me.body.user).toMatchObject({ role: 'reviewer', languages: ['ko', 'hi'] });
  });

  test('deactivating a user revokes their sessions at once and blocks sign-in', async () => {
    const { id } = await addUser(db, 'ko@example.org', 'translator', ['ko']);
    const token = await tokenFor(app, 'ko@example.org');
    expect((await request(app).patch(`/api/users/${id}`).set(auth(admin)).send({ active: false })).status).toBe(200);
    expect((await request(app).get('/api/users/me').set(auth(token))).status).toBe(401);
    const again = await request(app).post('/api/session').send({ email: 'ko@example.org', password: PASSWORD });
    expect(again.status).toBe(401);
  });

  test('an admin cannot deactivate themselves', async () => {
    const me = await request(app).get('/api/users/me').set(auth(admin));
    const res = await request(app).patch(`/api/users/${me.body.user.id}`).set(auth(admin)).send({ active: false });
    expect(res.status).toBe(403);
  });

  test('unknown user id is a 404; unknown fields are refused', async () => {
    expect((await request(app).patch('/api/users/999999').set(auth(admin)).send({ name: 'X' })).status).toBe(404);
    expect((await request(app).patch('/api/users/1').set(auth(admin)).send({ password: 'x' })).status).toBe(400);
  });

  test('changing one\u2019s own password keeps this session, ends the others, and the old password stops working', async () => {
    await addUser(db, 'ko@example.org', 'translator', ['ko']);
    const here = await tokenFor(app, 'ko@example.org');
    const elsewhere = await tokenFor(app, 'ko@example.org');
    const wrong = await request(app).post('/api/users/me/password').set(auth(here)).send({ currentPassword: 'nope-nope', newPassword: 'brand-new-pass' });
    expect(wrong.status).toBe(422);
    const ok = await request(app).post('/api/users/me/password').set(auth(here)).send({ currentPassword: PASSWORD, newPassword: 'brand-new-pass' });
    expect(ok.status).toBe(204);
    expect((await request(app).get('/api/users/me').set(auth(here))).status).toBe(200);
    expect((await request(app).get('/api/users/me').set(auth(elsewhere))).status).toBe(401);
    expect((await request(app).post('/api/session').send({ email: 'ko@example.org', password: PASSWORD })).status).toBe(401);
    await tokenFor(app, 'ko@example.org', 'brand-new-pass');
  });
});
