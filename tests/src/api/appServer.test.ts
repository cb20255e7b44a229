import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createAppServer, listen } from '@lockstep/server/http/server';
import { createDocument } from '@lockstep/server/services/documents';
import type { LockstepApp } from '@lockstep/server/app';
import { addUser, PASSWORD, testApp } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

// The server `npm start` runs (http/server.ts): requests and responses are created with
// Express's prototypes, which the rest of the suite (supertest on Express's own server) does
// not exercise. A whole browser session over real HTTP, and the property the server exists for.

let db: TestDb;
let lockstep: LockstepApp;
let server: Server;
let base: string;
const prototypesOnArrival: unknown[] = [];

beforeAll(async () => {
  db = await openTestDb();
  lockstep = testApp(db);
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await createDocument(db, null, { id: 'doc', title: 'Doc', sourceLang: 'en', targetLangs: ['ko'], markdown: 'One sentence here.\n' });
  server = createAppServer(lockstep.app);
  // Runs before the app: what the request is before Express re-parents it.
  server.prependListener('request', (req, res) => prototypesOnArrival.push(Object.getPrototypeOf(req), Object.getPrototypeOf(res)));
  await listen(server, 0, '127.0.0.1');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await lockstep?.close();
  await db?.close();
});

describe('the production HTTP server', () => {
  test('a browser session works: cookie sign-in, a CSRF-checked save, a 409, a 404 and the request id', async () => {
    const signIn = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'srv-1' },
      body: JSON.stringify({ email: 'ko@example.org', password: PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('x-request-id')).toBe('srv-1');
    expect(signIn.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };

    const listed = await fetch(`${base}/api/documents/doc/segments?lang=ko`, { headers: { cookie } });
    expect(listed.status).toBe(200);
    const [segment] = ((await listed.json()) as { segments: { id: string }[] }).segments;
    const url = `${base}/api/documents/doc/segments/${segment.id}/translations/ko`;
    const put = (headers: Record<string, string>, version: number) =>
      fetch(url, { method: 'PUT', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ text: 'Ein Satz.', version }) });

    expect((await put({}, 1)).status).toBe(403); // no CSRF token
    const saved = await put({ 'x-csrf-token': csrfToken }, 1);
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { translation: { version: number } }).translation.version).toBe(2);
    const stale = await put({ 'x-csrf-token': csrfToken }, 1);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { current: { version: number } }).current.version).toBe(2);

    const missing = await fetch(`${base}/api/nothing-here`, { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('route_not_found');
  });

  test("requests and responses arrive with Express's prototypes, so Express need not re-parent them", () => {
    expect(prototypesOnArrival.length).toBeGreaterThan(0);
    for (let i = 0; i < prototypesOnArrival.length; i += 2) {
      expect(prototypesOnArrival[i]).toBe(lockstep.app.request);
      expect(prototypesOnArrival[i + 1]).toBe(lockstep.app.response);
    }
  });

  test('a port in use is an error from listen, not a silent success', async () => {
    const other = createAppServer(lockstep.app);
    const { port } = server.address() as AddressInfo;
    await expect(listen(other, port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
