import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { openTestDb, truncateAll, type TestDb } from '../support/testDb.js';

// Publish notices (issue 22, item 2): after a publish, each translator and reviewer of each
// language it touches finds a notice in their inbox, with the impact report's counts.

let db: TestDb;
let app: Express;
const tokens: Record<string, string> = {};
const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

const V1 = [
  '# Tenants united',
  '',
  'The rent strike starts today. The assembly meets on March 3, 2024.',
  '',
  'No evictions! Homes for all!',
  '',
  'This paragraph stays as it is.',
  '',
  '- [Tenants Union](#) (Chile)',
  '- [Housing Action](#) (Kenya)',
  '',
].join('\n');

// Stale (a date), merged (two slogans), handed over (a paragraph replaced by a heading) and
// retired (a list item gone).
const V2 = V1.replace('March 3, 2024', 'March 4, 2024')
  .replace('No evictions! Homes for all!', 'No evictions and homes for all!')
  .replace('This paragraph stays as it is.', '## A new heading')
  .replace('- [Housing Action](#) (Kenya)\n', '');

/** Translates the segments of `lang` in the database (the edit API is tested elsewhere); `only` narrows them by source text. */
async function translate(lang: string, only?: string) {
  await db.query(
    `UPDATE translations SET text = '[' || $1 || '] ' || s.source, state = 'translated', version = version + 1
       FROM segments s WHERE s.id = translations.segment_id AND translations.lang = $1 AND ($2::text IS NULL OR s.source LIKE $2)`,
    [lang, only ?? null],
  );
}

async function publish(markdown: string, dryRun = false) {
  return request(app).post(`/api/documents/doc/revisions${dryRun ? '?dryRun=true' : ''}`).set(auth('coord')).send({ markdown });
}

interface Notice {
  id: number;
  kind: string;
  documentId: string;
  documentTitle: string;
  revision: number;
  lang: string;
  counts: { stale: number; suggested: number; retired: number; needsWork: number; words: number };
  read: boolean;
}

async function inboxOf(who: string): Promise<{ unread: number; notices: Notice[] }> {
  const res = await request(app).get('/api/inbox').set(auth(who));
  expect(res.status).toBe(200);
  return res.body as { unread: number; notices: Notice[] };
}

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await truncateAll(db);
  const people: [string, 'translator' | 'reviewer' | 'coordinator' | 'admin', ('es' | 'ko' | 'ru' | 'fr')[]][] = [
    ['coord', 'coordinator', []],
    ['admin', 'admin', []],
    ['es', 'translator', ['es']],
    ['esko', 'reviewer', ['es', 'ko']],
    ['ko', 'translator', ['ko']],
    ['ru', 'translator', ['ru']],
    ['fr', 'translator', ['fr']],
    ['gone', 'translator', ['es']],
  ];
  for (const [who, role, langs] of people) {
    await addUser(db, `${who}@example.org`, role, langs);
    tokens[who] = await tokenFor(app, `${who}@example.org`);
  }
  await db.query(`UPDATE users SET active = false WHERE email = 'gone@example.org'`);
  const res = await request(app)
    .post('/api/documents')
    .set(auth('coord'))
    .send({ id: 'doc', title: 'Doc', sourceLang: 'en', targetLangs: ['es', 'ko', 'ru'], markdown: V1 });
  expect(res.status).toBe(201);
  await translate('es');
  await translate('ko', '%March%');
});

describe('publish notices in the inbox', () => {
  test('each notice carries the impact report of its language, and the words of the segments that need work', async () => {
    const res = await publish(V2);
    expect(res.status).toBe(201);
    const report = res.body as { revision: number; stale: Record<string, number>; suggested: Record<string, number>; retired: Record<string, number> };
    // The edit touches every kind of count somewhere, so each one is compared for real.
    expect(report.stale.es).toBeGreaterThan(0);
    expect(report.suggested.es).toBeGreaterThan(0);
    expect(report.retired.es).toBeGreaterThan(0);
    expect(report.stale.ko).toBe(1);

    const { notices, unread } = await inboxOf('es');
    expect(unread).toBe(1);
    expect(notices).toHaveLength(1);
    const [n] = notices;
    expect(n).toMatchObject({ kind: 'publish', documentId: 'doc', documentTitle: 'Doc', revision: 2, lang: 'es', read: false });
    expect(n.counts).toMatchObject({ stale: report.stale.es, suggested: report.suggested.es, retired: report.retired.es });
    expect(n.counts.needsWork).toBe(report.stale.es + report.suggested.es);

    // Words: the source words of the segments the language now has to look at, as the editor lists them.
    const segs = await request(app).get('/api/documents/doc/segments?lang=es').set(auth('es'));
    const needWork = (segs.body.segments as { words: number; translation: { state: string; suggestion: string | null } | null }[]).filter(
      (s) => s.translation && (s.translation.state === 'stale' || (s.translation.state === 'untranslated' && s.translation.suggestion)),
    );
    expect(needWork).toHaveLength(n.counts.needsWork);
    expect(n.counts.words).toBe(needWork.reduce((a, s) => a + s.words, 0));
    expect(n.counts.words).toBeGreaterThan(0);

    const ko = (await inboxOf('ko')).notices;
    expect(ko.map((x) => [x.lang, x.counts.stale, x.counts.suggested, x.counts.retired])).toEqual([['ko', report.stale.ko, report.suggested.ko, report.retired.ko]]);
  });

  test('only translators and reviewers of the affected languages get notices: one per language they work in', async () => {
    await publish(V2);
    expect((await inboxOf('esko')).notices.map((n) => n.lang).sort()).toEqual(['es', 'ko']);
    // ru held no work, so the publish changed nothing for it; fr is not a language of the document.
    for (const who of ['ru', 'fr', 'coord', 'admin']) expect(await inboxOf(who)).toEqual({ unread: 0, digest: 'each', notices: [], digests: [] });
    const gone = await db.query(`SELECT count(*)::int AS n FROM notices n JOIN users u ON u.id = n.user_id WHERE u.email = 'gone@example.org'`);
    expect(gone.rows[0]).toEqual({ n: 0 });
  });

  test('a dry run and a publish that changes no work write no notice', async () => {
    await publish(V2, true);
    expect((await inboxOf('es')).notices).toEqual([]);
    // A new paragraph is work, but nobody's translation changed: nothing to notify.
    const added = await publish(V1 + '\nA brand new paragraph at the end.\n');
    expect(added.status).toBe(201);
    expect((await inboxOf('es')).notices).toEqual([]);
  });

  test('newest first; marking some or all read lowers the unread count, and nobody can mark another user\'s notices', async () => {
    await publish(V2);
    await translate('es');
    await publish(V2.replace('March 4, 2024', 'March 5, 2024'));
    const { notices, unread } = await inboxOf('es');
    expect(unread).toBe(2);
    expect(notices.map((n) => n.revision)).toEqual([3, 2]);

    // Someone else's ids are ignored, not an error.
    const other = await request(app).post('/api/inbox/read').set(auth('ko')).send({ ids: [notices[0].id] });
    expect(other.status).toBe(200);
    expect((await inboxOf('es')).unread).toBe(2);

    const one = await request(app).post('/api/inbox/read').set(auth('es')).send({ ids: [notices[1].id] });
    expect(one.body).toEqual({ marked: 1, unread: 1 });
    expect((await inboxOf('es')).notices.map((n) => n.read)).toEqual([false, true]);
    const all = await request(app).post('/api/inbox/read').set(auth('es')).send({ all: true });
    expect(all.body).toEqual({ marked: 1, unread: 0 });
  });

  test('a malformed read request is a 400 with a reason, and changes nothing', async () => {
    await publish(V2);
    for (const body of [{}, { ids: [] }, { all: false }, { ids: ['x'] }, { ids: [1], all: true }]) {
      const res = await request(app).post('/api/inbox/read').set(auth('es')).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_body');
    }
    expect((await inboxOf('es')).unread).toBe(1);
    expect((await request(app).get('/api/inbox?limit=0').set(auth('es'))).status).toBe(400);
    expect((await request(app).get('/api/inbox')).status).toBe(401);
  });
});
