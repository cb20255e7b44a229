import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { hashPassword, passwordCostFromEnv, verifyPassword } from '@lockstep/server/security/passwords';
import { addUser, PASSWORD, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, truncateAll, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;

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
});

describe('health', () => {
  test('answers without sign-in and names the database', async () => {
    const res = await request(app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, db: db.kind });
  });
});

describe('sign-in', () => {
  test('returns a token, a CSRF token and the user, and sets an HttpOnly SameSite cookie', async () => {
    const res = await request(app).post('/api/session').send({ email: 'KO@example.org ', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'ko@example.org', role: 'translator', languages: ['ko'] });
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body.csrfToken).toEqual(expect.any(String));
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/lockstep_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password/i);
  });

  test('stores only a hash of the token', async () => {
    const token = await tokenFor(app, 'ko@example.org');
    const rows = await db.query<{ token_hash: Buffer }>('SELECT token_hash FROM auth_tokens');
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].token_hash.toString('base64url')).not.toBe(token);
    expect(rows.rows[0].token_hash.toString('utf8')).not.toContain(token);
    const users = await db.query<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(users.rows[0].password_hash).toMatch(/^scrypt\$/);
    expect(users.rows[0].password_hash).not.toContain(PASSWORD);
  });

  test('wrong password and unknown e-mail get the same status, code and message', async () => {
    const wrong = await request(app).post('/api/session').send({ email: 'ko@example.org', password: 'nope-nope-nope' });
    const unknown = await request(app).post('/api/session').send({ email: 'nobody@example.org', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  test('malformed bodies get 400 or 415 with a reason, never 500', async () => {
    const notJson = await request(app).post('/api/session').set('content-type', 'application/json').send('{"email":');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('malformed_json');
    const form = await request(app).post('/api/session').type('form').send('email=a&password=b');
    expect(form.status).toBe(415);
    const missing = await request(app).post('/api/session').send({ email: 'ko@example.org' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/password/);
  });

  test('repeated failures for one e-mail are rate-limited with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await request(app).post('/api/session').send({ email: 'ko@example.org', password: `wrong-${i}-pass` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const locked = await request(app).post('/api/session').send({ email: 'ko@example.org', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
    expect(locked.body.error.code).toBe('too_many_attempts');
  });
});

describe('signed-in requests', () => {
  test('a bearer token works until sign-out, then gets 401', async () => {
    const token = await tokenFor(app, 'ko@example.org');
    const me = await request(app).get('/api/users/me').set('Authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('ko@example.org');
    const out = await request(app).delete('/api/session').set('Authorization', `Bearer ${token}`);
    expect(out.status).toBe(204);
    const after = await request(app).get('/api/users/me').set('Authorization', `Bearer ${token}`);
    expect(after.status).toBe(401);
  });

  test('anonymous requests to protected routes get 401', async () => {
    const res = await request(app).get('/api/documents');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('sign_in_required');
  });

  test('cookie writes need the CSRF token; with it they work', async () => {
    const agent = request.agent(app);
    const signIn = await agent.post('/api/session').send({ email: 'ko@example.org', password: PASSWORD });
    const csrf = signIn.body.csrfToken as string;
    expect((await agent.get('/api/users/me')).status).toBe(200);

    const before = await hashAllTables(db);
    const without = await agent.delete('/api/session');
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf_token_missing');
    const wrong = await agent.delete('/api/session').set('X-CSRF-Token', 'x'.repeat(43));
    expect(wrong.status).toBe(403);
    expect(await hashAllTables(db)).toBe(before);

    const ok = await agent.delete('/api/session').set('X-CSRF-Token', csrf);
    expect(ok.status).toBe(204);
    expect((await agent.get('/api/users/me')).status).toBe(401);
  });

  test('a page reload can recover the CSRF token from /api/users/me', async () => {
    const agent = request.agent(app);
    const signIn = await agent.post('/api/session').send({ email: 'ko@example.org', password: PASSWORD });
    const me = await agent.get('/api/users/me');
    expect(me.body.csrfToken).toBe(signIn.body.csrfToken);
  });

  test('writes from another origin are refused', async () => {
    const res = await request(app)
      .post('/api/session')
      .set('Origin', 'https://evil.example')
      .send({ email: 'ko@example.org', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('cross_origin');
  });

  test('a garbage bearer token gets 401, not 500', async () => {
    const res = await request(app).get('/api/users/me').set('Authorization', "Bearer ' OR 1=1 --");
    expect(res.status).toBe(401);
  });
});

describe('password hashing cost', () => {
  test('new hashes use scrypt N=2^15 unless LOCKSTEP_PASSWORD_COST says otherwise; each hash keeps its own N', async () => {
    expect(passwordCostFromEnv({})).toBe(15);
    expect(passwordCostFromEnv({ LOCKSTEP_PASSWORD_COST: '12' })).toBe(12);
    // The account made through the service (beforeEach) was hashed at this process's setting.
    const stored = await db.query<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(stored.rows[0].password_hash.startsWith(`scrypt$${2 ** passwordCostFromEnv(process.env)}$8$1$`)).toBe(true);
    const production = await hashPassword('a long passphrase', passwordCostFromEnv({}));
    expect(production).toMatch(/^scrypt\$32768\$8\$1\$/);
    const cheap = await hashPassword('a long passphrase', 10);
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    // A server whose cost changed still signs in everyone hashed at the old one.
    expect(await verifyPassword('a long passphrase', production)).toBe(true);
    expect(await verifyPassword('a long passphrase', cheap)).toBe(true);
    expect(await verifyPassword('a long passphrasf', production)).toBe(false);
  });
});
