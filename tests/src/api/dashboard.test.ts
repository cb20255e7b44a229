import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { readXliff, writeXliffString, type XliffUnit } from '@lockstep/shared';
import { openDb } from '@lockstep/server/db';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { onPostgres, openTestDb, truncateAll, type TestDb } from '../support/testDb.js';

// The dashboard (GET /api/progress) keeps its entries between looks and takes in only the rows
// written since the last one (services/dashboard.ts). Each test looks once first, so the
// change under test is taken in by a warm copy, and checks the whole answer against the one
// built from the rows without any copy: the document list (GET /api/documents).

let db: TestDb;
let app: Express;
let coord: string;
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const THREE = 'First sentence here. Second sentence here.\n\nThird one, a longer sentence with more words.\n\ninfo@example.org\n';

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
  coord = await tokenFor(app, 'coord@example.org');
});

async function newDoc(id: string, markdown = THREE, targetLangs = ['ko', 'ru']): Promise<{ id: string; segs: { id: string }[] }> {
  const res = await request(app).post('/api/documents').set(auth(coord)).send({ id, title: `Title of ${id}`, sourceLang: 'en', targetLangs, markdown });
  expect(res.status).toBe(201);
  const list = await request(app).get(`/api/documents/${id}/segments?lang=${targetLangs[0]}`).set(auth(coord));
  return { id, segs: list.body.segments };
}

async function dashboard(on: Express = app): Promise<{ id: string; title: string; revision: number; languages: unknown }[]> {
  const res = await request(on).get('/api/progress').set(auth(coord));
  expect(res.status).toBe(200);
  return res.body.documents;
}

/** The dashboard equals the answer built from the rows, document for document, in order. */
async function expectExact(on: Express = app): Promise<void> {
  const list = await request(app).get('/api/documents').set(auth(coord));
  expect(list.status).toBe(200);
  const fromRows = (list.body as { id: string; title: string; revision: number; progress: unknown }[]).map(({ id, title, revision, progress }) => ({
    id,
    title,
    revision,
    languages: progress,
  }));
  expect(await dashboard(on)).toEqual(fromRows);
}

async function save(doc: string, seg: string, lang: string, text: string): Promise<void> {
  const current = await db.query<{ version: number }>('SELECT version FROM translations WHERE segment_id = $1 AND lang = $2', [seg, lang]);
  const res = await request(app).put(`/api/documents/${doc}/segments/${seg}/translations/${lang}`).set(auth(coord)).send({ text, version: current.rows[0].version });
  expect(res.status).toBe(200);
}

/** There is no API for it: what deleting a document would be, in one transaction. */
async function deleteDocument(id: string, { progressRows }: { progressRows: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM translations WHERE segment_id IN (SELECT id FROM segments WHERE document_id = $1)', [id]);
    for (const table of ['segments', 'revisions', ...(progressRows ? ['language_progress'] : [])]) await tx.query(`DELETE FROM ${table} WHERE document_id = $1`, [id]);
    await tx.query('DELETE FROM documents WHERE id = $1', [id]);
  });
}

describe('the dashboard shows every change on the next look', () => {
  test('a set-based change to every document', async () => {
    for (let i = 0; i < 3; i++) await newDoc(`d-${i}`);
    await expectExact();
    await db.query(`UPDATE translations SET state = CASE WHEN lang = 'ko' THEN 'approved' ELSE 'translated' END, version = version + 1`);
    await expectExact();
    // Rewritten with the same numbers: nothing to show differently, and nothing shown wrongly.
    await db.query('UPDATE language_progress SET last_activity = last_activity');
    await expectExact();
    await db.query(`UPDATE translations SET state = 'stale', version = version + 1 WHERE lang = 'ru'`);
    await expectExact();
  });

  test('a publish', async () => {
    const a = await newDoc('a');
    await newDoc('b');
    await save(a.id, a.segs[0].id, 'ko', '첫 문장.');
    await expectExact();
    const res = await request(app).post(`/api/documents/${a.id}/revisions`).set(auth(coord)).send({ markdown: THREE.replace('First sentence', 'A new first sentence') });
    expect(res.status).toBe(201);
    const after = await dashboard();
    expect(after.find((d) => d.id === a.id)!.revision).toBe(2);
    await expectExact();
  });

  test('an XLIFF import', async () => {
    await newDoc('x');
    await expectExact();
    const exported = await request(app)
      .get('/api/documents/x/xliff/ko')
      .set(auth(coord))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    const file = readXliff(exported.body as string).files[0];
    const units: XliffUnit[] = file.units.map((u) => ({ id: u.id, source: u.sourceRuns, target: `번역: ${u.source}`, state: 'translated' }));
    const body = writeXliffString({ exportId: file.exportId, documentId: 'x', revision: 1, srcLang: 'en', trgLang: 'ko' }, units, '2.0');
    const res = await request(app).post('/api/documents/x/xliff/ko').set(auth(coord)).set('content-type', 'application/xliff+xml').send(body);
    expect(res.status).toBe(200);
    const ko = (await dashboard()).find((d) => d.id === 'x')!.languages as Record<string, { complete: number }>;
    expect(ko.ko.complete).toBe(1);
    await expectExact();
  });

  test('a new title, a new target language, a document made since', async () => {
    await newDoc('t');
    await expectExact();
    await db.query(`UPDATE documents SET title = 'Renamed' WHERE id = 't'`);
    await expectExact();
    await db.query(`UPDATE documents SET target_langs = target_langs || '{fr}' WHERE id = 't'`);
    await expectExact();
    await newDoc('u', 'One more document.', ['el']);
    await expectExact();
  });

  test('a deleted document, with and without its progress rows', async () => {
    await newDoc('keep');
    await newDoc('gone');
    await newDoc('orphaned');
    await expectExact();
    await deleteDocument('gone', { progressRows: true });
    await expectExact();
    // The counters have no foreign key (002_workflow.sql): rows may outlive their document.
    await deleteDocument('orphaned', { progressRows: false });
    await expectExact();
    expect((await dashboard()).map((d) => d.id)).toEqual(['keep']);
  });

  test('progress rows deleted and rebuilt, or deleted alone (no row version is left to read)', async () => {
    const a = await newDoc('r');
    await save(a.id, a.segs[0].id, 'ru', 'Первое.');
    await expectExact();
    await db.query(`DELETE FROM language_progress WHERE document_id = 'r' AND lang = 'ru'`);
    await expectExact();
    await db.query(`INSERT INTO language_progress (document_id, lang, untranslated, locked) VALUES ('r', 'ru', 3, 1)`);
    await expectExact();
  });

  test('looks at the same moment all show the change', async () => {
    const a = await newDoc('c');
    await expectExact();
    await save(a.id, a.segs[1].id, 'ko', '둘째 문장.');
    const looks = await Promise.all([dashboard(), dashboard(), dashboard()]);
    for (const look of looks) expect(look).toEqual(looks[0]);
    expect((looks[0][0].languages as Record<string, { segments: { translated: number } }>).ko.segments.translated).toBe(1);
    await expectExact();
  });

  (onPostgres ? test : test.skip)('a change by a transaction that began before a look and committed after it', async () => {
    const a = await newDoc('late');
    await expectExact();
    const other = await openDb({ url: db.url! });
    try {
      await other.transaction(async (tx) => {
        // The transaction has its id before the look and is still running during it.
        await tx.query(`UPDATE translations SET state = 'translated', version = version + 1 WHERE segment_id = $1 AND lang = 'ko'`, [a.segs[0].id]);
        const during = await dashboard();
        expect((during[0].languages as Record<string, { segments: { translated: number } }>).ko.segments.translated).toBe(0);
      });
      // A later transaction's change seen by a look in between must not hide this one.
      await save(a.id, a.segs[1].id, 'ru', 'Второе.');
      await expectExact();
    } finally {
      await other.close();
    }
    expect((await dashboard())[0].languages).toMatchObject({ ko: { segments: { translated: 1 } }, ru: { segments: { translated: 1 } } });
  });

  (onPostgres ? test : test.skip)('a change made through another server process', async () => {
    const a = await newDoc('p');
    await expectExact();
    const other = await openDb({ url: db.url! });
    try {
      const otherApp = testApp(other as TestDb).app;
      await expectExact(otherApp);
      await save(a.id, a.segs[0].id, 'ko', '첫 문장.');
      await expectExact(otherApp);
      await expectExact();
    } finally {
      await other.close();
    }
  });
});
