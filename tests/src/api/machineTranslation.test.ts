import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '@lockstep/server/app';
import { ConfigError, loadConfig } from '@lockstep/server/config';
import { createLogger } from '@lockstep/server/logger';
import { NO_MT, type MtSettings } from '@lockstep/server/mt/settings';
import { validateCodedText, type SourceRun } from '@lockstep/shared';
import { addUser, testApp, testConfig, tokenFor } from '../support/app.js';
import { fakeEngine, recorded, type Answer, type FakeEngine, type SeenRequest } from '../support/fakeEngine.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let plain: Express;
const token = { coord: '', es: '', ru: '' };
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const engines: FakeEngine[] = [];

interface Seg {
  id: string;
  source: string;
  sourceRuns: SourceRun[];
  translatable: boolean;
}
const segs: Record<string, Seg> = {};

/** The sentence the recorded answers translate (two paired codes: a link and strong). */
const SENTENCE = 'Read the [full statement](https://example.org/s) before you **sign** it.';

beforeAll(async () => {
  db = await openTestDb();
  ({ app: plain } = testApp(db));
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'es@example.org', 'translator', ['es']);
  await addUser(db, 'ru@example.org', 'reviewer', ['ru']);
  token.coord = await tokenFor(plain, 'coord@example.org');
  token.es = await tokenFor(plain, 'es@example.org');
  token.ru = await tokenFor(plain, 'ru@example.org');
  const markdown = [SENTENCE, 'The committee meets every Tuesday.', 'https://example.org/only-a-link', 'Sign the open letter today.'].join('\n\n');
  const created = await request(plain).post('/api/documents').set(auth(token.coord)).send({ id: 'letter', title: 'Letter', sourceLang: 'en', targetLangs: ['es', 'ko', 'ru'], markdown });
  expect(created.status).toBe(201);
  const list = await request(plain).get('/api/documents/letter/segments?lang=es').set(auth(token.coord));
  const all = list.body.segments as Seg[];
  [segs.coded, segs.plain, segs.locked, segs.other] = all;
  expect(segs.locked.translatable).toBe(false);
}, 60_000);
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});
afterAll(async () => {
  await db?.close();
});

/** An app with these engines configured; warnings it logs go to `logs`. */
function appWith(mt: Partial<MtSettings>, logs: string[] = []): Express {
  const logger = createLogger('warn', { write: (line: string) => void logs.push(line) });
  return createApp({ db, config: testConfig({ mt: { ...NO_MT, ...mt } }), logger }).app;
}

async function engine(answer: (req: SeenRequest) => Answer | Promise<Answer>): Promise<FakeEngine> {
  const e = await fakeEngine(answer);
  engines.push(e);
  return e;
}

const ok = (file: string): Answer => ({ status: 200, body: recorded(file) });

/** DeepL as its API answers: languages, then the recorded translation (or `translate` instead). */
function deepl(translate: (req: SeenRequest) => Answer | Promise<Answer> = () => ok('deepl.translate.es.json')) {
  return engine((req) => {
    if (req.path === '/v2/languages?type=source') return ok('deepl.languages.source.json');
    if (req.path === '/v2/languages?type=target') return ok('deepl.languages.target.json');
    if (req.path === '/v2/translate') return translate(req);
    return { status: 404, body: '{"message":"Not found"}' };
  });
}

function libre(translate: (req: SeenRequest) => Answer | Promise<Answer> = () => ok('libretranslate.translate.es.json')) {
  return engine((req) => {
    if (req.path === '/languages') return ok('libretranslate.languages.json');
    if (req.path === '/translate') return translate(req);
    return { status: 404, body: '{"error":"Not Found"}' };
  });
}

async function mt(app: Express, seg: Seg, lang = 'es', t = token.es) {
  const res = await request(app).get(`/api/documents/letter/segments/${seg.id}/mt/${lang}`).set(auth(t));
  expect(res.status).toBe(200);
  return res.body.suggestions as { engine: string; text: string; needsCodePlacement: boolean }[];
}

const translateCalls = (e: FakeEngine) => e.seen.filter((r) => r.path.endsWith('/translate')).length;

describe('DeepL adapter (recorded answers)', () => {
  test('sends the segment as XML with its codes as tags and reads the codes back in place', async () => {
    const e = await deepl();
    const app = appWith({ deepl: { url: e.url, key: 'test-key:fx' } });
    expect(segs.coded.source).toBe('Read the <1>full statement</1> before you <2>sign</2> it.');
    expect(await mt(app, segs.coded)).toEqual([{ engine: 'deepl', text: 'Lea la <1>declaración completa</1> antes de <2>firmarla</2>.', needsCodePlacement: false }]);
    const call = e.seen.find((r) => r.path === '/v2/translate')!;
    expect(call.method).toBe('POST');
    expect(call.headers.authorization).toBe('DeepL-Auth-Key test-key:fx');
    expect(JSON.parse(call.body)).toEqual({
      text: ['Read the <g id="1">full statement</g> before you <g id="2">sign</g> it.'],
      source_lang: 'EN',
      target_lang: 'ES',
      tag_handling: 'xml',
    });
  });

  test('an answer that lost a tag gets every code back by position, marked as needing placement', async () => {
    const e = await deepl(() => ok('deepl.translate.es.lost-tag.json'));
    const [s] = await mt(appWith({ deepl: { url: e.url, key: 'k' } }), segs.coded);
    expect(s.needsCodePlacement).toBe(true);
    expect(validateCodedText(s.text, segs.coded.sourceRuns).ok).toBe(true);
    expect(s.text.replace(/<\/?\d+>/g, '')).toBe('Lea la declaración completa antes de firmarla.');
  });

  test('a language DeepL does not offer (Tagalog is in neither recorded list) gets no suggestion and no call', async () => {
    const e = await deepl();
    const app = appWith({ deepl: { url: e.url, key: 'k' } });
    await request(plain).post('/api/documents').set(auth(token.coord)).send({ id: 'tl-doc', title: 'T', sourceLang: 'en', targetLangs: ['tl'], markdown: 'Sign the letter.' });
    const seg = (await request(plain).get('/api/documents/tl-doc/segments?lang=tl').set(auth(token.coord))).body.segments[0] as Seg;
    const res = await request(app).get(`/api/documents/tl-doc/segments/${seg.id}/mt/tl`).set(auth(token.coord));
    expect(res.body).toEqual({ suggestions: [] });
    expect(translateCalls(e)).toBe(0);
  });
});

describe('LibreTranslate adapter (recorded answers)', () => {
  test('sends plain words with the key and puts the codes back by position, marked as needing placement', async () => {
    const e = await libre();
    const [s] = await mt(appWith({ libreTranslate: { url: e.url, key: 'libre-key' } }), segs.coded);
    expect(s.engine).toBe('libretranslate');
    expect(s.needsCodePlacement).toBe(true);
    expect(s.text).toContain('<1>declaración completa</1>');
    expect(validateCodedText(s.text, segs.coded.sourceRuns).ok).toBe(true);
    const call = e.seen.find((r) => r.path === '/translate')!;
    expect(call.headers['content-type']).toBe('application/json');
    expect(JSON.parse(call.body)).toEqual({ q: 'Read the full statement before you sign it.', source: 'en', target: 'es', format: 'text', api_key: 'libre-key' });
  });

  test('a segment without codes needs no placement, and a server without a key gets none sent', async () => {
    const e = await libre(() => ({ status: 200, body: '{"translatedText":"El comité se reúne todos los martes."}' }));
    expect(await mt(appWith({ libreTranslate: { url: e.url } }), segs.plain)).toEqual([
      { engine: 'libretranslate', text: 'El comité se reúne todos los martes.', needsCodePlacement: false },
    ]);
    expect(JSON.parse(e.seen.find((r) => r.path === '/translate')!.body)).not.toHaveProperty('api_key');
  });

  test('a pair its language list has (en → ru) is served, one it lacks (en → ko) is not asked', async () => {
    const e = await libre(() => ({ status: 200, body: '{"translatedText":"Комитет собирается каждый вторник."}' }));
    const app = appWith({ libreTranslate: { url: e.url } });
    expect(await mt(app, segs.plain, 'ru', token.ru)).toEqual([{ engine: 'libretranslate', text: 'Комитет собирается каждый вторник.', needsCodePlacement: false }]);
    expect(await mt(app, segs.plain, 'ko', token.coord)).toEqual([]);
    expect(translateCalls(e)).toBe(1);
  });
});

describe('several engines', () => {
  test('one suggestion per engine that serves the pair, in the order Apertium, DeepL, LibreTranslate', async () => {
    const apertium = await engine((req) => {
      if (req.path === '/listPairs') return ok('apertium.listPairs.json');
      if (req.path === '/translate') return ok('apertium.translate.es.json');
      return { status: 404, body: '{}' };
    });
    const app = appWith({ apertiumUrl: apertium.url, deepl: { url: (await deepl()).url, key: 'k' }, libreTranslate: { url: (await libre()).url } });
    expect(await mt(app, segs.coded)).toEqual([
      // Apertium's own (odd) choice of words, its tags kept where it put them.
      { engine: 'apertium', text: 'Leído la <1>declaración llena</1> antes de que <2> lo</2> firmas.', needsCodePlacement: false },
      { engine: 'deepl', text: 'Lea la <1>declaración completa</1> antes de <2>firmarla</2>.', needsCodePlacement: false },
      expect.objectContaining({ engine: 'libretranslate', needsCodePlacement: true }),
    ]);
    const form = new URLSearchParams(apertium.seen.find((r) => r.path === '/translate')!.body);
    expect(Object.fromEntries(form)).toEqual({
      langpair: 'eng|spa',
      q: 'Read the <g id="1">full statement</g> before you <g id="2">sign</g> it.',
      format: 'html',
      markUnknown: 'no',
    });
    // Apertium has no English → Korean: the others still answer for Korean (DeepL lists KO).
    expect((await mt(app, segs.plain, 'ko', token.coord)).map((s) => s.engine)).toEqual(['deepl']);
  });
});

describe('failures degrade to no suggestion', () => {
  test('an engine that does not answer in time gives none, the others still answer, and it is logged', async () => {
    const slow = await libre(() => 'hang');
    const fast = await deepl();
    const logs: string[] = [];
    const app = appWith({ deepl: { url: fast.url, key: 'k' }, libreTranslate: { url: slow.url }, timeoutMs: 300 }, logs);
    expect((await mt(app, segs.coded)).map((s) => s.engine)).toEqual(['deepl']);
    const warning = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.engine === 'libretranslate');
    expect(warning).toMatchObject({ msg: 'machine translation: no suggestion', err: 'timed out', pair: 'en-es' });
  });

  test.each([
    ['a quota error (456)', { status: 456, body: recorded('deepl.error.456.json') }, '456: Quota Exceeded'],
    ['a server error without a body', { status: 500, body: '' }, '500'],
    ['an answer that is not JSON', { status: 200, body: '<html>proxy error</html>' }, 'not JSON'],
    ['JSON of the wrong shape', { status: 200, body: '{"translations":[]}' }, 'no translations list'],
  ])('%s → an empty list, the reason logged without the key', async (_what, answer, logged) => {
    const e = await deepl(() => answer);
    const logs: string[] = [];
    expect(await mt(appWith({ deepl: { url: e.url, key: 'secret-key' } }, logs), segs.coded)).toEqual([]);
    expect(logs.join('\n')).toContain(logged);
    expect(logs.join('\n')).not.toContain('secret-key');
  });

  test('an engine that is not there at all, and one whose language list fails, give nothing', async () => {
    const down = await libre();
    await down.close();
    const broken = await engine(() => ({ status: 500, body: '{"message":"down"}' }));
    const app = appWith({ libreTranslate: { url: down.url }, deepl: { url: broken.url, key: 'k' }, timeoutMs: 2000 });
    expect(await mt(app, segs.coded)).toEqual([]);
  });
});

describe('cache and limits', () => {
  test('the same source text into the same language asks the engine once, even from another segment', async () => {
    const e = await libre(() => ({ status: 200, body: '{"translatedText":"Firme la carta abierta hoy."}' }));
    const app = appWith({ libreTranslate: { url: e.url } });
    const first = await mt(app, segs.other);
    expect(await mt(app, segs.other)).toEqual(first);
    expect(translateCalls(e)).toBe(1);
    await request(plain).post('/api/documents').set(auth(token.coord)).send({ id: 'copy', title: 'C', sourceLang: 'en', targetLangs: ['es'], markdown: 'Sign the open letter today.' });
    const copy = (await request(plain).get('/api/documents/copy/segments?lang=es').set(auth(token.coord))).body.segments[0] as Seg;
    const res = await request(app).get(`/api/documents/copy/segments/${copy.id}/mt/es`).set(auth(token.es));
    expect(res.body.suggestions).toEqual(first);
    expect(translateCalls(e)).toBe(1);
    // Another language is another entry.
    await mt(app, segs.other, 'ru', token.ru);
    expect(translateCalls(e)).toBe(2);
  });

  test('the cache is bounded: beyond LOCKSTEP_MT_CACHE_ENTRIES the least recently used is asked again', async () => {
    const e = await libre((req) => ({ status: 200, body: JSON.stringify({ translatedText: `es: ${JSON.parse(req.body).q}` }) }));
    const app = appWith({ libreTranslate: { url: e.url }, cacheEntries: 1 });
    await mt(app, segs.plain);
    await mt(app, segs.plain);
    expect(translateCalls(e)).toBe(1);
    await mt(app, segs.other);
    await mt(app, segs.plain);
    expect(translateCalls(e)).toBe(3);
  });

  test('failures are not cached: the next request asks again and gets the suggestion', async () => {
    let fail = true;
    const e = await libre(() => (fail ? { status: 503, body: '{"error":"busy"}' } : ok('libretranslate.translate.es.json')));
    const app = appWith({ libreTranslate: { url: e.url } });
    expect(await mt(app, segs.coded)).toEqual([]);
    fail = false;
    expect(await mt(app, segs.coded)).toHaveLength(1);
    expect(translateCalls(e)).toBe(2);
  });

  test('calls to one engine are bounded by LOCKSTEP_MT_CONCURRENCY', async () => {
    const e = await libre(async (req) => {
      await new Promise((r) => setTimeout(r, 50));
      return { status: 200, body: JSON.stringify({ translatedText: `traducción ${JSON.parse(req.body).q}` }) };
    });
    const app = appWith({ libreTranslate: { url: e.url }, concurrency: 1 });
    const answers = await Promise.all([segs.coded, segs.plain, segs.other].map((s) => mt(app, s)));
    expect(answers.map((a) => a.length)).toEqual([1, 1, 1]);
    expect(e.busy.max).toBe(1);
  });
});

describe('the route', () => {
  test('no engine configured, a locked segment: an empty list and no call', async () => {
    expect(await mt(plain, segs.coded)).toEqual([]);
    const e = await libre();
    expect(await mt(appWith({ libreTranslate: { url: e.url } }), segs.locked)).toEqual([]);
    expect(e.seen).toHaveLength(0);
  });

  test('unknown document, segment or language → 404; another language than one’s own → 403; nothing changes', async () => {
    const before = await hashAllTables(db);
    const get = (p: string, t = token.coord) => request(plain).get(p).set(auth(t));
    expect((await get(`/api/documents/nope/segments/${segs.coded.id}/mt/es`)).body.error.code).toBe('document_not_found');
    expect((await get('/api/documents/letter/segments/nope/mt/es')).body.error.code).toBe('segment_not_found');
    expect((await get(`/api/documents/letter/segments/${segs.coded.id}/mt/fr`)).body.error.code).toBe('language_not_found');
    expect((await get(`/api/documents/letter/segments/${segs.coded.id}/mt/ru`, token.es)).status).toBe(403);
    expect(await hashAllTables(db)).toBe(before);
  });
});

describe('configuration', () => {
  test.each([
    [{ LOCKSTEP_MT_APERTIUM_URL: 'localhost:2737' }, /LOCKSTEP_MT_APERTIUM_URL must be an http or https URL such as http:\/\/127.0.0.1:2737/],
    [{ LOCKSTEP_MT_LIBRETRANSLATE_URL: 'file:///etc/passwd' }, /must be an http or https URL/],
    [{ LOCKSTEP_MT_DEEPL_URL: 'https://api.deepl.com' }, /needs LOCKSTEP_MT_DEEPL_KEY/],
    [{ LOCKSTEP_MT_APERTIUM_URL: 'http://user:pw@host' }, /must not carry credentials/],
  ])('%j is refused at start with what to fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('a free DeepL key goes to api-free.deepl.com, a paid one to api.deepl.com', () => {
    expect(loadConfig({ LOCKSTEP_MT_DEEPL_KEY: 'abc:fx' }).mt.deepl).toEqual({ url: 'https://api-free.deepl.com', key: 'abc:fx' });
    expect(loadConfig({ LOCKSTEP_MT_DEEPL_KEY: 'abc' }).mt.deepl).toEqual({ url: 'https://api.deepl.com', key: 'abc' });
  });
});
