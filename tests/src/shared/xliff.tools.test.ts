import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { parseCodedText, readXliff, writeXliffString, XliffError, type ReadUnit, type XliffIntent, type XliffReadResult, type XliffUnit } from '@lockstep/shared';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';
import { hasCommand, okapiStyle, readWithPython, xmllintWellFormed } from './fixtures/xliff-tools/transform.js';

/*
 * Files as other tools write them (Okapi Rainbow/Tikal, translate-toolkit and Pootle, Angular
 * `ng extract-i18n`, Weblate, memoQ, Trados Studio, Xcode; BOM, CRLF, standalone, XLIFF 1.0
 * and 1.1) go through the reader with the counts, states and texts xliff.md's policy gives,
 * and our own 1.2/2.0 exports are read by independent readers (Python's standard library,
 * xmllint, the `xliff` package) with the texts we wrote.
 */

const DIR = new URL('./fixtures/xliff-tools/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, DIR));
const units = (r: XliffReadResult) => r.files.flatMap((f) => f.units);
const byId = (r: XliffReadResult) => new Map(units(r).map((u) => [u.id, u]));
const intents = (r: XliffReadResult) => Object.fromEntries(units(r).map((u) => [u.id, u.intent]));
const texts = (u: ReadUnit | undefined) => [u?.source, u?.target];

interface Expect {
  version: string;
  langs: [string, string | undefined];
  units: number;
  segments: number;
  intents: Record<string, XliffIntent>;
  texts?: Record<string, [string, string | null]>;
  warnings?: RegExp[];
  rejected?: Record<string, RegExp>;
}

const FILES: Record<string, Expect> = {
  'okapi-tikal-1.2.xlf': {
    version: '1.2',
    langs: ['en', 'fr-FR'],
    units: 6,
    segments: 9,
    intents: { 1: 'translated', 2: 'translated', 3: 'needs-review', 4: 'needs-review', 5: 'locked', 6: 'untranslated' },
    texts: {
      2: ['Read the <1>manual</1> first. Then press <2/> to start.', "Lisez d'abord le <1>manuel</1>. Puis appuyez sur <2/> pour commencer."],
      // <bx/>/<ex/> across the segments, and <bpt>/<ept>/<ph> with native code, mapped back by id.
      3: ['Text in <1>bold and more bold.</1> Then plain.', 'Texte en <1>gras et encore gras. </1>Puis normal.'],
      4: ['Line one<1/>line <2>two</2>.', 'Ligne un<1/>ligne <2>deux</2>.'],
    },
    warnings: [/"x-okapi-leveraged" is an extension state; read as needing review/],
  },
  'okapi-2.0.xlf': {
    version: '2.0',
    langs: ['en', 'fr'],
    units: 4,
    segments: 6,
    intents: { tu1: 'translated', tu2: 'translated', tu3: 'needs-review', tu4: 'locked' },
    texts: { tu3: ['Text in <1>bold and more bold. </1>Then plain.', 'Texte en <1>gras et encore gras. </1>Puis normal.'] },
  },
  'translate-toolkit-po2xliff-1.1.xlf': {
    version: '1.1',
    langs: ['en-US', undefined],
    units: 6,
    segments: 6,
    intents: { 1: 'translated', 2: 'approved', 3: 'needs-review', 4: 'untranslated', '5[0]': 'approved', '5[1]': 'approved' },
    texts: { '5[1]': ['%d files', '%d Dateien'] },
    warnings: [/XLIFF 1\.1 is read with the XLIFF 1\.2 rules/, /targets but no target-language/],
  },
  'translate-toolkit-pootle-1.2.xlf': {
    version: '1.2',
    langs: ['en', 'pt-BR'],
    units: 4,
    segments: 4,
    intents: { greeting: 'approved', farewell: 'needs-review', empty: 'untranslated', odd: 'needs-review' },
    // The <alt-trans> is a proposal, not the target.
    texts: { farewell: ['Goodbye', 'Adeus'] },
    warnings: [/"x-rejected" is an extension state/],
  },
  'angular-extract-1.2.xlf': {
    version: '1.2',
    langs: ['en-US', undefined],
    units: 5,
    segments: 5,
    intents: { introductionHeader: 'untranslated', '5206857922697139278': 'untranslated', boldGreeting: 'untranslated', '2037338452478512337': 'untranslated', twoBolds: 'untranslated' },
    texts: {
      '5206857922697139278': ['Updated <1/> minutes ago by <2/>', null],
      boldGreeting: ['Welcome, <1/>dear user<2/>. <3/>Help<4/><5/>', null],
      '2037338452478512337': ['{VAR_PLURAL, plural, =0 {just now} =1 {one minute ago} other {<1/> minutes ago}}', null],
    },
    // Angular names a repeated tag's placeholder the same: no Lockstep segment has that shape.
    rejected: { twoBolds: /code 1 is used more than once/ },
  },
  'angular-translated-fr-1.2.xlf': {
    version: '1.2',
    langs: ['en-US', 'fr'],
    units: 2,
    segments: 2,
    intents: { introductionHeader: 'translated', '5206857922697139278': 'needs-review' },
    texts: { '5206857922697139278': ['Updated <1/> minutes ago by <2/>', 'Mis à jour par <2/> il y a <1/> minutes'] },
  },
  'angular-extract-2.0.xlf': {
    version: '2.0',
    langs: ['en-US', undefined],
    units: 4,
    segments: 4,
    intents: { introductionHeader: 'untranslated', '5206857922697139278': 'untranslated', boldGreeting: 'untranslated', '2037338452478512337': 'untranslated' },
    // Id "0" is not one of our numbers, so it gets the next free one.
    texts: { boldGreeting: ['Welcome, <3>dear user</3>. <1>Help</1><2/>', null] },
  },
  'angular-translated-fr-2.0.xlf': {
    version: '2.0',
    langs: ['en-US', 'fr'],
    units: 2,
    segments: 2,
    intents: { introductionHeader: 'translated', boldGreeting: 'translated' },
    texts: { boldGreeting: ['Welcome, <3>dear user</3>. <1>Help</1><2/>', 'Bienvenue, <3>cher utilisateur</3>. <1>Aide</1><2/>'] },
  },
  'weblate-1.2.xlf': {
    version: '1.2',
    langs: ['en', 'cs'],
    units: 4,
    segments: 4,
    intents: { hello: 'approved', orangutan: 'needs-review', weblate: 'translated', thanks: 'untranslated' },
    texts: { hello: ['Hello, world!\n', 'Ahoj světe!\n'], weblate: ['Try Weblate at <https://demo.weblate.org/>!', 'Vyzkoušejte Weblate na <https://demo.weblate.org/>!'] },
    warnings: [/"weblate-flags" that XLIFF 1\.2 does not define; it was ignored/],
  },
  'weblate-2.0.xlf': {
    version: '2.0',
    langs: ['en', 'cs'],
    units: 4,
    segments: 4,
    intents: { hello: 'approved', orangutan: 'translated', weblate: 'needs-review', thanks: 'untranslated' },
    texts: { orangutan: ['Orangutan has %d banana.\n', 'Orangutan má %d banán.\n'] },
  },
  'memoq-1.2.mqxliff': {
    version: '1.2',
    langs: ['en-US', 'de-DE'],
    units: 4,
    segments: 4,
    intents: { 1: 'translated', 2: 'translated', 3: 'untranslated', 4: 'translated' },
    texts: { 1: ['Press <1>Start</1> to begin.', 'Drücken Sie <1>Start</1>, um zu beginnen.'], 2: ['Save the file<1/>.', 'Speichern Sie die Datei<1/>.'] },
  },
  'trados-2021.sdlxliff': {
    version: '1.2',
    langs: ['en-US', 'ja-JP'],
    units: 3,
    segments: 4,
    intents: { 'a6d2f0b4-1e0c-4f4e-9d1b-7c6b5f2a3e01': 'translated', 'a6d2f0b4-1e0c-4f4e-9d1b-7c6b5f2a3e02': 'translated', 'a6d2f0b4-1e0c-4f4e-9d1b-7c6b5f2a3e03': 'locked' },
    texts: { 'a6d2f0b4-1e0c-4f4e-9d1b-7c6b5f2a3e01': ['Welcome to the <1>manual</1>. Read it first.', '<1>マニュアル</1>へようこそ。 最初にお読みください。'] },
  },
  'bom-utf8-1.2.xlf': { version: '1.2', langs: ['en', 'ko'], units: 2, segments: 2, intents: { 1: 'translated', 2: 'untranslated' }, texts: { 1: ['Good morning.', '좋은 아침입니다.'] } },
  // XML normalises CRLF to LF: no \r reaches a segment.
  'crlf-1.2.xlf': { version: '1.2', langs: ['en', 'es'], units: 2, segments: 2, intents: { 1: 'translated', 2: 'approved' }, texts: { 1: ['First line\nsecond line', 'Primera línea\nsegunda línea'] } },
  'standalone-1.2.xlf': { version: '1.2', langs: ['en', 'de'], units: 1, segments: 1, intents: { Cancel: 'translated' } },
  'standalone-2.0.xlf': { version: '2.0', langs: ['en', 'de'], units: 1, segments: 1, intents: { u1: 'approved' } },
  'xliff-1.1.xlf': {
    version: '1.1',
    langs: ['en', 'it'],
    units: 2,
    segments: 2,
    intents: { 101: 'translated', 102: 'needs-review' },
    warnings: [/XLIFF 1\.1 is read with the XLIFF 1\.2 rules/, /<file> has an attribute "tool"/],
  },
  'xliff-1.0.xlf': {
    version: '1.0',
    langs: ['en', 'fr'],
    units: 2,
    segments: 2,
    intents: { hello: 'translated', bye: 'untranslated' },
    warnings: [/no namespace; read as XLIFF 1\.0/, /XLIFF 1\.0 is read with the XLIFF 1\.2 rules/, /<file> has an attribute "tool"/],
  },
};

describe('files from other tools: read with the counts, states and texts of the policy', () => {
  test.each(Object.entries(FILES))('%s', (name, want) => {
    const read = readXliff(fixture(name));
    expect([read.version, read.srcLang, read.trgLang]).toEqual([want.version, ...want.langs]);
    expect([read.stats.units, read.stats.segments]).toEqual([want.units, want.segments]);
    expect(intents(read)).toEqual(Object.fromEntries(Object.entries(want.intents)));
    const map = byId(read);
    for (const [id, pair] of Object.entries(want.texts ?? {})) expect([id, ...texts(map.get(id))]).toEqual([id, ...pair]);
    const rejected = Object.fromEntries(units(read).filter((u) => u.rejected).map((u) => [u.id, u.rejected!.message]));
    expect(Object.keys(rejected)).toEqual(Object.keys(want.rejected ?? {}));
    for (const [id, message] of Object.entries(want.rejected ?? {})) expect(rejected[id]).toMatch(message);
    const warnings = read.warnings.map((w) => w.message);
    expect(warnings).toHaveLength((want.warnings ?? []).length);
    for (const w of want.warnings ?? []) expect(warnings).toContainEqual(expect.stringMatching(w));
  });

  test('the tools’ notes come back; their extension data, context groups and TM matches do not leak into texts', () => {
    const tt = byId(readXliff(fixture('translate-toolkit-po2xliff-1.1.xlf')));
    expect(tt.get('2')!.notes).toEqual([{ category: 'developer', text: 'Menu entry in the File menu.' }]);
    const angular = byId(readXliff(fixture('angular-extract-2.0.xlf')));
    expect(angular.get('introductionHeader')!.notes.map((n) => n.category)).toEqual(['location', 'description', 'meaning']);
    const memoq = byId(readXliff(fixture('memoq-1.2.mqxliff')));
    expect(memoq.get('1')!.target).toBe('Drücken Sie <1>Start</1>, um zu beginnen.');
    expect(memoq.get('1')!.codeIds).toEqual({ source: ['1'], target: ['1'] });
  });

  test('Trados with a byte order mark, also in UTF-16 as Studio may save it; and a BOM in a string', () => {
    const utf8 = fixture('trados-2021.sdlxliff');
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = utf8.toString('utf8').slice(1).replace('encoding="utf-8"', 'encoding="utf-16"');
    const utf16 = readXliff(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(utf16.encoding).toBe('utf-16le');
    expect(units(utf16).map((u) => [u.source, u.target])).toEqual(units(readXliff(utf8)).map((u) => [u.source, u.target]));
    expect(readXliff(fixture('bom-utf8-1.2.xlf').toString('utf8')).stats.units).toBe(2);
  });

  test('a segmented target with an empty segment is translated only in part: listed, rejected with the reason', () => {
    const trados = fixture('trados-2021.sdlxliff').toString('utf8').replace('<mrk mtype="seg" mid="2">最初にお読みください。</mrk>', '<mrk mtype="seg" mid="2"/>');
    const u = byId(readXliff(trados)).get('a6d2f0b4-1e0c-4f4e-9d1b-7c6b5f2a3e01')!;
    expect([u.target, u.intent, u.rejected]).toEqual([null, 'untranslated', { code: 'partial_target', message: "1 of the unit's 2 segments have no target: the unit is translated only in part." }]);
    const okapi = fixture('okapi-tikal-1.2.xlf').toString('utf8').replace('<mrk mid="1" mtype="seg">Puis appuyez sur <x id="2" ctype="image" equiv-text="[img]"/> pour commencer.</mrk>', '<mrk mid="1" mtype="seg"></mrk>');
    const read = readXliff(okapi);
    expect(units(read).filter((u) => u.rejected).map((u) => [u.id, u.rejected!.code])).toEqual([['2', 'partial_target']]);
    // Every segment empty is simply untranslated.
    const none = byId(readXliff(trados.replace('<mrk mtype="seg" mid="1"><g id="pt1">マニュアル</g>へようこそ。</mrk>', '<mrk mtype="seg" mid="1"></mrk>')));
    expect([none.get('a6d2f0b4-1e0c-4f4e-9d1b-7c6b5f2a3e01')!.intent, none.get('a6d2f0b4-1e0c-4f4e-9d1b-7c6b5f2a3e01')!.rejected]).toEqual(['untranslated', undefined]);
  });

  test('the strict checks stay: a 1.0 file with its DOCTYPE, an unknown element in a 1.2 unit, an unknown attribute in 2.0', () => {
    const doctype = fixture('xliff-1.0.xlf').toString('utf8').replace('?>', '?>\n<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">');
    const codeOf = (input: string) => {
      try {
        readXliff(input);
      } catch (e) {
        expect(e).toBeInstanceOf(XliffError);
        return [(e as XliffError).code, (e as XliffError).message];
      }
      return ['accepted', ''];
    };
    expect(codeOf(doctype)).toEqual(['doctype', expect.stringMatching(/DOCTYPE/)]);
    const weblate = fixture('weblate-1.2.xlf').toString('utf8');
    expect(codeOf(weblate.replace('<note from="developer">', '<flags>c-format</flags><note from="developer">'))).toEqual(['structure', expect.stringMatching(/<flags> is not an XLIFF 1\.2 element/)]);
    const weblate2 = fixture('weblate-2.0.xlf').toString('utf8');
    expect(codeOf(weblate2.replace('<unit id="thanks">', '<unit id="thanks" weblate-flags="c-format">'))).toEqual(['structure', expect.stringMatching(/no attribute "weblate-flags"/)]);
    // A 1.x attribute the schema lacks is ignored, its value unchecked; a known one still is checked.
    expect(codeOf(weblate.replace('approved="yes"', 'approved="maybe"'))).toEqual(['attribute', expect.stringMatching(/approved="maybe"/)]);
  });
});

// Through the server ---------------------------------------------------------------------

let db: TestDb;
let app: Express;
const token: Record<'coord' | 'ko', string> = { coord: '', ko: '' };
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

const DOC = [
  '# Tools & friends',
  '',
  'Read the [manual](https://example.org/a?b=1&c=2) with **bold** and *italic* text.',
  '',
  'Use `npm run build` before ]]> shipping "quoted" & \'single\' text.',
  '',
  '![Logo](logo.png) Arabic: مرحبا بالعالم and emoji 😀 𝄞 here.',
  '',
  'This sentence will change after it is translated.',
  '',
  'The last paragraph stays untranslated.',
  '',
].join('\n');

interface Segment {
  id: string;
  source: string;
  translatable: boolean;
  translation: { state: string; text: string | null; version: number };
}

const segmentsOf = async (doc: string): Promise<Segment[]> => (await request(app).get(`/api/documents/${doc}/segments?lang=ko`).set(auth(token.ko))).body.segments;

const download = (url: string) =>
  request(app)
    .get(url)
    .set(auth(token.ko))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });

const createDoc = async (id: string) => {
  const res = await request(app).post('/api/documents').set(auth(token.coord)).send({ id, title: id, sourceLang: 'en', targetLangs: ['ko'], markdown: DOC });
  expect(res.status).toBe(201);
};

/** What a reader sees of a text with codes: the text runs only. */
const plain = (coded: string) => parseCodedText(coded).runs.map((r) => (r.type === 'text' ? r.text : '')).join('');

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  token.coord = await tokenFor(app, 'coord@example.org');
  token.ko = await tokenFor(app, 'ko@example.org');

  // Every export state: translated, approved, stale, untranslated.
  await createDoc('tools');
  const segs = await segmentsOf('tools');
  for (const s of segs.slice(0, 5)) {
    const put = await request(app).put(`/api/documents/tools/segments/${s.id}/translations/ko`).set(auth(token.ko)).send({ text: `번역: ${s.source}`, version: s.translation.version });
    expect(put.status).toBe(200);
  }
  const approved = (await segmentsOf('tools'))[1];
  expect((await request(app).post(`/api/documents/tools/segments/${approved.id}/translations/ko/approve`).set(auth(token.coord)).send({ version: approved.translation.version })).status).toBe(200);
  const revised = DOC.replace('This sentence will change after it is translated.', 'This sentence changed after it was translated.');
  expect((await request(app).post('/api/documents/tools/revisions').set(auth(token.coord)).send({ markdown: revised })).status).toBe(201);
});
afterAll(async () => {
  await db?.close();
});

describe('POST /api/xliff/inspect with other tools’ files', () => {
  test.each(['trados-2021.sdlxliff', 'translate-toolkit-po2xliff-1.1.xlf', 'okapi-2.0.xlf'])('%s: the reader’s counts, nothing written', async (name) => {
    const want = FILES[name];
    const before = await hashAllTables(db);
    const res = await request(app).post('/api/xliff/inspect').set(auth(token.ko)).set('content-type', 'application/xliff+xml').send(fixture(name));
    expect(res.status).toBe(200);
    const read = readXliff(fixture(name));
    expect(res.body).toMatchObject({ version: want.version, srcLang: want.langs[0], trgLang: want.langs[1] ?? null, units: want.units, segments: want.segments, states: { ...read.stats.states }, rejected: 0 });
    expect(res.body.warnings).toEqual(read.warnings);
    expect(await hashAllTables(db)).toBe(before);
  });
});

describe('an export that went through Okapi comes back applied', () => {
  test.each(['bx', 'bpt'] as const)('segmented <seg-source>/<mrk mtype="seg">, <g> as <%s>: every unit applied, texts as translated', async (style) => {
    const doc = `okapi-${style}`;
    await createDoc(doc);
    const exported = await download(`/api/documents/${doc}/xliff/ko?version=1.2`);
    expect(exported.status).toBe(200);
    const file = readXliff(exported.body as string).files[0];
    const translatable = file.units.filter((u) => u.translate);
    const out: XliffUnit[] = translatable.map((u) => ({ id: u.id, source: u.sourceRuns, target: `번역 ${u.source}`, state: 'translated' }));
    const filled = writeXliffString({ exportId: file.exportId, documentId: doc, revision: 1, srcLang: 'en', trgLang: 'ko' }, out, '1.2');
    const upload = (body: string, dryRun: boolean) =>
      request(app).post(`/api/documents/${doc}/xliff/ko${dryRun ? '?dryRun=true' : ''}`).set(auth(token.ko)).set('content-type', 'application/xliff+xml').send(body);

    // A translator left the second segment of one unit empty: that unit is not applied.
    const coded = translatable.find((u) => u.source.includes('<1>'))!;
    const partial = okapiStyle(filled, { style, trgLang: 'ko', emptySecondIn: coded.id });
    expect(partial).toContain(style === 'bx' ? '<bx id="1"' : '<bpt id="1"');
    const before = await hashAllTables(db);
    const dry = await upload(partial, true);
    expect(dry.status).toBe(200);
    expect(dry.body.rejected).toEqual([{ unit: coded.id, reason: expect.stringMatching(/translated only in part/) }]);
    expect(dry.body.applied).toHaveLength(translatable.length - 1);
    expect(await hashAllTables(db)).toBe(before);

    const okapi = okapiStyle(filled, { style, trgLang: 'ko' });
    const read = readXliff(okapi);
    expect(read.stats.segments).toBeGreaterThan(read.stats.units);
    const res = await upload(okapi, false);
    expect(res.status).toBe(200);
    expect([res.body.applied.length, res.body.conflicts, res.body.rejected, res.body.unknown]).toEqual([translatable.length, [], [], []]);
    const segs = await segmentsOf(doc);
    for (const u of translatable) {
      const s = segs.find((x) => x.id === u.id)!;
      expect([s.id, s.translation.state, s.translation.text]).toEqual([u.id, 'translated', `번역 ${s.source}`]);
    }
  });
});

describe('independent readers of our exports', () => {
  const expected = async () =>
    (await segmentsOf('tools')).map((s) => {
      const state = s.translatable ? s.translation.state : 'locked';
      const target = ['translated', 'approved', 'stale'].includes(state) ? plain(s.translation.text!) : null;
      return { id: s.id, source: plain(s.source), target };
    });

  // Shown as skipped (not passed) where the reader is not installed; CI has both.
  const withPython = hasCommand('python3') ? test : test.skip;
  const withXmllint = hasCommand('xmllint') ? test : test.skip;

  withPython.each(['1.2', '2.0'])('Python’s xml.etree and xml.dom.minidom read every unit of our %s export with our texts', async (version) => {
    const res = await download(`/api/documents/tools/xliff/ko?version=${version}`);
    expect(res.status).toBe(200);
    const want = await expected();
    expect(want.filter((u) => u.target !== null).length).toBeGreaterThanOrEqual(4);
    expect(readWithPython(res.body as string)).toEqual(want);
  });

  withXmllint.each(['1.2', '2.0'])('xmllint --noout finds our %s export well-formed', async (version) => {
    const res = await download(`/api/documents/tools/xliff/ko?version=${version}`);
    const lint = xmllintWellFormed(res.body as string);
    expect([lint.ok, lint.stderr]).toEqual([true, '']);
  });

  test('the xliff package (the UI strings’ converter) reads our 1.2 export with the same unit ids and plain texts', async () => {
    // Typed loosely: the package ships no declarations (client/tools/xliff.d.ts is the client's).
    const specifier = 'xliff/xliff12ToJs';
    const { default: xliff12ToJs } = (await import(specifier)) as { default: (xml: string, opts?: object) => Promise<{ resources: Record<string, Record<string, { source?: unknown; target?: unknown }>> }> };
    const res = await download('/api/documents/tools/xliff/ko?version=1.2');
    const js = await xliff12ToJs(res.body as string, { inlineAsString: true });
    const [resource] = Object.values(js.resources);
    const want = await expected();
    expect(Object.keys(resource)).toEqual(want.map((u) => u.id));
    // Its inline-as-string mode writes codes back as markup; compare the text between them.
    const strip = (v: unknown) => (typeof v === 'string' ? v.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&') : v);
    for (const u of want) {
      expect([u.id, strip(resource[u.id].source), strip(resource[u.id].target ?? null)]).toEqual([u.id, u.source, u.target]);
    }
  });
});
