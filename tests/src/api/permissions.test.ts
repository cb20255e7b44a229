import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import type { RouteTable } from '@lockstep/server/http/routeTable';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

type Who = 'anonymous' | 'translator-ko' | 'reviewer-ru' | 'coordinator' | 'admin';
const EVERYONE: Who[] = ['anonymous', 'translator-ko', 'reviewer-ru', 'coordinator', 'admin'];
const SIGNED_IN: Who[] = ['translator-ko', 'reviewer-ru', 'coordinator', 'admin'];

/**
 * api.md's "Who may do what", written out independently of the server's own table: who
 * may call each route (with the example parameters below). A route missing here fails.
 */
const EXPECTED: Record<string, Who[]> = {
  'GET /api/health': EVERYONE,
  'POST /api/session': EVERYONE,
  'DELETE /api/session': SIGNED_IN,
  'GET /api/users/me': SIGNED_IN,
  'POST /api/users/me/password': SIGNED_IN,
  'PATCH /api/users/me': SIGNED_IN,
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'GET /api/documents': SIGNED_IN,
  'POST /api/documents': ['coordinator', 'admin'],
  'GET /api/documents/:doc': SIGNED_IN,
  'GET /api/documents/:doc/segments': SIGNED_IN,
  'GET /api/documents/:doc/progress': SIGNED_IN,
  'GET /api/progress': SIGNED_IN,
  'GET /api/documents/:doc/revisions': SIGNED_IN,
  'POST /api/documents/:doc/revisions': ['coordinator', 'admin'],
  'GET /api/documents/:doc/xliff/:lang': SIGNED_IN,
  'GET /api/documents/:doc/xliff': SIGNED_IN,
  'POST /api/documents/:doc/xliff/:lang': ['translator-ko', 'coordinator', 'admin'],
  'POST /api/xliff/inspect': SIGNED_IN,
  // Several files: each file's language is checked in the service (xliffExchange.test.ts).
  'POST /api/documents/:doc/xliff': SIGNED_IN,
  'GET /api/documents/:doc/revisions/:n': SIGNED_IN,
  // Per language: the example language is ko, so the ru reviewer may not write it.
  'PUT /api/documents/:doc/segments/:seg/translations/:lang': ['translator-ko', 'coordinator', 'admin'],
  'POST /api/documents/:doc/segments/:seg/translations/:lang/approve': ['coordinator', 'admin'],
  'POST /api/documents/:doc/segments/:seg/translations/:lang/reconfirm': ['translator-ko', 'coordinator', 'admin'],
  'POST /api/documents/:doc/segments/:seg/translations/:lang/revert': ['translator-ko', 'coordinator', 'admin'],
  'GET /api/documents/:doc/segments/:seg/translations/:lang/history': SIGNED_IN,
  'GET /api/documents/:doc/progress/timeline': SIGNED_IN,
  'GET /api/documents/:doc/progress/timeline.csv': SIGNED_IN,
  'GET /api/admin/check': ['admin'],
  'GET /api/admin/backup': ['admin'],
  'GET /api/documents/:doc/markdown/:lang': SIGNED_IN,
  'POST /api/documents/:doc/translations/:lang/align': ['translator-ko', 'coordinator', 'admin'],
  'POST /api/documents/:doc/translations/:lang/align/apply': ['translator-ko', 'coordinator', 'admin'],
  'GET /api/documents/:doc/site': SIGNED_IN,
  'GET /api/documents/:doc/qa/:lang': SIGNED_IN,
  'GET /api/documents/:doc/events': SIGNED_IN,
  'POST /api/documents/:doc/visits/:lang': SIGNED_IN,
  'GET /api/documents/:doc/changes/:lang': SIGNED_IN,
  'GET /api/documents/:doc/changes': SIGNED_IN,
  'GET /api/documents/:doc/segments/:seg/memory/:lang': SIGNED_IN,
  // Machine translation: for those who may write the language (engines may be paid per character).
  'GET /api/documents/:doc/segments/:seg/mt/:lang': ['translator-ko', 'coordinator', 'admin'],
  'GET /api/memory/search': SIGNED_IN,
  'GET /api/memory/tmx': SIGNED_IN,
  'POST /api/memory/tmx': ['coordinator', 'admin'],
  'GET /api/openapi.yaml': EVERYONE,
  'GET /api/inbox': SIGNED_IN,
  'GET /api/my-work': SIGNED_IN,
  'POST /api/inbox/read': SIGNED_IN,
  'PUT /api/inbox/settings': SIGNED_IN,
  'GET /api/webhooks': ['coordinator', 'admin'],
  'POST /api/webhooks': ['coordinator', 'admin'],
  'DELETE /api/webhooks/:id': ['coordinator', 'admin'],
  'GET /api/webhooks/:id/deliveries': ['coordinator', 'admin'],
  // Comments: who may write is decided per comment (its language, its author), after the row.
  'GET /api/documents/:doc/segments/:seg/comments': SIGNED_IN,
  'POST /api/documents/:doc/segments/:seg/comments': SIGNED_IN,
  'PATCH /api/comments/:id': SIGNED_IN,
  'DELETE /api/comments/:id': SIGNED_IN,
  'POST /api/comments/:id/resolve': SIGNED_IN,
  // Glossary: coordinators write terms; reviewers the translations of their languages (checked
  // per language by the service); everyone who translates may propose.
  'GET /api/glossary': SIGNED_IN,
  'GET /api/glossary/export': SIGNED_IN,
  'POST /api/glossary/import': ['coordinator', 'admin'],
  'POST /api/glossary': ['coordinator', 'admin'],
  'PATCH /api/glossary/:id': ['reviewer-ru', 'coordinator', 'admin'],
  'DELETE /api/glossary/:id': ['coordinator', 'admin'],
  'POST /api/glossary/:id/proposals': SIGNED_IN,
  'POST /api/glossary/:id/proposals/:pid/accept': ['reviewer-ru', 'coordinator', 'admin'],
  'POST /api/glossary/:id/proposals/:pid/decline': ['reviewer-ru', 'coordinator', 'admin'],
};

const EXAMPLE_PARAMS: Record<string, string> = { doc: 'no-such-doc', id: '999999', n: '1', lang: 'ko', seg: 's1', pid: '999999' };

let db: TestDb;
let app: Express;
let routes: RouteTable;
const tokens: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  db = await openTestDb();
  ({ app, routes } = testApp(db));
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'ru@example.org', 'reviewer', ['ru']);
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'admin@example.org', 'admin');
  tokens['translator-ko'] = await tokenFor(app, 'ko@example.org');
  tokens['reviewer-ru'] = await tokenFor(app, 'ru@example.org');
  tokens.coordinator = await tokenFor(app, 'coord@example.org');
  tokens.admin = await tokenFor(app, 'admin@example.org');
});
afterAll(async () => {
  await db?.close();
});

/** The routes Express actually has, read from its router (not from our table). */
function registeredApiRoutes(): string[] {
  const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
  const out: string[] = [];
  for (const layer of stack) {
    if (!layer.route || !layer.route.path.startsWith('/api')) continue;
    for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${layer.route.path}`);
  }
  return out;
}

describe('permission table', () => {
  test('every registered API route has a row, and every row a route', () => {
    const registered = registeredApiRoutes().sort();
    expect(registered).toEqual(Object.keys(EXPECTED).sort());
    expect(routes.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort()).toEqual(registered);
  });

  const cases = Object.entries(EXPECTED).flatMap(([route, allowed]) => EVERYONE.map((who) => [route, who, allowed.includes(who)] as const));

  test.each(cases)('%s as %s (allowed: %s)', async (route, who, allowed) => {
    const [method, pattern] = route.split(' ');
    const url = pattern.replace(/:(\w+)/g, (_m, name: string) => EXAMPLE_PARAMS[name]) + (pattern.endsWith('/segments') ? '?lang=ko' : '');
    // Sign-out and password changes would end the shared sessions: check those only for refusal.
    if (allowed && (route === 'DELETE /api/session' || route === 'POST /api/users/me/password')) return;
    const before = allowed ? '' : await hashAllTables(db);
    let req = request(app)[method.toLowerCase() as 'get'](url);
    if (who !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens[who]}`);
    const res = method === 'GET' || method === 'DELETE' ? await req : await req.send({});
    if (allowed) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(who === 'anonymous' ? 401 : 403);
      expect(await hashAllTables(db)).toBe(before);
    }
    expect(res.status).toBeLessThan(500);
  });
});
