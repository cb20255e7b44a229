import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { readXliff, writeXliffString, XLIFF_MAX_BYTES, type XliffUnit } from '@lockstep/shared';
import { appWithDocument, bytesOf } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let ko: string;
/** The exported ko file with every unit translated: what a CAT tool sends back. */
let translatedFile: Buffer;

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const MARKDOWN = 'The first sentence. The second one.\n\nA third with [a link](https://example.org).\n';

beforeAll(async () => {
  db = await openTestDb();
  ({ app, ko } = await appWithDocument(db, MARKDOWN));
  const exported = await request(app).get('/api/documents/doc/xliff/ko').set(auth(ko)).buffer(true).parse(bytesOf);
  const file = readXliff(exported.body as Buffer).files[0];
  const units: XliffUnit[] = file.units.map((u) => ({ id: u.id, source: u.sourceRuns, target: `번역: ${u.source}`, state: 'translated' }));
  translatedFile = Buffer.from(writeXliffString({ exportId: file.exportId, documentId: 'doc', revision: 1, srcLang: 'en', trgLang: 'ko' }, units, '2.0'));
});
afterAll(async () => {
  await db?.close();
});

const importForm = (dryRun: boolean) => request(app).post(`/api/documents/doc/xliff/ko${dryRun ? '?dryRun=true' : ''}`).set(auth(ko));

describe('XLIFF as a multipart/form-data upload', () => {
  test('import: the file field is read like a raw body (dry run, then applied)', async () => {
    const before = await hashAllTables(db);
    const raw = await importForm(true).set('content-type', 'application/xliff+xml').send(translatedFile);
    const dry = await importForm(true).field('note', 'from the browser').attach('file', translatedFile, 'doc.ko.xlf');
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual(raw.body);
    expect(dry.body.applied).toHaveLength(3);
    expect(await hashAllTables(db)).toBe(before);

    const applied = await importForm(false).attach('file', translatedFile, { filename: 'doc.ko.xlf', contentType: 'application/octet-stream' });
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toEqual(dry.body.applied);
    const segs = (await request(app).get('/api/documents/doc/segments?lang=ko').set(auth(ko))).body.segments;
    expect(segs.every((s: { translation: { state: string; text: string } }) => s.translation.state === 'translated' && s.translation.text.startsWith('번역: '))).toBe(true);
  });

  test('inspect: the same reader behind a form upload', async () => {
    const res = await request(app).post('/api/xliff/inspect').set(auth(ko)).attach('xliff', translatedFile, 'any-name.xlf');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: '2.0', srcLang: 'en', trgLang: 'ko', files: 1, units: 3 });
  });

  test('a form without a file is a 400 that says what to attach; nothing changes', async () => {
    const before = await hashAllTables(db);
    const res = await importForm(false).field('file', 'not a file, a text field');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('file_required');
    expect(res.body.error.message).toMatch(/attach the XLIFF file as a file field/);
    // What a browser sends when no file was chosen: the file field, without a name or content.
    const boundary = 'lockstepBoundary';
    const empty = await importForm(false)
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .send(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--${boundary}--\r\n`);
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('file_required');
    expect(await hashAllTables(db)).toBe(before);
  });

  test('two files are refused rather than one silently dropped', async () => {
    const res = await request(app).post('/api/xliff/inspect').set(auth(ko)).attach('a', translatedFile, 'a.xlf').attach('b', translatedFile, 'b.xlf');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('too_many_files');
  });

  test('a file above 20 MB is 413, in a form as in a raw body; nothing changes', async () => {
    const before = await hashAllTables(db);
    const big = Buffer.alloc(XLIFF_MAX_BYTES + 1, 0x20);
    const form = await importForm(false).attach('file', big, 'big.xlf');
    expect(form.status).toBe(413);
    expect(form.body.error).toMatchObject({ code: 'file_too_large', message: 'The XLIFF file is larger than 20 MB.' });
    const raw = await importForm(false).set('content-type', 'application/xliff+xml').send(big);
    expect(raw.status).toBe(413);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('a broken form, a file that is not XLIFF, and another media type: clear 4xx answers', async () => {
    const noBoundary = await importForm(false).set('content-type', 'multipart/form-data').send('--x\r\n\r\n');
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body.error.code).toBe('malformed_multipart');

    const truncated = await importForm(false)
      .set('content-type', 'multipart/form-data; boundary=XYZ')
      .send('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlf"\r\n\r\n<xliff');
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.code).toBe('malformed_multipart');

    const notXliff = await importForm(false).attach('file', Buffer.from('just some text'), 'notes.xlf');
    expect([400, 422]).toContain(notXliff.status);
    expect(notXliff.body.error.message).toMatch(/line 1/i);

    const text = await importForm(false).set('content-type', 'text/plain').send('hello');
    expect(text.status).toBe(415);
    expect(text.body.error).toMatchObject({ code: 'xliff_required', message: expect.stringMatching(/multipart\/form-data/) });
  });
});
