import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import { zipSync } from 'fflate';
import request from 'supertest';
import { lockstepLanguageOf, readXliff, writeXliffString, type ExchangeReport, type XliffUnit } from '@lockstep/shared';
import { addUser, testApp, tokenFor, bytesOf } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

/**
 * The multi-file XLIFF upload (issue 22 item 1): one file, several or a zip; each file's
 * document and language read from the file, overridable; a per-unit dry run; limits.
 */
let db: TestDb;
let app: Express;
let coordinator: string;
let ko: string;
let ru: string;
/** Exported files translated as a CAT tool would send them back, per language and version. */
const translated: Record<string, Buffer> = {};

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const MARKDOWN = 'The first sentence. The second one.\n\nA third with [a link](https://example.org).\n';

async function exportFile(token: string, doc: string, lang: string, version: '1.2' | '2.0'): Promise<Buffer> {
  const res = await request(app)
    .get(`/api/documents/${doc}/xliff/${lang}?version=${version}`)
    .set(auth(token))
    .buffer(true)
    .parse(bytesOf);
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

/** The export with every unit translated (`prefix` + source), as the same version. */
function translate(exported: Buffer, doc: string, lang: string, prefix: string, version: '1.2' | '2.0'): Buffer {
  const file = readXliff(exported).files[0];
  const units: XliffUnit[] = file.units.map((u) => ({ id: u.id, source: u.sourceRuns, target: `${prefix}${u.source}`, state: 'translated' }));
  return Buffer.from(writeXliffString({ exportId: file.exportId, documentId: doc, revision: 1, srcLang: 'en', trgLang: lang }, units, version));
}

const upload = (token: string, dryRun: boolean, doc = 'doc') => request(app).post(`/api/documents/${doc}/xliff${dryRun ? '?dryRun=true' : ''}`).set(auth(token));

async function segmentsOf(lang: string): Promise<{ id: string; index: number; translation: { text: string; state: string } }[]> {
  return (await request(app).get(`/api/documents/doc/segments?lang=${lang}`).set(auth(coordinator))).body.segments;
}

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'ru@example.org', 'reviewer', ['ru']);
  coordinator = await tokenFor(app, 'coord@example.org');
  ko = await tokenFor(app, 'ko@example.org');
  ru = await tokenFor(app, 'ru@example.org');
  for (const id of ['doc', 'other']) {
    const created = await request(app).post('/api/documents').set(auth(coordinator)).send({ id, title: id, sourceLang: 'en', targetLangs: ['es', 'ko', 'ru'], markdown: MARKDOWN });
    expect(created.status).toBe(201);
  }
  translated.ko12 = translate(await exportFile(ko, 'doc', 'ko', '1.2'), 'doc', 'ko', '번역: ', '1.2');
  translated.ko20 = translate(await exportFile(ko, 'doc', 'ko', '2.0'), 'doc', 'ko', '번역: ', '2.0');
  translated.es20 = translate(await exportFile(coordinator, 'doc', 'es', '2.0'), 'doc', 'es', 'ES: ', '2.0');
  translated.otherKo = translate(await exportFile(ko, 'other', 'ko', '2.0'), 'other', 'ko', '다른: ', '2.0');
});
afterAll(async () => {
  await db?.close();
});

describe('one file: document and language come from the file', () => {
  test('a Korean 1.2 file is read as ko (no language chosen), every unit listed with position, before/after; nothing written', async () => {
    const before = await hashAllTables(db);
    const res = await upload(ko, true).attach('file', translated.ko12, 'doc.ko.xlf');
    expect(res.status).toBe(200);
    const body = res.body as ExchangeReport;
    expect(body.dryRun).toBe(true);
    expect(body.files).toHaveLength(1);
    const [file] = body.files;
    expect(file).toMatchObject({ name: 'doc.ko.xlf', version: '1.2', document: 'doc', lang: 'ko', detected: { document: 'doc', documentFrom: 'export', lang: 'ko', fileLang: 'ko' } });
    expect(file.error).toBeUndefined();
    const segments = await segmentsOf('ko');
    expect(file.report!.units.map((u) => [u.unit, u.position, u.outcome, u.before, u.after])).toEqual(
      segments.map((s) => [s.id, s.index + 1, 'applied', '', expect.stringMatching(/^번역: /)]),
    );
    expect(await hashAllTables(db)).toBe(before);
  });

  test('the same request without dryRun applies it', async () => {
    const res = await upload(ko, false).attach('file', translated.ko20, 'doc.ko.xlf');
    expect(res.status).toBe(200);
    expect(res.body.files[0].report.applied).toHaveLength(3);
    expect((await segmentsOf('ko')).every((s) => s.translation.text.startsWith('번역: ') && s.translation.state === 'translated')).toBe(true);
    // Sent again: every unit unchanged, with its text before and after.
    const again = await upload(ko, true).attach('file', translated.ko20, 'doc.ko.xlf');
    expect(again.body.files[0].report.units.map((u: { outcome: string }) => u.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(again.body.files[0].report.units[0].before).toBe(again.body.files[0].report.units[0].after);
  });
});

describe('several files, a zip', () => {
  test('two languages in one request and in one zip: each detected; applied in one transaction', async () => {
    const dry = await upload(coordinator, true).attach('a', translated.es20, 'doc.es.xlf').attach('b', translated.ko20, 'doc.ko.xlf');
    expect(dry.status).toBe(200);
    expect(dry.body.files.map((f: { name: string; lang: string }) => [f.name, f.lang])).toEqual([
      ['doc.es.xlf', 'es'],
      ['doc.ko.xlf', 'ko'],
    ]);
    const zip = Buffer.from(zipSync({ 'doc.es.xlf': translated.es20, 'sub/doc.ko.xlf': translated.ko20, '__MACOSX/._doc.es.xlf': new Uint8Array(4) }));
    const zipped = await upload(coordinator, true).attach('file', zip, 'all.zip');
    expect(zipped.status).toBe(200);
    expect(zipped.body.files.map((f: { name: string; lang: string }) => [f.name, f.lang])).toEqual([
      ['all.zip/doc.es.xlf', 'es'],
      ['all.zip/sub/doc.ko.xlf', 'ko'],
    ]);
    expect(zipped.body.files[0].report).toEqual(dry.body.files[0].report);

    // Korean was imported by an earlier test: a second Korean file with new text, so both
    // languages change in the apply.
    const ko2 = translate(await exportFile(ko, 'doc', 'ko', '2.0'), 'doc', 'ko', '두 번째: ', '2.0');
    const both = Buffer.from(zipSync({ 'doc.es.xlf': translated.es20, 'sub/doc.ko.xlf': ko2 }));
    const applied = await upload(coordinator, false).attach('file', both, 'all.zip');
    expect(applied.status).toBe(200);
    expect(applied.body.files.map((f: { report: { applied: string[] } }) => f.report.applied.length)).toEqual([3, 3]);
    expect((await segmentsOf('es')).every((s) => s.translation.text.startsWith('ES: '))).toBe(true);
    expect((await segmentsOf('ko')).every((s) => s.translation.text.startsWith('두 번째: '))).toBe(true);
    // One transaction: every history row of the apply carries its one start time (now()).
    const stamps = await db.query<{ lang: string; at: string }>(
      `SELECT DISTINCT e.lang, e.created_at::text AS at FROM translation_events e JOIN segments s ON s.id = e.segment_id
        WHERE s.document_id = 'doc' AND e.kind = 'import' AND e.text LIKE ANY (ARRAY['ES: %', '두 번째: %'])`,
    );
    expect(stamps.rows.map((r) => r.lang).sort()).toEqual(['es', 'ko']);
    expect(new Set(stamps.rows.map((r) => r.at)).size).toBe(1);
  });

  test('two files of one name are told apart, and each can be overridden by its shown name', async () => {
    const res = await upload(coordinator, true)
      .field('overrides', JSON.stringify({ 'doc.xlf (2)': { lang: 'es' }, constructor: { lang: 'ru' } }))
      .attach('a', translated.ko20, 'doc.xlf')
      .attach('b', translated.ko12, 'doc.xlf');
    expect(res.status).toBe(200);
    expect(res.body.files.map((f: { name: string; lang: string }) => [f.name, f.lang])).toEqual([
      ['doc.xlf', 'ko'],
      ['doc.xlf (2)', 'es'],
    ]);
  });

  test('two files for one language: the second is refused on the dry run, and the apply changes nothing', async () => {
    const before = await hashAllTables(db);
    const dry = await upload(coordinator, true).attach('a', translated.ko20, 'one.xlf').attach('b', translated.ko12, 'two.xlf');
    expect(dry.body.files[1].error.code).toBe('duplicate_language');
    const res = await upload(coordinator, false).attach('a', translated.ko20, 'one.xlf').attach('b', translated.ko12, 'two.xlf');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('files_refused');
    expect(res.body.error.message).toMatch(/two\.xlf.*Nothing was imported/);
    expect(await hashAllTables(db)).toBe(before);
  });
});

describe('overrides', () => {
  const foreign = (target: string, lang?: string) =>
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="notes.txt" source-language="en"${lang ? ` target-language="${lang}"` : ''} datatype="plaintext"><body>` +
        `<trans-unit id="s1"><source>The first sentence.</source><target>${target}</target></trans-unit></body></file></xliff>`,
    );

  test('a file naming no language asks for one; chosen, it is imported as that language', async () => {
    const dry = await upload(coordinator, true).attach('file', foreign('Первое предложение.'), 'tool.xlf');
    expect(dry.status).toBe(200);
    expect(dry.body.files[0]).toMatchObject({ lang: null, detected: { lang: null, document: 'notes.txt', documentFrom: 'original' }, error: { code: 'other_document' } });
    const chosen = await upload(coordinator, true)
      .field('overrides', JSON.stringify({ 'tool.xlf': { lang: 'ru', document: 'doc' } }))
      .attach('file', foreign('Первое предложение.'), 'tool.xlf');
    expect(chosen.status).toBe(200);
    expect(chosen.body.files[0]).toMatchObject({ lang: 'ru', document: 'doc', overridden: { lang: true, document: true } });
    expect(chosen.body.files[0].report.units).toEqual([expect.objectContaining({ unit: 's1', position: 1, outcome: 'applied', after: 'Первое предложение.' })]);
  });

  test('a language the file states can be overridden, with a warning naming both', async () => {
    const res = await upload(coordinator, true)
      .field('overrides', JSON.stringify({ 'x.xlf': { lang: 'ru', document: 'doc' } }))
      .attach('file', foreign('Первое предложение.', 'es'), 'x.xlf');
    expect(res.body.files[0]).toMatchObject({ lang: 'ru', detected: { lang: 'es' } });
    expect(res.body.files[0].report.warnings).toContainEqual({ message: expect.stringMatching(/"es".*imported as "ru"/) });
  });

  test('a file exported from another document is refused until the uploader chooses this one', async () => {
    const res = await upload(ko, true).attach('file', translated.otherKo, 'other.ko.xlf');
    expect(res.body.files[0]).toMatchObject({ detected: { document: 'other', documentFrom: 'export' }, error: { code: 'other_document' } });
    expect(res.body.files[0].error.message).toMatch(/"other", not "doc"/);
    const chosen = await upload(ko, true).field('overrides', JSON.stringify({ 'other.ko.xlf': { document: 'doc' } })).attach('file', translated.otherKo, 'other.ko.xlf');
    expect(chosen.body.files[0].error).toBeUndefined();
    expect(chosen.body.files[0].report.exportId).toBeNull();
    // Segment ids are unique across documents: matched by id, the other document's units are unknown here.
    expect(chosen.body.files[0].report.units.map((u: { outcome: string; position: number | null }) => [u.outcome, u.position])).toEqual([
      ['unknown', null],
      ['unknown', null],
      ['unknown', null],
    ]);
  });

  test('bad overrides are a 400 that says the shape', async () => {
    const res = await upload(ko, true).field('overrides', '{nope').attach('file', translated.ko20, 'a.xlf');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_overrides');
  });
});

describe('permissions and bad input', () => {
  test("a file in a language the user may not translate is refused per file; the apply is 403 and changes nothing", async () => {
    const before = await hashAllTables(db);
    const dry = await upload(ru, true).attach('file', translated.ko20, 'doc.ko.xlf');
    expect(dry.status).toBe(200);
    expect(dry.body.files[0].error).toMatchObject({ code: 'not_allowed' });
    expect(dry.body.files[0].report).toBeUndefined();
    const applied = await upload(ru, false).attach('file', translated.ko20, 'doc.ko.xlf');
    expect(applied.status).toBe(403);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('a file that is not XLIFF is reported for that file; the other is still checked', async () => {
    const res = await upload(ko, true).attach('a', Buffer.from('just text'), 'notes.xlf').attach('b', translated.ko20, 'doc.ko.xlf');
    expect(res.status).toBe(200);
    expect(res.body.files[0].error.message).toMatch(/line 1/i);
    expect(res.body.files[1].report.units).toHaveLength(3);
  });

  test('no multipart, no file, unknown document: 415, 400, 404', async () => {
    expect((await upload(ko, true).set('content-type', 'application/xliff+xml').send(translated.ko20)).status).toBe(415);
    expect((await upload(ko, true).field('overrides', '{}')).status).toBe(400);
    expect((await upload(ko, true, 'nope').attach('file', translated.ko20, 'a.xlf')).status).toBe(404);
  });
});

describe('limits: file count, unpacked size, zip bombs', () => {
  test('51 files are refused with the limit named', async () => {
    const entries = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}.xlf`, new Uint8Array(10)]));
    const res = await upload(ko, true).attach('file', Buffer.from(zipSync(entries)), 'many.zip');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'too_many_files', message: expect.stringMatching(/At most 50 files/) });
  });

  test('an entry inflating past 20 MB is 413, whether its declared size is honest or a lie', async () => {
    const bomb = zipSync({ 'bomb.xlf': new Uint8Array(21 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const honest = await upload(ko, true).attach('file', Buffer.from(bomb), 'bomb.zip');
    expect(honest.status).toBe(413);
    expect(honest.body.error).toMatchObject({ code: 'file_too_large', message: expect.stringMatching(/bomb\.xlf.*20 MB/) });

    // Declare 1 kB in the local header and the central directory: the inflated bytes still count.
    const lying = Buffer.from(bomb);
    lying.writeUInt32LE(1024, 22); // local file header: uncompressed size
    const central = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(1024, central + 24);
    const lied = await upload(ko, true).attach('file', lying, 'bomb.zip');
    expect(lied.status).toBe(413);
    expect(lied.body.error.code).toBe('file_too_large');
  });
});

describe('language and document read from files of other tools', () => {
  const SAMPLES = fileURLToPath(new URL('../../../../shared/xliff/samples/', import.meta.url));
  const TOOLS = fileURLToPath(new URL('../shared/fixtures/xliff-tools/', import.meta.url));
  /** Every file the reader accepts: the valid samples of MANIFEST.tsv (when that folder exists) and the tool fixtures. */
  function readableFiles(): Record<string, Uint8Array> {
    const files: Record<string, Uint8Array> = {};
    if (existsSync(SAMPLES)) {
      for (const line of readFileSync(`${SAMPLES}MANIFEST.tsv`, 'utf8').split('\n').slice(1)) {
        const [name, , , expected] = line.split('\t');
        if (expected === 'valid' && !name.includes('withdoctype')) files[`samples/${name}`] = readFileSync(`${SAMPLES}${name}`);
      }
    }
    for (const name of readdirSync(TOOLS).filter((n) => !n.endsWith('.ts'))) files[`tools/${name}`] = readFileSync(`${TOOLS}${name}`);
    return files;
  }

  test('each file in one zip: its target language as the file states it, or a request to choose one', async () => {
    const files = readableFiles();
    expect(Object.keys(files).length).toBeGreaterThan(15);
    const res = await upload(coordinator, true).attach('file', Buffer.from(zipSync(files)), 'tools.zip');
    expect(res.status).toBe(200);
    const body = res.body as ExchangeReport;
    expect(body.files.map((f) => f.name).sort()).toEqual(Object.keys(files).map((n) => `tools.zip/${n}`).sort());
    for (const f of body.files) {
      const read = readXliff(files[f.name.slice('tools.zip/'.length)]);
      const lang = read.trgLang ? (lockstepLanguageOf(read.trgLang)?.code ?? null) : null;
      expect([f.name, f.detected.fileLang, f.detected.lang]).toEqual([f.name, read.trgLang ?? null, lang]);
      if (f.error) expect([f.name, f.error.code]).toEqual([f.name, expect.stringMatching(/^(language_required|other_document|not_a_target_language|wrong_source_language|duplicate_language)$/)]);
      else expect(f.report!.units.length).toBe(read.stats.units);
    }
  });
});
