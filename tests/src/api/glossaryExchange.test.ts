import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

/** Glossary import and export (CSV, TBX 2008) over HTTP: round trips, dry runs, per-entry reports, hostile files. */

let db: TestDb;
let app: Express;
const token = { coord: '', ko: '' };
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

beforeAll(async () => {
  db = await openTestDb();
  ({ app } = testApp(db));
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  token.coord = await tokenFor(app, 'coord@example.org');
  token.ko = await tokenFor(app, 'ko@example.org');
});
afterAll(async () => {
  await db?.close();
});

const importFile = (body: string, type: string, query = '') =>
  request(app).post(`/api/glossary/import${query}`).set(auth(token.coord)).set('Content-Type', type).send(Buffer.from(body, 'utf8'));
const exportFile = async (format: string, sourceLang = 'en') => {
  const res = await request(app).get(`/api/glossary/export?format=${format}&sourceLang=${sourceLang}`).set(auth(token.ko)).buffer(true).parse((r, done) => {
    let text = '';
    r.setEncoding('utf8');
    r.on('data', (c: string) => (text += c));
    r.on('end', () => done(null, text));
  });
  expect(res.status).toBe(200);
  return { text: res.body as string, type: res.headers['content-type'] };
};
const terms = async (sourceLang = 'en') => (await request(app).get(`/api/glossary?sourceLang=${sourceLang}`).set(auth(token.ko))).body.entries as { term: string; note: string; doNotTranslate: boolean; translations: Record<string, string[]> }[];

const CSV = [
  'sourceLang,term,note,doNotTranslate,caseSensitive,ko,ru',
  'en,NATO,acronym,true,true,,',
  'en,peace,noun,false,false,평화,"мир\nпокой"',
  '',
].join('\r\n');

describe('import', () => {
  test('a dry run reports every entry and writes nothing; the import then creates them', async () => {
    const before = await hashAllTables(db);
    const dry = await importFile(CSV, 'text/csv', '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, format: 'csv', counts: { created: 2, updated: 0, unchanged: 0, rejected: 0 } });
    expect(dry.body.entries.map((e: { where: string; term: string; action: string }) => [e.where, e.term, e.action])).toEqual([
      ['line 2', 'NATO', 'created'],
      ['line 3', 'peace', 'created'],
    ]);
    expect(await hashAllTables(db)).toBe(before);
    const done = await importFile(CSV, 'text/csv');
    expect(done.body).toMatchObject({ applied: true, counts: { created: 2 } });
    expect((await terms()).map((t) => [t.term, t.doNotTranslate, t.translations])).toEqual([
      ['NATO', true, {}],
      ['peace', false, { ko: ['평화'], ru: ['мир', 'покой'] }],
    ]);
    // The same file again changes nothing.
    expect((await importFile(CSV, 'text/csv')).body.counts).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
  });

  test('known terms in another case are updated in place, keeping their translations and adding the file\'s; the report keeps the file\'s order', async () => {
    // After the first test: NATO and peace are stored.
    const file = [
      'sourceLang,term,note,doNotTranslate,caseSensitive,ko,ru',
      'en,solidarity,,false,false,연대,',
      'en,Peace,noun,false,false,평화,мир',
      'en,nato,acronym,true,true,,',
      'en,PEACE,NOUN,false,false,,',
      '',
    ].join('\r\n');
    const dry = await importFile(file, 'text/csv', '?dryRun=true');
    expect(dry.body.entries.map((e: { where: string; term: string; action: string }) => [e.where, e.term, e.action])).toEqual([
      ['line 2', 'solidarity', 'created'],
      ['line 3', 'Peace', 'updated'],
      ['line 4', 'nato', 'updated'],
      ['line 5', 'PEACE', 'rejected'],
    ]);
    const fixed = file.replace('en,PEACE,NOUN,false,false,,\r\n', '');
    const done = await importFile(fixed, 'text/csv');
    expect(done.body).toMatchObject({ applied: true, counts: { created: 1, updated: 2, unchanged: 0, rejected: 0 } });
    expect((await terms()).map((t) => [t.term, t.note, t.translations])).toEqual([
      ['nato', 'acronym', {}],
      ['Peace', 'noun', { ko: ['평화'], ru: ['мир', 'покой'] }],
      ['solidarity', '', { ko: ['연대'] }],
    ]);
  });

  test('a file with one bad entry is refused whole (422), naming the entry', async () => {
    const before = await hashAllTables(db);
    const bad = 'sourceLang,term,doNotTranslate,caseSensitive,ko\r\nen,freedom,false,false,자유\r\nen,   ,false,false,x\r\nxx,war,false,false,전쟁\r\n';
    const res = await importFile(bad, 'text/csv');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ applied: false, counts: { created: 1, rejected: 2 } });
    expect(res.body.entries[1]).toMatchObject({ where: 'line 3', action: 'rejected', problem: expect.stringContaining('empty') });
    expect(res.body.entries[2]).toMatchObject({ where: 'line 4', term: 'war', problem: expect.stringContaining('"xx"') });
    expect(await hashAllTables(db)).toBe(before);
  });

  test('hostile and broken files: DOCTYPE, not well-formed, not UTF-8, wrong media type, too many translations; nothing written', async () => {
    const before = await hashAllTables(db);
    const bomb = '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><martif xml:lang="en"><text><body><termEntry><langSet xml:lang="en"><tig><term>&b;</term></tig></langSet></termEntry></body></text></martif>';
    const doctype = await importFile(bomb, 'application/x-tbx');
    expect([doctype.status, doctype.body.error.code]).toEqual([422, 'glossary_file_invalid']);
    expect(doctype.body.error.message).toContain('DOCTYPE');
    expect((await importFile('<martif><text>', 'application/xml')).status).toBe(422);
    const latin1 = await request(app).post('/api/glossary/import').set(auth(token.coord)).set('Content-Type', 'text/csv').send(Buffer.from([0x74, 0x65, 0x72, 0x6d, 0xe9]));
    expect(latin1.body.error.message).toContain('UTF-8');
    expect((await importFile('{}', 'application/json')).status).toBe(415);
    const many = `sourceLang,term,doNotTranslate,caseSensitive,ko\r\nen,many,false,false,"${Array.from({ length: 11 }, (_, i) => `t${i}`).join('\n')}"\r\n`;
    expect((await importFile(many, 'text/csv')).body.entries[0].problem).toContain('at most 10');
    // Importing is the coordinators'.
    expect((await request(app).post('/api/glossary/import').set(auth(token.ko)).set('Content-Type', 'text/csv').send(CSV)).status).toBe(403);
    expect(await hashAllTables(db)).toBe(before);
  });
});

describe('export', () => {
  test('CSV and TBX exports read back by the import as unchanged; a TBX round trip into an empty source language recreates the terms', async () => {
    const csv = await exportFile('csv');
    expect(csv.type).toContain('text/csv');
    expect((await importFile(csv.text, 'text/csv')).body.counts).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    const tbx = await exportFile('tbx');
    expect(tbx.type).toContain('application/x-tbx');
    expect(tbx.text).toContain('<martif type="TBX-Basic" xml:lang="en">');
    const back = await importFile(tbx.text, 'application/x-tbx');
    expect(back.status).toBe(200);
    expect(back.body.counts).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    // The same file read as a Spanish glossary: every term arrives there with its translations.
    const asSpanish = tbx.text.replace(/xml:lang="en"/g, 'xml:lang="es"');
    const created = await importFile(asSpanish, 'application/x-tbx', '?sourceLang=es');
    expect(created.body.counts.created).toBe((await terms()).length);
    expect((await terms('es')).map((t) => [t.term, t.translations])).toEqual((await terms()).map((t) => [t.term, t.translations]));
  });
});
