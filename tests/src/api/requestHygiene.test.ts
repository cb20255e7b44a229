import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { createApp } from '@lockstep/server/app';
import { ConfigError, loadConfig } from '@lockstep/server/config';
import { createLogger } from '@lockstep/server/logger';
import { MAX_FAILURES_PER_ADDRESS } from '@lockstep/server/services/accounts';
import { addUser, testApp, testConfig, tokenFor } from '../support/app.js';
import { serve } from '../support/sse.js';
import { sharedTestDb } from '../support/sharedTestDb.js';

/** Issue #18, findings 6, 7, 9 and 11 (the catalogue rows are in hostile.test.ts). */

const db = sharedTestDb();

/** A GET sent byte for byte (fetch and supertest would re-encode a malformed path). */
function rawGet(base: string, path: string): Promise<{ status: number; type: string; body: { error?: { code: string; message: string } } }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET' }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: text.startsWith('{') ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('malformed percent escapes (finding 6)', () => {
  test('answer 400 with the JSON error shape without sign-in, on API and page paths', async () => {
    const { base, stop } = await serve(testApp(db()).app);
    try {
      for (const path of ['/api/documents/%FF', '/%FF', '/api/documents/doc/segments/%E4%B8/translations/ko', '/assets/%C0%AF.js']) {
        const res = await rawGet(base, path);
        expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 400, code: 'malformed_url' });
        expect(res.type).toMatch(/^application\/json/);
        expect(res.body.error?.message).toMatch(/percent escape/);
      }
      // Well-formed escapes still reach their routes; a malformed one in the query is only text.
      expect((await rawGet(base, '/api/documents/%E4%B8%AD')).status).toBe(401);
      expect((await rawGet(base, '/api/health?probe=%FF')).status).toBe(200);
    } finally {
      await stop();
    }
  });
});

describe('admin routes read user ids as decimal digits only (finding 9)', () => {
  test('PATCH /api/users/1e1, /0x10 and /%2012 change nobody; /10 changes user 10', async () => {
    const admin = await addUser(db(), 'admin@example.org', 'admin');
    for (let i = 2; i <= 16; i++) await addUser(db(), `user${i}@example.org`, 'translator', ['ko']);
    const { app } = testApp(db());
    const token = await tokenFor(app, admin.email);
    const names = async () => (await db().query<{ id: number; name: string }>('SELECT id::int AS id, name FROM users ORDER BY id')).rows;
    const before = await names();
    for (const id of ['1e1', '0x10', '%2012', '12%20', '012']) {
      const res = await request(app).patch(`/api/users/${id}`).set('Authorization', `Bearer ${token}`).send({ name: 'Changed' });
      expect({ id, status: res.status, code: res.body.error?.code }).toEqual({ id, status: 404, code: 'user_not_found' });
    }
    expect(await names()).toEqual(before);
    const ok = await request(app).patch('/api/users/10').set('Authorization', `Bearer ${token}`).send({ name: 'Changed' });
    expect(ok.status).toBe(200);
    expect((await names()).filter((u) => u.name === 'Changed').map((u) => u.id)).toEqual([10]);
  });
});

describe('LOCKSTEP_TRUST_PROXY (finding 7)', () => {
  test('takes a hop count or a list of proxy addresses and subnets; anything else is a configuration error', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ LOCKSTEP_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ LOCKSTEP_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ LOCKSTEP_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ LOCKSTEP_TRUST_PROXY: '10.0.0.0/8, loopback ,::1' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback', '::1']);
    for (const bad of ['true', 'yes', '-1', '1.5', '10.0.0.0/33', 'proxy.example.org', '10.0.0.0/8,,']) {
      expect(() => loadConfig({ LOCKSTEP_TRUST_PROXY: bad })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ LOCKSTEP_TRUST_PROXY: 'yes' })).toThrow(/LOCKSTEP_TRUST_PROXY/);
  });

  test('behind one proxy, a client that varies the left-most X-Forwarded-For still meets the per-address limit', async () => {
    const { app } = testApp(db(), { trustProxy: loadConfig({ LOCKSTEP_TRUST_PROXY: '1' }).trustProxy });
    const statuses: number[] = [];
    for (let i = 0; i <= MAX_FAILURES_PER_ADDRESS; i++) {
      const res = await request(app)
        .post('/api/session')
        // What the client wrote, then what the one trusted proxy appended: the client's address.
        .set('X-Forwarded-For', `198.51.100.${i}, 203.0.113.7`)
        .send({ email: `nobody${i}@example.org`, password: 'wrong-password' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, MAX_FAILURES_PER_ADDRESS).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another client behind the same proxy is not affected.
    const other = await request(app).post('/api/session').set('X-Forwarded-For', '203.0.113.8').send({ email: 'nobody@example.org', password: 'wrong-password' });
    expect(other.status).toBe(401);
  }, 120_000);
});

describe('access log (finding 11)', () => {
  test('redacts token, password and secret-like query parameters, keeps the others', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { app } = createApp({ db: db(), config: testConfig(), logger: createLogger('info', sink) });
    const secrets = ['tok-AAAA', 'pw-BBBB', 'sec-CCCC', 'key-DDDD', 'sig-EEEE', 'auth-FFFF', 'csrf-GGGG'];
    await request(app)
      .get(`/api/health?lang=ko&token=${secrets[0]}&password=${secrets[1]}&client_secret=${secrets[2]}&apiKey=${secrets[3]}&signature=${secrets[4]}&Authorization=${secrets[5]}&csrfToken=${secrets[6]}&q=plain&assignee=7`)
      .set('X-Request-Id', 'redact-1');
    const entry = lines.map((l) => JSON.parse(l) as { req?: { id: string; url: string } }).find((e) => e.req?.id === 'redact-1');
    expect(entry?.req?.url).toBe(
      '/api/health?lang=ko&token=[redacted]&password=[redacted]&client_secret=[redacted]&apiKey=[redacted]&signature=[redacted]&Authorization=[redacted]&csrfToken=[redacted]&q=plain&assignee=7',
    );
    for (const s of secrets) expect(lines.join('')).not.toContain(s);
  });
});

describe('invisible and text-direction characters (finding 10)', () => {
  test('refused in e-mails and names with 422 naming the character; joiners inside a Hindi name are fine', async () => {
    const admin = await addUser(db(), 'admin@example.org', 'admin');
    const existing = await addUser(db(), 'ko@example.org', 'translator', ['ko']);
    const { app } = testApp(db());
    const auth = { Authorization: `Bearer ${await tokenFor(app, admin.email)}` };
    const create = (email: string, name: string) =>
      request(app).post('/api/users').set(auth).send({ email, name, password: 'a long enough password', role: 'translator', languages: ['ko'] });

    const lookalike = await create('ko@example.org\u200b', 'Lookalike');
    expect(lookalike.status).toBe(422);
    expect(lookalike.body.error).toMatchObject({ code: 'hidden_characters', message: expect.stringMatching(/e-mail.*U\+200B ZERO WIDTH SPACE/) });
    const blankName = await create('blank@example.org', '\u200b\u2060\u3164');
    expect(blankName.status).toBe(422);
    expect(blankName.body.error.message).toMatch(/name/);
    const override = await create('rlo@example.org', 'Admin \u202etxt.exe');
    expect(override.status).toBe(422);
    expect(override.body.error.message).toMatch(/U\+202E RIGHT-TO-LEFT OVERRIDE/);
    const renamed = await request(app).patch(`/api/users/${existing.id}`).set(auth).send({ name: 'ko\u200f' });
    expect(renamed.status).toBe(422);
    expect(renamed.body.error.code).toBe('hidden_characters');
    expect((await db().query('SELECT count(*)::int AS n FROM users')).rows[0]).toEqual({ n: 2 });

    const hindi = await create('hi@example.org', 'लक्\u200dष्मी');
    expect(hindi.status).toBe(201);
  });

  test('in a translation, a save succeeds with a hidden_characters warning', async () => {
    await addUser(db(), 'coord@example.org', 'coordinator');
    await addUser(db(), 'ko@example.org', 'translator', ['ko']);
    const { app } = testApp(db());
    const coord = { Authorization: `Bearer ${await tokenFor(app, 'coord@example.org')}` };
    const ko = { Authorization: `Bearer ${await tokenFor(app, 'ko@example.org')}` };
    expect((await request(app).post('/api/documents').set(coord).send({ id: 'doc', title: 'D', sourceLang: 'en', targetLangs: ['ko'], markdown: 'Pay 100 dollars.\n' })).status).toBe(201);
    const [seg] = (await request(app).get('/api/documents/doc/segments?lang=ko').set(ko)).body.segments;
    const saved = await request(app).put(`/api/documents/doc/segments/${seg.id}/translations/ko`).set(ko).send({ text: '100달러를 \u202e지불하세요.', version: seg.translation.version });
    expect(saved.status).toBe(200);
    expect(saved.body.warnings).toContainEqual(expect.objectContaining({ code: 'hidden_characters', message: expect.stringMatching(/U\+202E/) }));
  });
});
