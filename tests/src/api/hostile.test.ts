import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { readXliff, writeXliffString, type XliffUnit } from '@lockstep/shared';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

/*
 * Hostile input catalogue (issue 10, part 3). Each row is one request a hostile or broken
 * client could send, with the status api.md gives it; for every row the whole database is
 * hashed before and after ("nothing changed"), the answer is a JSON error, and nothing is a 5xx.
 * Inputs that are valid but look dangerous (SQL, <script>) are stored literally: see the end.
 */

type Who = 'ko' | 'coordinator' | 'admin';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Case {
  name: string;
  who: Who;
  method: Method;
  path: () => string;
  type?: string;
  headers?: Record<string, string>;
  body?: () => string | Buffer | object;
  status: number;
  code?: string;
}

let db: TestDb;
let app: Express;
const tokens = {} as Record<Who, string>;
const ctx = { seg: '', otherSeg: '', otherEvent: 0, version: 0, exportId: '', otherExportId: '', units: [] as XliffUnit[] };
const secretDir = mkdtempSync(path.join(os.tmpdir(), 'lockstep-secret-'));
const SECRET = `TOP-SECRET-${Math.random().toString(36).slice(2)}`;
const secretFile = path.join(secretDir, 'secret.txt');
writeFileSync(secretFile, SECRET);
let entityHits = 0;
let entityServer: Server;
let entityUrl = '';
let appServer: Server;

const auth = (who: Who) => ({ Authorization: `Bearer ${tokens[who]}` });
const T = () => `/api/documents/doc/segments/${ctx.seg}/translations/ko`;
const MB = 1024 * 1024;

beforeAll(async () => {
  entityServer = createServer((_req, res) => {
    entityHits++;
    res.end(SECRET);
  });
  await new Promise<void>((resolve) => entityServer.listen(0, '127.0.0.1', resolve));
  entityUrl = `http://127.0.0.1:${(entityServer.address() as AddressInfo).port}/secret`;

  db = await openTestDb();
  app = testApp(db).app;
  appServer = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => appServer.once('listening', resolve));
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'admin@example.org', 'admin');
  tokens.ko = await tokenFor(app, 'ko@example.org');
  tokens.coordinator = await tokenFor(app, 'coord@example.org');
  tokens.admin = await tokenFor(app, 'admin@example.org');
  for (const [id, markdown] of [
    ['doc', 'The first sentence is here. The second one follows.\n\nA [linked](https://example.org) third.\n'],
    ['other', 'Another document entirely. With its own sentences.\n'],
  ]) {
    const res = await request(app).post('/api/documents').set(auth('coordinator')).send({ id, title: id, sourceLang: 'en', targetLangs: ['ko', 'ru'], markdown });
    expect(res.status).toBe(201);
  }
  const segs = (doc: string) => request(app).get(`/api/documents/${doc}/segments?lang=ko`).set(auth('ko'));
  const first = (await segs('doc')).body.segments[0];
  ctx.seg = first.id;
  ctx.version = first.translation.version;
  const other = (await segs('other')).body.segments[0];
  ctx.otherSeg = other.id;
  const saved = await request(app).put(`/api/documents/other/segments/${other.id}/translations/ko`).set(auth('ko')).send({ text: '다른 문서', version: other.translation.version });
  expect(saved.status).toBe(200);
  const history = await request(app).get(`/api/documents/other/segments/${other.id}/translations/ko/history`).set(auth('ko'));
  ctx.otherEvent = (history.body.events ?? history.body)[0].id;

  const exported = async (doc: string) => {
    const res = await send('get', `/api/documents/${doc}/xliff/ko`, auth('ko'));
    return readXliff(res.text).files[0];
  };
  const file = await exported('doc');
  ctx.exportId = file.exportId;
  ctx.units = file.units.map((u) => ({ id: u.id, source: u.sourceRuns, target: `번역 ${u.id}`, state: 'translated' }));
  ctx.otherExportId = (await exported('other')).exportId;
});
afterAll(async () => {
  await db?.close();
  entityServer?.close();
  appServer?.closeAllConnections();
  appServer?.close();
  rmSync(secretDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: { error?: { code?: unknown; message?: unknown } } | undefined;
}

/**
 * One request over a real socket, byte for byte: supertest would serialise a Buffer body as
 * JSON and normalise `..` and `\\` in paths, which is exactly what these rows must send.
 */
function send(method: Method, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      { host: '127.0.0.1', port: (appServer.address() as AddressInfo).port, method: method.toUpperCase(), path, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) } },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = /^application\/json/.test(res.headers['content-type'] ?? '');
          resolve({ status: res.statusCode!, headers: res.headers, text, body: json ? JSON.parse(text) : undefined });
        });
      },
    );
    // A server that answers 413 early may close the socket while a large body is still being sent.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.end(body);
  });
}

// XLIFF bodies --------------------------------------------------------------------------------

const xliff = (units: XliffUnit[] = ctx.units, trgLang = 'ko', exportId = ctx.exportId) =>
  writeXliffString({ exportId, documentId: 'doc', revision: 1, srcLang: 'en', trgLang }, units, '2.0');
const xliffWith = (inner: string, doctype: string) =>
  `<?xml version="1.0"?>\n${doctype}\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko"><file id="${ctx.exportId}"><unit id="${ctx.seg}"><segment><source>x</source><target>${inner}</target></segment></unit></file></xliff>`;
const LAUGHS =
  '<!DOCTYPE xliff [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
  ']>';
/** A well-formed, readable file of `bytes` bytes: one unit whose note is padding. */
const bigXliff = (bytes: number) => {
  const head = xliff(ctx.units.slice(0, 1));
  return head.replace('</unit>', `<notes><note>${'x'.repeat(bytes - head.length)}</note></notes></unit>`);
};

const XLIFF_TYPE = 'application/xliff+xml';
const IMPORT = '/api/documents/doc/xliff/ko';
const INSPECT = '/api/xliff/inspect';
const importCase = (name: string, body: () => string | Buffer, status: number, code?: string, type = XLIFF_TYPE): Case[] => [
  { name: `import: ${name}`, who: 'ko', method: 'post', path: () => IMPORT, type, body, status, code },
  { name: `inspect: ${name}`, who: 'ko', method: 'post', path: () => INSPECT, type, body, status, code },
];

// JSON bodies ---------------------------------------------------------------------------------

const save = (text: string) => () => ({ text, version: ctx.version });
const rawSave = (text: string) => () => `{"text":"${text}","version":${ctx.version}}`;
const bytesSave = (bytes: number[]) => () => Buffer.concat([Buffer.from('{"text":"ab'), Buffer.from(bytes), Buffer.from(`","version":${ctx.version}}`)]);
const newDoc = (over: object) => () => ({ id: 'new-doc', title: 'New', sourceLang: 'en', targetLangs: ['ko'], markdown: 'Hello there.', ...over });
const JSON_TYPE = 'application/json';
const deepArrays = (n: number) => () => `{"text":${'['.repeat(n)}${']'.repeat(n)},"version":1}`;
const deepObjects = (n: number) => () => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const TRAVERSAL = ['..%2F..%2F..%2Fetc%2Fpasswd', '..%252F..%252Fetc', '%2e%2e%2f%2e%2e%2f', '..\\..\\windows', '..%5C..%5Cwindows', 'doc%2F..%2Fother'];

const CASES: Case[] = [
  // Malformed JSON.
  { name: 'truncated JSON', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: () => '{"text":', status: 400, code: 'malformed_json' },
  { name: 'JSON with trailing garbage', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: () => '{"text":"a","version":1}xyz', status: 400, code: 'malformed_json' },
  { name: 'JSON null', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: () => 'null', status: 400 },
  { name: 'JSON array at the top', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: () => '[1,2]', status: 400 },
  { name: 'JSON string at the top', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: () => '"text"', status: 400 },
  { name: 'single quotes and comments', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: () => "{'text': 'a' /* c */}", status: 400, code: 'malformed_json' },
  { name: 'raw NUL byte inside a JSON string', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: bytesSave([0]), status: 400 },
  { name: 'a number where text goes', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: () => ({ text: 12, version: ctx.version }), status: 400 },
  { name: 'a huge version number', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: () => '{"text":"a","version":1e400}', status: 400 },
  { name: 'prototype pollution keys', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: () => '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"text":1}', status: 400 },
  // Wrong content types and encodings.
  { name: 'text/plain body', who: 'ko', method: 'put', path: T, type: 'text/plain', body: () => '{"text":"a","version":1}', status: 415 },
  { name: 'form body', who: 'ko', method: 'put', path: T, type: 'application/x-www-form-urlencoded', body: () => 'text=a&version=1', status: 415 },
  { name: 'multipart body to a JSON route', who: 'coordinator', method: 'post', path: () => '/api/documents', type: 'multipart/form-data; boundary=x', body: () => '--x\r\n\r\n{}\r\n--x--', status: 415 },
  { name: 'JSON declared as Latin-1', who: 'ko', method: 'put', path: T, type: 'application/json; charset=iso-8859-1', body: rawSave('a'), status: 415 },
  { name: 'gzip-encoded garbage', who: 'ko', method: 'put', path: T, type: JSON_TYPE, headers: { 'Content-Encoding': 'gzip' }, body: () => 'not gzip at all', status: 400 },
  { name: 'an unknown content encoding', who: 'ko', method: 'put', path: T, type: JSON_TYPE, headers: { 'Content-Encoding': 'zstd-x' }, body: rawSave('a'), status: 415 },
  { name: 'XML to a JSON route', who: 'ko', method: 'put', path: T, type: XLIFF_TYPE, body: () => '<x/>', status: 415 },
  ...importCase('a JSON body', () => '{"units":[]}', 415, undefined, JSON_TYPE),
  ...importCase('a text/plain body', () => xliff(), 415, undefined, 'text/plain'),
  // Bodies over the limits.
  { name: 'JSON body over 1 MB', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: save('a'.repeat(MB + 10)), status: 413 },
  { name: 'document Markdown over 5 MB', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: newDoc({ markdown: 'word '.repeat(MB + 1) }), status: 413 },
  { name: 'revision Markdown over 5 MB', who: 'coordinator', method: 'post', path: () => '/api/documents/doc/revisions', type: JSON_TYPE, body: () => ({ markdown: 'Ünï ✓ '.repeat(MB) }), status: 413 },
  { name: 'document JSON body over 12 MB', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: newDoc({ markdown: '\u0007'.repeat(3 * MB) }), status: 413 },
  { name: 'user JSON body over 1 MB', who: 'admin', method: 'post', path: () => '/api/users', type: JSON_TYPE, body: () => ({ email: 'a@b.c', password: 'x'.repeat(2 * MB), name: 'n', role: 'translator' }), status: 413 },
  ...importCase('21 MB', () => bigXliff(21 * MB), 413),
  ...importCase('50 MB', () => bigXliff(50 * MB), 413),
  // Invalid UTF-8.
  { name: 'invalid UTF-8 (bad continuation)', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: bytesSave([0xc3, 0x28]), status: 400, code: 'invalid_utf8' },
  { name: 'invalid UTF-8 (overlong slash)', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: bytesSave([0xc0, 0xaf]), status: 400, code: 'invalid_utf8' },
  { name: 'invalid UTF-8 (encoded surrogate)', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: bytesSave([0xed, 0xa0, 0x80]), status: 400, code: 'invalid_utf8' },
  { name: 'invalid UTF-8 in a document', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: () => Buffer.concat([Buffer.from('{"id":"x","title":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","sourceLang":"en","targetLangs":["ko"],"markdown":"a"}')]), status: 400 },
  ...importCase('invalid UTF-8', () => Buffer.concat([Buffer.from(xliff().slice(0, 300)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(xliff().slice(300))]), 400, 'encoding'),
  // NUL, C0 controls, lone surrogates (api.md "Text": 422).
  { name: 'NUL in a translation', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: save('a\u0000b'), status: 422, code: 'invalid_text' },
  { name: 'BEL and ESC in a translation', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: save('a\u0007\u001bb'), status: 422, code: 'invalid_text' },
  { name: 'vertical tab and form feed', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: save('a\u000b\u000cb'), status: 422, code: 'invalid_text' },
  { name: 'NUL in a document title', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: newDoc({ title: 'x\u0000' }), status: 422 },
  { name: 'NUL in document Markdown', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: newDoc({ markdown: 'Hello\u0000 world.' }), status: 422 },
  { name: 'control character in revision Markdown', who: 'coordinator', method: 'post', path: () => '/api/documents/doc/revisions?dryRun=true', type: JSON_TYPE, body: () => ({ markdown: 'Hi\u0001.' }), status: 422 },
  { name: 'NUL in a user name', who: 'admin', method: 'post', path: () => '/api/users', type: JSON_TYPE, body: () => ({ email: 'n@x.org', password: 'long enough pass', name: 'a\u0000', role: 'translator' }), status: 422 },
  { name: 'NUL in a sign-in e-mail', who: 'ko', method: 'post', path: () => '/api/session', type: JSON_TYPE, body: () => ({ email: 'ko@example.org\u0000', password: 'x' }), status: 422 },
  { name: 'lone high surrogate (\\ud800)', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: rawSave('a\\ud800b'), status: 422, code: 'invalid_text' },
  { name: 'lone low surrogate (\\udfff)', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: rawSave('\\udfff'), status: 422, code: 'invalid_text' },
  { name: 'surrogates in the wrong order', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: rawSave('\\udc00\\ud800'), status: 422, code: 'invalid_text' },
  { name: 'lone surrogate in a key', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: () => `{"\\ud800":1,"text":"a","version":${ctx.version}}`, status: 422 },
  { name: 'lone surrogate in a title', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: () => JSON.stringify(newDoc({})()).replace('"New"', '"N\\ud83d"'), status: 422 },
  // Deeply nested input.
  { name: '100k nested arrays', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: deepArrays(100_000), status: 400 },
  { name: '100k nested objects', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: deepObjects(100_000), status: 400 },
  { name: '40 nested objects', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: deepObjects(40), status: 400 },
  // The Markdown parser's time explodes with nesting (100k `>` took over 4 minutes): refused first.
  { name: '100k nested block quotes in Markdown', who: 'coordinator', method: 'post', path: () => '/api/documents/doc/revisions?dryRun=true', type: JSON_TYPE, body: () => ({ markdown: `${'>'.repeat(100_000)} deep.` }), status: 422, code: 'markdown_too_deep' },
  { name: 'a list nested 1,000 levels deep', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: newDoc({ markdown: Array.from({ length: 1000 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n') }), status: 422, code: 'markdown_too_deep' },
  ...importCase('100k nested elements', () => xliffWith(Array.from({ length: 100_000 }, (_, i) => `<pc id="${i + 1}">`).join('') + '</pc>'.repeat(100_000), ''), 400, 'too_deep'),
  // Over-long texts.
  { name: 'translation over 20,000 characters', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: save('가'.repeat(20_001)), status: 413, code: 'text_too_long' },
  { name: 'title over 300 characters', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: newDoc({ title: 't'.repeat(301) }), status: 400 },
  { name: 'document id over 64 characters', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: newDoc({ id: 'a'.repeat(65) }), status: 400 },
  { name: 'e-mail over 254 characters', who: 'admin', method: 'post', path: () => '/api/users', type: JSON_TYPE, body: () => ({ email: `${'a'.repeat(250)}@x.org`, password: 'long enough pass', name: 'n', role: 'translator' }), status: 400 },
  { name: 'password over 1024 characters at sign-in', who: 'ko', method: 'post', path: () => '/api/session', type: JSON_TYPE, body: () => ({ email: 'ko@example.org', password: 'p'.repeat(1025) }), status: 400 },
  { name: 'search over 500 characters', who: 'ko', method: 'get', path: () => `/api/documents/doc/segments?lang=ko&q=${'q'.repeat(501)}`, status: 400 },
  { name: 'cursor over 100 characters', who: 'ko', method: 'get', path: () => `/api/documents/doc/segments?lang=ko&limit=5&cursor=${'c'.repeat(101)}`, status: 400 },
  // Unknown ids and ids of another document (404).
  { name: 'unknown document', who: 'ko', method: 'get', path: () => '/api/documents/no-such-doc', status: 404 },
  { name: 'unknown segment', who: 'ko', method: 'put', path: () => '/api/documents/doc/segments/s999999/translations/ko', type: JSON_TYPE, body: save('x'), status: 404 },
  { name: 'unknown target language', who: 'coordinator', method: 'put', path: () => `/api/documents/doc/segments/${ctx.seg}/translations/fr`, type: JSON_TYPE, body: save('x'), status: 404 },
  { name: 'unknown revision', who: 'ko', method: 'get', path: () => '/api/documents/doc/revisions/99', status: 404 },
  { name: 'revision that is not a number', who: 'ko', method: 'get', path: () => '/api/documents/doc/revisions/1e3x', status: 404 },
  { name: 'unknown user', who: 'admin', method: 'patch', path: () => '/api/users/99999', type: JSON_TYPE, body: () => ({ name: 'x' }), status: 404 },
  { name: 'unknown history event to revert to', who: 'ko', method: 'post', path: () => `${T()}/revert`, type: JSON_TYPE, body: () => ({ eventId: 999999, version: ctx.version }), status: 404 },
  { name: 'segment of another document (save)', who: 'ko', method: 'put', path: () => `/api/documents/doc/segments/${ctx.otherSeg}/translations/ko`, type: JSON_TYPE, body: () => ({ text: 'x', version: 2 }), status: 404 },
  { name: 'segment of another document (approve)', who: 'coordinator', method: 'post', path: () => `/api/documents/doc/segments/${ctx.otherSeg}/translations/ko/approve`, type: JSON_TYPE, body: () => ({ version: 2 }), status: 404 },
  { name: 'segment of another document (history)', who: 'ko', method: 'get', path: () => `/api/documents/doc/segments/${ctx.otherSeg}/translations/ko/history`, status: 404 },
  { name: 'history event of another document', who: 'ko', method: 'post', path: () => `${T()}/revert`, type: JSON_TYPE, body: () => ({ eventId: ctx.otherEvent, version: ctx.version }), status: 404 },
  { name: 'import: a file exported from another document', who: 'ko', method: 'post', path: () => IMPORT, type: XLIFF_TYPE, body: () => xliff(ctx.units.map((u) => ({ ...u, id: ctx.otherSeg })).slice(0, 1), 'ko', ctx.otherExportId), status: 422 },
  // SQL-looking strings where they cannot be valid.
  { name: 'SQL in a document id', who: 'ko', method: 'get', path: () => `/api/documents/${encodeURIComponent("doc' OR '1'='1")}`, status: 404 },
  { name: 'SQL in a segment id', who: 'ko', method: 'put', path: () => `/api/documents/doc/segments/${encodeURIComponent("1; DROP TABLE translations; --")}/translations/ko`, type: JSON_TYPE, body: save('x'), status: 404 },
  { name: 'SQL in a language', who: 'coordinator', method: 'put', path: () => `/api/documents/doc/segments/${ctx.seg}/translations/${encodeURIComponent("ko' --")}`, type: JSON_TYPE, body: save('x'), status: 404 },
  { name: 'SQL in a state filter', who: 'ko', method: 'get', path: () => `/api/documents/doc/segments?lang=ko&state=${encodeURIComponent("translated' OR 1=1 --")}`, status: 400 },
  // Not decimal digits, so no user (issue #18, finding 9): 404 like any unknown id.
  { name: 'SQL in a user id', who: 'admin', method: 'patch', path: () => `/api/users/${encodeURIComponent('1 OR 1=1')}`, type: JSON_TYPE, body: () => ({ active: false }), status: 404 },
  { name: 'SQL as a document id to create', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: newDoc({ id: "x'); DROP TABLE documents; --" }), status: 400 },
  { name: '<script> as a document id to create', who: 'coordinator', method: 'post', path: () => '/api/documents', type: JSON_TYPE, body: newDoc({ id: '<script>alert(1)</script>' }), status: 400 },
  // Path traversal, in every path parameter.
  ...TRAVERSAL.flatMap((t): Case[] => [
    { name: `traversal ${t} as :doc`, who: 'ko', method: 'get', path: () => `/api/documents/${t}/progress`, status: 404 },
    { name: `traversal ${t} as :seg`, who: 'ko', method: 'put', path: () => `/api/documents/doc/segments/${t}/translations/ko`, type: JSON_TYPE, body: save('x'), status: 404 },
    { name: `traversal ${t} as :lang`, who: 'coordinator', method: 'put', path: () => `/api/documents/doc/segments/${ctx.seg}/translations/${t}`, type: JSON_TYPE, body: save('x'), status: 404 },
    { name: `traversal ${t} as :lang of an export`, who: 'ko', method: 'get', path: () => `/api/documents/doc/xliff/${t}`, status: 404 },
    { name: `traversal ${t} as :n`, who: 'ko', method: 'get', path: () => `/api/documents/doc/revisions/${t}`, status: 404 },
    { name: `traversal ${t} as :id`, who: 'admin', method: 'patch', path: () => `/api/users/${t}`, type: JSON_TYPE, body: () => ({ name: 'x' }), status: 404 },
  ]),
  // A NUL in a path parameter is malformed (PostgreSQL cannot even compare it).
  { name: 'NUL in :doc', who: 'ko', method: 'get', path: () => '/api/documents/doc%00/progress', status: 400 },
  { name: 'NUL in :seg', who: 'ko', method: 'put', path: () => `/api/documents/doc/segments/${ctx.seg}%00/translations/ko`, type: JSON_TYPE, body: save('x'), status: 400 },
  { name: 'NUL in :lang', who: 'coordinator', method: 'get', path: () => `/api/documents/doc/segments/${ctx.seg}/translations/ko%00/history`, status: 400 },
  // XLIFF that is not acceptable.
  ...importCase('empty', () => '', 400, 'empty'),
  ...importCase('only whitespace', () => '  \n ', 400, 'empty'),
  ...importCase('not XML', () => 'Hello, this is not XML at all.', 400),
  ...importCase('HTML', () => '<!doctype html><html><body><script>alert(1)</script></body></html>', 400, 'doctype'),
  ...importCase('truncated', () => xliff().slice(0, Math.floor(xliff().length * 0.6)), 400, 'truncated'),
  ...importCase('XML that is not XLIFF', () => '<?xml version="1.0"?><root><unit id="x"/></root>', 422, 'not_xliff'),
  ...importCase('DOCTYPE with an external file entity', () => xliffWith('&xxe;', `<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file://${secretFile}">]>`), 400, 'doctype'),
  ...importCase('DOCTYPE with an external URL entity', () => xliffWith('&xxe;', `<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "${entityUrl}">]>`), 400, 'doctype'),
  ...importCase('parameter entity to an external DTD', () => xliffWith('x', `<!DOCTYPE xliff [<!ENTITY % dtd SYSTEM "${entityUrl}"> %dtd;]>`), 400, 'doctype'),
  ...importCase('external DTD', () => xliffWith('x', `<!DOCTYPE xliff SYSTEM "file://${secretFile}">`), 400, 'doctype'),
  ...importCase('billion laughs', () => xliffWith('&lol9;', LAUGHS), 400, 'doctype'),
  ...importCase('an undeclared entity', () => xliffWith('&xxe;', ''), 400, 'entity'),
  ...importCase('duplicate unit ids', () => xliff().replace(/ {2}<unit [\s\S]*?<\/unit>\n/, (unit) => unit + unit), 422, 'duplicate_id'),
  ...importCase('XLIFF 3.0', () => xliff().replace('version="2.0"', 'version="3.0"'), 422, 'unsupported_version'),
  { name: 'import: a file for another language', who: 'ko', method: 'post', path: () => IMPORT, type: XLIFF_TYPE, body: () => xliff(ctx.units, 'ru'), status: 422, code: 'wrong_language' },
  { name: 'import: a file from another source language', who: 'ko', method: 'post', path: () => IMPORT, type: XLIFF_TYPE, body: () => xliff().replace('srcLang="en"', 'srcLang="fr"'), status: 422, code: 'wrong_language' },
  { name: 'import: into an unknown document', who: 'coordinator', method: 'post', path: () => '/api/documents/no-such/xliff/ko', type: XLIFF_TYPE, body: () => xliff(), status: 404 },
  { name: 'import: into a language the document lacks', who: 'coordinator', method: 'post', path: () => '/api/documents/doc/xliff/fr', type: XLIFF_TYPE, body: () => xliff(ctx.units, 'fr'), status: 404 },
  // Issue #18, findings 6, 9 and 11: malformed percent escapes, loose user ids, UTF-16 bodies.
  { name: 'malformed percent escape in an API path', who: 'ko', method: 'get', path: () => '/api/documents/%FF', status: 400, code: 'malformed_url' },
  { name: 'malformed percent escape in a page path', who: 'ko', method: 'get', path: () => '/%FF', status: 400, code: 'malformed_url' },
  { name: 'truncated percent escape in :seg', who: 'ko', method: 'put', path: () => '/api/documents/doc/segments/%E4%B8/translations/ko', type: JSON_TYPE, body: save('x'), status: 400, code: 'malformed_url' },
  // Each of these once read as user 1 (ko), who exists: the hash check proves nobody changed.
  ...['1e0', '0x1', '%201', '1%20', '+1', '01', '1.0', '-1', '0'].map((id): Case => (
    { name: `user id ${id} (not decimal digits)`, who: 'admin', method: 'patch', path: () => `/api/users/${id}`, type: JSON_TYPE, body: () => ({ name: 'x' }), status: 404, code: 'user_not_found' }
  )),
  { name: 'JSON declared as UTF-16', who: 'ko', method: 'put', path: T, type: 'application/json; charset=utf-16le', body: () => Buffer.from(rawSave('a')(), 'utf16le'), status: 415, code: 'unsupported_charset' },
  { name: 'JSON declared as UTF-16 with a BOM', who: 'ko', method: 'put', path: T, type: 'application/json; charset=utf-16', body: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rawSave('a')(), 'utf16le')]), status: 415, code: 'unsupported_charset' },
  { name: 'UTF-16 JSON with a BOM, no charset', who: 'ko', method: 'put', path: T, type: JSON_TYPE, body: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rawSave('a')(), 'utf16le')]), status: 415, code: 'unsupported_charset' },
  { name: 'JSON declared as UTF-32', who: 'admin', method: 'post', path: () => '/api/users', type: 'application/json; charset=utf-32', body: () => Buffer.from('{}'), status: 415, code: 'unsupported_charset' },
];

describe('hostile input: the status api.md gives, no 5xx, nothing changed', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await hashAllTables(db);
    const headers: Record<string, string> = { ...auth(c.who), ...c.headers, ...(c.type !== undefined ? { 'Content-Type': c.type } : {}) };
    const raw = c.body?.();
    const body = raw === undefined ? undefined : Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === 'string' ? raw : JSON.stringify(raw));
    const res = await send(c.method, c.path(), headers, body);
    expect({ status: res.status, code: res.status === c.status ? c.code : res.body?.error?.code }).toEqual({ status: c.status, code: c.code });
    if (c.status >= 400) {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body?.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    }
    expect(res.text).not.toContain(SECRET);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('no external entity was ever fetched', () => {
    expect(entityHits).toBe(0);
  });
});

describe('dangerous-looking but valid input is stored literally and returned as JSON data', () => {
  const SQL = "Robert'); DROP TABLE translations; -- 1=1 OR '1'='1";
  const SCRIPT = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const tableCount = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n;
  const json = (res: { headers: IncomingHttpHeaders }) => expect(res.headers['content-type']).toMatch(/^application\/json/);

  test('in a translation, saved over the API and imported from XLIFF', async () => {
    const tables = await tableCount();
    const text = `${SQL} ${SCRIPT} \\ % _`;
    const saved = await send('put', T(), { ...auth('ko'), 'Content-Type': JSON_TYPE }, Buffer.from(JSON.stringify({ text, version: ctx.version })));
    expect(saved.status).toBe(200);
    const units = [{ ...ctx.units[1], target: `${SCRIPT} ${SQL}` }];
    const imported = await send('post', IMPORT, { ...auth('ko'), 'Content-Type': XLIFF_TYPE }, Buffer.from(xliff(units)));
    expect(imported.status).toBe(200);
    expect((imported.body as unknown as { applied: string[] }).applied).toHaveLength(units.length);

    const segs = await send('get', '/api/documents/doc/segments?lang=ko', auth('ko'));
    json(segs);
    const texts = (segs.body as unknown as { segments: { translation: { text: string } }[] }).segments.map((s) => s.translation.text);
    expect(texts.slice(0, 2)).toEqual([text, units[0].target]);
    expect(await tableCount()).toBe(tables);
  });

  test('in a document title, its Markdown, a user name and e-mail, and a search', async () => {
    const tables = await tableCount();
    const markdown = `Hello ${SCRIPT} world. ${SQL.replace(/'/g, '’')}; DROP TABLE segments;\n`;
    const created = await send('post', '/api/documents', { ...auth('coordinator'), 'Content-Type': JSON_TYPE }, Buffer.from(JSON.stringify({ id: 'lit', title: `${SCRIPT} ${SQL}`, sourceLang: 'en', targetLangs: ['ko'], markdown })));
    expect(created.status).toBe(201);
    const doc = await send('get', '/api/documents/lit', auth('ko'));
    json(doc);
    expect((doc.body as unknown as { title: string }).title).toBe(`${SCRIPT} ${SQL}`);
    const rev = await send('get', '/api/documents/lit/revisions/1', auth('ko'));
    expect((rev.body as unknown as { markdown: string }).markdown).toBe(markdown);
    const segs = await send('get', '/api/documents/lit/segments?lang=ko', auth('ko'));
    expect(segs.text).toContain(JSON.stringify('<script>').slice(1, -1));

    const user = await send('post', '/api/users', { ...auth('admin'), 'Content-Type': JSON_TYPE }, Buffer.from(JSON.stringify({ email: '"><script>@x.org', password: 'long enough pass', name: SCRIPT, role: 'translator' })));
    expect(user.status).toBe(201);
    const users = await send('get', '/api/users', auth('admin'));
    json(users);
    expect((users.body as unknown as { users: { name: string; email: string }[] }).users).toContainEqual(expect.objectContaining({ name: SCRIPT, email: '"><script>@x.org' }));

    // Search terms are text, not patterns: `%` and `_` match only themselves.
    for (const q of ["%' OR '1'='1", '%', '_']) {
      const found = await send('get', `/api/documents/doc/segments?lang=ko&q=${encodeURIComponent(q)}`, auth('ko'));
      expect({ q, status: found.status }).toEqual({ q, status: 200 });
      const hits = (found.body as unknown as { segments: { source: string; translation: { text: string } | null }[] }).segments;
      for (const s of hits) expect(`${s.source} ${s.translation?.text ?? ''}`).toContain(q);
    }
    expect(await tableCount()).toBe(tables);
  });
});
