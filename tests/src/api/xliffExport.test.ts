import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { unzipSync } from 'fflate';
import pg from 'pg';
import { readXliff } from '@lockstep/shared';
import { findDocument } from '@lockstep/server/repos/documents';
import { createDocument } from '@lockstep/server/services/documents';
import { EXPORT_BATCH, exportXliff, sourceHashOf } from '@lockstep/server/services/xliffExport';
import { onPostgres } from '../support/testDb.js';
import { demoTokenFor, seedDemo, testApp, bytesOf } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

/** The export ledger's units as rows (migration 031 keeps them as three arrays of the export's row). */
const LEDGER = `(SELECT x.id AS export_id, u.* FROM xliff_exports x
  CROSS JOIN LATERAL unnest(x.unit_segment_ids, x.unit_versions, x.unit_source_hashes) AS u(segment_id, translation_version, source_hash)) u`;

let db: TestDb;
let app: Express;
let token: string;

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await seedDemo(db);
  token = await demoTokenFor(app, 'ru');
});
afterAll(async () => {
  await db?.close();
});

const download = (url: string) =>
  request(app)
    .get(url)
    .set('Authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });

describe('XLIFF export', () => {
  test.each(['2.0', '1.2'] as const)('XLIFF %s of Korean reads back with every unit, state and text, and is in the ledger', async (version) => {
    const res = await download(`/api/documents/statement/xliff/ko?version=${version}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xliff\+xml/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="statement.ko.xlf"');
    const file = readXliff(res.body as string);
    expect(file.version).toBe(version);
    expect(file.srcLang).toBe('en');
    expect(file.trgLang).toBe('ko');
    const units = file.files.flatMap((f) => f.units);
    const segments = (await request(app).get('/api/documents/statement/segments?lang=ko').set('Authorization', `Bearer ${token}`)).body.segments;
    expect(units.map((u) => u.id)).toEqual(segments.map((s: { id: string }) => s.id));
    for (const [i, s] of (segments as { source: string; translatable: boolean; translation: { state: string; text: string } | null }[]).entries()) {
      const u = units[i];
      expect(u.source).toBe(s.source);
      if (!s.translatable) {
        expect(u.intent).toBe('locked');
        continue;
      }
      const state = s.translation!.state;
      // Stale is never exported as translated: a CAT tool must see it needs review.
      expect(u.intent).toBe(state === 'stale' ? 'stale' : state);
      if (state === 'translated' || state === 'approved' || state === 'stale') expect(u.target).toBe(s.translation!.text);
      else expect(u.target ?? null).toBeNull();
    }
    const exportId = res.headers['x-lockstep-export-id'];
    expect(file.files[0].exportId).toBe(exportId);
    const ledger = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${LEDGER} WHERE export_id = $1`, [exportId]);
    expect(ledger.rows[0].n).toBe(segments.length);
  });

  test('scope=todo holds only untranslated and stale units', async () => {
    const res = await download('/api/documents/statement/xliff/ko?scope=todo');
    const units = readXliff(res.body as string).files.flatMap((f) => f.units);
    const todo = (await request(app).get('/api/documents/statement/segments?lang=ko&state=needs-work').set('Authorization', `Bearer ${token}`)).body.segments;
    expect(units.map((u) => u.id)).toEqual(todo.map((s: { id: string }) => s.id));
    expect(units.length).toBeGreaterThan(10);
  });

  test('any signed-in user may export any language; bad parameters are 4xx', async () => {
    expect((await download('/api/documents/statement/xliff/hi')).status).toBe(200);
    expect((await download('/api/documents/statement/xliff/de')).status).toBe(404);
    expect((await download('/api/documents/statement/xliff/en')).status).toBe(404);
    expect((await download('/api/documents/nope/xliff/ko')).status).toBe(404);
    expect((await download('/api/documents/statement/xliff/ko?version=3.0')).status).toBe(400);
    expect((await request(app).get('/api/documents/statement/xliff/ko')).status).toBe(401);
  });

  test('all languages as a zip: one file per target language, each a valid export in the ledger', async () => {
    const res = await request(app)
      .get('/api/documents/statement/xliff?version=1.2')
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(bytesOf);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    expect(Object.keys(files).sort()).toEqual(['el', 'es', 'fr', 'hi', 'ko', 'pt', 'ru', 'tl'].map((l) => `statement.${l}.xlf`));
    for (const [name, bytes] of Object.entries(files)) {
      const file = readXliff(bytes);
      expect(file.version).toBe('1.2');
      expect(`statement.${file.trgLang}.xlf`).toBe(name);
      const ledger = await db.query('SELECT 1 FROM xliff_exports WHERE id = $1', [file.files[0].exportId]);
      expect(ledger.rows).toHaveLength(1);
    }
  });
});

describe('an export whose download stops', () => {
  test('past its first batch leaves no trace in the ledger, and the next export of the document is whole', async () => {
    const sentences = Array.from({ length: EXPORT_BATCH + 300 }, (_, i) => `Sentence number ${i} of the long document.`);
    await createDocument(db, null, { id: 'long-export', title: 'Long', sourceLang: 'en', targetLangs: ['ko'], markdown: sentences.join('\n\n') + '\n' });
    const doc = (await findDocument(db, 'long-export'))!;
    const before = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM xliff_exports WHERE document_id = 'long-export'`);
    let chunks = 0;
    let exportId = '';
    // The client goes away once part of the file is out: the sink rejects, as a closed response does.
    const gone = exportXliff(db, null, doc, 'ko', { version: '2.0', scope: 'all' }, async (chunk, file) => {
      exportId = file.exportId;
      chunks += chunk.includes('</unit>') ? (chunk.match(/<\/unit>/g) ?? []).length : 0;
      if (chunks > EXPORT_BATCH) throw new Error('client went away');
    });
    await expect(gone).rejects.toThrow('client went away');
    const after = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM xliff_exports WHERE document_id = 'long-export'`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const units = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${LEDGER} WHERE export_id = $1`, [exportId]);
    expect(units.rows[0].n).toBe(0);

    const parts: string[] = [];
    const whole = await exportXliff(db, null, doc, 'ko', { version: '2.0', scope: 'all' }, async (chunk) => void parts.push(chunk));
    expect(whole.units).toBe(sentences.length);
    expect(readXliff(parts.join('')).files[0].units).toHaveLength(sentences.length);
    const ledger = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${LEDGER} WHERE export_id = $1`, [whole.exportId]);
    expect(ledger.rows[0].n).toBe(sentences.length);
  });
});

describe('the ledger written from the rows in SQL', () => {
  test('records for every unit the hash of its source that sourceHashOf defines', async () => {
    // Typography, spacing and scripts the alignment key normalises, and ones it keeps.
    const markdown = ['“Curly” quotes — and dashes…', 'Two  spaces\u00a0and a no-break one.', 'Ünïcödé ĳ ﬁ café', '한국어 문장입니다.', 'Plain ASCII sentence.', '`code` and **bold** text.']
      .join('\n\n') + '\n';
    await createDocument(db, null, { id: 'hashes', title: 'Hashes', sourceLang: 'en', targetLangs: ['ko'], markdown });
    const doc = (await findDocument(db, 'hashes'))!;
    const parts: string[] = [];
    const file = await exportXliff(db, null, doc, 'ko', { version: '2.0', scope: 'all' }, async (c) => void parts.push(c));
    const rows = await db.query<{ source: string; hash: string }>(
      `SELECT s.source, u.source_hash AS hash FROM ${LEDGER} JOIN segments s ON s.id = u.segment_id WHERE u.export_id = $1`,
      [file.exportId],
    );
    expect(rows.rows).toHaveLength(6);
    for (const r of rows.rows) expect(r.hash).toBe(sourceHashOf(r.source));
  });

  // Another connection commits a new translation while the export streams: the file and its
  // ledger both show the translation as it was when the export began (one snapshot).
  (onPostgres ? test : test.skip)('the file and its ledger read one snapshot while translations change', async () => {
    const sentences = Array.from({ length: EXPORT_BATCH + 10 }, (_, i) => `Snapshot sentence ${i}.`);
    await createDocument(db, null, { id: 'snapshot', title: 'Snapshot', sourceLang: 'en', targetLangs: ['ko'], markdown: sentences.join('\n\n') + '\n' });
    const doc = (await findDocument(db, 'snapshot'))!;
    const last = (await db.query<{ id: string }>(`SELECT id FROM segments WHERE document_id = 'snapshot' ORDER BY position DESC LIMIT 1`)).rows[0].id;
    const parts: string[] = [];
    let changed = false;
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    const file = await exportXliff(db, null, doc, 'ko', { version: '2.0', scope: 'all' }, async (chunk) => {
      parts.push(chunk);
      if (!changed) {
        changed = true;
        await other.query(`UPDATE translations SET text = 'changed meanwhile', state = 'translated', version = version + 1 WHERE segment_id = $1 AND lang = 'ko'`, [last]);
      }
    }).finally(() => other.end());
    const unit = readXliff(parts.join('')).files[0].units.find((u) => u.id === last)!;
    expect(unit.target ?? null).toBeNull();
    const ledger = await db.query<{ v: number }>(`SELECT translation_version AS v FROM ${LEDGER} WHERE export_id = $1 AND segment_id = $2`, [file.exportId, last]);
    expect(ledger.rows[0].v).toBe(1);
  });
});
