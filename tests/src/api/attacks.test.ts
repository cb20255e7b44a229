import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '@lockstep/server/app';
import { openDb } from '@lockstep/server/db';
import { createLogger } from '@lockstep/server/logger';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL } from '@lockstep/server/services/accounts';
import { addUser, PASSWORD, testApp, testConfig, tokenFor } from '../support/app.js';
import { hashAllTables, onPostgres, openTestDb, truncateAll, type TestDb } from '../support/testDb.js';

/*
 * Permission attacks (issue 10, part 5): session fixation, token reuse after sign-out and
 * deactivation, CSRF on cookie-authenticated writes, user enumeration, and brute force on
 * sign-in across two server processes sharing one database. session.test.ts already checks
 * the basics (CSRF on sign-out, a foreign Origin on sign-in, wrong password vs unknown e-mail
 * in message; signInTiming.slow.test.ts in time); these go after what an attacker would try next.
 */

let db: TestDb;
let app: Express;
let seg = '';
let version = 0;
const COOKIE = 'lockstep_session';
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const translationPath = () => `/api/documents/doc/segments/${seg}/translations/ko`;

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
  await addUser(db, 'ko2@example.org', 'translator', ['ko']);
  await addUser(db, 'admin@example.org', 'admin');
  const admin = await tokenFor(app, 'admin@example.org');
  const created = await request(app).post('/api/documents').set(auth(admin)).send({ id: 'doc', title: 'D', sourceLang: 'en', targetLangs: ['ko'], markdown: 'One sentence. Two sentences.\n' });
  expect(created.status).toBe(201);
  const first = (await request(app).get('/api/documents/doc/segments?lang=ko').set(auth(admin))).body.segments[0];
  seg = first.id;
  version = first.translation.version;
});

/** The session cookie's value from a Set-Cookie header. */
function cookieFrom(res: request.Response): string | undefined {
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return set.map((c) => new RegExp(`^${COOKIE}=([^;]*)`).exec(c)?.[1]).find((v) => v !== undefined);
}
const signIn = (email: string, password = PASSWORD, cookie?: string) => {
  const req = request(app).post('/api/session');
  return (cookie ? req.set('Cookie', `${COOKIE}=${cookie}`) : req).send({ email, password });
};
const me = (cookie: string) => request(app).get('/api/users/me').set('Cookie', `${COOKIE}=${cookie}`);

describe('session fixation', () => {
  test('a cookie value the attacker chose before sign-in is not adopted: sign-in issues a fresh token', async () => {
    const planted = 'A'.repeat(43);
    const res = await signIn('ko@example.org', PASSWORD, planted);
    expect(res.status).toBe(200);
    const issued = cookieFrom(res);
    expect(issued).toBe(res.body.token);
    expect(issued).not.toBe(planted);
    expect((await me(planted)).status).toBe(401);
    expect((await me(issued!)).body.user.email).toBe('ko@example.org');
  });

  test("the attacker's own valid session planted in the victim's browser stays the attacker's", async () => {
    const attacker = (await signIn('ko2@example.org')).body.token as string;
    const victim = await signIn('ko@example.org', PASSWORD, attacker);
    expect(victim.status).toBe(200);
    expect(cookieFrom(victim)).not.toBe(attacker);
    // The attacker's token did not become the victim's session.
    expect((await me(attacker)).body.user.email).toBe('ko2@example.org');
    expect((await me(cookieFrom(victim)!)).body.user.email).toBe('ko@example.org');
  });

  test('every sign-in issues a new token and a new CSRF token', async () => {
    const a = await signIn('ko@example.org');
    const b = await signIn('ko@example.org');
    expect(b.body.token).not.toBe(a.body.token);
    expect(b.body.csrfToken).not.toBe(a.body.csrfToken);
  });
});

describe('token reuse', () => {
  test('after sign-out, neither the cookie nor the same token as Bearer reads or writes anything', async () => {
    const s = await signIn('ko@example.org');
    const { token, csrfToken } = s.body as { token: string; csrfToken: string };
    const out = await request(app).delete('/api/session').set('Cookie', `${COOKIE}=${token}`).set('X-CSRF-Token', csrfToken);
    expect(out.status).toBe(204);

    const before = await hashAllTables(db);
    expect((await me(token)).status).toBe(401);
    expect((await request(app).get('/api/users/me').set(auth(token))).status).toBe(401);
    const cookieWrite = await request(app).put(translationPath()).set('Cookie', `${COOKIE}=${token}`).set('X-CSRF-Token', csrfToken).send({ text: '쓰기', version });
    expect(cookieWrite.status).toBe(401);
    const bearerWrite = await request(app).put(translationPath()).set(auth(token)).send({ text: '쓰기', version });
    expect(bearerWrite.status).toBe(401);
    expect((await request(app).delete('/api/session').set(auth(token))).status).toBe(401);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('after deactivation every token is dead at once, and reactivation does not revive them', async () => {
    const admin = await tokenFor(app, 'admin@example.org');
    const s = await signIn('ko@example.org');
    const { token, csrfToken } = s.body as { token: string; csrfToken: string };
    const other = await tokenFor(app, 'ko@example.org');
    const id = s.body.user.id as number;
    expect((await request(app).patch(`/api/users/${id}`).set(auth(admin)).send({ active: false })).status).toBe(200);

    const before = await hashAllTables(db);
    for (const t of [token, other]) {
      expect((await request(app).get('/api/users/me').set(auth(t))).status).toBe(401);
      expect((await request(app).put(translationPath()).set(auth(t)).send({ text: '쓰기', version })).status).toBe(401);
    }
    expect((await request(app).put(translationPath()).set('Cookie', `${COOKIE}=${token}`).set('X-CSRF-Token', csrfToken).send({ text: '쓰기', version })).status).toBe(401);
    expect(await hashAllTables(db)).toBe(before);

    expect((await request(app).patch(`/api/users/${id}`).set(auth(admin)).send({ active: true })).status).toBe(200);
    for (const t of [token, other]) expect((await request(app).get('/api/users/me').set(auth(t))).status).toBe(401);
    expect((await signIn('ko@example.org')).status).toBe(200);
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  async function session(email = 'ko@example.org') {
    const s = await signIn(email);
    return { cookie: `${COOKIE}=${s.body.token as string}`, csrf: s.body.csrfToken as string };
  }
  const write = (cookie: string, headers: Record<string, string>) =>
    request(app).put(translationPath()).set('Cookie', cookie).set(headers).send({ text: '번역', version });

  test.each<[string, (own: string, others: string) => Record<string, string>, string]>([
    ['no CSRF token', () => ({}), 'csrf_token_missing'],
    ['an empty CSRF token', () => ({ 'X-CSRF-Token': '' }), 'csrf_token_missing'],
    ['a wrong CSRF token', (own) => ({ 'X-CSRF-Token': own.slice(0, -2) + (own.endsWith('AA') ? 'BB' : 'AA') }), 'csrf_token_missing'],
    ["another session's CSRF token", (_own, others) => ({ 'X-CSRF-Token': others }), 'csrf_token_missing'],
    ['the right token from a foreign Origin', (own) => ({ 'X-CSRF-Token': own, Origin: 'https://evil.example' }), 'cross_origin'],
    ['the right token from Origin null (sandboxed frame)', (own) => ({ 'X-CSRF-Token': own, Origin: 'null' }), 'cross_origin'],
    ['the right token from a look-alike Origin', (own) => ({ 'X-CSRF-Token': own, Origin: 'http://127.0.0.1.evil.example' }), 'cross_origin'],
    ['no Origin and no token', () => ({}), 'csrf_token_missing'],
  ])('%s → 403, nothing written', async (_name, headers, code) => {
    const mine = await session();
    const theirs = await session('ko2@example.org');
    const before = await hashAllTables(db);
    const res = await write(mine.cookie, headers(mine.csrf, theirs.csrf));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe(code);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('the right token with no Origin (a script, not a browser) or our own Origin writes', async () => {
    const mine = await session();
    const noOrigin = await write(mine.cookie, { 'X-CSRF-Token': mine.csrf });
    expect(noOrigin.status).toBe(200);
    const host = 'lockstep.example:8080';
    const sameOrigin = await request(app)
      .put(translationPath())
      .set('Cookie', mine.cookie)
      .set('X-CSRF-Token', mine.csrf)
      .set('Host', host)
      .set('Origin', `http://${host}`)
      .send({ text: '번역 둘', version: noOrigin.body.translation.version });
    expect(sameOrigin.status).toBe(200);
  });

  test('a cookie-authenticated read needs no token, and a cookie write cannot borrow a Bearer-less CSRF token from the URL', async () => {
    const mine = await session();
    expect((await me(mine.cookie.split('=')[1])).status).toBe(200);
    const before = await hashAllTables(db);
    const viaQuery = await request(app).put(`${translationPath()}?csrfToken=${encodeURIComponent(mine.csrf)}`).set('Cookie', mine.cookie).send({ text: '번역', version });
    expect(viaQuery.status).toBe(403);
    expect(await hashAllTables(db)).toBe(before);
  });
});

describe('user enumeration', () => {
  test('unknown e-mail, wrong password and a deactivated account get the same answer', async () => {
    const admin = await tokenFor(app, 'admin@example.org');
    const ko2 = (await signIn('ko2@example.org')).body.user.id as number;
    expect((await request(app).patch(`/api/users/${ko2}`).set(auth(admin)).send({ active: false })).status).toBe(200);
    const answers = await Promise.all([
      signIn('nobody@example.org', 'wrong-password-1'),
      signIn('ko@example.org', 'wrong-password-1'),
      signIn('ko2@example.org', PASSWORD),
      signIn('KO@EXAMPLE.ORG ', 'wrong-password-1'),
    ]);
    for (const a of answers) expect({ status: a.status, body: a.body, cookie: cookieFrom(a) }).toEqual({ status: 401, body: answers[0].body, cookie: undefined });
  });

  test('the rate limit treats unknown e-mails like known ones', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) expect((await signIn('ghost@example.org', `wrong-${i}`)).status).toBe(401);
    const ghost = await signIn('ghost@example.org', 'wrong-x');
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) expect((await signIn('ko@example.org', `wrong-${i}`)).status).toBe(401);
    const known = await signIn('ko@example.org', PASSWORD);
    expect({ status: ghost.status, body: ghost.body }).toEqual({ status: 429, body: known.body });
    expect(known.status).toBe(429);
  });
});

// Two server processes' worth of state: separate apps, separate connection pools, one PostgreSQL
// database. PGlite is embedded in one process, so this only means something on PostgreSQL.
const pgOnly = onPostgres ? test : test.skip;

describe('brute force on sign-in across two processes', () => {
  pgOnly(`failures counted across both: the ${MAX_FAILURES_PER_EMAIL + 1}th attempt on either is 429, even with the right password`, async () => {
    const second = await openDb({ url: db.url!, strictTransactions: true });
    try {
      const other = createApp({ db: second, config: testConfig(), logger: createLogger('silent') }).app;
      const apps = [app, other];
      for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
        const res = await request(apps[i % 2]).post('/api/session').send({ email: 'ko@example.org', password: `wrong-${i}` });
        expect(res.status).toBe(401);
      }
      for (const a of apps) {
        const res = await request(a).post('/api/session').send({ email: 'ko@example.org', password: PASSWORD });
        expect(res.status).toBe(429);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      // One client address trying many e-mails is limited across both as well.
      const remaining = MAX_FAILURES_PER_ADDRESS - MAX_FAILURES_PER_EMAIL;
      for (let i = 0; i < remaining; i++) {
        const res = await request(apps[i % 2]).post('/api/session').send({ email: `spray${i}@example.org`, password: 'wrong-password' });
        expect(res.status).toBe(401);
      }
      for (const a of apps) expect((await request(a).post('/api/session').send({ email: 'ko2@example.org', password: PASSWORD })).status).toBe(429);
    } finally {
      await second.close();
    }
  });
});
