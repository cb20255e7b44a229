import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

/** Issue 21, item 1: glossary terms, their translations, and proposals. */

let db: TestDb;
let app: Express;
const token = { ko: '', revKo: '', revRu: '', coord: '' };
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

beforeAll(async () => {
  db = await openTestDb();
  ({ app } = testApp(db));
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'revko@example.org', 'reviewer', ['ko']);
  await addUser(db, 'revru@example.org', 'reviewer', ['ru']);
  await addUser(db, 'coord@example.org', 'coordinator');
  for (const who of Object.keys(token) as (keyof typeof token)[]) token[who] = await tokenFor(app, `${who.toLowerCase()}@example.org`);
});
afterAll(async () => {
  await db?.close();
});

let terms = 0;
async function newTerm(body: object = {}) {
  const res = await request(app)
    .post('/api/glossary')
    .set(auth(token.coord))
    .send({ sourceLang: 'en', term: `Term ${++terms}`, ...body });
  expect(res.status).toBe(201);
  return res.body.entry as { id: number; version: number; term: string; translations: Record<string, string[]>; proposals: { id: number; lang: string; text: string }[] };
}
const list = (query: string, t = token.ko) => request(app).get(`/api/glossary?${query}`).set(auth(t));
const patch = (id: number, body: object, t = token.coord) => request(app).patch(`/api/glossary/${id}`).set(auth(t)).send(body);

describe('terms', () => {
  test('a coordinator adds a term that every signed-in user reads, with its flags and translations', async () => {
    const res = await request(app)
      .post('/api/glossary')
      .set(auth(token.coord))
      .send({ sourceLang: 'en', term: ' NATO ', note: 'acronym', doNotTranslate: false, caseSensitive: true, translations: { ko: ['나토', '나토', ' '], ru: ['НАТО'] } });
    expect(res.status).toBe(201);
    expect(res.body.entry).toMatchObject({ sourceLang: 'en', term: 'NATO', note: 'acronym', caseSensitive: true, doNotTranslate: false, translations: { ko: ['나토'], ru: ['НАТО'] }, proposals: [], version: 1 });
    const read = await list('sourceLang=en&q=nato');
    expect(read.status).toBe(200);
    expect(read.body.entries.map((e: { term: string }) => e.term)).toEqual(['NATO']);
    // Search also finds translations; another source language has its own terms.
    expect((await list('sourceLang=en&q=НАТО')).body.entries).toHaveLength(1);
    expect((await list('sourceLang=es')).body.entries).toEqual([]);
  });

  test('the same term with the same note is refused (409); another note is another entry', async () => {
    await newTerm({ term: 'state', note: 'noun' });
    const again = await request(app).post('/api/glossary').set(auth(token.coord)).send({ sourceLang: 'en', term: 'STATE', note: 'Noun' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('term_exists');
    expect((await request(app).post('/api/glossary').set(auth(token.coord)).send({ sourceLang: 'en', term: 'state', note: 'verb' })).status).toBe(201);
  });

  test('bad input says what to fix and writes nothing', async () => {
    const before = await hashAllTables(db);
    const post = (body: object) => request(app).post('/api/glossary').set(auth(token.coord)).send(body);
    expect((await post({ sourceLang: 'xx', term: 'a' })).status).toBe(400);
    expect((await post({ sourceLang: 'en', term: '   ' })).body.error.code).toBe('text_empty');
    expect((await post({ sourceLang: 'en', term: 'x'.repeat(201) })).status).toBe(413);
    const source = await post({ sourceLang: 'en', term: 'a', translations: { en: ['a'] } });
    expect([source.status, source.body.error.code]).toEqual([422, 'language_is_source']);
    expect((await post({ sourceLang: 'en', term: 'a', translations: { zz: ['a'] } })).body.error.code).toBe('language_unknown');
    expect((await post({ sourceLang: 'en', term: 'bad\u0000' })).status).toBe(422);
    expect((await list('q=x')).status).toBe(400);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('a coordinator edits and deletes a term; a stale version is refused with the current entry', async () => {
    const t = await newTerm({ translations: { ko: ['가'] } });
    const ok = await patch(t.id, { version: 1, note: 'proper noun', doNotTranslate: true });
    expect(ok.status).toBe(200);
    expect(ok.body.entry).toMatchObject({ note: 'proper noun', doNotTranslate: true, version: 2, translations: { ko: ['가'] } });
    const stale = await patch(t.id, { version: 1, note: 'lost' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.note).toBe('proper noun');
    expect((await request(app).delete(`/api/glossary/${t.id}`).set(auth(token.coord))).status).toBe(204);
    expect((await patch(t.id, { version: 2, note: 'x' })).status).toBe(404);
    expect((await request(app).delete('/api/glossary/abc').set(auth(token.coord))).status).toBe(404);
  });
});

describe('translations per language', () => {
  test('a reviewer edits the translations of their language only, and not the term', async () => {
    const t = await newTerm({ translations: { ru: ['один'] } });
    const ko = await patch(t.id, { version: 1, translations: { ko: ['특별 군사 작전'] } }, token.revKo);
    expect(ko.status).toBe(200);
    expect(ko.body.entry.translations).toEqual({ ko: ['특별 군사 작전'], ru: ['один'] });
    const before = await hashAllTables(db);
    expect((await patch(t.id, { version: 2, translations: { ru: [] } }, token.revKo)).status).toBe(403);
    expect((await patch(t.id, { version: 2, term: 'renamed' }, token.revKo)).status).toBe(403);
    // A translator only reads and proposes.
    expect((await patch(t.id, { version: 2, translations: { ko: ['x'] } }, token.ko)).status).toBe(403);
    expect(await hashAllTables(db)).toBe(before);
    // An empty list removes the language.
    const removed = await patch(t.id, { version: 2, translations: { ru: [] } }, token.revRu);
    expect(removed.body.entry.translations).toEqual({ ko: ['특별 군사 작전'] });
  });

  test('a translator proposes, a reviewer of that language accepts; the translation joins the list', async () => {
    const t = await newTerm({ translations: { ko: ['기존'] } });
    const proposed = await request(app).post(`/api/glossary/${t.id}/proposals`).set(auth(token.ko)).send({ lang: 'ko', text: '제안' });
    expect(proposed.status).toBe(201);
    const [p] = proposed.body.entry.proposals;
    expect(p).toMatchObject({ lang: 'ko', text: '제안', proposedBy: { name: 'ko' } });
    // Proposing the same again is not a second proposal.
    await request(app).post(`/api/glossary/${t.id}/proposals`).set(auth(token.ko)).send({ lang: 'ko', text: '제안' });
    expect((await list('sourceLang=en&q=' + encodeURIComponent(t.term))).body.entries[0].proposals).toHaveLength(1);
    // Not in the translator's languages; not the reviewer's language.
    expect((await request(app).post(`/api/glossary/${t.id}/proposals`).set(auth(token.ko)).send({ lang: 'ru', text: 'x' })).status).toBe(403);
    expect((await request(app).post(`/api/glossary/${t.id}/proposals/${p.id}/accept`).set(auth(token.revRu))).status).toBe(403);
    const accepted = await request(app).post(`/api/glossary/${t.id}/proposals/${p.id}/accept`).set(auth(token.revKo));
    expect(accepted.status).toBe(200);
    expect(accepted.body.entry).toMatchObject({ translations: { ko: ['기존', '제안'] }, proposals: [], version: 2 });
    const again = await request(app).post(`/api/glossary/${t.id}/proposals/${p.id}/accept`).set(auth(token.revKo));
    expect([again.status, again.body.error.code]).toEqual([422, 'proposal_settled']);
    // A reviewer may also decline a proposal: it leaves the list, the translations stay.
    const other = await request(app).post(`/api/glossary/${t.id}/proposals`).set(auth(token.ko)).send({ lang: 'ko', text: '다른 안' });
    const pid = other.body.entry.proposals[0].id;
    expect((await request(app).post(`/api/glossary/${t.id}/proposals/${pid}/decline`).set(auth(token.revRu))).status).toBe(403);
    const declined = await request(app).post(`/api/glossary/${t.id}/proposals/${pid}/decline`).set(auth(token.revKo));
    expect(declined.status).toBe(200);
    expect(declined.body.entry).toMatchObject({ translations: { ko: ['기존', '제안'] }, proposals: [] });
    expect((await request(app).post(`/api/glossary/${t.id}/proposals/${pid}/accept`).set(auth(token.revKo))).status).toBe(422);
    expect((await request(app).post(`/api/glossary/${t.id}/proposals/999999/accept`).set(auth(token.revKo))).status).toBe(404);
  });
});

describe('QA report', () => {
  test('flags a missing approved translation and a changed do-not-translate term, per segment', async () => {
    await newTerm({ term: 'Alliance', translations: { ko: ['동맹'] } });
    await newTerm({ term: 'Lockstep', doNotTranslate: true, caseSensitive: true });
    const created = await request(app)
      .post('/api/documents')
      .set(auth(token.coord))
      .send({ id: 'gl-qa', title: 'Glossary QA', sourceLang: 'en', targetLangs: ['ko'], markdown: 'The Alliance met.\n\nLockstep keeps step.\n' });
    expect(created.status).toBe(201);
    const segs = (await request(app).get('/api/documents/gl-qa/segments?lang=ko').set(auth(token.ko))).body.segments as { id: string; translation: { version: number } }[];
    const save = (i: number, text: string) =>
      request(app).put(`/api/documents/gl-qa/segments/${segs[i].id}/translations/ko`).set(auth(token.ko)).send({ text, version: segs[i].translation.version });
    expect((await save(0, '연합이 만났다.')).status).toBe(200);
    expect((await save(1, '락스텝은 보조를 맞춘다.')).status).toBe(200);
    const report = await request(app).get('/api/documents/gl-qa/qa/ko').set(auth(token.ko));
    expect(report.status).toBe(200);
    expect(report.body.counts).toMatchObject({ glossary_term_missing: 1, glossary_do_not_translate: 1 });
    expect(report.body.segments.map((s: { warnings: { code: string }[] }) => s.warnings.map((w) => w.code).filter((c) => c.startsWith('glossary_')))).toEqual([
      ['glossary_term_missing'],
      ['glossary_do_not_translate'],
    ]);
  });
});
