import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { spreadDemoHistory } from '@lockstep/server/repos/demoHistory';
import { checkConsistency } from '@lockstep/server/services/consistency';
import { addUser, seedDemo, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

/**
 * GET /api/documents/:doc/progress/timeline: completion per day and language replayed from the
 * history. The oracle for "today" is the progress route; the past is set up by moving the
 * history's and revisions' timestamps back by whole days.
 */

interface Point {
  date: string;
  at: string;
  completed: number;
  total: number;
  completedWords: number;
  totalWords: number;
}
interface Timeline {
  revision: number;
  bucket: 'day' | 'hour';
  languages: Record<string, Point[]>;
  revisions: { number: number; date: string; at: string }[];
}
interface Seg {
  id: string;
  source: string;
  words: number;
  translatable: boolean;
  translation: { version: number; state: string } | null;
}

let db: TestDb;
let app: Express;
let coord: string;
let translator: string;
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  coord = await tokenFor(app, 'coord@example.org');
  translator = await tokenFor(app, 'ko@example.org');
});
afterAll(async () => {
  await db?.close();
});

const MARKDOWN_1 = [
  '# Peace now',
  '',
  'The first sentence stays as it is. The second sentence will be reworded soon.',
  '',
  'This paragraph will be removed entirely.',
  '',
  'info@example.org',
  '',
].join('\n');

const MARKDOWN_2 = [
  '# Peace now',
  '',
  'The first sentence stays as it is. The second sentence will be reworded quite soon.',
  '',
  'info@example.org',
  '',
  'A paragraph added in the second revision.',
  '',
].join('\n');

async function segments(doc: string, lang: string): Promise<Seg[]> {
  const res = await request(app).get(`/api/documents/${doc}/segments?lang=${lang}`).set(auth(coord));
  expect(res.status).toBe(200);
  return res.body.segments as Seg[];
}

async function save(doc: string, lang: string, seg: Seg, text: string): Promise<void> {
  const res = await request(app)
    .put(`/api/documents/${doc}/segments/${seg.id}/translations/${lang}`)
    .set(auth(coord))
    .send({ text, version: seg.translation!.version });
  expect(res.status).toBe(200);
}

async function timeline(doc: string, token = coord, bucket: 'day' | 'hour' | null = 'day'): Promise<Timeline> {
  const res = await request(app).get(`/api/documents/${doc}/progress/timeline${bucket ? `?bucket=${bucket}` : ''}`).set(auth(token));
  expect(res.status).toBe(200);
  return res.body as Timeline;
}

/** Moves everything the document has recorded so far `days` days into the past. */
async function ageHistory(doc: string, days: number): Promise<void> {
  await db.query(
    `UPDATE translation_events SET created_at = created_at - make_interval(days => $2)
      WHERE segment_id IN (SELECT id FROM segments WHERE document_id = $1)`,
    [doc, days],
  );
  await db.query(`UPDATE revisions SET created_at = created_at - make_interval(days => $2) WHERE document_id = $1`, [doc, days]);
}

/** A point without its date, to compare with the progress route. */
const counts = (point: Point | undefined) => {
  const { date: _date, at: _at, ...rest } = point ?? ({} as Point);
  return rest;
};

const dayOf = (offsetDays: number) => new Date(Date.now() - offsetDays * 86_400_000).toISOString().slice(0, 10);

/** What the progress route says now, as a timeline point would count it. */
async function progressNow(doc: string, lang: string) {
  const res = await request(app).get(`/api/documents/${doc}/progress`).set(auth(coord));
  const p = res.body.languages[lang];
  // Locked segments are not work (api.md "Progress"): neither done nor to do.
  const done = (c: Record<string, number>) => c.translated + c.approved;
  const work = (c: Record<string, number>) => c.total - c.locked;
  return { completed: done(p.segments), total: work(p.segments), completedWords: done(p.words), totalWords: work(p.words) };
}

describe('progress timeline', () => {
  test('replays completion day by day across a revision that makes work stale, removes and adds segments', async () => {
    const created = await request(app)
      .post('/api/documents')
      .set(auth(coord))
      .send({ id: 'timeline', title: 'T', sourceLang: 'en', targetLangs: ['ko', 'ru'], markdown: MARKDOWN_1 });
    expect(created.status).toBe(201);
    const segs = await segments('timeline', 'ko');
    const locked = segs.filter((s) => !s.translatable);
    expect(locked).toHaveLength(1);
    expect(segs).toHaveLength(5);

    // Day −3: the document is created. Day −2: three Korean translations, one Russian.
    await ageHistory('timeline', 1);
    const [title, first, second, removed] = segs.filter((s) => s.translatable);
    await save('timeline', 'ko', title, '지금 평화');
    await save('timeline', 'ko', second, '두 번째 문장.');
    await save('timeline', 'ko', removed, '이 단락은 삭제됩니다.');
    await save('timeline', 'ru', first, 'Первое предложение.');
    await ageHistory('timeline', 2);

    const before = await timeline('timeline');
    expect(before.languages.ko).toEqual([
      { date: dayOf(3), at: `${dayOf(3)}T00:00:00Z`, completed: 0, total: 4, completedWords: 0, totalWords: expect.any(Number) },
      { date: dayOf(2), at: `${dayOf(2)}T00:00:00Z`, completed: 3, total: 4, completedWords: title.words + second.words + removed.words, totalWords: expect.any(Number) },
    ]);
    expect(before.languages.ko[0].totalWords).toBe(title.words + first.words + second.words + removed.words);
    expect(before.languages.ru.map((p) => p.completed)).toEqual([0, 1]);
    expect(counts(before.languages.ko.at(-1))).toEqual(await progressNow('timeline', 'ko'));

    // Today: revision 2 rewords the second sentence (Korean goes stale), removes a translated
    // paragraph and adds one. Korean loses two done segments; the total stays at four.
    const published = await request(app).post('/api/documents/timeline/revisions').set(auth(coord)).send({ markdown: MARKDOWN_2 });
    expect(published.status).toBe(201);
    const after = await timeline('timeline', translator);
    expect(after.revision).toBe(2);
    expect(after.revisions.map(({ number, date }) => ({ number, date }))).toEqual([
      { number: 1, date: dayOf(3) },
      { number: 2, date: dayOf(0) },
    ]);
    expect(after.revisions.every((r) => r.at.startsWith(r.date))).toBe(true);
    expect(after.languages.ko.map((p) => [p.date, p.completed, p.total])).toEqual([
      [dayOf(3), 0, 4],
      [dayOf(2), 3, 4],
      [dayOf(0), 1, 4],
    ]);
    for (const lang of ['ko', 'ru']) expect(counts(after.languages[lang].at(-1))).toEqual(await progressNow('timeline', lang));

    // Work after the revision moves today's point, not the past.
    const stale = (await segments('timeline', 'ko')).find((s) => s.translation?.state === 'stale')!;
    await save('timeline', 'ko', stale, '두 번째 문장은 오늘 바뀌었습니다.');
    const later = await timeline('timeline');
    expect(later.languages.ko.map((p) => p.completed)).toEqual([0, 3, 2]);
    expect(counts(later.languages.ko.at(-1))).toEqual(await progressNow('timeline', 'ko'));
  });

  test('a document without any work has one point: nothing done, the locked line not counted at all', async () => {
    await request(app)
      .post('/api/documents')
      .set(auth(coord))
      .send({ id: 'fresh', title: 'F', sourceLang: 'en', targetLangs: ['fr'], markdown: 'One sentence.\n\nhttps://example.org/page\n' });
    const t = await timeline('fresh');
    expect(t.languages).toEqual({ fr: [{ date: dayOf(0), at: `${dayOf(0)}T00:00:00Z`, ...(await progressNow('fresh', 'fr')) }] });
    expect(t.languages.fr[0]).toMatchObject({ completed: 0, total: 1, completedWords: 0, totalWords: 2 });
  });

  test('a document with only locked lines has no work, so no points', async () => {
    const created = await request(app)
      .post('/api/documents')
      .set(auth(coord))
      .send({ id: 'locked-only', title: 'L', sourceLang: 'en', targetLangs: ['fr'], markdown: 'info@example.org\n' });
    expect(created.status).toBe(201);
    expect((await timeline('locked-only')).languages).toEqual({ fr: [] });
  });

  test('a history under three days is cut into hours, a longer one into days; the CSV has the same numbers', async () => {
    await request(app)
      .post('/api/documents')
      .set(auth(coord))
      .send({ id: 'young', title: 'Y', sourceLang: 'en', targetLangs: ['ko', 'ru'], markdown: 'One sentence. Another one here.\n' });
    const [one] = await segments('young', 'ko');
    await save('young', 'ko', one, '한 문장.');
    const young = await timeline('young', coord, null);
    expect(young.bucket).toBe('hour');
    const hour = `${new Date().toISOString().slice(0, 13)}:00:00Z`;
    expect(young.languages.ko.at(-1)).toMatchObject({ at: hour, completed: 1, total: 2 });

    const csv = await request(app).get('/api/documents/young/progress/timeline.csv').set(auth(translator));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="young.progress.csv"');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('time_utc,language,revision,segments_done,segments_total,segments_complete_percent,words_done,words_total,words_complete_percent');
    expect(lines).toContain(`${hour},ko,1,1,2,50.0,${one.words},${young.languages.ko.at(-1)!.totalWords},${((one.words / young.languages.ko.at(-1)!.totalWords) * 100).toFixed(1)}`);
    expect(lines).toContain(`${hour},ru,1,0,2,0.0,0,${young.languages.ru.at(-1)!.totalWords},0.0`);
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(2 + young.languages.ko.length + young.languages.ru.length);

    await ageHistory('young', 4);
    expect((await timeline('young', coord, null)).bucket).toBe('day');
    const bad = await request(app).get('/api/documents/young/progress/timeline?bucket=week').set(auth(coord));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/bucket must be "day" or "hour"/);
  });

  test('the demo as `npm start` seeds it has weeks of history: many points per language, both revisions marked, still consistent', async () => {
    await seedDemo(db);
    const before = await timeline('statement');
    await db.transaction((tx) => spreadDemoHistory(tx, 'statement'));
    const t = await timeline('statement', coord, null);
    expect(t.bucket).toBe('day');
    expect(t.revisions.map((r) => [r.number, r.date])).toEqual([
      [1, dayOf(28)],
      [2, dayOf(6)],
    ]);
    for (const lang of Object.keys(t.languages)) {
      // Only where the seed changed done segments are there points; those with work have many.
      expect(counts(t.languages[lang].at(-1))).toEqual(counts(before.languages[lang].at(-1)));
      expect(counts(t.languages[lang].at(-1))).toEqual(await progressNow('statement', lang));
    }
    expect(t.languages.ko.length).toBeGreaterThan(8);
    // Each translation's history keeps its order; nothing else changed.
    const disorder = await db.query(
      `SELECT 1 FROM (SELECT created_at < lag(created_at) OVER (PARTITION BY segment_id, lang ORDER BY version) AS back FROM translation_events) x WHERE back`,
    );
    expect(disorder.rows).toEqual([]);
    expect((await checkConsistency(db)).problems).toEqual([]);
  });

  test('an unknown document is a 404 and changes nothing; signed-out callers get 401', async () => {
    const hash = await hashAllTables(db);
    const missing = await request(app).get('/api/documents/nope/progress/timeline').set(auth(coord));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('document_not_found');
    const anonymous = await request(app).get('/api/documents/timeline/progress/timeline');
    expect(anonymous.status).toBe(401);
    expect(await hashAllTables(db)).toBe(hash);
  });
});
