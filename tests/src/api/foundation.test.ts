import { connect, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { createApp } from '@lockstep/server/app';
import { loadConfig } from '@lockstep/server/config';
import { createLogger } from '@lockstep/server/logger';
import { addUser, PASSWORD, testConfig } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
const lines: string[] = [];
let app: ReturnType<typeof createApp>['app'];

beforeAll(async () => {
  db = await openTestDb();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  // The production logger (redaction included) at its most verbose, writing to memory.
  app = createApp({ db, config: testConfig(), logger: createLogger('debug', sink) }).app;
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
});
afterAll(async () => {
  await db?.close();
});

describe('logs', () => {
  test('never contain passwords, tokens or cookies', async () => {
    const agent = request.agent(app);
    const signIn = await agent.post('/api/session').send({ email: 'ko@example.org', password: PASSWORD });
    const token = signIn.body.token as string;
    await agent.get('/api/users/me');
    await request(app).get('/api/users/me').set('Authorization', `Bearer ${token}`);
    await request(app).post('/api/session').send({ email: 'ko@example.org', password: 'wrong-password-here' });
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(100);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain('wrong-password-here');
    expect(all).not.toContain(token);
    expect(all).not.toContain(signIn.body.csrfToken);
  });
});

describe('access log', () => {
  const entriesFor = (id: string) =>
    lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => (e.req as { id?: string } | undefined)?.id === id || e.reqId === id);

  test('one line per request with its id, method, URL, status and time; level by status', async () => {
    await request(app).get('/api/health?probe=1').set('X-Request-Id', 'log-ok');
    await request(app).get('/api/users/me').set('X-Request-Id', 'log-401');
    await request(app).get('/api/users/me').set('Authorization', 'Bearer no-such-token').set('X-Request-Id', 'log-401-token');
    await request(app).get('/api/users/me').set('Cookie', 'lockstep_session=expired').set('X-Request-Id', 'log-401-cookie');
    await request(app).get('/api/no-such-route').set('X-Request-Id', 'log-404');
    const [ok] = entriesFor('log-ok');
    expect(entriesFor('log-ok')).toHaveLength(1);
    expect(ok).toMatchObject({ level: 30, msg: 'request completed', req: { id: 'log-ok', method: 'GET', url: '/api/health?probe=1' }, res: { statusCode: 200 } });
    expect(typeof ok.responseTime).toBe('number');
    // Asking "who am I?" without credentials is what every signed-out page load does: info, not
    // a warning. Credentials that did not work are worth a warning.
    expect(entriesFor('log-401')).toEqual([expect.objectContaining({ level: 30, res: { statusCode: 401 } })]);
    expect(entriesFor('log-401-token')).toEqual([expect.objectContaining({ level: 40, res: { statusCode: 401 } })]);
    expect(entriesFor('log-401-cookie')).toEqual([expect.objectContaining({ level: 40, res: { statusCode: 401 } })]);
    expect(entriesFor('log-404')).toEqual([expect.objectContaining({ level: 40, res: { statusCode: 404 } })]);
  });

  test('a request whose client goes away before the answer is logged as aborted', async () => {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as AddressInfo;
      // A body that never ends: the server waits for it until the client hangs up.
      const socket = connect(port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      socket.write('POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nX-Request-Id: log-aborted\r\n\r\n{"email":');
      await new Promise((r) => setTimeout(r, 100));
      expect(entriesFor('log-aborted')).toEqual([]);
      socket.destroy();
      for (let i = 0; i < 50 && entriesFor('log-aborted').length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(entriesFor('log-aborted')).toEqual([expect.objectContaining({ msg: 'request aborted', req: expect.objectContaining({ method: 'POST' }) })]);
    } finally {
      server.close();
    }
  });
});

describe('requests', () => {
  test('carry a request id, echoed when the client sends a sane one', async () => {
    const own = await request(app).get('/api/health').set('X-Request-Id', 'abc-123');
    expect(own.headers['x-request-id']).toBe('abc-123');
    const evil = await request(app).get('/api/health').set('X-Request-Id', 'a b <script>');
    expect(evil.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('JSON bodies over 1 MB get 413 with a reason', async () => {
    const res = await request(app)
      .post('/api/session')
      .send({ email: 'ko@example.org', password: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('body_too_large');
  });

  test('invalid UTF-8 in a JSON body is a 400, not a garbled write', async () => {
    const body = Buffer.concat([Buffer.from('{"email":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","password":"x"}')]);
    // Raw bytes over a real socket: supertest would serialise a Buffer as JSON.
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_utf8');
    } finally {
      server.close();
    }
  });

  test('unknown API paths are JSON 404s; security headers are set', async () => {
    const res = await request(app).get('/api/no/such/thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('route_not_found');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('configuration', () => {
  test('demo mode is on unless LOCKSTEP_DEMO=0; admin e-mail and password go together', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ LOCKSTEP_DEMO: '0' }).demo).toBe(false);
    expect(() => loadConfig({ LOCKSTEP_ADMIN_EMAIL: 'a@b.c' })).toThrow(/both/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  test('a password cost outside 10–20 stops the server at start-up with the range in the message', () => {
    expect(() => loadConfig({ LOCKSTEP_PASSWORD_COST: '9' })).toThrow(/LOCKSTEP_PASSWORD_COST must be a whole number from 10 to 20/);
    expect(() => loadConfig({ LOCKSTEP_PASSWORD_COST: '15.5' })).toThrow(/LOCKSTEP_PASSWORD_COST/);
    expect(() => loadConfig({ LOCKSTEP_PASSWORD_COST: '16' })).not.toThrow();
  });
});
