import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { readXliff, writeXliffString, type XliffUnit } from '@lockstep/shared';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, truncateAll, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let coordinator: string;
let ko: string;

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const V1 = 'The first sentence stays. The second sentence stays too.\n\nA third one is here. The fourth one, with [a link](https://example.org), is here.\n\nThe fifth closes the text.\n';

async function exportKo(): Promise<{ exportId: string; units: ReturnType<typeof readXliff>['files'][number]['units'] }> {
  const res = await request(app)
    .get('/api/documents/doc/xliff/ko')
    .set(auth(ko))
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
  const file = readXliff(res.body as string);
  return { exportId: file.files[0].exportId, units: file.files[0].units };
}

/** What a CAT tool sends back: the same file with every unit translated. */
function translatedFile(exportId: string, units: Awaited<ReturnType<typeof exportKo>>['units'], text: (source: string) => string) {
  const out: XliffUnit[] = units.map((u) => ({ id: u.id, source: u.sourceRuns, target: text(u.source), state: 'translated' }));
  return writeXliffString({ exportId, documentId: 'doc', revision: 1, srcLang: 'en', trgLang: 'ko' }, out, '2.0');
}

const upload = (body: string, dryRun: boolean, token = ko) =>
  request(app)
    .post(`/api/documents/doc/xliff/ko${dryRun ? '?dryRun=true' : ''}`)
    .set(auth(token))
    .set('content-type', 'application/xliff+xml')
    .send(body);

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await truncateAll(db);
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  coordinator = await tokenFor(app, 'coord@example.org');
  ko = await tokenFor(app, 'ko@example.org');
  const res = await request(app).post('/api/documents').set(auth(coordinator)).send({ id: 'doc', title: 'D', sourceLang: 'en', targetLangs: ['ko', 'ru'], markdown: V1 });
  expect(res.status).toBe(201);
});

describe('XLIFF import', () => {
  test('source changed since export: those units become suggestions, the rest is applied, nothing else changes', async () => {
    const { exportId, units } = await exportKo();
    expect(units).toHaveLength(5);
    const v2 = V1.replace('(https://example.org), is here.', '(https://example.org), is still here.').replace('A third one is here.', 'A third one was here.');
    expect((await request(app).post('/api/documents/doc/revisions').set(auth(coordinator)).send({ markdown: v2 })).status).toBe(201);

    const file = translatedFile(exportId, units, (s) => `번역: ${s}`);
    const before = await hashAllTables(db);
    const dry = await upload(file, true);
    expect(dry.status).toBe(200);
    expect(await hashAllTables(db)).toBe(before);
    expect(dry.body.unknown).toEqual([]);
    expect(dry.body.applied).toHaveLength(3);
    expect(dry.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual([
      expect.stringMatching(/source .* changed/),
      expect.stringMatching(/source .* changed/),
    ]);

    const applied = await upload(file, false);
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toEqual(dry.body.applied);
    const segs = (await request(app).get('/api/documents/doc/segments?lang=ko').set(auth(ko))).body.segments as {
      id: string;
      translation: { state: string; text: string; suggestion: string | null };
    }[];
    const conflictIds = applied.body.conflicts.map((c: { unit: string }) => c.unit);
    for (const s of segs) {
      if (conflictIds.includes(s.id)) {
        expect(s.translation.state).toBe('untranslated');
        expect(s.translation.suggestion).toMatch(/^번역: /);
      } else {
        expect(s.translation.state).toBe('translated');
        expect(s.translation.text).toMatch(/^번역: /);
      }
    }
    // The other language is untouched.
    const ru = (await request(app).get('/api/documents/doc/segments?lang=ru').set(auth(ko))).body.segments;
    expect(ru.every((s: { translation: { state: string; version: number } }) => s.translation.state === 'untranslated' && s.translation.version === 1)).toBe(true);
    // Importing the same file again changes nothing more.
    const again = await upload(file, false);
    expect(again.body.applied).toEqual([]);
  });

  test('three-way: a unit edited on the server since the export and different in the file is a conflict, not an overwrite', async () => {
    const { exportId, units } = await exportKo();
    const seg = (await request(app).get('/api/documents/doc/segments?lang=ko').set(auth(ko))).body.segments[0];
    const put = await request(app)
      .put(`/api/documents/doc/segments/${seg.id}/translations/ko`)
      .set(auth(ko))
      .send({ text: '서버에서 고친 문장.', version: seg.translation.version });
    expect(put.status).toBe(200);
    const res = await upload(translatedFile(exportId, units, (s) => `파일: ${s}`), false);
    expect(res.status).toBe(200);
    expect(res.body.conflicts).toEqual([{ unit: seg.id, reason: expect.stringMatching(/changed since the file was exported/) }]);
    const now = (await request(app).get('/api/documents/doc/segments?lang=ko').set(auth(ko))).body.segments[0];
    expect(now.translation.text).toBe('서버에서 고친 문장.');
    expect(now.translation.suggestion).toMatch(/^파일: /);

    // The translator settles the conflict with a save: the suggestion has done its job and goes.
    const settled = await request(app)
      .put(`/api/documents/doc/segments/${seg.id}/translations/ko`)
      .set(auth(ko))
      .send({ text: '서버와 파일을 합친 문장.', version: now.translation.version });
    expect(settled.status).toBe(200);
    const after = (await request(app).get('/api/documents/doc/segments?lang=ko').set(auth(ko))).body.segments[0];
    expect(after.translation.suggestion).toBeNull();
    expect(after.translation.text).toBe('서버와 파일을 합친 문장.');
  });

  test('a unit with an invented inline code is rejected with a reason; unknown ids are listed; approvals are capped for translators', async () => {
    const { exportId, units } = await exportKo();
    const out: XliffUnit[] = units.map((u, i) => ({ id: u.id, source: u.sourceRuns, target: i === 3 ? '코드 없음' : `번역 ${i}`, state: 'approved' }));
    out.push({ id: 's999999', source: [{ type: 'text', text: 'Nope.' }], target: '없음', state: 'translated' });
    const file = writeXliffString({ exportId, documentId: 'doc', revision: 1, srcLang: 'en', trgLang: 'ko' }, out, '2.0');
    const res = await upload(file, false);
    expect(res.status).toBe(200);
    expect(res.body.rejected).toEqual([{ unit: units[3].id, reason: expect.stringMatching(/1/) }]);
    expect(res.body.unknown).toEqual(['s999999']);
    const segs = (await request(app).get('/api/documents/doc/segments?lang=ko').set(auth(ko))).body.segments;
    expect(segs.filter((s: { translation: { state: string } }) => s.translation.state === 'approved')).toHaveLength(0);
    expect(segs.filter((s: { translation: { state: string } }) => s.translation.state === 'translated')).toHaveLength(4);
  });

  test('files that are not XLIFF, or not for this language, are refused and change nothing', async () => {
    const before = await hashAllTables(db);
    const cases: [string, string, number][] = [
      ['not xml at all', 'application/xliff+xml', 400],
      ['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff/>', 'application/xliff+xml', 400],
      ['<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko"><file id="f"><unit id="u"><segment><source>x</source>', 'application/xml', 400],
      ['{}', 'application/json', 415],
    ];
    for (const [body, type, status] of cases) {
      const res = await request(app).post('/api/documents/doc/xliff/ko').set(auth(ko)).set('content-type', type).send(body);
      expect([body.slice(0, 20), res.status]).toEqual([body.slice(0, 20), status]);
      expect(res.body.error.message.length).toBeGreaterThan(5);
    }
    expect(await hashAllTables(db)).toBe(before);
    const { exportId, units } = await exportKo();
    const ruFile = writeXliffString({ exportId, documentId: 'doc', revision: 1, srcLang: 'en', trgLang: 'ru' }, units.map((u) => ({ id: u.id, source: u.sourceRuns, target: 'x', state: 'translated' as const })), '2.0');
    const wrong = await upload(ruFile, false);
    expect(wrong.status).toBe(422);
    // A Korean translator may not import Russian.
    expect((await request(app).post('/api/documents/doc/xliff/ru').set(auth(ko)).set('content-type', 'application/xliff+xml').send(ruFile)).status).toBe(403);
    // Only the export's ledger was written: no translation changed.
    const events = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM translation_events');
    expect(events.rows[0].n).toBe(0);
  });

  test('inspect reads any XLIFF and reports its counts without writing anything', async () => {
    const { exportId, units } = await exportKo();
    const file = translatedFile(exportId, units, (s) => `번역: ${s}`);
    const before = await hashAllTables(db);
    const res = await request(app).post('/api/xliff/inspect').set(auth(ko)).set('content-type', 'application/xml').send(file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: '2.0', srcLang: 'en', trgLang: 'ko', files: 1, units: 5, segments: 5, states: { translated: 5 } });
    const bad = await request(app).post('/api/xliff/inspect').set(auth(ko)).set('content-type', 'application/xml').send(file.slice(0, 200));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/line|end|truncat/i);
    expect(await hashAllTables(db)).toBe(before);
  });
});
