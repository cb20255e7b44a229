import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Express } from 'express';
import request from 'supertest';
import { parse } from 'yaml';
import type { LockstepApp } from '@lockstep/server/app';
import { RouteTable } from '@lockstep/server/http/routeTable';
import { OPENAPI_FILE, openApiRoutes } from '@lockstep/server/routes/openapi';
import { LockstepError, readXliff, writeXliffString, type XliffUnit } from '@lockstep/shared';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { GENERATED_FILE, openApiTypesSource } from '../support/openapiTypes.js';
import { serve, SseClient } from '../support/sse.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

/**
 * docs/openapi.yaml against the server: the same routes with the same permissions, a
 * structurally sound document, and real responses that match the documented schemas.
 */

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  parameters?: Json[];
  responses?: Record<string, Json>;
  security?: Record<string, string[]>[];
  'x-lockstep-action'?: string;
  'x-lockstep-events'?: Record<string, Json>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
const yamlText = readFileSync(OPENAPI_FILE, 'utf8');
const spec = parse(yamlText) as { openapi: string; info: Json; paths: Record<string, Record<string, unknown>>; components: Json };

const toOpenApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

function operations(): { path: string; method: string; op: Operation }[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((method) => ({ path, method, op: item[method] as Operation })),
  );
}

function operation(method: string, path: string): Operation {
  const op = spec.paths[path]?.[method] as Operation | undefined;
  if (!op) throw new Error(`docs/openapi.yaml has no ${method.toUpperCase()} ${path}`);
  return op;
}

/** A local `$ref` ("#/components/…") followed to what it names, or undefined. */
function resolvePointer(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = spec;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

const deref = <T>(node: T): T => {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  return ref ? (resolvePointer(ref) as T) : node;
};

function allRefs(node: unknown, at = '#'): { at: string; ref: string }[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => allRefs(v, `${at}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [{ at, ref: v }] : allRefs(v, `${at}/${k}`)));
}

// ---------------------------------------------------------------------------------------
// JSON Schema 2020-12 (what OpenAPI 3.1 schemas are), with the component schemas as $defs.

const SCHEMA_BASE = 'https://lockstep.invalid/openapi.json';
function forAjv(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forAjv);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', `${SCHEMA_BASE}#/$defs/`) : forAjv(v)]),
  );
}

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i);
ajv.addFormat('date', /^\d{4}-\d\d-\d\d$/);
ajv.addSchema({ $id: SCHEMA_BASE, $defs: forAjv((spec.components as { schemas: Json }).schemas) as Json });
const compiled = new Map<unknown, ValidateFunction>();
function validatorFor(schema: unknown): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) compiled.set(schema, (v = ajv.compile(forAjv(schema) as Json)));
  return v;
}

function expectValid(schema: unknown, value: unknown, what: string): void {
  const validate = validatorFor(schema);
  const ok = validate(value);
  if (!ok) throw new Error(`${what} does not match docs/openapi.yaml: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 2000)}`);
}

/** A real response must have a documented status and media type, and a JSON body must match its schema. */
function expectDocumented(method: string, path: string, res: request.Response, status: number): void {
  expect(res.status).toBe(status);
  const responses = operation(method, path).responses ?? {};
  const documented = deref(responses[String(status)]) as { content?: Record<string, { schema?: unknown }> } | undefined;
  if (!documented) throw new Error(`${method.toUpperCase()} ${path} answered ${status}, which docs/openapi.yaml does not list`);
  if (!documented.content) return; // e.g. 204
  const mediaType = String(res.headers['content-type'] ?? '').split(';')[0].trim();
  expect(Object.keys(documented.content)).toContain(mediaType);
  if (mediaType === 'application/json') expectValid(documented.content[mediaType].schema, res.body, `${method.toUpperCase()} ${path} ${status}`);
}

// ---------------------------------------------------------------------------------------

let db: TestDb;
let lockstep: LockstepApp;
let app: Express;
const token = { ko: '', coord: '', admin: '' };
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

beforeAll(async () => {
  db = await openTestDb();
  lockstep = testApp(db);
  app = lockstep.app;
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'admin@example.org', 'admin');
  token.ko = await tokenFor(app, 'ko@example.org');
  token.coord = await tokenFor(app, 'coord@example.org');
  token.admin = await tokenFor(app, 'admin@example.org');
});
afterAll(async () => {
  await lockstep?.close();
  await db?.close();
});

/** The routes Express actually has, read from its router (as in permissions.test.ts). */
function registeredApiRoutes(): string[] {
  const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
  return stack.flatMap((layer) =>
    layer.route && layer.route.path.startsWith('/api') ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${toOpenApiPath(layer.route!.path)}`) : [],
  );
}

describe('serving the description', () => {
  test('GET /api/openapi.yaml gives anyone the file, as YAML', async () => {
    const res = await request(app).get('/api/openapi.yaml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/yaml/);
    expect(res.text).toBe(yamlText);
  });

  test('without docs/openapi.yaml the route says what is missing (404)', async () => {
    const routes = new RouteTable();
    openApiRoutes(routes, `${OPENAPI_FILE}.missing`);
    let thrown: unknown;
    try {
      await routes.routes[0].handler({} as never, {} as never);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(LockstepError);
    expect(thrown).toMatchObject({ kind: 'not_found', code: 'openapi_missing' });
    expect((thrown as Error).message).toContain('docs/openapi.yaml');
  });
});

describe('the document matches the server', () => {
  test('every registered route is documented with its method and path, and every documented one exists', () => {
    const documented = operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(documented.sort()).toEqual(registeredApiRoutes().sort());
  });

  test("each operation's x-lockstep-action is the route's declared action", () => {
    const wrong = lockstep.routes.routes
      .map((r) => ({ route: `${r.method.toUpperCase()} ${r.path}`, declared: r.action, documented: operation(r.method, toOpenApiPath(r.path))['x-lockstep-action'] }))
      .filter((r) => r.declared !== r.documented);
    expect(wrong).toEqual([]);
  });

  test('public operations need no credentials; the others accept a Bearer token or the cookie, and cookie writes need the CSRF header', () => {
    for (const { path, method, op } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      const security = op.security ?? (spec as unknown as { security: Record<string, string[]>[] }).security;
      if (op['x-lockstep-action'] === 'public') {
        expect([where, security]).toEqual([where, []]);
        continue;
      }
      expect([where, Object.keys(op.responses ?? {})]).toEqual([where, expect.arrayContaining(['401'])]);
      const cookie = security.find((s) => 'sessionCookie' in s);
      expect([where, security.some((s) => 'bearerAuth' in s)]).toEqual([where, true]);
      expect([where, cookie && 'csrfToken' in cookie]).toEqual([where, method !== 'get']);
    }
  });
});

describe('the API types of @lockstep/shared/api', () => {
  // tsc -b compares them with these generated types (apiTypes.check.ts); this keeps the
  // generated types from going stale when the YAML changes.
  test('openapi.generated.ts is generated from the current docs/openapi.yaml (else: npm run api-types)', async () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(await openApiTypesSource(yamlText));
  });
});

describe('the document is sound OpenAPI 3.1', () => {
  test('version and info', () => {
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof spec.info.title).toBe('string');
    expect(typeof spec.info.version).toBe('string');
  });

  test('every $ref resolves', () => {
    const broken = allRefs(spec).filter(({ ref }) => resolvePointer(ref) === undefined);
    expect(broken).toEqual([]);
  });

  test('every operation has responses with valid status codes and a unique operationId', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations()) {
      const codes = Object.keys(op.responses ?? {});
      expect([method, path, codes.length > 0]).toEqual([method, path, true]);
      for (const code of codes) expect(code).toMatch(/^(default|[1-5]\d\d)$/);
    }
  });

  test('every path parameter is declared, and every declared one is in the path', () => {
    for (const { path, method, op } of operations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? [])
        .map((p) => deref(p) as { name: string; in: string; required?: boolean })
        .filter((p) => p.in === 'path');
      expect([method, path, declared.map((p) => p.name).sort()]).toEqual([method, path, inPath]);
      expect(declared.every((p) => p.required === true)).toBe(true);
    }
  });

  test('every schema is valid JSON Schema 2020-12 (strict)', () => {
    const schemas = operations().flatMap(({ op }) => [
      ...Object.values(op.responses ?? {}).flatMap((r) => Object.values((deref(r) as { content?: Record<string, { schema?: unknown }> }).content ?? {}).map((c) => c.schema)),
      ...(op.parameters ?? []).map((p) => (deref(p) as { schema?: unknown }).schema),
      ...Object.values(op['x-lockstep-events'] ?? {}),
    ]);
    for (const schema of schemas.filter(Boolean)) expect(() => validatorFor(schema)).not.toThrow();
    for (const name of Object.keys((spec.components as { schemas: Json }).schemas)) {
      expect(() => validatorFor({ $ref: `#/components/schemas/${name}` })).not.toThrow();
    }
  });
});

const MARKDOWN = `# Our statement

We **stand** with [Ukraine](https://example.org/ua) and its people.

Peace needs 1,200 volunteers by 2025.

- First item of the list.
- Second item.
`;
const REVISED = MARKDOWN.replace('We **stand** with', 'We **stand firmly** with');

describe('real responses match the documented schemas', () => {
  const D = '/api/documents/{doc}';
  const T = `${D}/segments/{seg}/translations/{lang}`;
  let seg: { id: string; translation: { version: number } };
  const tr = (action = '') => `/api/documents/oa/segments/${seg.id}/translations/ko${action}`;

  beforeAll(async () => {
    const created = await request(app)
      .post('/api/documents')
      .set(auth(token.coord))
      .send({ id: 'oa', title: 'Statement', sourceLang: 'en', targetLangs: ['ko', 'fr'], markdown: MARKDOWN });
    expectDocumented('post', '/api/documents', created, 201);
  });

  test('accounts and the system', async () => {
    expectDocumented('get', '/api/health', await request(app).get('/api/health'), 200);
    expectDocumented('post', '/api/session', await request(app).post('/api/session').send({ email: 'ko@example.org', password: 'correct horse battery' }), 200);
    expectDocumented('post', '/api/session', await request(app).post('/api/session').send({ email: 'ko@example.org', password: 'wrong password' }), 401);
    expectDocumented('get', '/api/users/me', await request(app).get('/api/users/me').set(auth(token.ko)), 200);
    expectDocumented('patch', '/api/users/me', await request(app).patch('/api/users/me').set(auth(token.ko)).send({ name: 'Ko', uiLanguage: 'ko' }), 200);
    expectDocumented('patch', '/api/users/me', await request(app).patch('/api/users/me').set(auth(token.ko)).send({ uiLanguage: 'de' }), 400);
    expectDocumented('get', '/api/users', await request(app).get('/api/users').set(auth(token.admin)), 200);
    const made = await request(app).post('/api/users').set(auth(token.admin)).send({ email: 'fr@example.org', password: 'a long enough password', name: 'Fr', role: 'translator', languages: ['fr'] });
    expectDocumented('post', '/api/users', made, 201);
    expectDocumented('patch', '/api/users/{id}', await request(app).patch(`/api/users/${made.body.user.id}`).set(auth(token.admin)).send({ languages: ['fr', 'es'] }), 200);
    expectDocumented('get', '/api/admin/check', await request(app).get('/api/admin/check').set(auth(token.admin)), 200);
  });

  test('documents, segments and progress', async () => {
    const list = await request(app).get('/api/documents').set(auth(token.ko));
    expectDocumented('get', '/api/documents', list, 200);
    expect(list.body).toHaveLength(1);
    expectDocumented('get', D, await request(app).get('/api/documents/oa').set(auth(token.ko)), 200);
    const segs = await request(app).get('/api/documents/oa/segments?lang=ko').set(auth(token.ko));
    expectDocumented('get', `${D}/segments`, segs, 200);
    seg = segs.body.segments[1];
    expect(seg.translation.version).toBe(1);
    expectDocumented('get', `${D}/segments`, await request(app).get('/api/documents/oa/segments?lang=ko&limit=2').set(auth(token.ko)), 200);
    expectDocumented('get', `${D}/segments`, await request(app).get('/api/documents/oa/segments?lang=ko&view=compact').set(auth(token.ko)), 200);
    expectDocumented('get', `${D}/segments`, await request(app).get('/api/documents/oa/segments?lang=ko&view=compact&limit=2').set(auth(token.ko)), 200);
    expectDocumented('get', `${D}/progress`, await request(app).get('/api/documents/oa/progress').set(auth(token.ko)), 200);
    expectDocumented('get', '/api/progress', await request(app).get('/api/progress').set(auth(token.ko)), 200);
    const work = await request(app).get('/api/my-work').set(auth(token.ko));
    expectDocumented('get', '/api/my-work', work, 200);
    expect(work.body.items.length).toBeGreaterThan(0);
  });

  test('errors have the documented shape', async () => {
    expectDocumented('get', D, await request(app).get('/api/documents/no-such-doc').set(auth(token.ko)), 404);
    expectDocumented('get', '/api/documents', await request(app).get('/api/documents'), 401);
    expectDocumented('post', '/api/documents', await request(app).post('/api/documents').set(auth(token.ko)).send({}), 403);
    const malformed = await request(app).post('/api/documents').set(auth(token.coord)).set('content-type', 'application/json').send('{"id":');
    expectDocumented('post', '/api/documents', malformed, 400);
    expectDocumented('post', `${T}/approve`, await request(app).post(tr('/approve')).set(auth(token.coord)).send({ version: 1 }), 422);
  });

  test('translations: save, 409 on an old version, approve, history, memory, QA', async () => {
    expectDocumented('put', T, await request(app).put(tr()).set(auth(token.ko)).send({ text: '우리는 <1>함께</1> <2>우크라이나</2>와 서 있습니다.', version: 1 }), 200);
    const second = await request(app).put(tr()).set(auth(token.ko)).send({ text: '우리는 <1>굳건히</1> <2>우크라이나</2>와 함께합니다.', version: 2 });
    expectDocumented('put', T, second, 200);
    const conflict = await request(app).put(tr()).set(auth(token.ko)).send({ text: '늦은 편집', version: 1 });
    expectDocumented('put', T, conflict, 409);
    expect(conflict.body.current.version).toBe(3);
    expectDocumented('post', `${T}/approve`, await request(app).post(tr('/approve')).set(auth(token.coord)).send({ version: 3 }), 200);
    const history = await request(app).get(tr('/history')).set(auth(token.ko));
    expectDocumented('get', `${T}/history`, history, 200);
    expect(history.body.events).toHaveLength(3);
    const memory = await request(app).get(`/api/documents/oa/segments/${seg.id}/memory/ko`).set(auth(token.ko));
    expectDocumented('get', `${D}/segments/{seg}/memory/{lang}`, memory, 200);
    expect(memory.body.suggestions.length).toBeGreaterThan(0);
    expectDocumented('get', `${D}/qa/{lang}`, await request(app).get('/api/documents/oa/qa/ko').set(auth(token.ko)), 200);
    expectDocumented('get', `${D}/progress/timeline`, await request(app).get('/api/documents/oa/progress/timeline').set(auth(token.ko)), 200);
    expectDocumented('get', `${D}/markdown/{lang}`, await request(app).get('/api/documents/oa/markdown/ko').set(auth(token.ko)), 200);
  });

  test('comments: a thread, a question asked, edited and resolved, a comment deleted', async () => {
    const C = `${D}/segments/{seg}/comments`;
    const url = `/api/documents/oa/segments/${seg.id}/comments`;
    const asked = await request(app).post(url).set(auth(token.ko)).send({ text: 'Which word, @ko?', kind: 'question', lang: 'ko' });
    expectDocumented('post', C, asked, 201);
    expectDocumented('post', C, await request(app).post(url).set(auth(token.ko)).send({ text: ' ', kind: 'comment' }), 422);
    expectDocumented('post', C, await request(app).post(url).set(auth(token.ko)).send({ text: 'fr?', kind: 'comment', lang: 'fr' }), 403);
    const id = asked.body.comment.id as number;
    expectDocumented('patch', '/api/comments/{id}', await request(app).patch(`/api/comments/${id}`).set(auth(token.ko)).send({ text: 'Which term, @ko?' }), 200);
    expectDocumented('post', '/api/comments/{id}/resolve', await request(app).post(`/api/comments/${id}/resolve`).set(auth(token.coord)), 200);
    expectDocumented('post', '/api/comments/{id}/resolve', await request(app).post(`/api/comments/${id}/resolve`).set(auth(token.coord)), 422);
    const note = await request(app).post(url).set(auth(token.coord)).send({ text: 'For everyone.', kind: 'comment', lang: null });
    expectDocumented('delete', '/api/comments/{id}', await request(app).delete(`/api/comments/${note.body.comment.id}`).set(auth(token.coord)), 200);
    const thread = await request(app).get(`${url}?lang=ko`).set(auth(token.ko));
    expectDocumented('get', C, thread, 200);
    expect(thread.body.comments.map((c: { edits: unknown[]; deleted: boolean }) => [c.edits.length, c.deleted])).toEqual([
      [1, false],
      [0, true],
    ]);
    expectDocumented('get', `${D}/segments`, await request(app).get('/api/documents/oa/segments?lang=ko&state=open-questions').set(auth(token.ko)), 200);
    expectDocumented('get', `${D}/segments`, await request(app).get('/api/documents/oa/segments?lang=ko&state=open-questions&view=compact').set(auth(token.ko)), 200);
  });

  const exportKo = () =>
    request(app)
      .get('/api/documents/oa/xliff/ko')
      .set(auth(token.ko))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => done(null, text));
      });
  const importKo = (file: string, dryRun: boolean) =>
    request(app)
      .post(`/api/documents/oa/xliff/ko${dryRun ? '?dryRun=true' : ''}`)
      .set(auth(token.ko))
      .set('content-type', 'application/xliff+xml')
      .send(file);

  test('XLIFF export, inspect and import', async () => {
    const exported = await exportKo();
    expectDocumented('get', `${D}/xliff/{lang}`, exported, 200);
    const file = exported.body as string;
    const inspect = await request(app).post('/api/xliff/inspect').set(auth(token.ko)).set('content-type', 'application/xliff+xml').send(file);
    expectDocumented('post', '/api/xliff/inspect', inspect, 200);
    const dry = await importKo(file, true);
    expectDocumented('post', `${D}/xliff/{lang}`, dry, 200);
    const wrongType = await request(app).post('/api/xliff/inspect').set(auth(token.ko)).set('content-type', 'text/plain').send(file);
    expectDocumented('post', '/api/xliff/inspect', wrongType, 415);
  });

  test('revisions, visits, changes and the live events', async () => {
    const served = await serve(app);
    const stream = await SseClient.open(`${served.base}/api/documents/oa/events`, auth(token.ko));
    try {
      expect(stream.status).toBe(200);
      const visit = await request(app).post('/api/documents/oa/visits/ko').set(auth(token.ko));
      expectDocumented('post', `${D}/visits/{lang}`, visit, 200);
      const dry = await request(app).post('/api/documents/oa/revisions?dryRun=true').set(auth(token.coord)).send({ markdown: REVISED });
      expectDocumented('post', `${D}/revisions`, dry, 200);
      const published = await request(app).post('/api/documents/oa/revisions').set(auth(token.coord)).send({ markdown: REVISED, baseRevision: 1 });
      expectDocumented('post', `${D}/revisions`, published, 201);
      expectDocumented('post', `${D}/revisions`, await request(app).post('/api/documents/oa/revisions').set(auth(token.coord)).send({ markdown: REVISED, baseRevision: 1 }), 409);
      expectDocumented('get', `${D}/revisions`, await request(app).get('/api/documents/oa/revisions').set(auth(token.ko)), 200);
      expectDocumented('get', `${D}/revisions/{n}`, await request(app).get('/api/documents/oa/revisions/2').set(auth(token.ko)), 200);

      const segs = await request(app).get('/api/documents/oa/segments?lang=ko&state=stale').set(auth(token.ko));
      expectDocumented('get', `${D}/segments`, segs, 200);
      expectDocumented('get', `${D}/segments`, await request(app).get('/api/documents/oa/segments?lang=ko&state=stale&view=compact').set(auth(token.ko)), 200);
      const stale = segs.body.segments[0];
      expect(stale.translation.diff.length).toBeGreaterThan(0);
      const reconfirmed = await request(app).post(`/api/documents/oa/segments/${stale.id}/translations/ko/reconfirm`).set(auth(token.ko)).send({ version: stale.translation.version });
      expectDocumented('post', `${T}/reconfirm`, reconfirmed, 200);
      const history = await request(app).get(`/api/documents/oa/segments/${stale.id}/translations/ko/history`).set(auth(token.ko));
      const first = history.body.events.at(-1);
      const reverted = await request(app).post(`/api/documents/oa/segments/${stale.id}/translations/ko/revert`).set(auth(token.ko)).send({ eventId: first.id, version: reconfirmed.body.translation.version });
      expectDocumented('post', `${T}/revert`, reverted, 200);

      expectDocumented('get', `${D}/changes/{lang}`, await request(app).get('/api/documents/oa/changes/ko').set(auth(token.ko)), 200);
      expectDocumented('get', `${D}/changes`, await request(app).get('/api/documents/oa/changes').set(auth(token.ko)), 200);

      // A CAT tool translates what was untranslated: one import event.
      const read = readXliff((await exportKo()).body as string);
      const untranslated = read.files[0].units.filter((u) => !u.target);
      expect(untranslated.length).toBeGreaterThan(0);
      const translated = writeXliffString(
        { exportId: read.files[0].exportId, documentId: 'oa', revision: 2, srcLang: 'en', trgLang: 'ko' },
        untranslated.map((u): XliffUnit => ({ id: u.id, source: u.sourceRuns, target: `번역 ${u.id}`, state: 'translated' })),
        '2.0',
      );
      const imported = await importKo(translated, false);
      expectDocumented('post', `${D}/xliff/{lang}`, imported, 200);
      expect(imported.body.applied.length).toBeGreaterThan(0);
      const commented = await request(app).post(`/api/documents/oa/segments/${stale.id}/comments`).set(auth(token.ko)).send({ text: 'Why?', kind: 'question', lang: 'ko' });
      expect(commented.status).toBe(201);

      // The event payloads: ready, then the translation changes, the revision and the import.
      await stream.until((c) => c.of('revision').length > 0 && c.of('translation').length >= 2 && c.of('import').length > 0 && c.of('comment').length > 0, 10_000, 'revision, translation, import and comment events');
      const events = operation('get', `${D}/events`)['x-lockstep-events']!;
      for (const e of stream.events) {
        expect(Object.keys(events)).toContain(e.event);
        expectValid(events[e.event], JSON.parse(e.data), `the live event "${e.event}"`);
      }
      expect(stream.events[0].event).toBe('ready');
    } finally {
      stream.close();
      await served.stop();
    }
  });

  test('the inbox and the webhooks with their delivery log', async () => {
    const hook = await request(app).post('/api/webhooks').set(auth(token.coord)).send({ url: 'https://example.org/lockstep', events: ['publish', 'import.applied'] });
    expectDocumented('post', '/api/webhooks', hook, 201);
    expectDocumented('post', '/api/webhooks', await request(app).post('/api/webhooks').set(auth(token.coord)).send({ url: 'ftp://example.org/', events: ['publish'] }), 422);
    expectDocumented('get', '/api/webhooks', await request(app).get('/api/webhooks').set(auth(token.coord)), 200);
    const again = await request(app).post('/api/documents/oa/revisions').set(auth(token.coord)).send({ markdown: REVISED.replace('Second item.', 'The second item.') });
    expect(again.status).toBe(201);
    const deliveries = await request(app).get(`/api/webhooks/${hook.body.id}/deliveries`).set(auth(token.coord));
    expectDocumented('get', '/api/webhooks/{id}/deliveries', deliveries, 200);
    expect(deliveries.body.deliveries).toHaveLength(1);
    const inbox = await request(app).get('/api/inbox').set(auth(token.ko));
    expectDocumented('get', '/api/inbox', inbox, 200);
    expect(inbox.body.notices.length).toBeGreaterThan(0);
    expectDocumented('post', '/api/inbox/read', await request(app).post('/api/inbox/read').set(auth(token.ko)).send({ all: true }), 200);
    expectDocumented('post', '/api/inbox/read', await request(app).post('/api/inbox/read').set(auth(token.ko)).send({}), 400);
    expectDocumented('delete', '/api/webhooks/{id}', await request(app).delete(`/api/webhooks/${hook.body.id}`).set(auth(token.coord)), 204);
    expectDocumented('delete', '/api/webhooks/{id}', await request(app).delete(`/api/webhooks/${hook.body.id}`).set(auth(token.coord)), 404);
  });
});
