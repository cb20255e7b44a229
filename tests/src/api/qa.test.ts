import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { seedDemoAccounts } from '@lockstep/server/demo/accounts';
import { DEMO_DOCUMENT_ID, seedDemoStatement } from '@lockstep/server/demo/statement';
import type { LockstepApp } from '@lockstep/server/app';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let lockstep: LockstepApp;
let app: Express;
const token: Record<'ko' | 'el' | 'fr' | 'ruReviewer' | 'coord', string> = { ko: '', el: '', fr: '', ruReviewer: '', coord: '' };
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

const MARKDOWN = `# Our statement

We stand with [Ukraine](https://example.org/ua). Peace needs 1,200 volunteers by February 24, 2025.

Is peace possible? Write to https://example.org/contact today.

## Endorsers

- First endorser (Britain)
- Second endorser (Brazil)
`;

interface Seg {
  id: string;
  index: number;
  source: string;
  translation: { text: string; version: number; state: string } | null;
}

async function segments(lang: string): Promise<Seg[]> {
  const res = await request(app).get(`/api/documents/qa-doc/segments?lang=${lang}`).set(auth(token.coord));
  expect(res.status).toBe(200);
  return res.body.segments as Seg[];
}

function put(t: string, seg: Seg, lang: string, text: string) {
  return request(app)
    .put(`/api/documents/qa-doc/segments/${seg.id}/translations/${lang}`)
    .set(auth(t))
    .send({ text, version: seg.translation!.version });
}

const codesOf = (warnings: { code: string }[]) => warnings.map((w) => w.code);

beforeAll(async () => {
  db = await openTestDb();
  lockstep = testApp(db);
  app = lockstep.app;
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'el@example.org', 'translator', ['el']);
  await addUser(db, 'fr@example.org', 'translator', ['fr']);
  await addUser(db, 'ru-rev@example.org', 'reviewer', ['ru']);
  await addUser(db, 'coord@example.org', 'coordinator');
  for (const [key, email] of [
    ['ko', 'ko@example.org'],
    ['el', 'el@example.org'],
    ['fr', 'fr@example.org'],
    ['ruReviewer', 'ru-rev@example.org'],
    ['coord', 'coord@example.org'],
  ] as const) {
    token[key] = await tokenFor(app, email);
  }
  const created = await request(app)
    .post('/api/documents')
    .set(auth(token.coord))
    .send({ id: 'qa-doc', title: 'QA', sourceLang: 'en', targetLangs: ['ko', 'el', 'fr', 'ru'], markdown: MARKDOWN });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await (lockstep as { close?: () => Promise<void> })?.close?.();
  await db?.close();
});

describe('saving returns the QA warnings and stores the text as typed', () => {
  test('a dropped number and date, a Latin "?" in Greek, a missing French no-break space', async () => {
    const bySource = (segs: Seg[], source: string) => segs.find((s) => s.source === source)!;
    const peace = bySource(await segments('ko'), 'Peace needs 1,200 volunteers by February 24, 2025.');
    const ko = await put(token.ko, peace, 'ko', '평화에는 자원봉사자가 필요합니다.');
    expect(ko.status).toBe(200);
    expect(codesOf(ko.body.warnings)).toEqual(['numbers_differ', 'dates_differ']);
    expect(ko.body.translation.text).toBe('평화에는 자원봉사자가 필요합니다.');

    const koClean = await put(token.ko, { ...peace, translation: ko.body.translation }, 'ko', '평화에는 2025년 2월 24일까지 1,200명의 자원봉사자가 필요합니다.');
    expect(koClean.status).toBe(200);
    expect(koClean.body.warnings).toEqual([]);

    const elQuestion = bySource(await segments('el'), 'Is peace possible?');
    const el = await put(token.el, elQuestion, 'el', 'Είναι δυνατή η ειρήνη?');
    expect(el.status).toBe(200);
    expect(el.body.warnings).toEqual([
      expect.objectContaining({ code: 'greek_question_mark', message: expect.stringContaining(';'), details: expect.objectContaining({ expected: [';'] }) }),
    ]);
    // Never a silent rewrite: the "?" is stored as typed.
    const stored = (await segments('el')).find((s) => s.id === elQuestion.id)!;
    expect(stored.translation!.text).toBe('Είναι δυνατή η ειρήνη?');

    const frQuestion = bySource(await segments('fr'), 'Is peace possible?');
    const fr = await put(token.fr, frQuestion, 'fr', 'La paix est-elle possible?');
    expect(codesOf(fr.body.warnings)).toEqual(['french_spacing']);
    expect((await segments('fr')).find((s) => s.id === frQuestion.id)!.translation!.text).toBe('La paix est-elle possible?');
  });

  test('a warning does not stop the save; unchanged text still says so first', async () => {
    const [title] = await segments('ru');
    const first = await put(token.coord, title, 'ru', 'Our statement');
    expect(first.status).toBe(200);
    expect(codesOf(first.body.warnings)).toEqual(['same_as_source']);
    const again = await put(token.coord, { ...title, translation: first.body.translation }, 'ru', 'Our statement');
    expect(codesOf(again.body.warnings)).toEqual(['unchanged', 'same_as_source']);
  });
});

describe('GET /api/documents/:doc/qa/:lang', () => {
  test('lists each translation’s warnings and the document-level results', async () => {
    const segs = await segments('fr');
    const byIndex = (i: number) => segs.find((s) => s.index === i)!;
    expect(segs.map((s) => s.source)).toEqual([
      'Our statement',
      'We stand with <1>Ukraine</1>.',
      'Peace needs 1,200 volunteers by February 24, 2025.',
      'Is peace possible?',
      // A bare address is a GFM autolink: an inline code around its text, like any link.
      'Write to <1>https://example.org/contact</1> today.',
      'Endorsers',
      'First endorser (Britain)',
      'Second endorser (Brazil)',
    ]);
    for (const [i, text] of [
      [0, 'Notre déclaration'],
      [1, 'Nous sommes aux côtés de l’<1>Ukraine</1>.'],
      [2, 'La paix a besoin de 1 200 volontaires d’ici le 24 février 2025.'],
      [4, 'Écrivez à <1>https://example.org/kontakt</1> aujourd’hui.'],
      [6, 'Premier signataire (Grande-Bretagne)'],
    ] as const) {
      expect((await put(token.fr, byIndex(i), 'fr', text)).status).toBe(200);
    }

    const before = await hashAllTables(db);
    const res = await request(app).get('/api/documents/qa-doc/qa/fr').set(auth(token.ko));
    expect(res.status).toBe(200);
    expect(await hashAllTables(db)).toBe(before);
    expect(res.body).toMatchObject({ revision: 1, lang: 'fr', checked: 6, counts: { french_spacing: 1, urls_differ: 1 } });
    expect(res.body.segments).toEqual([
      { id: byIndex(3).id, index: 3, state: 'translated', warnings: [expect.objectContaining({ code: 'french_spacing' })] },
      {
        id: byIndex(4).id,
        index: 4,
        state: 'translated',
        warnings: [expect.objectContaining({ code: 'urls_differ', details: { missing: ['https://example.org/contact'] } })],
      },
    ]);
    const doc = res.body.document;
    // The autolink's code still links to the source's address (its text changed: urls_differ above),
    // and the autolink is counted once, not once as a link and again as an address written out.
    expect(doc.links).toEqual({ source: 2, missing: [] });
    expect(doc.headings).toMatchObject({ source: 2, translated: 1, untranslated: [3] });
    expect(doc.listItems).toMatchObject({ source: 2, translated: 1, untranslated: [5] });
    expect(codesOf(doc.warnings)).toEqual(['heading_count', 'list_item_count']);
  });

  test('a language with nothing translated has nothing to check per segment', async () => {
    const res = await request(app).get('/api/documents/qa-doc/qa/ru').set(auth(token.ruReviewer));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ checked: 1, segments: [expect.objectContaining({ index: 0, warnings: [expect.objectContaining({ code: 'same_as_source' })] })] });
    expect(res.body.document.links.missing).toEqual([]);
  });

  test('any signed-in user may read it; the document and the language must exist', async () => {
    expect((await request(app).get('/api/documents/qa-doc/qa/ko')).status).toBe(401);
    const other = await request(app).get('/api/documents/qa-doc/qa/ko').set(auth(token.ruReviewer));
    expect(other.status).toBe(200);
    const noDoc = await request(app).get('/api/documents/nope/qa/ko').set(auth(token.ko));
    expect(noDoc.status).toBe(404);
    expect(noDoc.body.error.code).toBe('document_not_found');
    for (const lang of ['de', 'en', 'xx-<script>']) {
      const noLang = await request(app).get(`/api/documents/qa-doc/qa/${encodeURIComponent(lang)}`).set(auth(token.ko));
      expect(noLang.status).toBe(404);
      expect(noLang.body.error.code).toBe('language_not_found');
    }
  });
});

describe('the demo statement', () => {
  test('its translations in every language have no segment warnings (the QA is no noise on real work)', async () => {
    const demoDb = await openTestDb();
    const demo = testApp(demoDb);
    try {
      await seedDemoAccounts(demoDb);
      await seedDemoStatement(demoDb);
      await addUser(demoDb, 'reader@example.org', 'translator', ['ko']);
      const t = await tokenFor(demo.app, 'reader@example.org');
      const found: string[] = [];
      for (const lang of ['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru']) {
        const res = await request(demo.app).get(`/api/documents/${DEMO_DOCUMENT_ID}/qa/${lang}`).set(auth(t));
        expect(res.status).toBe(200);
        for (const s of res.body.segments) for (const w of s.warnings) found.push(`${lang} #${s.index} ${w.code}: ${w.message}`);
        expect(res.body.document.links.missing).toEqual([]);
        if (lang === 'es') expect(res.body.checked).toBeGreaterThan(50);
      }
      expect(found).toEqual([]);
    } finally {
      await (demo as { close?: () => Promise<void> }).close?.();
      await demoDb.close();
    }
  });
});
